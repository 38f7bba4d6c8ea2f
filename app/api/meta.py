"""The API's own description."""

from flask import jsonify, request

from app.api import bp
from app.api.openapi import openapi_document


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document of this API (public: it holds no data)."""
    return jsonify(openapi_document(request.script_root + "/api/v1"))

"""The API's own description."""

from flask import jsonify, request

from app.api.openapi import openapi_document, operation


@operation(
    "GET",
    "/openapi.json",
    summary="Dette dokument",
    responses={200: ("OpenAPI-dokumentet", None)},
    public=True,
)
def openapi():
    """The OpenAPI document of this API (public: it holds no data)."""
    return jsonify(openapi_document(request.script_root + "/api/v1"))

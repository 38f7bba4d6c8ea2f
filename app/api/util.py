"""Helpers for API views."""

from __future__ import annotations

from flask import g, request
from werkzeug.exceptions import BadRequest

from app.models import User
from app.text import clean_data


def api_user() -> User:
    """The authenticated caller of this API request."""
    return g.api_user


def json_body() -> dict:
    """The request's JSON object; a clear 400 for anything else."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest(
            "Forventede et JSON-objekt i forespørgslen (Content-Type: application/json)."
        )
    return clean_data(data)

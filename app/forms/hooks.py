"""Request hooks of the definitions registry."""

from __future__ import annotations

from flask import Flask, request

from app.forms.definitions import ensure_forms


def init_app(app: Flask) -> None:
    """Store new built-in form versions at the start of a request, before any writes."""

    @app.before_request
    def _sync_builtin_forms() -> None:
        if request.endpoint != "static":
            ensure_forms()

"""Error pages for people and JSON errors for the API; never a traceback to the client."""

from __future__ import annotations

import logging
import traceback

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """True for API requests, which always get JSON errors."""
    return request.path.startswith("/api/")


def _message(code: int, default: str) -> str:
    """A plain-language explanation of an HTTP error."""
    messages = {
        400: _("Forespørgslen kunne ikke forstås. Gå tilbage og prøv igen."),
        401: _("Du skal være logget ind."),
        403: _("Du har ikke adgang til dette."),
        404: _("Siden findes ikke, eller du har ikke adgang til den."),
        405: _("Den handling er ikke tilladt her."),
        409: _("Nogen har gemt ændringer i mellemtiden."),
        413: _("Filen er for stor."),
        422: _("Oplysningerne kunne ikke godkendes."),
        429: _("For mange forsøg. Vent et minut, og prøv igen."),
        500: _("Der skete en fejl hos os. Prøv igen om lidt."),
    }
    return messages.get(code, default)


def error_response(code: int, message: str | None = None, **extra):
    """Render an error as JSON (API) or as the error page (web)."""
    message = message or _message(code, "")
    if wants_json():
        body = {"error": message, **extra}
        return jsonify(body), code
    template = f"errors/{code}.html" if code in (403, 404, 500) else "errors/generic.html"
    return render_template(template, code=code, message=message), code


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError):
        message = _(
            "Formularen kunne ikke sendes, fordi sikkerhedsnøglen manglede eller var udløbet. "
            "Genindlæs siden, og prøv igen."
        )
        return error_response(400, message)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code == 429:
            return error_response(429)
        return error_response(error.code or 500, _message(error.code or 500, error.description))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        # Log the type and the frames, not the message or request data: an exception's
        # message can quote what the user typed (case text, CPR numbers).
        log.error(
            "Unhandled %s on %s %s\n%s",
            type(error).__name__,
            request.method,
            request.url_rule,
            "".join(traceback.format_tb(error.__traceback__)),
        )
        db.session.rollback()
        return error_response(500, _message(500, InternalServerError.description))

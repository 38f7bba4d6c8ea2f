"""JSON API under /api/v1: Bearer token or logged-in session, the same rights as the UI."""

from __future__ import annotations

from flask import Blueprint, g, request
from flask_babel import gettext as _
from flask_login import current_user

from app.api.util import ApiError, RequestInvalid
from app.auth import services as auth
from app.extensions import csrf, db
from app.web.errors import error_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Token requests carry no cookie, so CSRF cannot apply; session requests are checked below.
csrf.exempt(bp)

_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def authenticate():
    """Resolve the caller from the Bearer token, else from the browser session.

    Called by every operation that is not public (see ``openapi.operation``), before its
    handler: None when the caller is known (``g.api_user``), else the 401 answer. A token's
    use is recorded here, at most once a minute, in its own commit before the handler runs,
    so it never mixes with the handler's unit of work.
    """
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _space, raw = header.partition(" ")
        token = auth.token_for(raw.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            return error_response(401, _("Manglende, ugyldig eller tilbagekaldt API-nøgle."))
        if auth.record_token_use(token):
            db.session.commit()
        g.api_user = token.user
        return None
    if current_user.is_authenticated:
        if request.method in _UNSAFE:
            csrf.protect()  # a browser session must prove the request came from our pages
        g.api_user = current_user._get_current_object()
        return None
    return error_response(
        401, _("Log ind eller send en API-nøgle (Authorization: %(header)s).", header="Bearer …")
    )


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    """An error a helper raised (a form that is not there, a format we do not make)."""
    return error_response(error.code, error.message)


@bp.errorhandler(RequestInvalid)
def _request_invalid(error: RequestInvalid):
    """A body or query that does not fit its model: 422 with messages by path."""
    return error_response(422, error.message, errors=error.errors)


from app.api import (  # noqa: E402,F401  (routes register on bp)
    cases,
    dashboards,
    decisions,
    documents,
    forms,
    funding,
    meetings,
    meta,
    wheel,
)

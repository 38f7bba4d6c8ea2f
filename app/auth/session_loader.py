"""Connect Flask-Login to the server-side login sessions (idle timeout, real logout).

A login session is a row (opened at login, ended by logout, a new password or
deactivation) and a signed cookie holding its random id and the time this browser was
last seen. The idle clock lives in the cookie, which the secret key signs, so a stolen
cookie older than the idle timeout is refused, and an ordinary request only reads the
database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask, current_app, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from app.auth import services
from app.database import utcnow
from app.extensions import login_manager

#: Session key: when this browser was last seen (seconds since the epoch, UTC).
SEEN = "seen"
#: The cookie's clock moves at most this often, so not every answer sets a new cookie.
_TOUCH_INTERVAL = timedelta(seconds=60)


def mark_seen(now: datetime | None = None) -> None:
    """Start or move the idle clock of this browser's session."""
    session[SEEN] = int((now or utcnow()).timestamp())


def open_login(user, id_token: str | None = None) -> None:
    """Log the user in on this browser: a fresh cookie (no fixation; the language choice
    stays), a new server-side session, the idle clock started."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session["sid"] = services.start_session(user, id_token)
    mark_seen()
    login_user(user)


def close_login() -> str | None:
    """End this browser's login (server side and cookie; the language choice stays); the
    ID token of an OIDC sign-in, for the provider's sign-out."""
    id_token = services.end_session(session.get("sid"))
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return id_token


def last_seen() -> datetime | None:
    """When this browser was last seen, from its session cookie (None: never)."""
    value = session.get(SEEN)
    if not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def init_app(app: Flask) -> None:
    """Configure Flask-Login and check the login session at the start of every request."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log ind for at se siden.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def _load_user(user_id: str):
        idle = timedelta(minutes=current_app.config["IDLE_TIMEOUT_MINUTES"])
        now = utcnow()
        seen = last_seen()
        user = services.resume_session(user_id, session.get("sid"), seen, idle, now)
        if user is not None and (seen is None or now - seen > _TOUCH_INTERVAL):
            mark_seen(now)
        return user

    @app.before_request
    def _resolve_user() -> None:
        # Resolve the user before the view runs (reads only), and drop the content of a
        # cookie whose login ended or idled out.
        if "_user_id" in session and not current_user.is_authenticated:
            session.clear()

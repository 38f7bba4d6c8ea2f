"""Connect Flask-Login to the server-side login sessions (idle timeout, real logout)."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth import services
from app.extensions import db, login_manager


def init_app(app: Flask) -> None:
    """Configure Flask-Login and check the login session at the start of every request."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log ind for at se siden.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def _load_user(user_id: str):
        idle = timedelta(minutes=current_app.config["IDLE_TIMEOUT_MINUTES"])
        return services.resume_session(user_id, session.get("sid"), idle)

    @app.before_request
    def _resolve_user() -> None:
        # Resolve the user before the view runs, so the session bookkeeping is committed
        # on its own and never mixed with the view's own unit of work.
        if "_user_id" in session and not current_user.is_authenticated:
            session.clear()  # ended or idled out: drop the stale cookie content
        if db.session.dirty:
            db.session.commit()

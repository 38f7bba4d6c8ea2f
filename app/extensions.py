"""Flask extensions, created here and bound to the app in create_app."""

from collections.abc import Callable

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from app.database import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Only routes that opt in (the login form, token addresses) are limited; no global default.
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def limit_refused_tokens(setting: str, default: str) -> Callable:
    """A limit per client address on an address whose token is the credential (a family
    link, a calendar feed): only refused tokens (404) count, so guessing is slow while a
    working token is never limited. ``setting`` names the configured limit."""
    return limiter.limit(
        lambda: current_app.config.get(setting, default),
        deduct_when=lambda response: response.status_code == 404,
    )

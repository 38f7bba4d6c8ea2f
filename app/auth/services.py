"""Authentication: passwords, browser login sessions and API tokens.

Plain functions that take plain data and only flush; the caller commits.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.database import utcnow
from app.extensions import db
from app.models import ApiToken, LoginSession, Role, User
from app.models.user import hash_secret
from app.text import clean_text

MIN_PASSWORD_LENGTH = 10
TOKEN_PREFIX = "eig_"  # noqa: S105 (a marker that makes leaked tokens greppable)
# Hashed once so that a login for an unknown e-mail costs as much as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
# An API token's last use is written at most this often, not on every request.
_TOUCH_INTERVAL = timedelta(seconds=60)


class UserError(ValueError):
    """A user-facing problem with an account operation (message is shown as is)."""


def normalize_email(email: str) -> str:
    """Trim and lower-case an e-mail address for storage and look-up."""
    return clean_text(email or "").strip().lower()


def find_user(email: str) -> User | None:
    """The user with this e-mail (case-insensitive), or None."""
    email = normalize_email(email)
    if not email:
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


def authenticate(email: str, password: str) -> User | None:
    """Return the active user for these credentials, or None, in the same time either way.
    A user without a password (one who signs in through the identity provider) never."""
    user = find_user(email)
    if user is None or not user.has_password:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


def validate_password(password: str) -> None:
    """Raise UserError when a new password is too weak."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"Adgangskoden skal have mindst {MIN_PASSWORD_LENGTH} tegn.")


def create_user(email: str, name: str, role: str, password: str | None) -> User:
    """Create a user; raises UserError for a taken e-mail, unknown role or weak password.
    ``password=None`` makes a user who signs in only through the identity provider."""
    email = normalize_email(email)
    if not email or "@" not in email:
        raise UserError("Angiv en gyldig e-mailadresse.")
    if role not in {r.value for r in Role}:
        raise UserError(f"Ukendt rolle: {role}.")
    if find_user(email) is not None:
        raise UserError("Der findes allerede en bruger med den e-mailadresse.")
    if password is not None:
        validate_password(password)
    user = User(email=email, name=(name or "").strip() or email, role=role)
    if password is not None:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """Give the user a new password and end all their browser sessions and API tokens (a
    new password is what one sets after a leak: what the old one opened stops at once)."""
    validate_password(password)
    user.set_password(password)
    end_all_sessions(user)
    revoke_all_tokens(user)


def set_active(user: User, active: bool) -> None:
    """Activate or deactivate a user; deactivation ends sessions and revokes tokens."""
    user.active = active
    if not active:
        end_all_sessions(user)
        revoke_all_tokens(user)
    db.session.flush()


def revoke_all_tokens(user: User) -> None:
    """Revoke every API token of the user still in use."""
    now = utcnow()
    for token in user.tokens:
        if token.revoked_at is None:
            token.revoked_at = now
    db.session.flush()


def start_session(user: User, id_token: str | None = None) -> str:
    """Open a server-side login session and return its random id for the cookie; an OIDC
    sign-in keeps the provider's ID token for the sign-out there."""
    sid = secrets.token_urlsafe(32)
    db.session.add(LoginSession(sid_hash=hash_secret(sid), user_id=user.id, id_token=id_token))
    user.last_login_at = utcnow()
    db.session.flush()
    return sid


def resume_session(
    user_id: str,
    sid: str | None,
    last_seen: datetime | None,
    idle: timedelta,
    now: datetime | None = None,
) -> User | None:
    """The user of a live login session, or None when it ended, idled out or is not theirs.

    `last_seen` is when this browser was last seen, as kept in its signed session cookie
    (None: never). Reads only: a request that resumes a session writes nothing.
    """
    if not sid or not user_id or last_seen is None:
        return None
    now = now or utcnow()
    if now - last_seen > idle:
        return None
    login = db.session.scalar(select(LoginSession).where(LoginSession.sid_hash == hash_secret(sid)))
    if login is None or login.ended_at is not None or str(login.user_id) != str(user_id):
        return None
    if not login.user.active:
        return None
    return login.user


def end_session(sid: str | None) -> str | None:
    """End one login session (logout); the ID token of an OIDC sign-in, for the provider's
    sign-out (it is wiped here), else None."""
    if not sid:
        return None
    login = db.session.scalar(select(LoginSession).where(LoginSession.sid_hash == hash_secret(sid)))
    if login is None or login.ended_at is not None:
        return None
    id_token, login.id_token = login.id_token, None
    login.ended_at = utcnow()
    db.session.flush()
    return id_token


def end_all_sessions(user: User) -> None:
    """End every open login session of the user."""
    now = utcnow()
    for login in db.session.scalars(
        select(LoginSession).where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
    ):
        login.ended_at, login.id_token = now, None
    db.session.flush()


def token_days() -> int:
    """How long a new API token lives (ENINDGANG_API_TOKEN_DAYS; a product default of 365
    days the municipality may change, not a rule of law)."""
    return int(current_app.config.get("API_TOKEN_DAYS", 365))


def create_token(user: User, name: str = "", days: int | None = None) -> str:
    """Create a personal API token that expires after ``days`` (default ``token_days()``);
    only its hash is stored, the token is returned once."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    lifetime = days if days is not None else token_days()
    db.session.add(
        ApiToken(
            user_id=user.id,
            token_hash=hash_secret(raw),
            prefix=raw[:12],
            name=name.strip()[:100],
            expires_at=utcnow() + timedelta(days=lifetime),
        )
    )
    db.session.flush()
    return raw


def tokens_of(user: User) -> list[ApiToken]:
    """The user's own tokens, newest first (revoked and expired ones too)."""
    query = select(ApiToken).where(ApiToken.user_id == user.id)
    return list(db.session.scalars(query.order_by(ApiToken.created_at.desc(), ApiToken.id)))


def own_token(user: User, token_id: int) -> ApiToken | None:
    """One of the user's own tokens (None for another's: nobody revokes someone else's)."""
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def token_for(raw: str) -> ApiToken | None:
    """The unrevoked token of an active user matching this raw token, or None. Reads only."""
    if not raw or len(raw) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(raw)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    if token.expires_at is not None and token.expires_at <= utcnow():
        return None
    return token


def record_token_use(token: ApiToken, now: datetime | None = None) -> bool:
    """Note that the token was used (at most once a minute); True when there is a change."""
    now = now or utcnow()
    if token.last_used_at is not None and now - token.last_used_at <= _TOUCH_INTERVAL:
        return False
    token.last_used_at = now
    db.session.flush()
    return True


def revoke_token(token: ApiToken) -> None:
    """Revoke a token; it is refused from then on."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()

"""Users, their API tokens and their server-side login sessions."""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.database import UTCDateTime, utcnow
from app.extensions import db


class Role(enum.StrEnum):
    """The roles of docs/domain/README.md ("Users"); the value is stored."""

    ADMIN = "admin"
    LEADER = "leader"
    COORDINATOR = "coordinator"
    CONTROLLER = "controller"
    # Staff from other departments (school, PPR, health visitor, job centre, ...) who only take
    # part in cases: they see the cases whose core team they are on, never the funding, and
    # the family's content only under the consent gate (app/consent).
    MEMBER = "member"


def hash_secret(secret: str) -> str:
    """SHA-256 of a high-entropy random secret (tokens, session ids); never for passwords."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class User(UserMixin, db.Model):
    """A person who logs in: coordinator, leader, controller, administrator or team member."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    # None: the user signs in only through the municipality's identity provider (OIDC).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # "<issuer> <sub>" of the identity provider's account, once the user has signed in there.
    oidc_subject: Mapped[str | None] = mapped_column(String(512), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    department: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    def set_password(self, password: str) -> None:
        """Hash and store a new password with the configured method (scrypt by default)."""
        method = (
            current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if current_app else "scrypt"
        )
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash (never for a user without one)."""
        if not self.password_hash:
            return False
        return check_password_hash(self.password_hash, password)

    @property
    def has_password(self) -> bool:
        """False for a user who signs in only through the identity provider."""
        return bool(self.password_hash)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        """Deactivated users cannot log in or use tokens."""
        return self.active

    def has_role(self, *roles: Role | str) -> bool:
        """True when the user's role is one of the given roles."""
        return self.role in {str(role) for role in roles}

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class ApiToken(db.Model):
    """A personal API token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # None only for tokens made before tokens expired (the migration gives them a year).
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")

    @property
    def is_revoked(self) -> bool:
        """True once the token has been revoked."""
        return self.revoked_at is not None


class LoginSession(db.Model):
    """A browser login. The cookie holds a random id; logout, a new password or deactivation
    ends the row. The idle clock lives in the signed session cookie (app/auth/session_loader),
    so an ordinary request only reads this row."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    sid_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The identity provider's ID token of an OIDC sign-in, sent back as the hint when the
    # user signs out there too; wiped when the session ends.
    id_token: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship()

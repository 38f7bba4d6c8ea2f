"""User administration: change role, (de)activate, reset password; caller commits."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.audit import record_event
from app.auth import services as auth
from app.auth.services import UserError
from app.extensions import db
from app.models import MunicipalitySettings, Role, User


def list_users() -> list[User]:
    """All users, active first, by name."""
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.name)))


def _active_admins() -> int:
    """How many active administrators there are."""
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)
    )


def _guard_last_admin(admin: User, target: User) -> None:
    """Never leave the installation without an active administrator."""
    if target.role == Role.ADMIN and target.active and _active_admins() <= 1:
        raise UserError(_("Der skal altid være mindst én aktiv administrator."))
    if target.id == admin.id:
        raise UserError(_("Du kan ikke ændre din egen rolle eller deaktivere dig selv."))


def add_user(admin: User, email: str, name: str, role: str, password: str, ip=None) -> User:
    """Create a user on an administrator's behalf."""
    user = auth.create_user(email, name, role, password)
    record_event(
        "user_created",
        actor=admin,
        object_type="user",
        object_id=user.id,
        ip=ip,
        details={"role": role},
    )
    return user


def change_role(admin: User, target: User, role: str, ip=None) -> None:
    """Give a user another role."""
    if role not in {r.value for r in Role}:
        raise UserError(_("Ukendt rolle: %(role)s.", role=role))
    if role == target.role:
        return
    _guard_last_admin(admin, target)
    old = target.role
    target.role = role
    auth.end_all_sessions(target)  # new rights take effect at the next login
    record_event(
        "user_role_changed",
        actor=admin,
        object_type="user",
        object_id=target.id,
        ip=ip,
        details={"from": old, "to": role},
    )


def set_active(admin: User, target: User, active: bool, ip=None) -> None:
    """Deactivate (ending sessions and tokens) or reactivate a user."""
    if not active:
        _guard_last_admin(admin, target)
    auth.set_active(target, active)
    record_event(
        "user_activated" if active else "user_deactivated",
        actor=admin,
        object_type="user",
        object_id=target.id,
        ip=ip,
    )


def reset_password(admin: User, target: User, password: str, ip=None) -> None:
    """Set a new password for a user and end their sessions."""
    auth.set_password(target, password)
    record_event("user_password_reset", actor=admin, object_type="user", object_id=target.id, ip=ip)


MAX_LOGO_BYTES = 1024 * 1024
_LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def logo_mimetype(data: bytes) -> str:
    """The image type of an uploaded logo from its first bytes; UserError if not PNG/JPEG."""
    if len(data) > MAX_LOGO_BYTES:
        raise UserError(_("Logoet må højst fylde 1 MB."))
    for signature, mimetype in _LOGO_SIGNATURES.items():
        if data.startswith(signature):
            return mimetype
    raise UserError(_("Logoet skal være en PNG- eller JPEG-fil."))


def get_settings() -> MunicipalitySettings:
    """The municipality's settings row, created empty on first use."""
    settings = db.session.scalar(select(MunicipalitySettings).limit(1))
    if settings is None:
        settings = MunicipalitySettings(name="")
        db.session.add(settings)
        db.session.flush()
    return settings


def update_settings(admin: User, name: str, logo: bytes | None, remove_logo: bool, ip=None):
    """Change the municipality's name and logo (validated before anything is stored)."""
    mimetype = logo_mimetype(logo) if logo else None
    settings = get_settings()
    settings.name = name.strip()
    if remove_logo:
        settings.logo, settings.logo_mimetype = None, None
    elif logo:
        settings.logo, settings.logo_mimetype = logo, mimetype
    db.session.flush()
    record_event(
        "settings_changed",
        actor=admin,
        object_type="municipality_settings",
        object_id=settings.id,
        ip=ip,
    )
    return settings

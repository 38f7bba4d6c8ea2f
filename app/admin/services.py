"""User administration: change role, (de)activate, reset password; caller commits."""

from __future__ import annotations

from io import BytesIO

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from sqlalchemy import func, select

from app import audit
from app.auth import services as auth
from app.auth.services import UserError
from app.extensions import db
from app.goals.criteria import clean_choice
from app.models import MunicipalitySettings, Role, User
from app.models.settings import CASELOAD_THRESHOLD_MAX, CASELOAD_THRESHOLD_MIN
from app.vocabularies.services import get_vocabulary


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


def add_user(admin: User, email: str, name: str, role: str, password: str | None) -> User:
    """Create a user on an administrator's behalf (no password: signs in through OIDC)."""
    user = auth.create_user(email, name, role, password)
    audit.record("user_created", user, actor=admin, role=role)
    return user


def change_role(admin: User, target: User, role: str) -> None:
    """Give a user another role."""
    if role not in {r.value for r in Role}:
        raise UserError(_("Ukendt rolle: %(role)s.", role=role))
    if role == target.role:
        return
    _guard_last_admin(admin, target)
    old = target.role
    target.role = role
    auth.end_all_sessions(target)  # new rights take effect at the next login
    audit.record("user_role_changed", target, actor=admin, **{"from": old, "to": role})


def set_active(admin: User, target: User, active: bool) -> None:
    """Deactivate (ending sessions and tokens) or reactivate a user."""
    if not active:
        _guard_last_admin(admin, target)
    auth.set_active(target, active)
    audit.record("user_activated" if active else "user_deactivated", target, actor=admin)


def reset_password(admin: User, target: User, password: str) -> None:
    """Set a new password for a user and end their sessions."""
    auth.set_password(target, password)
    audit.record("user_password_reset", target, actor=admin)


MAX_LOGO_BYTES = 1024 * 1024
#: A logo larger than this many pixels is refused before it is decoded (a decompression bomb
#: can hide millions of pixels in a few kilobytes).
MAX_LOGO_PIXELS = 4000 * 4000
_LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def clean_logo(data: bytes) -> tuple[bytes, str]:
    """An uploaded logo decoded and encoded again: (the new bytes, their image type).

    Checking the first bytes is not enough: a truncated or corrupt PNG passed that check and
    then made every Word and PDF document of the municipality fail. Decoding the whole image
    proves it is one; encoding it again drops whatever else the file carried (metadata,
    trailing data). UserError with the reason otherwise."""
    if len(data) > MAX_LOGO_BYTES:
        raise UserError(_("Logoet må højst fylde 1 MB."))
    try:
        with Image.open(BytesIO(data)) as image:
            kind = image.format
            if kind not in _LOGO_FORMATS:
                raise UserError(_("Logoet skal være en PNG- eller JPEG-fil."))
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise UserError(_("Logoet er for stort: højst 4000 × 4000 punkter."))
            image.load()  # decodes every pixel: a truncated file fails here
            out = BytesIO()
            if kind == "PNG":
                image.save(out, format="PNG")
            else:
                image.convert("RGB").save(out, format="JPEG", quality=92)
    except UserError:
        raise
    except UnidentifiedImageError:
        raise UserError(_("Logoet skal være en PNG- eller JPEG-fil.")) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise UserError(
            _("Logoet kunne ikke læses som et billede. Gem det igen som PNG eller JPEG.")
        ) from None
    return out.getvalue(), _LOGO_FORMATS[kind]


def get_settings() -> MunicipalitySettings:
    """The municipality's settings row, created empty on first use."""
    settings = db.session.scalar(select(MunicipalitySettings).limit(1))
    if settings is None:
        settings = MunicipalitySettings(name="")
        db.session.add(settings)
        db.session.flush()
    return settings


def update_joint_funding_criteria(admin: User, items: list[dict]) -> MunicipalitySettings:
    """Store the municipality's joint-funding criteria (already checked by app.funding)."""
    settings = get_settings()
    settings.joint_funding_criteria = items
    db.session.flush()
    audit.record("settings_changed", settings, actor=admin, criteria=len(items))
    return settings


def update_settings(
    admin: User,
    name: str,
    logo: bytes | None,
    remove_logo: bool,
    accessibility_url: str | None = None,
):
    """Change the municipality's name, logo and accessibility statement link (validated
    before anything is stored; an empty link means the app's own statement page)."""
    cleaned, mimetype = clean_logo(logo) if logo else (None, None)
    settings = get_settings()
    settings.name = name.strip()
    settings.accessibility_statement_url = (accessibility_url or "").strip() or None
    if remove_logo:
        settings.logo, settings.logo_mimetype = None, None
    elif cleaned:
        settings.logo, settings.logo_mimetype = cleaned, mimetype
    db.session.flush()
    audit.record("settings_changed", settings, actor=admin)
    return settings


def set_smarte_criteria(admin: User, chosen: list[str]) -> MunicipalitySettings:
    """Store which criteria a final SMARTE plan needs; ValueError for an unknown one."""
    settings = get_settings()
    settings.smarte_final_criteria = clean_choice(chosen)
    db.session.flush()
    audit.record("settings_changed", settings, actor=admin, part="smarte_criteria")
    return settings


def check_caseload_threshold(value: object) -> int:
    """A caseload threshold typed or sent: a whole number in the allowed range (ValueError)."""
    if isinstance(value, bool):
        raise ValueError(value)
    number = int(value.strip()) if isinstance(value, str) and value.strip().isdigit() else value
    if not isinstance(number, int) or not (
        CASELOAD_THRESHOLD_MIN <= number <= CASELOAD_THRESHOLD_MAX
    ):
        raise ValueError(value)
    return number


def set_caseload_threshold(admin: User, threshold: int | None) -> MunicipalitySettings:
    """Store the municipality's caseload threshold (None: the product default)."""
    settings = get_settings()
    settings.caseload_threshold = threshold
    db.session.flush()
    audit.record("settings_changed", settings, actor=admin, part="caseload_threshold")
    return settings


def set_department(admin: User, target: User, key: str) -> bool:
    """An administrator sets a user's department (a ``departments`` vocabulary key; "" clears
    it). Only administrators may: the consent gate depends on it. True when it changed."""
    key = (key or "").strip()
    known = {item["value"] for item in get_vocabulary("departments") or []}
    if key and key not in known:
        raise UserError(_("Vælg en afdeling fra listen."))
    value = key or None
    if target.department == value:
        return False
    target.department = value
    audit.record("user_department_changed", target, actor=admin, department=value)
    return True


def set_consent_gate(admin: User, on: bool, basis: str) -> MunicipalitySettings:
    """Turn the consent gate on or off; off needs the legal basis the municipality records
    for sharing without consent (shown on every case). UserError when it is missing."""
    basis = " ".join((basis or "").split())[:2000]
    if not on and not basis:
        raise UserError(
            _("Skriv det retlige grundlag, kommunen deler oplysninger på uden samtykke.")
        )
    settings = get_settings()
    settings.consent_gate, settings.consent_legal_basis = on, basis
    db.session.flush()
    audit.record("settings_changed", settings, actor=admin, part="consent_gate", consent_gate=on)
    return settings

"""A user's name and phone number: the person edits their own, an administrator anyone's.

The phone is what the family's plan prints beside the coordinator and the core team, so it
is checked to be a phone number (digits with the usual separators) and stored as typed.
Plain functions that flush; the caller commits.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from app import audit
from app.auth.services import UserError
from app.models import User
from app.text import clean_text

PHONE_MAX = 40  # users.phone is String(40)
NAME_MAX = 200  # users.name is String(200)
MIN_DIGITS, MAX_DIGITS = 8, 15  # a Danish number has 8; E.164 allows at most 15
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")


def clean_phone(value: str | None) -> str | None:
    """The phone number as it will be stored (spaces collapsed), None when empty; UserError
    with a message for the person when it is not a phone number."""
    text = " ".join(clean_text(value or "").split())
    if not text:
        return None
    digits = sum(ch.isdigit() for ch in text)
    if len(text) > PHONE_MAX or not _PHONE_CHARACTERS.match(text):
        raise UserError(
            _("Skriv telefonnummeret med tal, fx »12 34 56 78« eller »+45 12 34 56 78«.")
        )
    if not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise UserError(
            _(
                "Et telefonnummer har mellem %(least)d og %(most)d cifre.",
                least=MIN_DIGITS,
                most=MAX_DIGITS,
            )
        )
    return text


def clean_name(value: str | None) -> str:
    """A person's name as stored; UserError when it is empty or too long."""
    text = " ".join(clean_text(value or "").split())
    if not text:
        raise UserError(_("Skriv dit navn."))
    if len(text) > NAME_MAX:
        raise UserError(_("Navnet må højst have %(n)d tegn.", n=NAME_MAX))
    return text


def update_own_profile(user: User, name: str, phone: str | None) -> list[str]:
    """Change the user's own name and phone; the names of the fields that changed."""
    new = {"name": clean_name(name), "phone": clean_phone(phone)}
    changed = [key for key, value in new.items() if getattr(user, key) != value]
    for key in changed:
        setattr(user, key, new[key])
    if changed:
        audit.record("user_profile_changed", user, actor=user, fields=changed)
    return changed


def set_phone(admin: User, target: User, phone: str | None) -> bool:
    """An administrator sets a user's phone; True when it changed."""
    value = clean_phone(phone)
    if target.phone == value:
        return False
    target.phone = value
    audit.record("user_phone_changed", target, actor=admin, fields=["phone"])
    return True

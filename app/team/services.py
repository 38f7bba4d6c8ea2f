"""Team roles and external partners: plain data in, models out; they flush, the caller commits.

External partners are contact rows on the case (organisation, role, name, phone, e-mail). They
never get a user account and cannot log in: nothing here creates a User, and a partner's
e-mail is not looked up among the users.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from app import audit
from app.cpr import looks_like_cpr
from app.database import utcnow
from app.extensions import db
from app.models import Case, CaseMember, CasePartner, User
from app.text import clean_text
from app.vocabularies.services import load_vocabularies

ORGANISATION_MAX, NAME_MAX, PHONE_MAX, EMAIL_MAX, NOTE_MAX = 200, 200, 40, 254, 100
PARTNER_FIELDS = ("organisation", "role", "name", "phone", "email")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-\s]*$")


def role_items() -> list[dict[str, Any]]:
    """The ``roles`` vocabulary (the municipality's list where it has one)."""
    return load_vocabularies().get("roles", [])


def role_choices(chosen: str = "") -> list[tuple[str, str]]:
    """(key, label) of the team roles a picker offers (retired ones only when chosen)."""
    return [
        (i["value"], i["label"])
        for i in role_items()
        if not i.get("retired") or i["value"] == chosen
    ]


def role_label(key: str) -> str:
    """The label of a team role key ("" for none, the key itself when unknown)."""
    return next((i["label"] for i in role_items() if i["value"] == key), key)


def member_role_text(member: CaseMember) -> str:
    """A membership's role as people read it: the role's label and the note beside it."""
    parts = [role_label(member.team_role) if member.team_role else "", member.team_note]
    return " – ".join(p for p in parts if p)


def check_role(key: object, note: object) -> tuple[str, str, dict[str, list[str]]]:
    """(role key, note, errors) of a posted team role and note."""
    key = key.strip() if isinstance(key, str) else ""
    note = " ".join(clean_text(note).split()) if isinstance(note, str) else ""
    errors: dict[str, list[str]] = {}
    # A role is posted by its key; its label is accepted too (older clients typed the text).
    offered = {label.casefold(): value for value, label in role_choices(key)}
    offered.update({value.casefold(): value for value in offered.values()})
    if key and key.casefold() not in offered:
        errors["team_role"] = [_("Vælg en rolle fra listen.")]
    key = offered.get(key.casefold(), "")
    if len(note) > NOTE_MAX:
        errors["team_note"] = [_("Noten må højst have %(max)s tegn.", max=NOTE_MAX)]
    elif looks_like_cpr(note):
        errors["team_note"] = [_("Skriv ikke CPR-numre her.")]
    return key, note, errors


def check_partner(data: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(clean values, errors by field) of a posted external partner."""
    values = {
        name: clean_text(data.get(name), unify_newlines=True).strip()
        if isinstance(data.get(name), str)
        else ""
        for name in PARTNER_FIELDS
    }
    errors: dict[str, list[str]] = {}

    def problem(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not values["organisation"]:
        problem("organisation", _("Skriv partnerens organisation."))
    if not values["name"]:
        problem("name", _("Skriv partnerens navn."))
    if values["role"] and values["role"] not in {v for v, _label in role_choices(values["role"])}:
        problem("role", _("Vælg en rolle fra listen."))
    limits = {"organisation": ORGANISATION_MAX, "name": NAME_MAX}
    for name, limit in limits.items():
        if len(values[name]) > limit:
            problem(name, _("Højst %(max)s tegn.", max=limit))
    if len(values["phone"]) > PHONE_MAX or not _PHONE.match(values["phone"]):
        problem("phone", _("Skriv telefonnummeret med tal, fx 12 34 56 78."))
    if values["email"] and (len(values["email"]) > EMAIL_MAX or not _EMAIL.match(values["email"])):
        problem("email", _("Skriv en gyldig e-mailadresse."))
    for name in PARTNER_FIELDS:
        if looks_like_cpr(values[name]):
            problem(name, _("Skriv ikke CPR-numre her."))
    return values, errors


class TeamError(ValueError):
    """A team change that cannot be stored; messages keyed by field, shown to the user."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def add_partner(actor: User, case: Case, data: Mapping[str, Any]) -> CasePartner:
    """Put an external partner on the case's core team (no login); TeamError on bad data."""
    values, errors = check_partner(data)
    if errors:
        raise TeamError(errors)
    partner = CasePartner(**values)
    case.partners.append(partner)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("case_partner_added", case, actor=actor, partner_id=partner.id)
    return partner


def remove_partner(actor: User, case: Case, partner_id: int) -> None:
    """Take an external partner off the core team; TeamError when not this case's."""
    partner = next((p for p in case.partners if p.id == partner_id), None)
    if partner is None:
        raise TeamError({"partner": [_("Partneren er ikke på kerneteamet.")]})
    case.partners.remove(partner)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("case_partner_removed", case, actor=actor, partner_id=partner_id)


def set_member_role(actor: User, case: Case, member_id: int, key: object, note: object) -> None:
    """Change a core-team member's role and note; TeamError on bad input."""
    member = next((m for m in case.members if m.id == member_id), None)
    if member is None:
        raise TeamError({"member": [_("Personen er ikke på kerneteamet.")]})
    key, note, errors = check_role(key, note)
    if errors:
        raise TeamError(errors)
    member.team_role, member.team_note = key, note
    case.updated_at = utcnow()
    db.session.flush()
    audit.record(
        "case_member_role_changed", case, actor=actor, user_id=member.user_id, team_role=key or None
    )


def vocabulary_usages(vocabulary: str, key: str, limit: int = 10) -> list[str]:
    """Where a team role or department key is in use (a usage finder for the vocabulary
    editor): core-team memberships and partners (roles), users (departments)."""
    from sqlalchemy import select

    if limit <= 0:
        return []
    if vocabulary == "roles":
        refs = db.session.scalars(
            select(Case.reference)
            .where(
                Case.members.any(CaseMember.team_role == key)
                | Case.partners.any(CasePartner.role == key)
            )
            .order_by(Case.reference)
            .limit(limit)
        )
        return [_("sag %(reference)s: kerneteamet", reference=ref) for ref in refs]
    if vocabulary == "departments":
        emails = db.session.scalars(
            select(User.email).where(User.department == key).order_by(User.email).limit(limit)
        )
        return [_("bruger %(email)s: afdeling", email=email) for email in emails]
    return []

"""Family members of a case: plain data in, models out; they flush and the caller commits.

A family member has a name, a relation and how to reach them (phone, e-mail, a short note).
No field may hold a CPR number: text that looks like one is refused with a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import audit
from app.cpr import looks_like_cpr
from app.database import utcnow
from app.extensions import db
from app.models import Case, FamilyMember, Relation, User
from app.text import clean_text

NAME_MAX, PHONE_MAX, EMAIL_MAX, NOTES_MAX = 200, 40, 254, 500
FIELDS = ("name", "relation", "phone", "email", "notes")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-\s]*$")

RELATION_LABELS = {
    Relation.CHILD: _l("Barnet"),
    Relation.MOTHER: _l("Mor"),
    Relation.FATHER: _l("Far"),
    Relation.PARENT: _l("Anden forælder eller omsorgsperson"),
    Relation.SIBLING: _l("Søskende"),
    Relation.OTHER: _l("Andet familiemedlem"),
}
# Danish labels for documents and the goal sheet's owner list (Word documents are Danish).
RELATION_LABELS_DA = {
    Relation.CHILD: "barnet",
    Relation.MOTHER: "mor",
    Relation.FATHER: "far",
    Relation.PARENT: "forælder",
    Relation.SIBLING: "søskende",
    Relation.OTHER: "familie",
}
#: Who may own a goal on the goal sheet: the child and the parents (not siblings).
OWNER_RELATIONS = frozenset({Relation.CHILD, Relation.MOTHER, Relation.FATHER, Relation.PARENT})
#: How a family member is chosen in a `person` field: "familie-<id>" (staff are "<user id>").
PERSON_PREFIX = "familie-"


class FamilyError(ValueError):
    """Family content that cannot be stored (a member, a reading of the family's goals),
    messages keyed by field name; they are shown to the user."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def relation_choices() -> list[tuple[str, str]]:
    """(value, translated label) of every relation, in a sensible order."""
    return [(relation.value, str(label)) for relation, label in RELATION_LABELS.items()]


def relation_label(value: str) -> str:
    """The translated label of a stored relation (the value itself if unknown)."""
    try:
        return str(RELATION_LABELS[Relation(value)])
    except ValueError:
        return value


def check_member_data(data: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(cleaned values, errors by field) of a family member's posted or JSON data."""
    values: dict[str, str] = {}
    for name in FIELDS:
        raw = data.get(name)
        values[name] = clean_text(raw, unify_newlines=True).strip() if isinstance(raw, str) else ""
    errors: dict[str, list[str]] = {}

    def problem(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not values["name"]:
        problem("name", _("Skriv personens navn."))
    elif len(values["name"]) > NAME_MAX:
        problem("name", _("Navnet må højst have %(max)s tegn.", max=NAME_MAX))
    if values["relation"] not in {r.value for r in Relation}:
        problem("relation", _("Vælg, hvem personen er i familien."))
    if len(values["phone"]) > PHONE_MAX or not _PHONE.match(values["phone"]):
        problem("phone", _("Skriv telefonnummeret med tal, fx 12 34 56 78."))
    if values["email"] and (len(values["email"]) > EMAIL_MAX or not _EMAIL.match(values["email"])):
        problem("email", _("Skriv en gyldig e-mailadresse."))
    if len(values["notes"]) > NOTES_MAX:
        problem("notes", _("Noten må højst have %(max)s tegn.", max=NOTES_MAX))
    for name in FIELDS:
        if looks_like_cpr(values[name]):
            problem(
                name,
                _("Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer."),
            )
    return values, errors


def list_members(case: Case) -> list[FamilyMember]:
    """The case's family members: children first, then parents, siblings and others."""
    order = {relation.value: n for n, relation in enumerate(RELATION_LABELS)}
    members = db.session.scalars(select(FamilyMember).where(FamilyMember.case_id == case.id))
    return sorted(members, key=lambda m: (order.get(m.relation, len(order)), m.id))


def get_member(case: Case, member_id: int) -> FamilyMember | None:
    """One family member of the case (None when it is not this case's)."""
    member = db.session.get(FamilyMember, member_id)
    return member if member is not None and member.case_id == case.id else None


def add_member(actor: User, case: Case, data: Mapping[str, Any]) -> FamilyMember:
    """Add a family member to the case; FamilyError on bad data."""
    values, errors = check_member_data(data)
    if errors:
        raise FamilyError(errors)
    member = FamilyMember(case_id=case.id, **values)
    db.session.add(member)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("family_member_added", case, actor=actor, family_member_id=member.id)
    return member


def update_member(
    actor: User, case: Case, member: FamilyMember, data: Mapping[str, Any]
) -> FamilyMember:
    """Change a family member's details; FamilyError on bad data."""
    values, errors = check_member_data(data)
    if errors:
        raise FamilyError(errors)
    for name, value in values.items():
        setattr(member, name, value)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("family_member_changed", case, actor=actor, family_member_id=member.id)
    return member


def remove_member(actor: User, case: Case, member: FamilyMember) -> None:
    """Take a family member off the case (readings they gave keep their text)."""
    member_id = member.id
    db.session.delete(member)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("family_member_removed", case, actor=actor, family_member_id=member_id)


def person_value(member: FamilyMember) -> str:
    """How a family member is stored in a goal's `person` field."""
    return f"{PERSON_PREFIX}{member.id}"


def goal_owner_choices(case: Case) -> list[dict[str, str]]:
    """The child and the parents as choices for a goal's owner ("Emma (barnet)")."""
    return [
        {
            "value": person_value(member),
            "label": f"{member.name} ({RELATION_LABELS_DA.get(Relation(member.relation), '')})",
        }
        for member in list_members(case)
        if member.relation in OWNER_RELATIONS
    ]


def as_json(member: FamilyMember) -> dict[str, Any]:
    """A family member as the API returns it."""
    return {
        "id": member.id,
        "name": member.name,
        "relation": member.relation,
        "phone": member.phone or None,
        "email": member.email or None,
        "notes": member.notes or None,
    }

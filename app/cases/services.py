"""Case operations: plain data in, models out; they flush and the caller commits."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app import audit
from app.authz import sees_only_money, visible_cases
from app.consent.services import content_allowed
from app.cpr import looks_like_cpr
from app.database import utcnow
from app.extensions import db
from app.models import Case, CaseMember, User
from app.team.services import check_role

REFERENCE_MAX = 50
TITLE_MAX = 200
# Case references are identifiers, not text: letters, digits and a few separators.
_REFERENCE_RE = re.compile(r"^[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå._/-]*$")


class CaseError(ValueError):
    """A problem with case data, keyed by field name; messages are shown to the user."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class DuplicateReferenceError(CaseError):
    """Another case already has this reference (a conflict, not bad input)."""


class DuplicateMemberError(CaseError):
    """Someone put the same person on the core team at the same moment (a conflict)."""


def check_reference(reference: object) -> list[str]:
    """Messages about a case number (empty when fine): present, short, an identifier, no CPR."""
    if not isinstance(reference, str) or not reference.strip():
        return [_("Angiv et sagsnummer.")]
    if len(reference.strip()) > REFERENCE_MAX:
        return [_("Sagsnummeret må højst have %(max)s tegn.", max=REFERENCE_MAX)]
    if looks_like_cpr(reference):
        return [_("Sagsnummeret ligner et CPR-nummer. Brug kommunens sagsnummer, ikke CPR.")]
    if not _REFERENCE_RE.match(reference.strip()):
        return [_("Sagsnummeret må kun indeholde bogstaver, tal og . _ / -")]
    return []


def check_title(title: object, *, required: bool = True) -> list[str]:
    """Messages about a title (empty when fine): present unless optional, short, no CPR."""
    if title is None or (isinstance(title, str) and not title.strip()):
        return [_("Angiv en titel.")] if required else []
    if not isinstance(title, str):
        return [_("Angiv en titel.")]
    if len(title.strip()) > TITLE_MAX:
        return [_("Titlen må højst have %(max)s tegn.", max=TITLE_MAX)]
    if looks_like_cpr(title):
        return [_("Titlen ligner et CPR-nummer. Skriv ikke CPR-numre i sagens titel.")]
    return []


def check_case_data(reference: object, title: object) -> dict[str, list[str]]:
    """Validate the fields of a new case; returns field → messages (empty when fine)."""
    errors = {"reference": check_reference(reference), "title": check_title(title)}
    return {name: messages for name, messages in errors.items() if messages}


def reference_taken(reference: str, but: Case | None = None) -> bool:
    """True when another case (not ``but``) already has this case number."""
    query = select(Case.id).where(Case.reference == reference)
    if but is not None:
        query = query.where(Case.id != but.id)
    return db.session.scalar(query) is not None


def neutral_title(case: Case) -> str:
    """What controllers see as the case's title: its neutral title, or "Sag <case number>"."""
    return case.neutral_title or _("Sag %(reference)s", reference=case.reference)


def shown_title(case: Case, user: User) -> str:
    """The title ``user`` may see: the neutral one for controllers and for members the
    consent gate keeps from the family's content, else the real one."""
    if sees_only_money(user) or not content_allowed(user, case):
        return neutral_title(case)
    return case.title


def create_case(creator: User, reference: object, title: object) -> Case:
    """Open a case with the creator as coordinator; raises CaseError on bad data."""
    errors = check_case_data(reference, title)
    if errors:
        raise CaseError(errors)
    reference = reference.strip()  # type: ignore[union-attr]
    if reference_taken(reference):
        raise DuplicateReferenceError(
            {"reference": [_("Der findes allerede en sag med det sagsnummer.")]}
        )
    case = Case(reference=reference, title=title.strip(), coordinator_id=creator.id)  # type: ignore[union-attr]
    try:
        with db.session.begin_nested():  # the unique reference lets one of two creations in
            db.session.add(case)
            db.session.flush()
    except IntegrityError:
        raise DuplicateReferenceError(
            {"reference": [_("Der findes allerede en sag med det sagsnummer.")]}
        ) from None
    audit.record("case_created", case, actor=creator)
    return case


def list_cases(user: User, limit: int = 500) -> list[Case]:
    """The cases the user may see, newest first."""
    query = visible_cases(user).options(selectinload(Case.phase))  # one query for all phases
    return list(db.session.scalars(query.limit(limit)))


def case_summary(case: Case, user: User | None = None) -> dict:
    """A case as the JSON the API returns; for ``user``, the title a member the consent gate
    keeps from the family's content sees is the neutral one."""
    hidden = user is not None and not content_allowed(user, case)
    return {
        "id": case.id,
        "reference": case.reference,
        "title": neutral_title(case) if hidden else case.title,
        "status": case.status,
        "neutral_title": neutral_title(case),
        "coordinator": (
            {"id": case.coordinator.id, "name": case.coordinator.name} if case.coordinator else None
        ),
        "created_at": case.created_at.isoformat(),
        "updated_at": case.updated_at.isoformat(),
        "next_follow_up": case.next_follow_up.isoformat() if case.next_follow_up else None,
        "next_follow_up_rule": case.next_follow_up_rule,
        "phase": _phase_json(case),
    }


def _phase_json(case: Case) -> dict | None:
    """The case's phase for the API (imported here: app.phases builds on this module)."""
    from app.phases.services import phase_json

    return phase_json(case)


def addable_users(case: Case) -> list[User]:
    """Active users who could join the case's core team (not already on it)."""
    taken = {m.user_id for m in case.members} | {case.coordinator_id}
    users = db.session.scalars(select(User).where(User.active).order_by(User.name))
    return [u for u in users if u.id not in taken and u.role != "controller"]


def add_member(
    actor: User, case: Case, user_id: object, team_role: object, team_note: object = ""
) -> CaseMember:
    """Put a user on the core team with their role in it (a ``roles`` vocabulary key) and an
    optional note; CaseError on bad input."""
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or user not in addable_users(case):
        raise CaseError({"user_id": [_("Vælg en aktiv medarbejder, der ikke allerede er med.")]})
    role, note, errors = check_role(team_role, team_note)
    if errors:
        raise CaseError(errors)
    member = CaseMember(case_id=case.id, user_id=user.id, team_role=role, team_note=note)
    try:
        with db.session.begin_nested():  # the unique (case, user) lets one of two adds in
            db.session.add(member)
            db.session.flush()
    except IntegrityError:
        raise DuplicateMemberError(
            {
                "user_id": [
                    _("%(name)s er lige blevet sat på kerneteamet af en anden.", name=user.name)
                ]
            }
        ) from None
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("case_member_added", case, actor=actor, user_id=user.id)
    return member


def remove_member(actor: User, case: Case, member_id: int) -> None:
    """Take someone off the core team (the coordinator stays)."""
    member = next((m for m in case.members if m.id == member_id), None)
    if member is None:
        raise CaseError({"member": [_("Personen er ikke på kerneteamet.")]})
    case.members.remove(member)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("case_member_removed", case, actor=actor, user_id=member.user_id)

"""A case's life: a new family coordinator, closing, reopening, handing over to adult services.

Each step is one call that checks its input, changes the case, keeps the note written for
colleagues as a ``CaseEvent`` (case text stays beside the case) and records the step in the
audit trail with ids and codes only. They flush; the caller commits. Who may take a step is
``Action.MANAGE`` in app/authz.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app import audit
from app.authz import may_coordinate
from app.cases.services import CaseError
from app.database import utcnow
from app.extensions import db
from app.formatting import NotADate, parse_date
from app.models import Case, CaseEvent, CaseEventKind, CaseStatus, User

NOTE_MAX = 2000
HISTORY_SHOWN = 10
# A handover is planned ahead or registered afterwards, but not years away (our plausibility
# bound against typing mistakes, not a rule of law).
HANDOVER_WINDOW = timedelta(days=366)

#: Which status each step may start from, and where it leads.
STEPS = {
    CaseEventKind.CLOSED: ({CaseStatus.OPEN}, CaseStatus.CLOSED),
    CaseEventKind.REOPENED: ({CaseStatus.CLOSED, CaseStatus.HANDED_OVER}, CaseStatus.OPEN),
    CaseEventKind.HANDED_OVER: ({CaseStatus.OPEN}, CaseStatus.HANDED_OVER),
}


def _note(value: Any, field: str, required: bool) -> str:
    """The note, stripped; CaseError when missing (if required) or too long."""
    note = value.strip() if isinstance(value, str) else ""
    if required and not note:
        raise CaseError({field: [_("Skriv en begrundelse.")]})
    if len(note) > NOTE_MAX:
        raise CaseError({field: [_("Teksten må højst have %(max)s tegn.", max=NOTE_MAX)]})
    return note


def coordinator_choices(case: Case) -> list[User]:
    """Who the case can be handed to: active caseworkers other than the current coordinator."""
    users = db.session.scalars(select(User).where(User.active).order_by(User.name))
    return [u for u in users if may_coordinate(u) and u.id != case.coordinator_id]


def change_coordinator(actor: User, case: Case, user_id: Any, note: Any) -> CaseEvent:
    """Make another caseworker the family coordinator, with a handover note for them.

    The new coordinator leaves the core team list (they are shown as coordinator); the old
    one is not kept on the case unless someone adds them to the core team."""
    new = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if new is None or new not in coordinator_choices(case):
        raise CaseError({"coordinator_id": [_("Vælg en aktiv medarbejder som ny koordinator.")]})
    text = _note(note, "note", required=True)
    old_id = case.coordinator_id
    for member in [m for m in case.members if m.user_id == new.id]:
        case.members.remove(member)
    case.coordinator_id = new.id
    event = _event(actor, case, CaseEventKind.COORDINATOR_CHANGED, text)
    event.from_user_id, event.to_user_id = old_id, new.id
    db.session.flush()
    audit.record(
        "case_coordinator_changed", case, actor=actor, from_user_id=old_id, to_user_id=new.id
    )
    return event


def change_status(
    actor: User,
    case: Case,
    kind: CaseEventKind,
    note: Any,
    on: Any = None,
    today: date | None = None,
) -> CaseEvent:
    """Close, reopen or hand over the case (``kind``), with the reason; a handover has a date."""
    sources, target = STEPS[kind]
    if case.status not in sources:
        raise CaseError({"status": [_("Det kan ikke lade sig gøre med sagens nuværende status.")]})
    text = _note(note, "note", required=True)
    effective = (
        _handover_date(on, today or date.today()) if kind == CaseEventKind.HANDED_OVER else None
    )
    before = case.status
    case.status = target.value
    event = _event(actor, case, kind, text)
    event.effective_on = effective
    db.session.flush()
    audit.record(
        "case_status_changed", case, actor=actor, step=kind.value, before=before, after=target.value
    )
    return event


def _handover_date(value: Any, today: date) -> date:
    """The handover's date: a real date within a year of today (CaseError otherwise)."""
    if value in (None, ""):
        raise CaseError({"effective_on": [_("Angiv datoen for overdragelsen.")]})
    try:
        day = parse_date(value)
    except NotADate:
        raise CaseError({"effective_on": [_("Skriv datoen som dd-mm-åååå.")]}) from None
    if abs(day - today) > HANDOVER_WINDOW:
        raise CaseError({"effective_on": [_("Datoen skal ligge højst et år fra i dag.")]})
    return day


def _event(actor: User, case: Case, kind: CaseEventKind, note: str) -> CaseEvent:
    """A new event on the case (added; flushed by the caller)."""
    event = CaseEvent(case_id=case.id, kind=kind.value, actor_id=actor.id, note=note)
    db.session.add(event)
    case.updated_at = utcnow()
    return event


def recent_events(case: Case, limit: int = HISTORY_SHOWN) -> list[CaseEvent]:
    """The case's newest life events, newest first."""
    query = select(CaseEvent).where(CaseEvent.case_id == case.id)
    return list(db.session.scalars(query.order_by(CaseEvent.id.desc()).limit(limit)))

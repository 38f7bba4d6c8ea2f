"""The demo family's case in the middle of its case flow: Én familie – én indgang, with the
phases it has been through, their notes, and the phase it is in now (the joint plan).

Idempotent like the rest of the demo: nothing happens when the case's flow has been started.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.cases import facts
from app.database import utcnow
from app.extensions import db
from app.models import Case, CaseEvent, CaseEventKind, User
from app.phases import services as phases

EFEI = "een_familie_een_indgang"  # the template's model field for Én familie – én indgang
# The phases the demo case has been through, with the note written at each step (None:
# no note) and how many days ago the step was taken, so the history reads as a story.
STEPS = (
    (95, "Mor ringede til familieafdelingen; Karen er familiens faste kontakt."),
    (88, None),
    (84, "Screening: udredning i kerneteamet; funktionsnedsættelsen er konstateret."),
    (80, "Familievejledning tilbudt; familien siger ja tak."),
    (66, "Hjemmebesøg holdt. Familien ønsker skolen og PPR med til udredningsmødet."),
    (40, "Udredningen er samlet i én afrapportering."),
    (12, "Analysemødet anbefalede at skrive planen sammen med familien."),
)


def efei_document():
    """The municipality's Én familie – én indgang case-flow document, if there is one."""
    for document in facts.flow_documents():
        if (document.data or {}).get("model") == EFEI:
            return document
    return None


def seed_phases(coordinator: User, case: Case) -> None:
    """Start the demo case's flow and move it to the joint plan, with a dated history."""
    document = efei_document()
    if case.phase is not None or document is None:
        return
    if case.flow_document_id != document.id:
        facts.update_facts(coordinator, case, {"flow_document_id": document.id})
    phases.start_flow(coordinator, case, STEPS[0][1])
    for _days, note in STEPS[1:]:
        phases.move_on(coordinator, case, note or "")
    events = db.session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.kind == CaseEventKind.PHASE_CHANGED.value)
        .order_by(CaseEvent.id)
    ).all()
    now = utcnow()
    for event, (days, _note) in zip(events, STEPS, strict=False):
        event.at = now - timedelta(days=days)
    case.phase.since = now - timedelta(days=STEPS[-1][0])
    db.session.flush()

"""The demo's case facts and case lives: birth months, paragraphs, the case flow followed, a
coordinator handover with its note, one closed case and one handed over to adult services.

Idempotent like the rest of the demo: facts are set only where none are, the extra cases and
their events are made only once.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.cases import facts, life
from app.database import utcnow
from app.extensions import db
from app.models import Case, CaseEvent, CaseEventKind, User

KOORDINATOR = "koordinator@demo.enindgang.dk"
LEDER = "leder@demo.enindgang.dk"
PPR = "ppr@demo.enindgang.dk"


def seed_case_facts_and_life(users: dict[str, User], case: Case) -> None:
    """Facts on the demo family's case, and two more cases further on in their lives."""
    coordinator = users[KOORDINATOR]
    if case.birth_year is None:
        flows = facts.flow_documents()
        facts.update_facts(
            coordinator,
            case,
            {
                "birth_month": 4,
                "birth_year": date.today().year - 7,
                "paragraphs": _known("bl_32", "bl_86", "bl_90"),  # as its funding lines
                "flow_document_id": flows[0].id if flows else None,
            },
        )
    _handed_over_case(users)
    _closed_case(users)


def _known(*keys: str) -> list[str]:
    """Those of ``keys`` the paragraphs list offers (a municipality may have its own list)."""
    offered = {item["value"] for item in facts.paragraph_items()}
    return [key for key in keys if key in offered]


def _new_case(reference: str, title: str, coordinator: User) -> Case | None:
    """A new demo case, or None when it exists already (the demo ran before)."""
    if db.session.scalar(select(Case.id).where(Case.reference == reference)) is not None:
        return None
    case = Case(reference=reference, title=title, coordinator_id=coordinator.id)
    db.session.add(case)
    db.session.flush()
    return case


def _handed_over_case(users: dict[str, User]) -> None:
    """A young person turning 18: a coordinator handover with its note, then adult services."""
    case = _new_case("DEMO-2025-014", "Familien Nord – overgang til voksen", users[LEDER])
    if case is None:
        return
    coordinator = users[KOORDINATOR]
    today = date.today()
    facts.update_facts(
        coordinator,
        case,
        {
            "birth_month": today.month,
            "birth_year": today.year - 18,
            "paragraphs": _known("bl_32", "bl_108", "bl_122_123"),
        },
    )
    life.change_coordinator(
        users[LEDER],
        case,
        coordinator.id,
        "Karen overtager sagen. Familien kender hende fra skolemøderne; "
        "næste møde er aftalt med jobcentret om STU.",
    )
    _backdate(case, days=40)  # the coordinator changed weeks before the handover
    life.change_status(
        coordinator,
        case,
        CaseEventKind.HANDED_OVER,
        "Overdraget til voksenhandicap ved 18 år. Overdragelsesmøde holdt med familien.",
        on=today - timedelta(days=3),
    )


def _closed_case(users: dict[str, User]) -> None:
    """A case closed when the family's goals were reached."""
    case = _new_case("DEMO-2024-031", "Familien Syd", users[KOORDINATOR])
    if case is None:
        return
    facts.update_facts(
        users[KOORDINATOR], case, {"birth_month": 9, "birth_year": date.today().year - 12}
    )
    life.change_status(
        users[KOORDINATOR],
        case,
        CaseEventKind.CLOSED,
        "Målene i den fælles plan er nået; familien ønsker ikke mere støtte.",
    )


def _backdate(case: Case, days: int) -> None:
    """Move the case's events so far to ``days`` ago, so the history reads as a story."""
    events = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    for event in events:
        event.at = utcnow() - timedelta(days=days)
    db.session.flush()

"""The demo's follow-ups: the demo family's case gets its next date, another case is overdue.

Idempotent like the rest of the demo: the overdue case is made once; the dates are refreshed.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.cases import facts
from app.database import utcnow
from app.extensions import db
from app.followup.rules import SOF
from app.followup.services import refresh_next_follow_up, set_status_interval
from app.models import Case, MunicipalitySettings, Submission, User

OVERDUE_REFERENCE = "DEMO-2026-022"
#: Demo Kommune's own status-meeting interval for Én familie – én indgang cases (a local
#: choice; the model sets none).
DEMO_STATUS_WEEKS = 6


def _sof_flow() -> Submission | None:
    """The municipality's case-flow document built on Sammen om familien, if any."""
    return next((d for d in facts.flow_documents() if (d.data or {}).get("model") == SOF), None)


def seed_follow_ups(coordinator: User, case: Case) -> None:
    """Refresh the demo case's next follow-up; add a Sammen om familien case, opened four
    months ago with compensation only (3 months) and no follow-up held, so it is overdue."""
    if db.session.scalar(select(MunicipalitySettings.status_interval_weeks).limit(1)) is None:
        # The demo case follows Én familie – én indgang, whose status-meeting rhythm the model
        # leaves to the municipality: Demo Kommune's own choice is every 6 weeks.
        set_status_interval(DEMO_STATUS_WEEKS)
    refresh_next_follow_up(case)
    if db.session.scalar(select(Case.id).where(Case.reference == OVERDUE_REFERENCE)):
        return
    flow = _sof_flow()
    late = Case(reference=OVERDUE_REFERENCE, title="Familien Øst", coordinator_id=coordinator.id)
    late.created_at = utcnow() - timedelta(days=122)
    db.session.add(late)
    db.session.flush()
    offered = {item["value"] for item in facts.paragraph_items()}
    facts.update_facts(
        coordinator,
        late,
        {
            "paragraphs": [k for k in ("bl_86", "bl_87_88") if k in offered],
            "flow_document_id": flow.id if flow else None,
        },
    )
    refresh_next_follow_up(late)

"""The demo's leader figures: teams for the demo coordinators, referral dates on the demo's
cases and final joint plans on its earlier cases, so /oversigt has something to show (a
median and a 90th percentile of three plans, the overdue family waiting for its plan).

Idempotent like the rest of the demo: plans are saved once; dates are only moved back while
they still say "today". No cases are added.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.formatting import local_time
from app.forms.definitions import current_version
from app.models import Case, User
from app.models.case import local_today
from app.submissions import services as submissions
from app.web.i18n import current_zone

#: The demo's earlier cases get a final joint plan made today, referred this many days
#: before (invented): the closed family reached its goals, the young person was handed over.
PLANNED = (("DEMO-2024-031", 61), ("DEMO-2025-014", 24))
#: Days the demo family waited from referral to its final plan.
DEMO_CASE_DAYS_TO_PLAN = 38


def seed_dashboards(users: dict[str, User], case: Case, overdue_reference: str) -> None:
    """Departments, referral dates and plans for the demo (``case`` is the demo family's,
    ``overdue_reference`` the case the follow-up demo made overdue)."""
    today = local_today()
    late = db.session.scalar(select(Case).where(Case.reference == overdue_reference))
    if late is not None and late.referred_on == today and late.created_at:
        # Opened four months ago (demo_followup): referred the day it was opened.
        late.referred_on = local_time(late.created_at, current_zone()).date()
    _dated(case, DEMO_CASE_DAYS_TO_PLAN)
    for reference, days in PLANNED:
        earlier = db.session.scalar(select(Case).where(Case.reference == reference))
        if earlier is None or earlier.coordinator is None:
            continue
        if submissions.find_case_submission(earlier, "smarte_maal") is None:
            _final_plan(earlier.coordinator, earlier)
        _dated(earlier, days)
    db.session.flush()


def _dated(case: Case, days_to_plan: int) -> None:
    """Move the referral ``days_to_plan`` days before the plan date, once (while the referral
    still falls on or after the plan)."""
    if case.plan_first_final_on is not None and case.referred_on >= case.plan_first_final_on:
        case.referred_on = case.plan_first_final_on - timedelta(days=days_to_plan)


def _final_plan(coordinator: User, case: Case) -> None:
    """A short final SMARTE plan with one complete goal (its first final save dates it)."""
    today = local_today()
    goal = {
        "area": "familie_netvaerk",
        "title": "Rolige morgener",
        "specific": "Børnene kommer i skole til tiden uden konflikter",
        "indicator": "Morgener uden konflikt pr. uge",
        "baseline": 2,
        "target": 5,
        "accepted_by": ["barnet", "foraeldre"],
        "realistic": "Forældrene har aftalt en fast morgenrutine",
        "deadline": (today + timedelta(days=90)).isoformat(),
        "evaluation": "Forældrene fører en kalender",
        "responsible": str(coordinator.id),
        "status": "i_gang",
        "subgoals": [],
        "agreements": [],
    }
    data = submissions.new_form_data(current_version("smarte_maal")) | {"goals": [goal]}
    submissions.save(
        coordinator,
        form_name="smarte_maal",
        case=case,
        data=data,
        status="final",
        base_version=None,
    )

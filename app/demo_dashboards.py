"""The demo's leader figures: teams for the demo coordinators, referral dates on the demo's
cases and a few more families whose joint plans are final, so /oversigt has something to
show (a median and a 90th percentile, cases waiting, two teams).

Idempotent like the rest of the demo: cases are made once by their case number; dates are
only moved back while they still say "today".
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

#: Invented teams (users.department) for the demo's coordinators.
DEMO_DEPARTMENTS = {
    "koordinator@demo.enindgang.dk": "Børn og familie Nord",
    "ppr@demo.enindgang.dk": "Børn og familie Syd",
}
#: Families whose plans became final today, referred this many days before (invented).
PLANNED = (
    ("DEMO-2026-031", "Familien Bakke", "ppr@demo.enindgang.dk", 24),
    ("DEMO-2026-032", "Familien Skov", "ppr@demo.enindgang.dk", 61),
    ("DEMO-2026-033", "Familien Eng", "koordinator@demo.enindgang.dk", 33),
)
#: Days the demo family waited from referral to its final plan.
DEMO_CASE_DAYS_TO_PLAN = 38
#: A family referred recently whose plan is still being written (waiting for a plan).
WAITING = ("DEMO-2026-034", "Familien Å", "ppr@demo.enindgang.dk", 17)


def seed_dashboards(users: dict[str, User], case: Case, overdue_reference: str) -> None:
    """Departments, referral dates and plans for the demo (``case`` is the demo family's,
    ``overdue_reference`` the case the follow-up demo made overdue)."""
    for email, department in DEMO_DEPARTMENTS.items():
        if users[email].department is None:
            users[email].department = department
    today = local_today()
    if case.plan_first_final_on is not None and case.referred_on >= case.plan_first_final_on:
        case.referred_on = case.plan_first_final_on - timedelta(days=DEMO_CASE_DAYS_TO_PLAN)
    late = db.session.scalar(select(Case).where(Case.reference == overdue_reference))
    if late is not None and late.referred_on == today and late.created_at:
        # Opened four months ago (demo_followup): referred the day it was opened.
        late.referred_on = local_time(late.created_at, current_zone()).date()
    for reference, title, email, days in PLANNED:
        planned = _new_case(reference, title, users[email], today - timedelta(days=days))
        if planned is not None:
            _final_plan(users[email], planned)
    reference, title, email, days = WAITING
    _new_case(reference, title, users[email], today - timedelta(days=days))
    db.session.flush()


def _new_case(reference: str, title: str, coordinator: User, referred_on) -> Case | None:
    """A new demo case referred on ``referred_on``, or None when it exists already."""
    if db.session.scalar(select(Case.id).where(Case.reference == reference)) is not None:
        return None
    case = Case(
        reference=reference, title=title, coordinator_id=coordinator.id, referred_on=referred_on
    )
    db.session.add(case)
    db.session.flush()
    return case


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

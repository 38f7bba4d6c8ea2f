"""The dashboard at 10,000 cases costs a fixed number of SQL statements (on SQLite and
PostgreSQL, as every database test), and its figures add up."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from app.dashboards.services import dashboard
from app.extensions import db
from app.models import Case
from app.models.case import local_today
from tests.test_case_list import SEEDED, seed_cases, served_engine, statements

# Per page request: the login session, its user, the municipality's settings (the page
# header), then the dashboard's own five: threshold, open cases per coordinator, the
# coordinators, follow-ups per team, plan dates. Independent of the number of cases.
DASHBOARD_STATEMENTS = 5
MAX_PAGE_STATEMENTS = 3 + DASHBOARD_STATEMENTS


def seed_dates(count: int = SEEDED) -> None:
    """Spread follow-ups, referral and plan dates over the seeded cases in a few UPDATEs:
    every third case has a plan 21 days after its referral 40 days ago; follow-ups fall
    from 20 days ago to 39 days ahead by the case id."""
    today = local_today()
    db.session.execute(update(Case).values(referred_on=today - timedelta(days=40)))
    db.session.execute(
        update(Case).where(Case.id % 3 == 0).values(plan_first_final_on=today - timedelta(days=19))
    )
    for shift in range(0, 60, 10):  # six bands, so the dates are not all one day
        db.session.execute(
            update(Case)
            .where(Case.id % 6 == shift // 10)
            .values(next_follow_up=today + timedelta(days=shift - 20))
        )
    db.session.commit()


def test_the_dashboard_page_is_a_bounded_number_of_statements_at_10000_cases(
    app, login_as, make_user
):
    """/oversigt at 10,000 cases: the same few statements, and every open case counted once."""
    web = login_as("leader")
    coordinators = [make_user("coordinator") for _ in range(4)]
    seed_cases(coordinators)
    seed_dates()
    with statements(served_engine(app)) as counted:
        response = web.get("/oversigt")
    assert response.status_code == 200
    assert len(counted) <= MAX_PAGE_STATEMENTS, (len(counted), counted)

    db.session.refresh(web.user)
    with statements(db.engine) as counted:
        board = dashboard(web.user)
    assert len(counted) == DASHBOARD_STATEMENTS
    open_cases = SEEDED - len(range(0, SEEDED, 7))  # every seventh seeded case is closed
    assert sum(c.open_cases for c in board.caseload.coordinators) == open_cases
    assert sum(t.open_cases for t in board.teams) == open_cases
    assert board.plan_overall.planned.median == 21.0
    assert board.plan_overall.planned.count == len([i for i in _ids() if i % 3 == 0])
    assert board.plan_overall.waiting.longest == 40


def _ids() -> list[int]:
    """The seeded cases' ids."""
    return list(db.session.scalars(db.select(Case.id)))

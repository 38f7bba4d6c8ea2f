"""The demo shows the leaders' dashboard working: teams, three plans with a median, the
overdue family waiting for its plan; running the demo twice changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.dashboards.services import dashboard
from app.demo import DEMO_CASE_REFERENCE
from app.demo_dashboards import PLANNED
from app.extensions import db
from app.models import Case, Submission, User
from app.models.case import local_today


def test_the_demo_fills_the_dashboard(runner, client):
    """Referral→plan has three plans (24, 38 and 61 days); the overdue family waits."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 0  # idempotent
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    assert case.plan_first_final_on == local_today()
    assert case.referred_on == local_today() - timedelta(days=38)
    leader = db.session.scalar(select(User).where(User.email == "leder@demo.enindgang.dk"))
    board = dashboard(leader)
    assert (board.plan_overall.planned.count, board.plan_overall.planned.median) == (3, 38.0)
    assert board.plan_overall.planned.p90 == 61
    assert board.plan_overall.waiting.count == 1  # the overdue family
    assert board.plan_overall.waiting.longest >= 120  # opened four months ago
    assert [t.department for t in board.teams] == ["boernehandicap"]  # Karen's department
    assert board.teams[0].overdue == 1
    plans = (
        select(func.count()).select_from(Submission).where(Submission.form_name == "smarte_maal")
    )
    assert db.session.scalar(plans) == 1 + len(PLANNED)  # saved once, not again
    client.login("leder@demo.enindgang.dk", "demo-leder-2026")
    page = client.get("/oversigt").get_data(as_text=True)
    assert "Familien" not in page  # figures and coordinators only, no family's name
    assert "Børnehandicap (specialområdet)" in page and ">38<" in page

"""The demo shows the leaders' dashboard working: two teams, plans with a median, waiting
cases and the overdue one; running the demo twice changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.dashboards.services import dashboard
from app.demo import DEMO_CASE_REFERENCE
from app.demo_dashboards import PLANNED, WAITING
from app.extensions import db
from app.models import Case, User
from app.models.case import local_today


def test_the_demo_fills_the_dashboard(runner, client):
    """Referral→plan has four plans (24, 33, 38 and 61 days); two teams; one overdue."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 0  # idempotent
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    assert case.plan_first_final_on == local_today()
    assert case.referred_on == local_today() - timedelta(days=38)
    leader = db.session.scalar(select(User).where(User.email == "leder@demo.enindgang.dk"))
    board = dashboard(leader)
    assert board.plan_overall.planned.count == 4
    assert board.plan_overall.planned.median == 35.5
    assert board.plan_overall.waiting.count >= 2  # the overdue family and Familien Å
    assert board.plan_overall.waiting.longest >= 120  # opened four months ago
    teams = {t.department: t for t in board.teams}
    assert {"Børn og familie Nord", "Børn og familie Syd"} <= set(teams)
    assert sum(t.overdue for t in board.teams) >= 1
    demo_refs = [ref for ref, *_ in PLANNED] + [WAITING[0]]
    added = select(func.count()).select_from(Case).where(Case.reference.in_(demo_refs))
    assert db.session.scalar(added) == 4  # made once, not again on the second run
    client.login("leder@demo.enindgang.dk", "demo-leder-2026")
    page = client.get("/oversigt").get_data(as_text=True)
    assert "Familien" not in page  # figures and coordinators only, no family's name
    assert "Børn og familie Syd" in page and "35,5" in page

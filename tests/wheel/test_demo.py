"""The demo family's year wheel: a year of activities by month and the demo's dated
meetings in their months; running the demo again adds nothing; the profile offers a feed."""

from __future__ import annotations

from sqlalchemy import select

from app.demo import DEMO_CASE_REFERENCE
from app.extensions import db
from app.models import Case, WheelActivity
from app.wheel import services as wheels


def test_demo_case_has_a_filled_wheel(runner, client):
    """Twelve activities across the year, the held and planned meetings in the window."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    wheel = wheels.wheel_of(case)
    assert wheel.version == 1
    assert sum(len(m.activities) for m in wheel.months) == 12
    assert len({m.first for m in wheel.months if m.activities}) == 11
    assert [m.held for m in wheel.meetings] == [True, False]  # the last status, the next one
    assert runner.invoke(args=["demo"]).exit_code == 0
    count = db.session.scalars(select(WheelActivity).where(WheelActivity.case_id == case.id))
    assert len(list(count)) == 12
    client.login("koordinator@demo.enindgang.dk", "demo-koordinator-2026")
    page = client.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'id="aarshjul"' in page and "Hvem hjælper ved skolestarten?" in page
    assert 'action="/profil/kalender"' in client.get("/profil").get_data(as_text=True)

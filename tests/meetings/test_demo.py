"""The demo family's meetings: held with minutes, agreements and a reading; the next planned."""

from __future__ import annotations

from sqlalchemy import func, select

from app.demo import DEMO_CASE_REFERENCE
from app.extensions import db
from app.meetings import services as meetings
from app.models import Case, GoalReading, Meeting


def test_demo_case_has_held_meetings_and_a_planned_one(runner, client):
    """Two held meetings with minutes, an open agreement, a meeting reading, a next meeting;
    running the demo again adds nothing; the case page and the minutes download work."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    planned, held = meetings.list_meetings(case)
    assert [m.kind for m in held] == ["status", "assessment"]
    assert all(m.minutes and m.minute_taker_name for m in held)
    assert [m.kind for m in planned] == ["status"] and held[0].next_meeting_id == planned[0].id
    assert meetings.open_agreements(case)
    assert meetings.last_held_follow_up(case) is not None
    assert (
        db.session.scalar(
            select(func.count()).select_from(GoalReading).where(GoalReading.source == "meeting")
        )
        == 1
    )
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert (
        db.session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.case_id == case.id)
        )
        == 3
    )
    client.login("koordinator@demo.enindgang.dk", "demo-koordinator-2026")
    page = client.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'data-testid="held-meetings"' in page and 'data-testid="planned-meetings"' in page
    assert client.get(f"/sager/{case.id}/moeder/{held[0].id}/referat.docx").status_code == 200

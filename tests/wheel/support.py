"""Helpers for the wheel tests: a saved wheel, meetings at given local times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from app.extensions import db
from app.meetings import services as meetings
from app.wheel import services as wheels

CPH = ZoneInfo("Europe/Copenhagen")

ACTIVITIES = [
    {"month": "11", "kind": "follow_up", "purpose": "Opfølgning: hvordan går det?", "who": "Mor og far"},
    {"month": "1", "kind": "network", "purpose": "Netværksmøde om skolen", "who": "Skolen, PPR"},
    {"month": "6", "kind": "other", "purpose": "Sommerferiens aflastning", "who": "Familien"},
]  # fmt: skip


def save(case, start="2026-11", activities=ACTIVITIES, version=None):
    """Save the case's wheel as its coordinator."""
    row = wheels.save_wheel(
        case.coordinator, case, {"start_month": start, "activities": activities}, version
    )
    db.session.commit()
    return row


def meeting_at(case, local: datetime, kind="status", place="Rådhuset", **extra):
    """A planned meeting of the case at a local (Copenhagen) time, with the coordinator."""
    data = {
        "kind": kind,
        "starts_on": local.date().isoformat(),
        "starts_time": local.strftime("%H:%M"),
        "place": place,
        "team": [str(case.coordinator.id)],
        "family": [],
        "externals": [],
        "agenda": "",
        "agenda_by_family": False,
    } | extra
    meeting = meetings.plan_meeting(case.coordinator, case, data)
    db.session.commit()
    return meeting

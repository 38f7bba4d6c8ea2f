"""Helpers for the meetings tests: a case with family and goals, a planned meeting."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.extensions import db
from app.family import services as family
from app.meetings import services as meetings
from tests.goals.support import full_goal, save_sheet


def yesterday() -> date:
    """Yesterday on the test clock."""
    return date.today() - timedelta(days=1)


def in_a_month() -> date:
    """Thirty days from today on the test clock."""
    return date.today() + timedelta(days=30)


def case_with_family(make_case, coordinator=None, goals: bool = True):
    """A case with a mother on it and (by default) a goal sheet with one goal."""
    case = make_case(coordinator=coordinator)
    mother = family.add_member(case.coordinator, case, {"name": "Sofie", "relation": "mother"})
    db.session.commit()
    if goals:
        save_sheet(case, [full_goal(str(case.coordinator.id))])
    return case, mother


def plan(case, **changes: Any):
    """A planned status meeting next month with the coordinator and the mother."""
    data = {
        "kind": "status",
        "starts_on": in_a_month().isoformat(),
        "starts_time": "09:30",
        "place": "Familiens hjem",
        "team": [str(case.coordinator.id)],
        "family": [f"familie-{m.id}" for m in family.list_members(case)],
        "externals": [{"name": "Lise Lærer", "organisation": "Skolen", "role": "Klasselærer"}],
        "agenda": "1. Skolen\n2. Aflastning",
        "agenda_by_family": True,
    } | changes
    meeting = meetings.plan_meeting(case.coordinator, case, data)
    db.session.commit()
    return meeting


def record_data(case, meeting, **changes: Any) -> dict[str, Any]:
    """The meeting's plan with minutes of yesterday's meeting, one agreement, a next date."""
    return {
        "kind": meeting.kind,
        "starts_on": yesterday().isoformat(),
        "starts_time": "09:30",
        "place": meeting.place,
        "team": [str(case.coordinator.id)],
        "family": [f"familie-{m.id}" for m in family.list_members(case)],
        "externals": [],
        "agenda": meeting.agenda,
        "agenda_by_family": True,
        "held_on": yesterday().isoformat(),
        "held_time": "09:30",
        "minutes": "Emma er kommet i skole fire dage om ugen.",
        "minute_taker": str(case.coordinator.id),
        "decisions": "Aflastningen fortsætter.",
        "agreements": [{"what": "Bestille aflastning", "who": "Karen", "by_when": "2027-01-10"}],
        "readings": [],
        "next_on": in_a_month().isoformat(),
        "next_time": "10:00",
    } | changes

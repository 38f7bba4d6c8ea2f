"""The demo family's meetings: an assessment meeting and two status meetings held (minutes,
agreements, a goal reading taken at the meeting) and the next status meeting planned.

Idempotent like the rest of the demo: made only when the case has no meetings. Dates are set
from today, so the planned meeting always lies ahead.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.family import services as family
from app.goals import readings
from app.meetings import services as meetings
from app.models import Case, Meeting, User

KOORDINATOR = "koordinator@demo.enindgang.dk"
PPR = "ppr@demo.enindgang.dk"


def seed_meetings(users: dict[str, User], case: Case) -> None:
    """Held meetings with minutes and agreements, and a planned next meeting."""
    if db.session.scalar(select(Meeting.id).where(Meeting.case_id == case.id).limit(1)):
        return
    coordinator, ppr = users[KOORDINATOR], users[PPR]
    today = date.today()
    people = {m.relation: family.person_value(m) for m in family.list_members(case)}
    parents = [people[r] for r in ("mother", "father") if r in people]
    team = [str(coordinator.id), str(ppr.id)]
    school = {"name": "Lise Lærer", "organisation": "Demo Skole", "role": "Klasselærer"}

    def day(days: int) -> str:
        """The date ``days`` from today as the form posts it."""
        return (today + timedelta(days=days)).isoformat()

    def plan(kind: str, days: int, **extra: Any) -> Meeting:
        """Plan a meeting of ``kind`` at 09:00 with the team and the parents."""
        data = {"kind": kind, "starts_on": day(days), "starts_time": "09:00",
                "place": "Familiens hjem", "team": team, "family": parents,
                "externals": [], "agenda": "", "agenda_by_family": True} | extra  # fmt: skip
        return meetings.plan_meeting(coordinator, case, data)

    def record(meeting: Meeting, days: int, **extra: Any) -> Meeting:
        """Record ``meeting`` as held that day, the PPR psychologist taking the minutes."""
        data = {
            "kind": meeting.kind, "starts_on": day(days), "starts_time": "09:00",
            "place": meeting.place, "team": team, "family": parents, "externals": [],
            "agenda": meeting.agenda, "agenda_by_family": meeting.agenda_by_family,
            "held_on": day(days), "held_time": "09:00", "minute_taker": str(ppr.id),
        } | extra  # fmt: skip
        return meetings.save_meeting(coordinator, case, meeting, data, meeting.version)

    assessment = plan(
        "assessment", -70, agenda="1. Emmas hverdag\n2. Søvn\n3. Hvem gør hvad",
        externals=[school],
    )  # fmt: skip
    record(
        assessment, -70, externals=[school],
        minutes="Sofie og Jonas fortalte om nætterne og morgenerne. Skolen oplever en glad "
        "pige, der bliver træt om eftermiddagen.",
        decisions="Kerneteamet laver en fælles plan med familien.",
        agreements=[{"what": "Søvndagbog i to uger", "who": "Sofie", "by_when": day(-56),
                     "done": True}],
    )  # fmt: skip
    status = plan("status", -28, agenda="1. Søvnen\n2. Aflastning\n3. Næste møde")
    goals = readings.goals_of(case)
    taken = (
        [{"goal_key": goals[0].key, "value": "6", "who": people.get("mother", ""),
          "note": "Bedre nætter siden aftenrutinen"}]
        if goals and "mother" in people else []
    )  # fmt: skip
    record(
        status, -28,
        minutes="Aftenrutinen virker de fleste dage. Familien ønsker aflastning hver anden "
        "weekend.",
        decisions="Aflastningen søges bevilget.",
        agreements=[
            {"what": "Søge aflastning hver anden weekend", "who": coordinator.name,
             "by_when": day(7)},
            {"what": "Aftale med skolen om pauser om eftermiddagen", "who": "Lise Lærer",
             "by_when": day(14)},
        ],
        readings=taken,
        next_on=day(21), next_time="09:00",
    )  # fmt: skip
    db.session.flush()

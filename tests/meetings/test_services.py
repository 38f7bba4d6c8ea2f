"""Meetings as plain functions: plan, record, readings, next meeting, follow-up date, and
the agreements that flow into the family's plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.goals import readings as goal_readings
from app.meetings import services as meetings
from app.meetings.checks import as_utc
from app.models import GoalReading, Meeting
from app.word import services as documents
from tests.meetings.support import case_with_family, plan, record_data, yesterday


def test_planning_stores_local_time_as_utc_and_refuses_bad_input(app, make_case):
    """09:30 in Copenhagen in winter is 08:30 UTC; missing date and kind are named."""
    assert as_utc(date(2027, 1, 15), datetime(2027, 1, 15, 9, 30).time()) == datetime(
        2027, 1, 15, 8, 30, tzinfo=UTC
    )
    assert as_utc(date(2027, 7, 15), datetime(2027, 7, 15, 9, 30).time()).hour == 7
    case, _mother = case_with_family(make_case, goals=False)
    with pytest.raises(meetings.MeetingError) as caught:
        meetings.plan_meeting(case.coordinator, case, {"kind": "party", "starts_on": ""})
    assert caught.value.errors == {"kind": ["Vælg mødets type."], "starts_on": ["Skriv datoen."]}


def test_participants_must_be_on_the_case(app, make_case, make_user):
    """A user not on the core team, or another case's family member, is refused."""
    case, _mother = case_with_family(make_case, goals=False)
    other, stranger_member = case_with_family(make_case, goals=False)
    outsider = make_user("coordinator")
    with pytest.raises(meetings.MeetingError) as caught:
        plan(case, team=[str(outsider.id)], family=[f"familie-{stranger_member.id}"])
    assert set(caught.value.errors) == {"team", "family"}


def test_recording_stores_minutes_agreements_and_plans_the_next_meeting(app, make_case):
    """The held meeting keeps its minutes; the next date plans a meeting of the same kind."""
    case, _mother = case_with_family(make_case, goals=False)
    meeting = plan(case)
    meetings.save_meeting(case.coordinator, case, meeting, record_data(case, meeting), 1)
    db.session.commit()
    assert meeting.version == 2 and meeting.held
    assert meeting.minute_taker_name == case.coordinator.name
    assert [(a.what, a.who, a.by_when) for a in meeting.agreements] == [
        ("Bestille aflastning", "Karen", date(2027, 1, 10))
    ]
    follow = meeting.next_meeting
    assert follow is not None and follow.kind == "status" and not follow.held
    assert [p.name for p in follow.participants] == [p.name for p in meeting.participants]
    # Saving again with another date moves the planned meeting rather than adding one.
    later = (date.today() + timedelta(days=40)).isoformat()
    meetings.save_meeting(
        case.coordinator, case, meeting, record_data(case, meeting, next_on=later), 2
    )
    db.session.commit()
    planned, held = meetings.list_meetings(case)
    assert [m.id for m in planned] == [follow.id] and [m.id for m in held] == [meeting.id]


def test_minute_taker_must_be_a_participant_and_minutes_need_a_held_date(app, make_case):
    """Messages on the fields; nothing stored."""
    case, _mother = case_with_family(make_case, goals=False)
    meeting = plan(case, team=[])
    data = record_data(case, meeting, team=[], held_on="", next_on="")
    with pytest.raises(meetings.MeetingError) as caught:
        meetings.save_meeting(case.coordinator, case, meeting, data, 1)
    assert "minute_taker" in caught.value.errors and "held_on" in caught.value.errors


def test_a_stale_version_is_a_conflict(app, make_case):
    """The conditional update matches no row: ConflictError, the stored minutes stay."""
    case, _mother = case_with_family(make_case, goals=False)
    meeting = plan(case)
    meetings.save_meeting(case.coordinator, case, meeting, record_data(case, meeting), 1)
    db.session.commit()
    data = record_data(case, meeting, minutes="Min udgave", next_on="")
    with pytest.raises(meetings.ConflictError):
        meetings.save_meeting(case.coordinator, case, meeting, data, 1)
    db.session.rollback()
    assert db.session.get(Meeting, meeting.id).minutes.startswith("Emma er kommet")


def test_readings_taken_at_the_meeting(app, make_case):
    """A reading typed at the meeting is a goal reading from source "meeting", dated the
    meeting's day; a bad one is refused beside its row."""
    case, mother = case_with_family(make_case)
    goal = goal_readings.goals_of(case)[0]
    meeting = plan(case)
    reading = {"goal_key": goal.key, "value": "7", "who": f"familie-{mother.id}", "note": "Ro"}
    data = record_data(case, meeting, next_on="", readings=[reading])
    meetings.save_meeting(case.coordinator, case, meeting, data, 1)
    db.session.commit()
    stored = db.session.scalars(select(GoalReading).where(GoalReading.case_id == case.id)).all()
    assert [(r.value, r.source, r.given_by, r.measured_on) for r in stored] == [
        (7, "meeting", "Sofie", yesterday())
    ]
    assert meeting.reading_ids == [stored[0].id]
    bad = record_data(case, meeting, next_on="", readings=[reading | {"value": "11"}])
    with pytest.raises(meetings.MeetingError) as caught:
        meetings.save_meeting(case.coordinator, case, meeting, bad, 2)
    assert "readings-0-value" in caught.value.errors


def test_last_held_follow_up_counts_status_and_follow_up_meetings_only(app, make_case):
    """Planned meetings and other kinds do not count; the date is the local day."""
    case, _mother = case_with_family(make_case, goals=False)
    assert meetings.last_held_follow_up(case) is None
    network = plan(case, kind="network")
    meetings.save_meeting(
        case.coordinator, case, network, record_data(case, network, next_on=""), 1
    )
    plan(case, kind="follow_up")  # planned only
    db.session.commit()
    assert meetings.last_held_follow_up(case) is None
    status = plan(case, kind="status")
    held = (date.today() - timedelta(days=3)).isoformat()
    data = record_data(case, status, held_on=held, held_time="23:30", next_on="")
    meetings.save_meeting(case.coordinator, case, status, data, 1)
    db.session.commit()
    # 23:30 in Copenhagen is the same evening locally, although the UTC day may differ.
    assert meetings.last_held_follow_up(case) == date.fromisoformat(held)


def test_open_agreements_and_the_next_meeting_flow_into_the_family_plan(app, make_case):
    """The family's plan context lists the open agreements and the next meeting; a done
    agreement is left out."""
    case, _mother = case_with_family(make_case, goals=False)
    meeting = plan(case)
    agreements = [
        {"what": "Bestille aflastning", "who": "Karen", "by_when": "2027-01-10"},
        {"what": "Ringe til skolen", "who": "Mor", "by_when": "2026-12-01", "done": True},
    ]
    data = record_data(case, meeting, agreements=agreements)
    meetings.save_meeting(case.coordinator, case, meeting, data, 1)
    db.session.commit()
    context = documents.family_plan_context(case)
    assert [(a["hvad"], a["hvem"], a["senest"], a["moede"]) for a in context["moedeaftaler"]] == [
        ("Bestille aflastning", "Karen", date(2027, 1, 10), "Statusmøde")
    ]
    assert context["naeste_moede"]["type"] == "Statusmøde"
    assert context["naeste_moede"]["klokken"] == "10:00"
    assert any(d["hvad"] == "Næste møde: Statusmøde" for d in context["opfoelgning"])
    internal = documents.plan_context(case)
    assert internal["moedeaftaler"] == context["moedeaftaler"]


def test_a_meeting_type_in_use_is_named_where_it_is_used(app, make_case):
    """The lists page may not drop a type a meeting uses: the usage names the case."""
    case, _mother = case_with_family(make_case, goals=False)
    plan(case, kind="network")
    found = list(meetings.vocabulary_usages("meeting_types", "network"))
    assert found == [f"sag {case.reference}: 1 møde"]
    assert list(meetings.vocabulary_usages("meeting_types", "analysis")) == []
    assert list(meetings.vocabulary_usages("departments", "network")) == []


def test_the_analysis_meeting_is_held_without_the_family(app, make_case):
    """The model holds the analysis meeting without the family: family participants are
    refused there, and allowed at every other kind."""
    case, mother = case_with_family(make_case, goals=False)
    with pytest.raises(meetings.MeetingError) as caught:
        plan(case, kind="analysis")
    assert "Analysemødet holdes uden familien" in caught.value.errors["family"][0]
    db.session.rollback()
    assert plan(case, kind="analysis", family=[]).participants[0].group == "team"

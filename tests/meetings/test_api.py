"""The meetings API: plan, list, read, record with minutes and readings, a lost race (409),
bad input by path (422), delete, rights and audited reads; the case-flow start and re-pin."""

from __future__ import annotations

from datetime import date

import jsonschema
from sqlalchemy import select, update

from app.api.openapi import openapi_document
from app.cases import facts
from app.extensions import db
from app.followup.calc import add_months
from app.followup.rules import SOF
from app.goals import readings as goal_readings
from app.models import AuditEvent, Case, Meeting
from tests.helpers import save_draft
from tests.meetings.support import case_with_family, in_a_month, yesterday
from tests.test_phases import edit_phases, flow_document


def _body(case, mother, **changes):
    """A planned status meeting next month at 09:30 local time, as the API takes it."""
    return {
        "kind": "status",
        "starts_at": f"{in_a_month().isoformat()}T09:30",
        "place": "Familiens hjem",
        "team": [case.coordinator.id],
        "family": [mother.id],
        "externals": [{"name": "Lise Lærer", "organisation": "Skolen", "role": "Klasselærer"}],
        "agenda": "1. Skolen",
        "agenda_by_family": True,
    } | changes


def _valid(answer, schema: str) -> None:
    """The answer fits its documented schema."""
    jsonschema.validate(
        answer.json, {"$ref": f"#/components/schemas/{schema}", **openapi_document()}
    )


def test_plan_read_and_list_a_meeting(api_as, make_case):
    """A planned meeting comes back with local time, participants and version 1; reads are
    audited."""
    api = api_as("coordinator")
    case, mother = case_with_family(make_case, api.user, goals=False)
    planned = api.post(f"/cases/{case.id}/meetings", json=_body(case, mother))
    assert planned.status_code == 201, planned.json
    _valid(planned, "Meeting")
    got = planned.json
    assert got["kind"] == "status" and got["version"] == 1 and got["held_at"] is None
    assert got["starts_at"].startswith(f"{in_a_month().isoformat()}T09:30:00+0")  # +01/+02
    assert [(p["group"], p["name"]) for p in got["participants"]] == [
        ("team", api.user.name),
        ("family", "Sofie"),
        ("external", "Lise Lærer"),
    ]
    listed = api.get(f"/cases/{case.id}/meetings")
    assert [m["id"] for m in listed.json["planned"]] == [got["id"]] and listed.json["held"] == []
    one = api.get(f"/cases/{case.id}/meetings/{got['id']}")
    assert one.json == got
    reads = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "content_read", AuditEvent.object_id == case.id
        )
    ).all()
    assert {e.details.get("what") for e in reads} >= {"meetings", "meeting"}


def test_an_offset_time_is_stored_as_that_moment(api_as, make_case):
    """A time sent with an offset (UTC) is shown back in local time, the same moment."""
    api = api_as("coordinator")
    case, mother = case_with_family(make_case, api.user, goals=False)
    day = date(2027, 7, 1)  # summer time: 07:30 UTC is 09:30 in Copenhagen
    planned = api.post(
        f"/cases/{case.id}/meetings", json=_body(case, mother, starts_at=f"{day}T07:30:00+00:00")
    )
    assert planned.json["starts_at"] == f"{day}T09:30:00+02:00"


def test_bad_input_is_answered_by_path_and_nothing_is_stored(api_as, make_case):
    """422 names the API's fields (times, rows, the family at an analysis meeting)."""
    api = api_as("coordinator")
    case, mother = case_with_family(make_case, api.user, goals=False)
    bad = api.post(
        f"/cases/{case.id}/meetings",
        json=_body(
            case,
            mother,
            kind="analysis",
            starts_at="i morgen",
            externals=[{"organisation": "Skolen"}],
        ),
    )
    assert bad.status_code == 422
    errors = bad.json["errors"]
    assert "ISO 8601" in errors["starts_at"][0]
    missing = api.post(
        f"/cases/{case.id}/meetings", json=_body(case, mother, kind="analysis", starts_at=None)
    )
    assert missing.status_code == 422
    assert set(missing.json["errors"]) >= {"starts_at", "family"}
    unnamed = api.post(
        f"/cases/{case.id}/meetings", json=_body(case, mother, externals=[{"organisation": "X"}])
    )
    assert unnamed.json["errors"] == {"externals[0].name": ["Skriv deltagerens navn."]}
    assert db.session.scalar(select(Meeting).where(Meeting.case_id == case.id)) is None


def test_record_a_held_meeting_with_a_reading_and_the_next_date(api_as, make_case, make_user):
    """PUT records minutes, an agreement, a goal reading and plans the next meeting; the
    held status meeting moves the case's next follow-up."""
    api = api_as("coordinator")
    case, mother = case_with_family(make_case, api.user)
    flow = save_draft(make_user("leader"), "sagsforloeb")
    flow.data = {**flow.data, "model": SOF}  # Sammen om familien, compensation: 3 months
    facts.update_facts(api.user, case, {"flow_document_id": flow.id, "paragraphs": ["bl_86"]})
    db.session.commit()
    goal = goal_readings.goals_of(case)[0]
    meeting = api.post(f"/cases/{case.id}/meetings", json=_body(case, mother)).json
    record = _body(case, mother) | {
        "version": meeting["version"],
        "starts_at": f"{yesterday()}T09:30",
        "held_at": f"{yesterday()}T09:30",
        "minutes": "Emma går i skole fire dage om ugen.",
        "minute_taker": str(api.user.id),
        "decisions": "Aflastningen fortsætter.",
        "agreements": [{"what": "Bestille aflastning", "who": "Karen", "by_when": "2027-01-10"}],
        "readings": [{"goal_key": goal.key, "value": 6, "who": f"familie-{mother.id}"}],
        "next_at": f"{in_a_month()}T10:00",
    }
    saved = api.put(f"/cases/{case.id}/meetings/{meeting['id']}", json=record)
    assert saved.status_code == 200, saved.json
    _valid(saved, "Meeting")
    got = saved.json
    assert got["version"] == 2 and got["minute_taker_name"] == api.user.name
    assert got["agreements"] == [
        {"what": "Bestille aflastning", "who": "Karen", "by_when": "2027-01-10", "done": False}
    ]
    assert len(got["reading_ids"]) == 1
    assert [r.value for r in goal_readings.readings_by_goal(case)[goal.key]] == [6]
    following = db.session.get(Meeting, got["next_meeting_id"])
    assert following.kind == "status" and following.held_at is None
    db.session.expire_all()
    assert db.session.get(Case, case.id).next_follow_up == add_months(yesterday(), 3)
    listed = api.get(f"/cases/{case.id}/meetings").json
    assert [m["id"] for m in listed["held"]] == [meeting["id"]]
    assert [m["id"] for m in listed["planned"]] == [following.id]


def test_a_lost_race_answers_409_with_what_is_stored(api_as, make_case):
    """Saving over a version someone else replaced: 409 with the stored meeting; no change."""
    api = api_as("coordinator")
    case, mother = case_with_family(make_case, api.user, goals=False)
    meeting = api.post(f"/cases/{case.id}/meetings", json=_body(case, mother)).json
    db.session.execute(
        update(Meeting).where(Meeting.id == meeting["id"]).values(version=2, place="Rådhuset")
    )
    db.session.commit()
    url = f"/cases/{case.id}/meetings/{meeting['id']}"
    stale = api.put(url, json=_body(case, mother, place="Skolen", version=1))
    assert stale.status_code == 409
    assert stale.json["current"]["place"] == "Rådhuset" and stale.json["current"]["version"] == 2
    no_version = api.put(url, json=_body(case, mother, place="Skolen"))
    assert no_version.status_code == 422 and "version" in no_version.json["errors"]
    db.session.expire_all()
    assert db.session.get(Meeting, meeting["id"]).place == "Rådhuset"


def test_delete_a_planned_meeting_not_a_held_one(api_as, make_case):
    """DELETE removes a planned meeting (204); a held one stays (422); unknown ids 404."""
    api = api_as("coordinator")
    case, mother = case_with_family(make_case, api.user, goals=False)
    first = api.post(f"/cases/{case.id}/meetings", json=_body(case, mother)).json
    assert api.delete(f"/cases/{case.id}/meetings/{first['id']}").status_code == 204
    assert api.get(f"/cases/{case.id}/meetings/{first['id']}").status_code == 404
    held = api.post(f"/cases/{case.id}/meetings", json=_body(case, mother)).json
    record = _body(case, mother) | {"version": 1, "held_at": f"{yesterday()}T09:00"}
    assert api.put(f"/cases/{case.id}/meetings/{held['id']}", json=record).status_code == 200
    refused = api.delete(f"/cases/{case.id}/meetings/{held['id']}")
    assert refused.status_code == 422 and "holdt" in refused.json["errors"]["meeting"][0]


def test_rights_follow_the_case(api_as, make_case, make_user):
    """A coordinator of another case sees 404; a controller 403; a leader may read."""
    owner = make_user("coordinator")
    case, mother = case_with_family(make_case, owner, goals=False)
    other = api_as("coordinator")
    controller = api_as("controller")
    leader = api_as("leader")
    url = f"/cases/{case.id}/meetings"
    assert other.get(url).status_code == 404
    assert other.post(url, json=_body(case, mother)).status_code == 404
    assert controller.get(url).status_code == 403
    assert controller.post(url, json=_body(case, mother)).status_code == 403
    assert leader.get(url).status_code == 200


def test_start_and_repin_the_case_flow_through_the_api(api_as, make_case, make_user):
    """POST …/phase/start pins the flow; again is 409; …/phase/repin follows a newer final
    revision in the same phase and is 422 when there is none."""
    api = api_as("coordinator")
    leader = make_user("leader")
    case = make_case(coordinator=api.user)
    refused = api.post(f"/cases/{case.id}/phase/start", json={})
    assert refused.status_code == 422 and "sagsforløb" in refused.json["errors"]["phase"][0]
    document = flow_document(leader)
    db.session.commit()
    api.patch(f"/cases/{case.id}/facts", json={"flow_document_id": document.id})
    started = api.post(f"/cases/{case.id}/phase/start", json={"note": "Vi begynder."})
    assert started.status_code == 200, started.json
    _valid(started, "Case")
    assert started.json["phase"]["pinned_revision"] == 1
    assert api.post(f"/cases/{case.id}/phase/start", json={}).status_code == 409
    assert api.post(f"/cases/{case.id}/phase/repin", json={}).status_code == 422

    def rename(rows):
        rows[0]["name"] = "Henvendelse og samtykke"
        return rows

    edit_phases(leader, document, rename)
    db.session.commit()
    moved = api.post(f"/cases/{case.id}/phase/repin", json={})
    assert moved.status_code == 200, moved.json
    assert moved.json["phase"]["pinned_revision"] == 2
    assert moved.json["phase"]["name"] == "Henvendelse og samtykke"

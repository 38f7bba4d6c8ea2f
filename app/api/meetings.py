"""A case's meetings in the API: list, plan, read, record (minutes), delete.

The API sends times as ISO 8601 and ids as numbers; the meeting services check the values
with the page's rules and messages. This module only translates between the two shapes: the
API's body into the service's field values, and the service's field names back into the
API's paths (``starts_on`` → ``starts_at``, ``agreements-0-what`` → ``agreements[0].what``).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from app import audit
from app.api.openapi import NOT_FOUND, operation
from app.api.schemas_meetings import Meeting, MeetingList, MeetingPlan, MeetingWrite
from app.api.util import ApiError, answer, api_user, conflict, invalid, parse_json
from app.authz import Action, get_case_for
from app.extensions import db
from app.family.services import PERSON_PREFIX
from app.meetings import pages, services
from app.meetings.checks import local
from app.models import Case
from app.models import Meeting as MeetingRow

BASE = "/cases/<int:case_id>/meetings"
FORBIDDEN = "Rollen må ikke se eller rette sagens møder"
CONFLICT = "Nogen har gemt mødet i mellemtiden (feltet current har det gemte)"

#: The service's field names for a time, by the API's name.
_TIMES = {"starts_at": "starts", "held_at": "held", "next_at": "next"}
#: The page's field name (its date or its time part) back to the API's name.
_PATHS = {f"{part}_{end}": name for name, part in _TIMES.items() for end in ("on", "time")}
_ROW = re.compile(r"^(externals|agreements|readings)-(\d+)-(\w+)$")


def _iso(moment: datetime | None) -> str | None:
    """A stored (UTC) time as ISO 8601 in local time, or None."""
    shown = local(moment, services.zone())
    return shown.isoformat() if shown else None


def meeting_json(meeting: MeetingRow) -> dict[str, Any]:
    """A meeting as the API answers it."""
    return {
        "id": meeting.id,
        "case_id": meeting.case_id,
        "kind": meeting.kind,
        "kind_label": pages.kind_label(meeting.kind),
        "starts_at": _iso(meeting.starts_at),
        "place": meeting.place,
        "agenda": meeting.agenda,
        "agenda_by_family": meeting.agenda_by_family,
        "participants": [
            {
                "group": p.group,
                "user_id": p.user_id,
                "family_member_id": p.family_member_id,
                "name": p.name,
                "organisation": p.organisation,
                "role": p.role,
            }
            for p in meeting.participants
        ],
        "held_at": _iso(meeting.held_at),
        "minutes": meeting.minutes,
        "minute_taker": meeting.minute_taker,
        "minute_taker_name": meeting.minute_taker_name,
        "decisions": meeting.decisions,
        "agreements": [
            {
                "what": a.what,
                "who": a.who,
                "by_when": a.by_when.isoformat() if a.by_when else None,
                "done": a.done,
            }
            for a in meeting.agreements
        ],
        "next_meeting_id": meeting.next_meeting_id,
        "reading_ids": list(meeting.reading_ids or []),
        "version": meeting.version,
        "updated_at": meeting.updated_at.isoformat(),
    }


def _split_time(name: str, raw: str | None, data: dict[str, Any], errors: dict) -> None:
    """An ISO time as the page's date and time fields (local wall clock), or an error."""
    if raw is None or not raw.strip():
        return
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        errors[name] = [_("Skriv tidspunktet som ISO 8601, fx 2026-12-01T09:30.")]
        return
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(services.zone()))
    part = _TIMES[name]
    data[f"{part}_on"] = moment.date().isoformat()
    data[f"{part}_time"] = moment.strftime("%H:%M")


def service_values(body: MeetingPlan) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The API body as the meeting services' field values, and errors in the times."""
    sent = body.model_dump()
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {
        key: value for key, value in sent.items() if key not in _TIMES and key != "version"
    }
    for name in _TIMES:
        _split_time(name, sent.get(name), data, errors)
    data["team"] = [str(user_id) for user_id in body.team]
    data["family"] = [f"{PERSON_PREFIX}{member_id}" for member_id in body.family]
    return data, errors


def api_paths(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """The service's errors keyed by the API's paths."""
    found: dict[str, list[str]] = {}
    for name, messages in errors.items():
        row = _ROW.match(name)
        path = f"{row[1]}[{row[2]}].{row[3]}" if row else _PATHS.get(name, name)
        found.setdefault(path, []).extend(m for m in messages if m not in found.get(path, []))
    return found


def _meeting(case: Case, meeting_id: int) -> MeetingRow:
    """The case's meeting, or a 404 answer."""
    meeting = services.get_meeting(case, meeting_id)
    if meeting is None:
        raise ApiError(404, _("Mødet findes ikke på sagen."))
    return meeting


@operation(
    "GET",
    BASE,
    summary="Sagens møder: planlagte og holdte",
    responses={200: ("Møderne", MeetingList), 403: FORBIDDEN, 404: NOT_FOUND},
)
def list_case_meetings(case_id: int):
    """The case's planned and held meetings (family content: audited)."""
    case = get_case_for(api_user(), case_id, Action.VIEW_CONTENT)
    planned, held = services.list_meetings(case)
    audit.read(case, "meetings", meeting_ids=[m.id for m in planned + held])
    return answer(
        MeetingList,
        {"planned": [meeting_json(m) for m in planned], "held": [meeting_json(m) for m in held]},
    )


@operation(
    "POST",
    BASE,
    summary="Planlæg et møde: type, tidspunkt, sted, deltagere, dagsorden",
    body=MeetingPlan,
    responses={
        201: ("Mødet", Meeting),
        400: "Ikke et JSON-objekt",
        403: FORBIDDEN,
        404: NOT_FOUND,
        422: "Ugyldige felter",
    },
)
def plan_case_meeting(case_id: int):
    """Plan a meeting; the same checks and messages as the meeting page."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT_CONTENT)
    data, errors = service_values(parse_json(MeetingPlan))
    if errors:
        return invalid(errors)
    try:
        meeting = services.plan_meeting(user, case, data)
    except services.MeetingError as error:
        db.session.rollback()
        return invalid(api_paths(error.errors))
    db.session.commit()
    return answer(Meeting, meeting_json(meeting), 201)


@operation(
    "GET",
    BASE + "/<int:meeting_id>",
    summary="Ét møde med referat, beslutninger og aftaler",
    responses={200: ("Mødet", Meeting), 403: FORBIDDEN, 404: NOT_FOUND},
)
def get_case_meeting(case_id: int, meeting_id: int):
    """One meeting as planned and recorded (reading the minutes is audited)."""
    case = get_case_for(api_user(), case_id, Action.VIEW_CONTENT)
    meeting = _meeting(case, meeting_id)
    audit.read(case, "meeting", meeting_id=meeting.id)
    return answer(Meeting, meeting_json(meeting))


@operation(
    "PUT",
    BASE + "/<int:meeting_id>",
    summary="Ret mødet og skriv referatet: holdt hvornår, referat, beslutninger, aftaler, "
    "målinger, næste møde",
    body=MeetingWrite,
    responses={
        200: ("Mødet som gemt", Meeting),
        400: "Ikke et JSON-objekt",
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
        422: "Ugyldige felter",
    },
)
def put_case_meeting(case_id: int, meeting_id: int):
    """Save the meeting the caller edited at ``version``; 409 with what is stored if stale."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT_CONTENT)
    meeting = _meeting(case, meeting_id)
    body = parse_json(MeetingWrite)
    if body.version is None:
        return invalid({"version": [_("Send den version, du har læst (version).")]})
    data, errors = service_values(body)
    if errors:
        return invalid(errors)
    try:
        services.save_meeting(user, case, meeting, data, body.version)
    except services.MeetingError as error:
        db.session.rollback()
        return invalid(api_paths(error.errors))
    except services.ConflictError as stale:
        db.session.rollback()
        return conflict(meeting_json(db.session.get(MeetingRow, stale.meeting.id)))
    db.session.commit()
    return answer(Meeting, meeting_json(meeting))


@operation(
    "DELETE",
    BASE + "/<int:meeting_id>",
    summary="Slet et planlagt møde, der ikke bliver holdt (et holdt møde beholder sit referat)",
    responses={
        204: ("Slettet; intet svar", None),
        403: FORBIDDEN,
        404: NOT_FOUND,
        422: "Mødet er holdt og kan ikke slettes",
    },
)
def delete_case_meeting(case_id: int, meeting_id: int):
    """Remove a planned meeting."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT_CONTENT)
    meeting = _meeting(case, meeting_id)
    try:
        services.delete_meeting(user, case, meeting)
    except services.MeetingError as error:
        db.session.rollback()
        return invalid(api_paths(error.errors))
    db.session.commit()
    return "", 204

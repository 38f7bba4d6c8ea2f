"""Between the meeting form and the services: choices, stored values, posted data, errors.

No request objects here: the views hand in the form; these functions fill and read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.formengine.vocabularies import item_label, item_value, offered_items
from app.goals import readings as goal_readings
from app.meetings import services
from app.meetings.checks import KINDS, local
from app.meetings.forms import BLANK_ROWS, MeetingForm
from app.models import Case, GoalReading, Meeting
from app.team.services import role_label
from app.vocabularies.services import load_vocabularies
from app.web.i18n import current_locale


def kind_choices(locale: str, chosen: str | None = None) -> list[tuple[str, str]]:
    """(key, label) of the meeting types the municipality's list offers (a retired type only
    when it is the meeting's own), in the list's order."""
    return [
        (item_value(item), item_label(item, locale))
        for item in offered_items(load_vocabularies()["meeting_types"], chosen)
    ]


def kind_label(kind: str, locale: str | None = None) -> str:
    """The label of a meeting type in the page's language (the key if unknown)."""
    return dict(kind_choices(locale or current_locale(), kind)).get(kind, kind)


def new_values(kind: str | None, case: Case | None = None) -> dict[str, Any]:
    """The planning form's starting values: the asked type, else a status meeting; the
    case's external partners (core team without a login) are offered as external rows,
    which the person clears for a meeting they do not attend."""
    values: dict[str, Any] = {"kind": kind if kind in KINDS else "status", "starts_time": "09:00"}
    partners = list(case.partners) if case is not None else []
    if partners:
        rows = [
            {"name": p.name, "organisation": p.organisation, "role": role_label(p.role)}
            for p in partners
        ]
        values["externals"] = [SimpleNamespace(**row) for row in rows + [{}] * BLANK_ROWS]
    return values


def fill_choices(form: MeetingForm, case: Case, meeting: Meeting | None) -> None:
    """Meeting types, the team and family to choose from, minute-takers and reading givers."""
    form.kind.choices = kind_choices(current_locale(), meeting.kind if meeting else None)
    form.team.choices = services.team_choices(case)
    form.family.choices = services.family_choices(case)
    form.minute_taker.choices = [("", _("Vælg"))] + form.team.choices + form.family.choices
    givers = [("", _("Vælg"))] + goal_readings.who_choices(case)
    for entry in form.readings:
        entry.form.who.choices = givers


def stored_values(case: Case, meeting: Meeting) -> dict[str, Any]:
    """The form's values from a stored meeting (plus blank rows to add to)."""
    zone = services.zone()
    start, held = local(meeting.starts_at, zone), local(meeting.held_at, zone)
    upcoming = meeting.next_meeting
    coming = local(upcoming.starts_at, zone) if upcoming is not None else None
    externals = [
        {"name": p.name, "organisation": p.organisation, "role": p.role}
        for p in meeting.participants
        if p.group == "external"
    ]
    agreements = [
        {
            "what": a.what,
            "who": a.who,
            "by_when": a.by_when.isoformat() if a.by_when else "",
            "done": a.done,
        }
        for a in meeting.agreements
    ]
    blank: list[dict[str, Any]] = [{}] * BLANK_ROWS
    return _rows_as_objects(
        {
            "kind": meeting.kind,
            "starts_on": start.date().isoformat() if start else "",
            "starts_time": start.strftime("%H:%M") if start else "",
            "place": meeting.place,
            "team": [str(p.user_id) for p in meeting.participants if p.user_id is not None],
            "family": [
                f"familie-{p.family_member_id}"
                for p in meeting.participants
                if p.family_member_id is not None
            ],
            "externals": externals + blank,
            "agenda": meeting.agenda,
            "agenda_by_family": meeting.agenda_by_family,
            "held_on": held.date().isoformat() if held else "",
            "held_time": held.strftime("%H:%M") if held else "",
            "minutes": meeting.minutes,
            "minute_taker": meeting.minute_taker,
            "decisions": meeting.decisions,
            "agreements": agreements + blank,
            "readings": [{"goal_key": goal.key} for goal in goal_readings.goals_of(case)],
            "next_on": coming.date().isoformat() if coming else "",
            "next_time": coming.strftime("%H:%M") if coming else "",
            "version": str(meeting.version),
        }
    )


def _rows_as_objects(values: dict[str, Any]) -> dict[str, Any]:
    """Rows as objects: WTForms' FormField reads a row's values as attributes (a dict there
    is deprecated)."""
    for name in ("externals", "agreements", "readings"):
        values[name] = [SimpleNamespace(**row) for row in values[name]]
    return values


def posted(form: MeetingForm) -> dict[str, Any]:
    """The posted form as the services' plain data."""
    data = {
        name: getattr(form, name).data
        for name in (
            "kind", "starts_on", "starts_time", "place", "team", "family", "agenda",
            "agenda_by_family", "held_on", "held_time", "minutes", "minute_taker",
            "decisions", "next_on", "next_time",
        )
    }  # fmt: skip
    for name in ("externals", "agreements", "readings"):
        data[name] = [entry.data for entry in getattr(form, name)]
    return data


def place_errors(form: MeetingForm, errors: Mapping[str, list[str]]) -> None:
    """Show the services' messages beside their fields ("agreements-0-what" in its row)."""
    for name, messages in errors.items():
        target = _field(form, name) or form.kind
        target.errors = list(target.errors) + list(messages)


def _field(form: MeetingForm, name: str):
    """The form field a service error names, or None."""
    parts = name.split("-")
    if len(parts) == 3 and parts[1].isdigit():
        rows = getattr(form, parts[0], None)
        index = int(parts[1])
        if rows is not None and index < len(rows.entries):
            return getattr(rows.entries[index].form, parts[2], None)
        return None
    return getattr(form, name, None) if name in form._fields else None


def view(case: Case, meeting: Meeting) -> dict[str, Any]:
    """What the meeting page shows: local times, participants by group, readings taken."""
    zone = services.zone()
    titles = {goal.key: goal.title for goal in goal_readings.goals_of(case)}
    readings = []
    if meeting.reading_ids:
        rows = db.session.scalars(
            select(GoalReading).where(GoalReading.id.in_(meeting.reading_ids))
        )
        readings = [
            {
                "goal": titles.get(r.goal_key, r.goal_key),
                "value": r.value,
                "note": r.note,
                "who": r.given_by,
            }
            for r in rows
        ]
    groups: dict[str, list] = {}
    for participant in meeting.participants:
        groups.setdefault(participant.group, []).append(participant)
    return {
        "kind": kind_label(meeting.kind),
        "starts_at": local(meeting.starts_at, zone),
        "held_at": local(meeting.held_at, zone),
        "groups": groups,
        "readings": readings,
        "next_at": local(meeting.next_meeting.starts_at, zone) if meeting.next_meeting else None,
    }

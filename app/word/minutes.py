"""The minutes of a meeting as a Word context (template `moedereferat`), and what the plans
get from the meetings (open agreements, the next meeting).

Pure functions over the meeting models and plain dicts (the meetings feature never imports
word; word reads meetings); rendering lives in app/word/services.py,
which passes the municipality and case parts. Word documents are Danish, whatever language
the person's screen is in, so labels here are the Danish ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from app.docgen.loopbounds import widened
from app.formengine.vocabularies import MEETING_TYPES, item_label, item_value
from app.meetings.checks import local
from app.models import GoalReading, Meeting, MeetingAgreement
from app.word.context import CASE_NAMES, KOMMUNE_NAMES
from app.word.fields import MergeGroup, merge_groups
from app.word.samples import SAMPLE_DAY, SAMPLE_ROWS, sample_kommune, sample_sag

TEMPLATE = "moedereferat"
TITLE = "Mødereferat"
GROUP_WORDS = {"team": "Kerneteam", "family": "Familien", "external": "Ekstern"}

PARTICIPANT_NAMES: dict[str, Any] = {
    "navn": None,
    "gruppe": None,
    "organisation": None,
    "rolle": None,
}
AGREEMENT_NAMES: dict[str, Any] = {"hvad": None, "hvem": None, "senest": None, "udfoert": None}
READING_NAMES: dict[str, Any] = {"maal": None, "vaerdi": None, "hvem": None, "note": None}
MEETING_NAMES: dict[str, Any] = {
    "type": None,
    "start": None,
    "klokken": None,
    "sted": None,
    "dagsorden": None,
    "familien_med_til_dagsorden": None,
    "holdt": None,
    "referent": None,
    "referat": None,
    "beslutninger": None,
    "deltagere": [dict(PARTICIPANT_NAMES)],
    "aftaler": [dict(AGREEMENT_NAMES)],
    "maalinger": [dict(READING_NAMES)],
    "naeste_moede": None,
}
#: What the plans get from the meetings (merge fields `moedeaftaler`, `naeste_moede`).
PLAN_AGREEMENT_NAMES: dict[str, Any] = {
    "hvad": None,
    "hvem": None,
    "senest": None,
    "moede": None,
    "moededato": None,
}
NEXT_MEETING_NAMES: dict[str, Any] = {"dato": None, "klokken": None, "type": None, "sted": None}


def minutes_groups(known: Mapping[str, Any], sample: Mapping[str, Any]) -> list[MergeGroup]:
    """The Flettefelter page of the minutes template."""
    groups = [
        (_("Kommunen"), ["kommune"]),
        (_("Sagen og kerneteamet"), ["sag", "dato"]),
        (_("Mødet: deltagere, dagsorden, referat, aftaler og målinger"), ["moede"]),
    ]
    return merge_groups(known, sample, groups, {})


def known_names() -> dict[str, Any]:
    """Every name a minutes template may use."""
    return {
        "kommune": dict(KOMMUNE_NAMES),
        "sag": dict(CASE_NAMES),
        "dato": None,
        "moede": dict(MEETING_NAMES),
    }


def kind_word(kind: str, vocabulary: list[Any] | None = None) -> str:
    """The Danish label of a meeting type (the municipality's list when given)."""
    items = vocabulary if vocabulary is not None else MEETING_TYPES
    for item in items:
        if item_value(item) == kind:
            return item_label(item, "da")
    return kind


def _clock(moment: datetime | None) -> str | None:
    """ "09:30", or None."""
    return moment.strftime("%H:%M") if moment else None


def meeting_context(
    meeting: Meeting,
    readings: list[GoalReading],
    goal_titles: dict[str, str],
    zone: str,
    vocabulary: list[Any] | None = None,
) -> dict[str, Any]:
    """The `moede` part of the minutes: times as local wall-clock time in ``zone``."""
    start, held = local(meeting.starts_at, zone), local(meeting.held_at, zone)
    coming = local(meeting.next_meeting.starts_at, zone) if meeting.next_meeting else None
    return {
        "type": kind_word(meeting.kind, vocabulary),
        "start": start.replace(tzinfo=None) if start else None,
        "klokken": _clock(held or start),
        "sted": meeting.place or None,
        "dagsorden": meeting.agenda or None,
        "familien_med_til_dagsorden": meeting.agenda_by_family,
        "holdt": held.replace(tzinfo=None) if held else None,
        "referent": meeting.minute_taker_name or None,
        "referat": meeting.minutes or None,
        "beslutninger": meeting.decisions or None,
        "deltagere": [
            {
                "navn": p.name,
                "gruppe": GROUP_WORDS.get(p.group, p.group),
                "organisation": p.organisation or None,
                "rolle": p.role or None,
            }
            for p in meeting.participants
        ],
        "aftaler": [agreement_row(a) for a in meeting.agreements],
        "maalinger": [
            {
                "maal": goal_titles.get(r.goal_key, r.goal_key),
                "vaerdi": r.value,
                "hvem": r.given_by,
                "note": r.note or None,
            }
            for r in readings
        ],
        "naeste_moede": coming.replace(tzinfo=None) if coming else None,
    }


def agreement_row(agreement: MeetingAgreement) -> dict[str, Any]:
    """One agreement as the minutes show it."""
    return {
        "hvad": agreement.what,
        "hvem": agreement.who or None,
        "senest": agreement.by_when,
        "udfoert": agreement.done,
    }


def plan_agreements(
    agreements: list[MeetingAgreement], zone: str, vocabulary: list[Any] | None = None
) -> list[dict[str, Any]]:
    """The open agreements from meetings as the plans list them."""
    rows = []
    for agreement in agreements:
        held = local(agreement.meeting.held_at, zone)
        rows.append(
            {
                "hvad": agreement.what,
                "hvem": agreement.who or None,
                "senest": agreement.by_when,
                "moede": kind_word(agreement.meeting.kind, vocabulary),
                "moededato": held.date() if held else None,
            }
        )
    return rows


def next_meeting(
    meeting: Meeting | None, zone: str, vocabulary: list[Any] | None = None
) -> dict[str, Any] | None:
    """The next planned meeting as the plans show it, or None."""
    if meeting is None:
        return None
    start = local(meeting.starts_at, zone)
    return {
        "dato": start.date() if start else None,
        "klokken": _clock(start),
        "type": kind_word(meeting.kind, vocabulary),
        "sted": meeting.place or None,
    }


def sample_meeting() -> dict[str, Any]:
    """A held status meeting as sample data for the Flettefelter page and the test render."""
    return {
        "type": "Statusmøde",
        "start": datetime(2026, 11, 20, 9, 30),
        "klokken": "09:30",
        "sted": "Familiens hjem",
        "dagsorden": "1. Hvordan går det i skolen?\n2. Aflastning\n3. Næste møde",
        "familien_med_til_dagsorden": True,
        "holdt": datetime(2026, 11, 20, 9, 30),
        "referent": "Per Petersen",
        "referat": "Emma er kommet i skole fire dage om ugen.\nMor oplever mere ro om aftenen.",
        "beslutninger": "Aflastningen fortsætter uændret.",
        "deltagere": [
            {
                "navn": "Karen Koordinator",
                "gruppe": "Kerneteam",
                "organisation": None,
                "rolle": "Familiekoordinator",
            },
            {"navn": "Anna Jensen", "gruppe": "Familien", "organisation": None, "rolle": "Mor"},
            {
                "navn": "Lise Lærer",
                "gruppe": "Ekstern",
                "organisation": "Eksempel Skole",
                "rolle": "Klasselærer",
            },
        ],  # fmt: skip
        "aftaler": [
            {
                "hvad": "Bestille aflastning",
                "hvem": "Karen Koordinator",
                "senest": date(2026, 12, 1),
                "udfoert": False,
            },
        ],  # fmt: skip
        "maalinger": [
            {
                "maal": "Emma går i skole hver dag",
                "vaerdi": 6,
                "hvem": "Anna Jensen",
                "note": "Bedre morgener",
            },
        ],  # fmt: skip
        "naeste_moede": datetime(2027, 1, 15, 9, 30),
    }


def sample_context(*, rows: int = SAMPLE_ROWS) -> dict[str, Any]:
    """A whole sample minutes context; with `rows` above SAMPLE_ROWS, the big meeting
    (every list of the meeting at `rows` rows)."""
    meeting = sample_meeting()
    if rows > SAMPLE_ROWS:
        meeting = {
            key: widened(value, rows) if isinstance(value, list) else value
            for key, value in meeting.items()
        }
    return {
        "kommune": sample_kommune(),
        "sag": sample_sag(),
        "dato": SAMPLE_DAY,
        "moede": meeting,
    }


def sample_plan_parts() -> dict[str, Any]:
    """The meetings' part of a sample plan: one open agreement and the next meeting."""
    return {
        "moedeaftaler": [
            {
                "hvad": "Bestille aflastning",
                "hvem": "Karen Koordinator",
                "senest": date(2026, 12, 1),
                "moede": "Statusmøde",
                "moededato": date(2026, 11, 20),
            }
        ],
        "naeste_moede": {
            "dato": date(2027, 1, 15),
            "klokken": "09:30",
            "type": "Statusmøde",
            "sted": "Familiens hjem",
        },
    }

"""The case's year of meetings and a user's own meetings as calendar files.

Both are made of the same entries: the meeting type and the case number as the summary, the
time in the municipality's zone, the place. Nothing else about the family.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from app.meetings import pages as meeting_pages
from app.models import Case, Meeting
from app.web.i18n import current_zone
from app.wheel.ics import CalendarEntry, calendar_bytes, meeting_uid, summary


def entries(meetings: Iterable[Meeting], locale: str) -> list[CalendarEntry]:
    """One entry per meeting: type and case number, time, place."""
    return [
        CalendarEntry(
            uid=meeting_uid(m.id),
            summary=summary(meeting_pages.kind_label(m.kind, locale), m.case.reference),
            starts=m.starts_at,
            location=m.place,
            stamp=m.updated_at,
            held=m.held,
        )
        for m in meetings
    ]


def case_calendar(case: Case, meetings: Iterable[Meeting], locale: str) -> bytes:
    """``annual-wheel.ics``: the case's meetings in the wheel's 12 months."""
    name = _("Årshjul %(reference)s", reference=case.reference)
    return calendar_bytes(entries(meetings, locale), name=name, zone=current_zone())


def feed_calendar(meetings: Iterable[Meeting]) -> bytes:
    """A user's feed: their own meetings (labels in Danish: calendar apps send no language)."""
    return calendar_bytes(entries(meetings, "da"), name="enindgang", zone=current_zone())

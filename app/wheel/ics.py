"""iCalendar files of meetings (RFC 5545), built with the `icalendar` library.

Pure functions: ``CalendarEntry`` rows in, bytes out. Times are written in the
municipality's zone (``TZID=Europe/Copenhagen`` by default) with its VTIMEZONE, so a phone
or Outlook shows them right across the daylight-saving changes. UIDs are stable (one per
meeting), so a calendar that subscribes updates an entry instead of adding a second one.

Undated activities of the year wheel are left out on purpose: the model plans them by month
without a date, and the coordinator gives them their dates when putting them in the
calendar [*Sammen om familien*, "Mere systematisk og hyppig opfølgning med et årshjul"]; an
all-day entry lasting a month would look like a date that was never agreed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

PRODID = "-//enindgang//enindgang//DA"
#: Meetings have a start time only; the calendar shows them as an hour (a product default,
#: not a rule of either model).
DEFAULT_LENGTH = timedelta(hours=1)
UID_DOMAIN = "enindgang"


@dataclass(frozen=True)
class CalendarEntry:
    """One meeting as a calendar event: nothing but what the calendar needs."""

    uid: str
    summary: str
    starts: datetime  # aware
    location: str = ""
    stamp: datetime | None = None  # when the meeting was last changed (DTSTAMP)
    held: bool = False


def meeting_uid(meeting_id: int) -> str:
    """The stable UID of a meeting: the same in the case's file and in every feed."""
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


def calendar_bytes(entries: Iterable[CalendarEntry], *, name: str, zone: str) -> bytes:
    """A VCALENDAR with one VEVENT per entry in ``zone`` and that zone's VTIMEZONE."""
    tz = ZoneInfo(zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone)
    for entry in entries:
        event = Event()
        start = entry.starts.astimezone(tz)
        event.add("uid", entry.uid)
        event.add("dtstamp", (entry.stamp or entry.starts).astimezone(ZoneInfo("UTC")))
        event.add("dtstart", start)
        event.add("dtend", start + DEFAULT_LENGTH)
        event.add("summary", entry.summary)
        if entry.location:
            event.add("location", entry.location)
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def summary(kind_label: str, reference: str) -> str:
    """SUMMARY of a meeting: its type and the case number, nothing about the family."""
    return f"{kind_label} – {reference}"

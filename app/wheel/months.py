"""The wheel's 12 months and what falls in each: plain data in, plain data out.

The wheel is a circle of 12 fields, one per month, holding the year's activities of the case
by month without a date; the coordinator later puts them in the calendar with dates
[Socialstyrelsen, *Sammen om familien*, "Mere systematisk og hyppig opfølgning med et
årshjul"]. Dated meetings of the case show in their month too, marked as dated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date

MONTHS = 12
OTHER = "other"  # an activity that is not one of the meeting types


@dataclass(frozen=True)
class Activity:
    """An undated activity of a month (as stored, with its label for the page)."""

    month: int
    kind: str
    label: str
    purpose: str = ""
    who: str = ""


@dataclass(frozen=True)
class DatedMeeting:
    """A meeting of the case with its local start time."""

    meeting_id: int
    kind: str
    label: str
    starts: datetime  # local time
    held: bool = False


@dataclass
class WheelMonth:
    """One field of the wheel: its first day, its activities and its dated meetings; items
    carry numbers (1, 2, …) in wheel order, the markers' numbers in the picture."""

    first: date
    name: str
    current: bool = False
    activities: list[tuple[int, Activity]] = field(default_factory=list)
    meetings: list[tuple[int, DatedMeeting]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many items the month holds."""
        return len(self.activities) + len(self.meetings)


def first_of_month(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def add_months(first: date, count: int) -> date:
    """The first day of the month ``count`` months after ``first``'s month."""
    index = first.year * 12 + first.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def window(start: date) -> list[date]:
    """The first days of the wheel's 12 months from ``start``'s month (across a new year)."""
    first = first_of_month(start)
    return [add_months(first, n) for n in range(MONTHS)]


def window_end(start: date) -> date:
    """The first day after the wheel's 12 months."""
    return add_months(first_of_month(start), MONTHS)


def month_name(first: date, locale: str) -> str:
    """The month's name in ``locale`` (stand-alone form), capitalised: "November"."""
    text = format_date(first, "LLLL", locale=locale)
    return text[:1].upper() + text[1:]


def arrange(
    start: date,
    activities: Iterable[Activity],
    meetings: Iterable[DatedMeeting],
    *,
    today: date,
    locale: str,
) -> list[WheelMonth]:
    """The 12 months from ``start`` with their activities (by month number) and the meetings
    whose local day falls in the window; numbered in wheel order, activities first."""
    months = [
        WheelMonth(first, month_name(first, locale), current=first == first_of_month(today))
        for first in window(start)
    ]
    by_month = {wheel_month.first.month: wheel_month for wheel_month in months}
    end = window_end(start)
    for activity in activities:
        if activity.month in by_month:
            by_month[activity.month].activities.append((0, activity))
    for meeting in sorted(meetings, key=lambda m: (m.starts, m.meeting_id)):
        day = meeting.starts.date()
        if first_of_month(start) <= day < end:
            by_month[day.month].meetings.append((0, meeting))
    number = 0
    for wheel_month in months:
        numbered = []
        for _old, activity in wheel_month.activities:
            number += 1
            numbered.append((number, activity))
        wheel_month.activities = numbered
        dated = []
        for _old, meeting in wheel_month.meetings:
            number += 1
            dated.append((number, meeting))
        wheel_month.meetings = dated
    return months


def local(moment: datetime, zone: str) -> datetime:
    """A stored UTC time in the municipality's zone."""
    return moment.astimezone(ZoneInfo(zone))

"""The year wheel in the family's plan (Word): the month-by-month table and the picture.

The model hands the wheel to the parents so that they know what happens when and why
[*Sammen om familien*, "Mere systematisk og hyppig opfølgning med et årshjul"]; the
family's plan is what they are given. Word documents are Danish whatever the screen's
language, so the part is built under the Danish locale. A municipality's own template that
does not use ``aarshjul`` renders as before.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import force_locale

from app.docgen.render import ImageSpec
from app.models import Case
from app.wheel import services
from app.wheel.months import Activity, DatedMeeting, WheelMonth, arrange, window
from app.wheel.png import wheel_png

PICTURE_MM = 120  # the picture's width on an A4 page with ordinary margins

#: The names a plan template may use under ``aarshjul``.
WHEEL_NAMES: dict[str, Any] = {
    "periode": None,
    "billede": None,
    "raekker": [{"maaned": None, "hvad": None, "hvorfor": None, "hvem": None, "dato": None}],
}


def rows(months: list[WheelMonth]) -> list[dict[str, Any]]:
    """One row per activity or dated meeting, in wheel order: month, what, why, who, when."""
    found = []
    for month in months:
        label = f"{month.name} {month.first.year}"
        for _number, activity in month.activities:
            found.append(
                {
                    "maaned": label,
                    "hvad": activity.label,
                    "hvorfor": activity.purpose,
                    "hvem": activity.who,
                    "dato": None,
                }
            )
        for _number, meeting in month.meetings:
            found.append(
                {
                    "maaned": label,
                    "hvad": meeting.label,
                    "hvorfor": "",
                    "hvem": "",
                    "dato": format_datetime(
                        meeting.starts,
                        "d. MMMM 'kl.' HH.mm",
                        tzinfo=meeting.starts.tzinfo,
                        locale="da",
                    ),
                }
            )
    return found


def part(months: list[WheelMonth], picture: bool = True) -> dict[str, Any]:
    """The plan's ``aarshjul``: period, rows and (when anything is planned) the picture."""
    first, last = months[0], months[-1]
    found = rows(months)
    image = None
    if picture and found:
        years = sorted({first.first.year, last.first.year})
        data = wheel_png(months, centre_text="–".join(map(str, years)), now_text="nu")
        image = ImageSpec(data, width_mm=PICTURE_MM)
    return {
        "periode": f"{first.name.lower()} {first.first.year} – {last.name.lower()} "
        f"{last.first.year}",
        "billede": image,
        "raekker": found,
    }


def plan_part(case: Case, today: date | None = None, picture: bool = True) -> dict[str, Any]:
    """The case's wheel as the plans' ``aarshjul`` (Danish); ``picture`` False leaves out the
    PNG (the internal plan's built-in template does not show it)."""
    with force_locale("da"):
        wheel = services.wheel_of(case, today)
        return part(wheel.months, picture)


def sample_part(today: date) -> dict[str, Any]:
    """A sample wheel for the template pages and the template check."""
    start = window(today)[0]
    activities = [
        Activity(start.month, "follow_up", "Opfølgning", "Hvordan går det hjemme?", "Mor, far"),
        Activity(window(start)[2].month, "network", "Netværksmøde", "Skolestart", "Skolen, PPR"),
        Activity(window(start)[6].month, "other", "Andet", "Plan for sommerferien", "Familien"),
    ]
    second = window(start)[1]
    starts = datetime(second.year, second.month, 9, 9, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    meeting = DatedMeeting(1, "status", "Statusmøde", starts)
    with force_locale("da"):
        months = arrange(start, activities, [meeting], today=today, locale="da")
        # No picture in the sample: the merge-field page prints the sample's values.
        return part(months, picture=False)

"""The wheel's months and its SVG, as pure functions: 12 sectors labelled with the months,
activities and dated meetings in their month, the current month marked, title and desc."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import lxml.etree as etree
import pytest

from app.wheel.months import Activity, DatedMeeting, arrange, window, window_end
from app.wheel.svg import marker_slots, wheel_svg

SVG = "{http://www.w3.org/2000/svg}"
CPH = ZoneInfo("Europe/Copenhagen")


def _months(start=date(2026, 11, 1), today=date(2026, 11, 23), activities=(), meetings=()):
    return arrange(start, activities, meetings, today=today, locale="da")


def _svg(months):
    markup = wheel_svg(
        months, title="Årshjul for sag X", desc="12 måneder", centre_text="2026–2027", now_text="nu"
    )
    return etree.fromstring(str(markup).encode())


def test_the_window_crosses_the_new_year():
    """From November: 12 months to October the next year; the end is the next November."""
    months = window(date(2026, 11, 17))
    assert months[0] == date(2026, 11, 1) and months[-1] == date(2027, 10, 1)
    assert len(set(months)) == 12 and [m.month for m in months][:3] == [11, 12, 1]
    assert window_end(date(2026, 11, 1)) == date(2027, 11, 1)


def test_activities_and_dated_meetings_fall_in_their_month():
    """An activity of January goes to January 2027; a meeting outside the window is left out."""
    activities = [Activity(1, "network", "Netværksmøde", "Skolen og familien"),
                  Activity(11, "follow_up", "Opfølgning", "Hvordan går det?")]  # fmt: skip
    inside = DatedMeeting(7, "status", "Statusmøde", datetime(2027, 10, 31, 23, 30, tzinfo=CPH))
    before = DatedMeeting(8, "status", "Statusmøde", datetime(2026, 10, 31, 9, 0, tzinfo=CPH))
    after = DatedMeeting(9, "status", "Statusmøde", datetime(2027, 11, 1, 0, 30, tzinfo=CPH))
    months = _months(activities=activities, meetings=[inside, before, after])
    by_first = {m.first: m for m in months}
    assert [a.purpose for _n, a in by_first[date(2027, 1, 1)].activities] == ["Skolen og familien"]
    assert [a.purpose for _n, a in by_first[date(2026, 11, 1)].activities] == ["Hvordan går det?"]
    assert [m.meeting_id for _n, m in by_first[date(2027, 10, 1)].meetings] == [7]
    assert sum(len(m.meetings) for m in months) == 1
    numbers = [n for m in months for n, _a in m.activities + m.meetings]
    assert numbers == [1, 2, 3]  # wheel order: November, January, October
    assert months[0].current and not any(m.current for m in months[1:])
    assert months[0].name == "November" and months[2].name == "Januar"


def test_the_svg_has_12_labelled_sectors_title_and_desc():
    """role=img with title and desc; 12 sectors in wheel order, each with its month name."""
    root = _svg(_months())
    assert root.get("role") == "img" and root.get("viewBox") == "0 0 440 440"
    assert root.find(f"{SVG}title").text == "Årshjul for sag X"
    assert root.find(f"{SVG}desc").text == "12 måneder"
    assert root.get("aria-labelledby") == "aarshjul-title aarshjul-desc"
    sectors = {g.get("data-month"): g for g in root.findall(f"{SVG}g")}
    assert len(sectors) == 12 and "2026-11" in sectors and "2027-10" in sectors
    labels = {month: g.findall(f"{SVG}text")[0].text for month, g in sectors.items()}
    assert labels["2026-11"] == "November" and labels["2027-10"] == "Oktober"
    assert labels["2027-06"] == "Juni"
    # Wheel order: November at the top (its sector starts straight above the centre).
    top = sectors["2026-11"].find(f"{SVG}path").get("d")
    assert top.startswith("M220.0,20.0 ")
    assert " 220.0,20.0 L" in sectors["2027-10"].find(f"{SVG}path").get("d")  # ends at the top


def test_the_current_month_is_marked_by_outline_and_text_not_colour():
    """The current month: a thick outline, bold name and "(nu)"; the others thin."""
    root = _svg(_months(today=date(2027, 2, 3)))
    sectors = root.findall(f"{SVG}g")
    current = [g for g in sectors if "wheel-current" in g.get("class")]
    assert [g.get("data-month") for g in current] == ["2027-02"]
    assert current[0].find(f"{SVG}path").get("stroke-width") == "5"
    assert "(nu)" in [t.text for t in current[0].findall(f"{SVG}text")]
    others = {g.find(f"{SVG}path").get("stroke-width") for g in sectors if g not in current}
    assert others == {"1"}


def test_markers_sit_in_their_month_circle_for_activity_square_for_meeting():
    """Numbered markers in their sector: a circle for an activity, a square for a meeting."""
    meeting = DatedMeeting(3, "status", "Statusmøde", datetime(2026, 12, 4, 9, 0, tzinfo=CPH))
    months = _months(activities=[Activity(12, "network", "Netværksmøde", "Netværket")],
                     meetings=[meeting])  # fmt: skip
    december = _svg(months).find(f'{SVG}g[@data-month="2026-12"]')
    markers = december.findall(f"{SVG}g")
    assert [(m.get("data-number"), m.get("data-dated")) for m in markers] == [
        ("1", "false"),
        ("2", "true"),
    ]
    assert markers[0].find(f"{SVG}circle") is not None and markers[1].find(f"{SVG}rect") is not None


def test_a_full_month_shows_how_many_more_there_are():
    """Up to four in a column, then two columns; beyond six the last slot says "+n"."""
    assert len(marker_slots(0, 4)) == 4 and len(marker_slots(0, 5)) == 6
    many = [Activity(11, "other", "Andet", f"Ting {n}") for n in range(9)]
    november = _svg(_months(activities=many)).find(f'{SVG}g[@data-month="2026-11"]')
    assert len(november.findall(f"{SVG}g")) == 5
    assert "+4" in [t.text for t in november.findall(f"{SVG}text")]


def test_text_is_escaped_and_a_wheel_has_12_months():
    """What a user typed cannot break out of the SVG; fewer months is a programming error."""
    months = _months()
    markup = wheel_svg(months, title="<script>", desc="&", centre_text="x", now_text="nu")
    assert "<script>" not in str(markup) and "&lt;script&gt;" in str(markup)
    with pytest.raises(ValueError):
        wheel_svg(months[:11], title="", desc="", centre_text="", now_text="")


def test_the_png_is_kept_per_picture_and_redrawn_when_a_marker_changes():
    """The family's plan draws the wheel on every download; the same picture is served from
    memory, and any change in what it shows (a marker, the current month) draws it anew."""
    import io

    from PIL import Image

    from app.wheel import png

    one = [Activity(1, "network", "Netværksmøde", "Skolen")]
    two = [*one, Activity(3, "follow_up", "Opfølgning", "Hjemme")]
    png._draw.cache_clear()
    first = png.wheel_png(_months(activities=one), centre_text="2026–2027", now_text="nu")
    again = png.wheel_png(_months(activities=one), centre_text="2026–2027", now_text="nu")
    assert again is first and png._draw.cache_info().hits == 1
    more = png.wheel_png(_months(activities=two), centre_text="2026–2027", now_text="nu")
    later = png.wheel_png(
        _months(activities=one, today=date(2026, 12, 2)), centre_text="2026–2027", now_text="nu"
    )
    assert len({first, more, later}) == 3 and png._draw.cache_info().misses == 3
    assert Image.open(io.BytesIO(more)).size == (880, 880)

"""app.formatting: the one number, money, percent, date and time formatter, and its parsers."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.formatting import (
    NotADate,
    NotANumber,
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
    local_time,
    parse_date,
    parse_number,
)

ROOT = Path(__file__).resolve().parent.parent


def test_the_web_shows_two_decimals_documents_every_decimal():
    """The same value, one function: the difference is the ``places`` parameter."""
    assert format_number(1234.567) == "1.234,57"
    assert format_number(1234.567, places=None) == "1.234,567"
    assert format_number(Decimal("1234.567")) == "1.234,57"
    assert format_number(Decimal("2.50"), places=None) == "2,5"
    assert format_number(1234.567, group=False) == "1234,57"
    assert format_number(1234.5, places=2, min_places=2) == "1.234,50"
    assert format_number(0.005) == "0,01"  # half up, not Babel's half to even
    assert format_number(0.125) == "0,13"
    assert format_number(2.5, places=0) == "3"


def test_negative_numbers_and_zero():
    """A minus sign where the value is negative; never on a value that rounds to zero."""
    assert format_number(-1234.567) == "-1.234,57"
    assert format_number(-1234.567, places=None) == "-1.234,567"
    assert format_money(-1500.25) == "-1.500,25 kr."
    assert format_number(-0.001) == "0"
    assert format_money(-0.001) == "0,00 kr."
    assert format_number(0) == "0"
    assert format_number(Decimal("-0")) == "0"
    assert format_money(0) == "0,00 kr."
    assert format_percent(0) == "0 %"


def test_money_and_percents():
    """Money always shows øre; a percentage is given as a percentage (12.5, not 0.125)."""
    assert format_money(1234.5) == "1.234,50 kr."
    assert format_money(1_000_000) == "1.000.000,00 kr."
    assert format_money(1234.5, unit=None) == "1.234,50"
    assert format_percent(12.5) == "12,5 %"
    assert format_percent(33.333) == "33,33 %"
    assert format_percent(33.333, places=None) == "33,333 %"
    assert format_percent(100, symbol=False) == "100"


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_formats_as_nothing(empty):
    """None and empty text are shown as nothing, by every formatter."""
    assert format_number(empty) == ""
    assert format_money(empty) == ""
    assert format_percent(empty) == ""
    assert format_date(empty) == ""
    assert format_datetime(None) == ""


@pytest.mark.parametrize("bad", [True, float("nan"), float("inf"), Decimal("NaN"), "12", [1]])
def test_what_cannot_be_formatted_is_refused(bad):
    """Booleans, non-finite numbers and text are not numbers to format."""
    with pytest.raises(NotANumber):
        format_number(bad)


def test_english_and_danish():
    """The locale picks the separators and the month names."""
    assert format_number(1234.567, locale="en") == "1,234.57"
    assert format_money(1234.5, unit=None, locale="en") == "1,234.50"
    assert format_percent(12.5, locale="en") == "12.5 %"
    assert format_date(date(2026, 11, 23)) == "23. november 2026"
    assert format_date(date(2026, 11, 23), locale="en") == "23 November 2026"
    assert format_date("2026-05-09") == "9. maj 2026"
    # issue 13: English dates and times are day-first with a 24-hour clock, never US-style.
    assert format_date(date(2026, 11, 23), "medium", locale="en") == "23 Nov 2026"
    assert format_date(date(2026, 11, 23), "short", locale="en") == "23/11/2026"
    moment = datetime(2026, 11, 29, 13, 59, tzinfo=UTC)  # 14.59 in Copenhagen
    assert format_datetime(moment, "short", locale="en") == "29/11/2026, 14:59"
    assert format_datetime(moment, "short") == "29.11.2026 14.59"
    assert format_date(date(2026, 3, 5), "dd-MM-y") == "05-03-2026"


def test_times_are_local_in_the_zone_summer_and_winter():
    """A UTC instant is shown in Copenhagen: +2 in summer, +1 in winter."""
    summer = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    winter = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    assert format_datetime(summer, "dd-MM-y HH:mm") == "01-07-2026 14:00"
    assert format_datetime(winter, "dd-MM-y HH:mm") == "15-01-2026 13:00"
    assert format_datetime(summer, "short") == "01.07.2026 14.00"
    assert format_datetime(summer, "HH:mm", zone="America/New_York") == "08:00"
    assert format_datetime(summer, "HH:mm", zone=timezone(timedelta(hours=5))) == "17:00"


def test_naive_times_are_wall_clock_time_not_shifted():
    """A naive datetime (a document's ISO text) is already local: shown as it is."""
    assert format_datetime(datetime(2026, 7, 1, 12, 0), "HH:mm") == "12:00"
    assert local_time(datetime(2026, 7, 1, 12, 0)).utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        # 2026-03-29: clocks go from 02:00 to 03:00 (01:00 UTC).
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "29-03-2026 01:59"),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29-03-2026 03:00"),
        # 2026-10-25: clocks go from 03:00 back to 02:00 (01:00 UTC).
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "25-10-2026 02:30"),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "25-10-2026 02:30"),
        (datetime(2026, 10, 25, 2, 0, tzinfo=UTC), "25-10-2026 03:00"),
        # Late evening UTC is already the next day (and year) in Copenhagen.
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "01-01-2027 00:30"),
    ],
)
def test_times_across_daylight_saving_switches(utc, local):
    """The offset follows the switch to summer time and back."""
    assert format_datetime(utc, "dd-MM-y HH:mm") == local


def test_a_datetime_gives_its_local_date():
    """The date of a moment is the date in the zone, not in UTC."""
    late = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)
    assert format_date(late) == "25. oktober 2026"


@pytest.mark.parametrize(
    ("text", "locale", "number"),
    [
        ("1.234,50", "da", "1234.50"),
        ("1234,5", "da", "1234.5"),
        ("1234.5", "da", "1234.5"),
        ("120.000", "da", "120000"),
        ("12,5 %", "da", "12.5"),
        ("2.500 kr.", "da", "2500"),
        ("−3", "da", "-3"),
        ("1,234.50", "en", "1234.50"),
        ("1234.5", "en", "1234.5"),
        ("-1,000", "en", "-1000"),
        ("50 %", "en", "50"),
    ],
)
def test_typed_numbers_danish_and_english(text, locale, number):
    """People's numbers in the UI language."""
    assert parse_number(text, locale=locale) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "locale"),
    [("1,2,3", "da"), ("1.2.3,5", "da"), ("1,5", "en"), ("1.234,5", "en"), ("1e3", "da")],
)
def test_ambiguous_typed_numbers_are_refused(text, locale):
    """Separators in the wrong places would move kroner: refused, not guessed."""
    with pytest.raises(NotANumber):
        parse_number(text, locale=locale)


def test_api_numbers_are_plain():
    """typed=False takes JSON numbers and plain texts only."""
    assert parse_number(12.5, typed=False) == Decimal("12.5")
    assert parse_number(" 1234.5 ", typed=False) == Decimal("1234.5")
    for text in ("1.234,5", "12 %", "1,234.5", "+4"):
        with pytest.raises(NotANumber):
            parse_number(text, typed=False)
    with pytest.raises(NotANumber):
        parse_number(None)


def test_dates_are_read_iso_or_danish():
    """ISO and dd-mm-åååå (with -, . or /); a well-formed non-day is told apart."""
    assert parse_date("2026-11-23") == parse_date("23-11-2026") == parse_date("23.11.2026")
    with pytest.raises(NotADate) as caught:
        parse_date("31-02-2026")
    assert caught.value.well_formed
    with pytest.raises(NotADate) as caught:
        parse_date("i morgen")
    assert not caught.value.well_formed


amounts = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)


@given(amounts, st.sampled_from(["da", "en"]), st.booleans())
def test_format_then_parse_returns_the_value(amount, locale, group):
    """What we print, a person can type back: no digit lost or moved, in either language."""
    text = format_number(amount, places=2, min_places=2, group=group, locale=locale)
    assert parse_number(text, locale=locale) == amount
    assert parse_number(format_money(amount, locale=locale), locale=locale) == amount


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False))
def test_every_decimal_round_trips(amount):
    """A document's "every decimal" text reads back as the exact value."""
    assert parse_number(format_number(amount, places=None)) == amount


@pytest.mark.parametrize("module", ["app.formatting", "app.text", "excel_tools"])
def test_importable_without_flask(module):
    """excel_tools and the formatting module stay Flask-free (a fresh interpreter)."""
    code = f"import sys, {module}; print('flask' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"

"""Numbers, money, percents, dates and times for people, and reading typed numbers and dates.

The one place the web pages (Jinja filters), the Word documents (docgen filters) and the
workbooks (excel_tools) format and parse values, on Babel. The locale and the time zone are
arguments with defaults (Danish, Europe/Copenhagen); the Flask side passes the UI locale and
the configured zone (``ENINDGANG_TIMEZONE``). Intended differences between places are
parameters, not separate formatters: a page shows at most two decimals (``places=2``), a
document shows every decimal the field holds (``places=None``), money always shows øre.

Rounding is half up, as people round (Babel alone would round half to even). An aware
datetime is converted to the zone; a naive one is taken as wall-clock time already in the
zone (what a document's ISO text or a test fixture means), never shifted.

This module must not import Flask: ``excel_tools`` uses it and stays Flask-free.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import dates as babel_dates
from babel import numbers as babel_numbers

DEFAULT_LOCALE = "da"
DEFAULT_ZONE = "Europe/Copenhagen"
CENT = Decimal("0.01")

#: "long" dates as the app has always written them; Babel's English "long" is US-style.
LONG_DATE = {"da": "d. MMMM y", "en": "d MMMM y"}
#: The Babel locale whose dates and times an app language uses: English pages are read in
#: Denmark, so day before month and a 24-hour clock (British English), never "11/29/26, 2:59 PM".
DATE_LOCALE = {"en": "en_GB"}
#: dd-mm-åååå: dates in workbook texts and messages (how Danes type a date).
NUMERIC_DATE = "dd-MM-y"

_GROUPED_DA = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)  # 1.234 or 1.234.567
_GROUPED_EN = re.compile(r"\d{1,3}(?:,\d{3})+", re.ASCII)  # 1,234 or 1,234,567
_DIGITS = re.compile(r"\d+", re.ASCII)
_MACHINE = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
_UNITS = re.compile(r"\s*(?:kr\.?|dkk|%)\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DANISH_DATE = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})", re.ASCII)
_LONGEST_NUMBER_TEXT = 40  # no amount we store needs more; keeps Decimal work bounded

Number = Decimal | float | int


class NotANumber(ValueError):
    """The value cannot be read as a number."""


class NotADate(ValueError):
    """The value cannot be read as a date; ``well_formed`` when it only names no real day."""

    def __init__(self, well_formed: bool = False) -> None:
        super().__init__("not a date")
        self.well_formed = well_formed


# Numbers -------------------------------------------------------------------------------------


def to_decimal(value: object) -> Decimal:
    """An int, float or Decimal as an exact Decimal (0.1 stays 0.1); NotANumber otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise NotANumber(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotANumber(value)
        return Decimal(repr(value))  # repr is the shortest text that reads back as the float
    number = Decimal(value)
    if not number.is_finite():
        raise NotANumber(value)
    return number


def to_cents(number: Decimal) -> float:
    """Round half up to two decimals and return the JSON number we store."""
    return float(number.quantize(CENT, rounding=ROUND_HALF_UP))


def format_number(
    value: Number | None,
    *,
    places: int | None = 2,
    min_places: int = 0,
    group: bool = True,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """A number for people: "1.234,57" (da) or "1,234.57" (en); None gives "".

    ``places`` is the most decimals shown, rounded half up; ``None`` keeps every decimal the
    value holds (documents: 1234.567 → "1.234,567"). ``min_places`` pads with zeros (money:
    2). ``group`` adds thousands separators. A value that rounds to zero has no minus sign.
    """
    if value is None or value == "":
        return ""
    number = to_decimal(value)
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + 1 + (places or 0) + 2)
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        else:
            number = number.normalize()
        if number.is_zero():
            number = abs(number)  # "-0,00" looks like a mistake
        fraction = "0" * min_places + "#" * max((places or 0) - min_places, 0)
        pattern = ("#,##0" if group else "0") + (f".{fraction}" if fraction else "")
        return babel_numbers.format_decimal(
            number, format=pattern, locale=locale, decimal_quantization=places is not None
        )


def format_money(
    value: Number | None, *, unit: str | None = "kr.", locale: str = DEFAULT_LOCALE
) -> str:
    """Kroner with øre: "1.234,50 kr."; ``unit=None`` leaves the unit to the page."""
    if value is None or value == "":
        return ""
    text = format_number(value, places=2, min_places=2, locale=locale)
    return f"{text} {unit}" if unit else text


def format_percent(
    value: Number | None,
    *,
    places: int | None = 2,
    symbol: bool = True,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """A percentage as given (12.5 means 12.5 %): "12,5 %"; ``symbol=False`` gives "12,5"."""
    if value is None or value == "":
        return ""
    text = format_number(value, places=places, locale=locale)
    return f"{text} %" if symbol else text


def parse_number(value: object, *, locale: str = DEFAULT_LOCALE, typed: bool = True) -> Decimal:
    """Read a JSON number or a numeric text; raises NotANumber.

    ``typed`` (people's input): Danish "1.234,50", "1234,5", "1.500" (thousands), "1234.5";
    English "1,234.50", "1234.5"; a sign (also "−"), spaces and a trailing "kr."/"%" are
    ignored. ``typed=False`` (the API) takes only JSON numbers and plain "-1234.5" texts.
    """
    if not isinstance(value, str):
        return to_decimal(value)
    text = value.strip()
    if not typed:
        if not _MACHINE.fullmatch(text):
            raise NotANumber(value)
        return Decimal(text)
    text = _UNITS.sub("", text).replace("\u00a0", "").replace(" ", "")
    if len(text) > _LONGEST_NUMBER_TEXT:
        raise NotANumber(value)
    sign = ""
    if text[:1] in ("-", "\u2212"):
        sign, text = "-", text[1:]
    elif text[:1] == "+":
        text = text[1:]
    digits = _digits_en(text) if locale == "en" else _digits_da(text)
    if digits is None:
        raise NotANumber(value)
    try:
        return Decimal(sign + digits)
    except InvalidOperation:
        raise NotANumber(value) from None


def _digits_da(text: str) -> str | None:
    """Danish: the comma is the decimal mark, dots group thousands; a lone dot is a decimal."""
    whole, comma, fraction = text.partition(",")
    if comma:
        if not (_DIGITS.fullmatch(whole) or _GROUPED_DA.fullmatch(whole)):
            return None
        return whole.replace(".", "") + "." + fraction if _DIGITS.fullmatch(fraction) else None
    if _GROUPED_DA.fullmatch(text):
        return text.replace(".", "")  # "120.000" is a hundred and twenty thousand
    return _plain(text)


def _digits_en(text: str) -> str | None:
    """English: the dot is the decimal mark and commas group thousands."""
    whole, dot, fraction = text.partition(".")
    if _GROUPED_EN.fullmatch(whole):
        whole = whole.replace(",", "")
    return _plain(whole + dot + fraction)


def _plain(text: str) -> str | None:
    """ASCII digits with an optional dot and decimals, else None."""
    whole, dot, fraction = text.partition(".")
    if not _DIGITS.fullmatch(whole) or (dot and not _DIGITS.fullmatch(fraction)):
        return None
    return text


# Dates and times -----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _zone_named(name: str) -> tzinfo:
    """The zone of that name; UTC when this machine has no time zone database."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def get_zone(zone: str | tzinfo | None = None) -> tzinfo:
    """A tzinfo from a zone name or tzinfo (None: the default zone)."""
    if zone is None:
        zone = DEFAULT_ZONE
    return _zone_named(zone) if isinstance(zone, str) else zone


def local_time(moment: datetime, zone: str | tzinfo | None = None) -> datetime:
    """``moment`` as an aware time in ``zone`` (a naive moment is already wall-clock time)."""
    where = get_zone(zone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=where)
    return moment.astimezone(where)


def _date_pattern(format: str, locale: str) -> str:
    """Our "long" date for the locale, else the Babel name or pattern as given."""
    return LONG_DATE.get(str(locale), format) if format == "long" else format


def format_date(
    value: date | str | None,
    format: str = "long",
    *,
    locale: str = DEFAULT_LOCALE,
    zone: str | tzinfo | None = None,
) -> str:
    """A date: "23. november 2026" (da), "23 November 2026" (en); None gives "".

    ``format`` is "long", a Babel name ("short", "medium") or a pattern ("dd-MM-y"). A
    datetime gives its date in ``zone``; text must be ISO (2026-11-23).
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = local_time(value, zone).date()
    return babel_dates.format_date(
        value, _date_pattern(format, locale), locale=DATE_LOCALE.get(str(locale), locale)
    )


def format_datetime(
    value: datetime | None,
    format: str = "medium",
    *,
    locale: str = DEFAULT_LOCALE,
    zone: str | tzinfo | None = None,
) -> str:
    """A date and time in ``zone``: "1. jul. 2026 14.00.00" ("medium"); None gives "".

    ``format`` is a Babel name ("short", "medium", "long") or a pattern.
    """
    if value is None:
        return ""
    where = get_zone(zone)
    moment = local_time(value, where)
    return babel_dates.format_datetime(
        moment, format, tzinfo=where, locale=DATE_LOCALE.get(str(locale), locale)
    )


def format_time(
    value: datetime,
    format: str = "short",
    *,
    locale: str = DEFAULT_LOCALE,
    zone: str | tzinfo | None = None,
) -> str:
    """A time of day in ``zone``: "10.32" (da), "10:32 AM" (en) for "short"."""
    where = get_zone(zone)
    return babel_dates.format_time(local_time(value, where), format, tzinfo=where, locale=locale)


def parse_date(value: object) -> date:
    """Read an ISO date (2026-11-23), a Danish date (23-11-2026, 23.11.2026) or a date."""
    if type(value) is date:
        return value
    if not isinstance(value, str):
        raise NotADate()
    text = value.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DANISH_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise NotADate()
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(well_formed=True) from None

"""Reading and writing numbers and dates the Danish way ("1.234,50", "23. november 2026")."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
CENT = Decimal("0.01")
# Dates outside this range are almost always typos (0202 for 2020) and break Word/Excel.
FIRST_YEAR, LAST_YEAR = 1900, 2199

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)  # 1.234 or 1.234.567: dots group thousands
_PLAIN = re.compile(r"\d+", re.ASCII)
_UNITS = re.compile(r"\s*(?:kr\.?|dkk|%)\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DANISH_DATE = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})", re.ASCII)


class NotANumber(ValueError):
    """The text cannot be read as a number."""


class NotADate(ValueError):
    """The value cannot be read as a date; ``well_formed`` when it only names no real day."""

    def __init__(self, well_formed: bool = False) -> None:
        super().__init__("not a date")
        self.well_formed = well_formed


def parse_number(value: object) -> Decimal:
    """Read a JSON number or a Danish/English numeric text ("1.234,50", "12.5", "-3")."""
    if isinstance(value, bool):
        raise NotANumber(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotANumber(value)
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise NotANumber(value)
    text = _UNITS.sub("", value.strip()).replace("\u00a0", "").replace(" ", "")
    if len(text) > 40:  # no amount we store needs more; keeps Decimal work bounded
        raise NotANumber(value)
    sign = ""
    if text[:1] in ("-", "\u2212"):
        sign, text = "-", text[1:]
    elif text[:1] == "+":
        text = text[1:]
    whole, comma, fraction = text.partition(",")
    if comma:
        # Danish: the comma is the decimal mark and dots may group thousands.
        if not (_PLAIN.fullmatch(whole) or _GROUPED.fullmatch(whole)):
            raise NotANumber(value)
        if not _PLAIN.fullmatch(fraction):
            raise NotANumber(value)
        digits = whole.replace(".", "") + "." + fraction
    elif _GROUPED.fullmatch(text):
        digits = text.replace(".", "")
    else:
        digits = text
        int_part, dot, frac_part = text.partition(".")
        if not _PLAIN.fullmatch(int_part) or (dot and not _PLAIN.fullmatch(frac_part)):
            raise NotANumber(value)
    try:
        return Decimal(sign + digits)
    except InvalidOperation:
        raise NotANumber(value) from None


def to_cents(number: Decimal) -> float:
    """Round half up to two decimals and return the JSON number we store."""
    return float(number.quantize(CENT, rounding=ROUND_HALF_UP))


def format_number(
    value: float | int | Decimal, *, decimals: int | None = None, group: bool = True
) -> str:
    """Danish number text: "1.234,5"; ``decimals`` fixes the count, else up to two, trimmed."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    places = 2 if decimals is None else decimals
    quantized = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(quantized):,.{places}f}" if group else f"{abs(quantized):.{places}f}"
    whole, _, fraction = text.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    whole = whole.replace(",", ".")
    sign = "-" if quantized < 0 else ""
    return sign + whole + ("," + fraction if fraction else "")


def format_money(value: float | int) -> str:
    """Kroner with øre: "1.234,50 kr."."""
    return f"{format_number(value, decimals=2)} kr."


def format_percent(value: float | int) -> str:
    """A percentage: "12,5 %"."""
    return f"{format_number(value)} %"


def parse_date(value: object) -> date:
    """Read an ISO date (2026-11-23), a Danish date (23-11-2026, 23.11.2026) or a date."""
    if type(value) is date:
        found = value
    elif not isinstance(value, str):
        raise NotADate()
    else:
        text = value.strip()
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
        elif match := _DANISH_DATE.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
        else:
            raise NotADate()
        try:
            found = date(year, month, day)
        except ValueError:
            raise NotADate(well_formed=True) from None
    return found


def format_date(value: date | str, locale: str = "da") -> str:
    """A date for people to read: "23. november 2026" (English: "23 November 2026")."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    if locale == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"

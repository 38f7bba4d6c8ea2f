"""Danish formatting filters for Word templates: dates, money, numbers, yes/no.

Every filter renders a missing value (None, "" or a Jinja undefined) as the empty string,
and raises ValueError with a Danish message for a value it cannot format, so that a
template's test render catches a filter used on the wrong field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from jinja2 import Undefined

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

_DANISH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def is_empty(value: Any) -> bool:
    """True for the values a document shows as nothing: None, undefined, blank text."""
    if value is None or isinstance(value, Undefined):
        return True
    return isinstance(value, str) and not value.strip()


def to_date(value: Any, filter_name: str = "dato") -> date:
    """Turn a date, datetime or ISO string into a date (datetimes keep their time)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return (
                datetime.fromisoformat(text)
                if "T" in text or " " in text
                else date.fromisoformat(text)
            )
        except ValueError:
            pass
    raise ValueError(f"{filter_name}: »{value}« er ikke en dato (forventer fx 2026-11-23)")


def to_decimal(value: Any, filter_name: str = "tal") -> Decimal:
    """Turn an int, float, Decimal or numeric text (1234.5 or 1.234,5) into a Decimal."""
    if isinstance(value, bool):
        raise ValueError(f"{filter_name}: »{value}« er ikke et tal")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))  # repr gives the shortest exact-looking form: 0.1 -> 0.1
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if _DANISH_NUMBER.match(text) and ("," in text or text.count(".") > 1):
            text = text.replace(".", "").replace(",", ".")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{filter_name}: »{value}« er ikke et tal") from None
    else:
        raise ValueError(f"{filter_name}: »{value}« er ikke et tal")
    if not result.is_finite():
        raise ValueError(f"{filter_name}: »{value}« er ikke et endeligt tal")
    return result


def format_number(number: Decimal, decimals: int | None) -> str:
    """Format a Decimal the Danish way: 1.234.567,89 (thousands dot, decimal comma)."""
    if decimals is None:
        text = (
            format(number.normalize(), "f") if number != number.to_integral() else str(int(number))
        )
        integer, _, fraction = text.partition(".")
    else:
        quantum = Decimal(1).scaleb(-decimals)
        text = format(number.quantize(quantum, rounding=ROUND_HALF_UP), "f")
        integer, _, fraction = text.partition(".")
    sign = "-" if integer.startswith("-") else ""
    digits = integer.lstrip("-")
    grouped = f"{int(digits):,}".replace(",", ".")
    if sign and set(grouped + fraction) <= {"0", "."}:
        sign = ""  # -0,00 looks like a mistake in a letter
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def dato(value: Any) -> str:
    """23. november 2026 (a datetime adds ' kl. 14.30')."""
    if is_empty(value):
        return ""
    day = to_date(value, "dato")
    text = f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    if isinstance(day, datetime):
        text += f" kl. {day.hour:02d}.{day.minute:02d}"
    return text


def kort_dato(value: Any) -> str:
    """23.11.2026."""
    if is_empty(value):
        return ""
    day = to_date(value, "kort_dato")
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def kr(value: Any, decimals: int = 2) -> str:
    """1.234,50 kr."""
    if is_empty(value):
        return ""
    return f"{format_number(to_decimal(value, 'kr'), decimals)} kr."


def tal(value: Any, decimals: int | None = None) -> str:
    """1.234,5 (all decimals kept unless `decimals` is given)."""
    if is_empty(value):
        return ""
    return format_number(to_decimal(value, "tal"), decimals)


def procent(value: Any, decimals: int | None = None) -> str:
    """12,5 % (the value is already a percentage: 12.5, not 0.125)."""
    if is_empty(value):
        return ""
    return f"{format_number(to_decimal(value, 'procent'), decimals)} %"


def ja_nej(value: Any) -> str:
    """Ja / Nej; an empty value stays empty (not answered is not 'Nej')."""
    if value is None or isinstance(value, Undefined) or value == "":
        return ""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"ja", "yes", "true", "1", "sand"}:
            return "Ja"
        if lowered in {"nej", "no", "false", "0", "falsk"}:
            return "Nej"
    return "Ja" if value else "Nej"


def default_tom(value: Any) -> Any:
    """The value itself, or "" when it is missing."""
    return "" if value is None or isinstance(value, Undefined) else value


FILTERS: dict[str, Callable[..., Any]] = {
    "dato": dato,
    "kort_dato": kort_dato,
    "kr": kr,
    "tal": tal,
    "procent": procent,
    "ja_nej": ja_nej,
    "default_tom": default_tom,
}

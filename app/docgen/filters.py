"""Danish formatting filters for Word templates: dates, money, numbers, yes/no.

Every filter renders a missing value (None, "" or a Jinja undefined) as the empty string,
and raises ValueError with a Danish message for a value it cannot format, so that a
template's test render catches a filter used on the wrong field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jinja2 import Undefined

from app.formatting import NotANumber, format_date, format_datetime, format_number, parse_number

LONG_DATE_TIME = "d. MMMM y 'kl.' HH.mm"
SHORT_DATE = "dd.MM.y"


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
    try:
        return parse_number(value)
    except NotANumber:
        if isinstance(value, float | Decimal) and not isinstance(value, bool):
            raise ValueError(f"{filter_name}: »{value}« er ikke et endeligt tal") from None
        raise ValueError(f"{filter_name}: »{value}« er ikke et tal") from None


def dato(value: Any) -> str:
    """23. november 2026 (a datetime adds ' kl. 14.30')."""
    if is_empty(value):
        return ""
    day = to_date(value, "dato")
    if isinstance(day, datetime):
        return format_datetime(day, LONG_DATE_TIME)
    return format_date(day)


def kort_dato(value: Any) -> str:
    """23.11.2026."""
    if is_empty(value):
        return ""
    return format_date(to_date(value, "kort_dato"), SHORT_DATE)


def kr(value: Any, decimals: int = 2) -> str:
    """1.234,50 kr."""
    if is_empty(value):
        return ""
    number = to_decimal(value, "kr")
    return f"{format_number(number, places=decimals, min_places=decimals)} kr."


def tal(value: Any, decimals: int | None = None) -> str:
    """1.234,5 (all decimals kept unless `decimals` is given)."""
    if is_empty(value):
        return ""
    return format_number(to_decimal(value, "tal"), places=decimals, min_places=decimals or 0)


def procent(value: Any, decimals: int | None = None) -> str:
    """12,5 % (the value is already a percentage: 12.5, not 0.125)."""
    if is_empty(value):
        return ""
    number = to_decimal(value, "procent")
    return f"{format_number(number, places=decimals, min_places=decimals or 0)} %"


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

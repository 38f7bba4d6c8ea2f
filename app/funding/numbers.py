"""Numbers and dates as the funding API sends them and as people type them in the editor.

Messages are Danish source text via Flask-Babel, finished by the caller ("Beløbet …").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from app.formatting import (
    NUMERIC_DATE,
    NotADate,
    NotANumber,
    format_date,
    format_number,
    parse_date,
    parse_number,
)
from excel_tools.layout import MAX_DATE, MIN_DATE

TWO_PLACES = Decimal("0.01")


def parse_api_number(value: object) -> Decimal:
    """A JSON number or a plain numeric string ("1234.5"); raises ValueError otherwise."""
    try:
        return parse_number(value, typed=False)
    except NotANumber:
        raise ValueError(_("skal være et tal")) from None


def parse_typed_number(value: object, locale: str = "da") -> Decimal:
    """A number as typed in the editor (see app.formatting.parse_number).

    Danish: "1.234,50", "1234,5", "120.000" (thousands) or "1234.5". English: "1,234.50" or
    "1234.5". Spaces, a trailing "%" and "kr." are ignored.
    """
    if not isinstance(value, str):
        return parse_api_number(value)
    try:
        return parse_number(value, locale=locale)
    except NotANumber:
        raise ValueError(_("skal være et tal, fx 12.500,50")) from None


def checked_decimal(number: Decimal, *, maximum: Decimal, unit: str = "") -> Decimal:
    """``number`` rounded to two places, or ValueError if it has more or is out of range."""
    try:
        rounded = number.quantize(TWO_PLACES)
    except InvalidOperation as exc:
        raise ValueError(_("er for stor")) from exc
    if rounded != number:
        raise ValueError(
            _(
                "%(number)s har for mange decimaler; højst 2",
                number=format_number(number, places=None),
            )
        )
    if not Decimal(0) <= rounded <= maximum:
        raise ValueError(
            _(
                "skal ligge mellem %(minimum)s og %(maximum)s",
                minimum=f"0{unit}",
                maximum=f"{format_number(maximum, places=None)}{unit}",
            )
        )
    return rounded


def parse_api_date(value: object) -> date:
    """An ISO date string (YYYY-MM-DD); raises ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(_("skal være en dato (ÅÅÅÅ-MM-DD)"))
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(_("skal være en dato (ÅÅÅÅ-MM-DD)")) from None


def parse_typed_date(value: object) -> date:
    """A date from a date input (ISO) or typed as dd-mm-åååå (also with . or /)."""
    try:
        return parse_date(value)
    except NotADate as exc:
        if exc.well_formed:
            raise ValueError(_("er ikke en gyldig dato")) from None
        raise ValueError(_("skal være en dato, fx 01-08-2026")) from None


def in_range(day: date) -> date:
    """The date if it lies in the range the workbook accepts."""
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(
            _(
                "skal ligge mellem %(minimum)s og %(maximum)s",
                minimum=format_date(MIN_DATE, NUMERIC_DATE),
                maximum=format_date(MAX_DATE, NUMERIC_DATE),
            )
        )
    return day

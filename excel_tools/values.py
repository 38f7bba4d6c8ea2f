"""Turning one cell's raw value into a typed value or a Danish problem message.

Rules (documented in the workbook's guide as well):

* Numbers must be numbers. A number typed as text ("1.000", "50 %") is refused with the cell
  named, because guessing Danish versus English separators would silently move kroner.
* At most two decimals for amounts and shares.
* Dates must be real dates (what Excel and LibreOffice store when a date is typed into the
  workbook's date cells). Text that merely looks like a date ("01-07-2025" in a text cell) is
  refused: the workbook's own month formulas cannot see it, so accepting it would make the
  app's totals differ from the ones the controller saw in Excel; and "01-07-2025" is the 7th of
  January in an American Excel. A bare number is refused too: a serial day count in a cell
  that lost its date format is too easy to misread.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.formatting import NUMERIC_DATE, format_date, format_number
from app.text import clean_text

from .cells import shorten
from .layout import MAX_DATE, MIN_DATE
from .messages import N_, Message

TWO_PLACES = Decimal("0.01")


class ValueProblem(Exception):
    """A cell value that cannot be used; ``message`` is user-facing (Danish, translatable)."""

    def __init__(self, message: Message) -> None:
        """Keep the message itself (``str(exc)`` would lose its msgid)."""
        super().__init__(message)
        self.message = message


def is_blank(value: object) -> bool:
    """True for an empty cell or whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """Any cell value as text (a number typed into a text column is fine)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "SAND" if value else "FALSK"
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            return str(value)
        return format_date(value.date(), NUMERIC_DATE)
    if isinstance(value, date):
        return format_date(value, NUMERIC_DATE)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def as_decimal(value: object, *, minimum: Decimal, maximum: Decimal, unit: str = "") -> Decimal:
    """A number with at most two decimals within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        if isinstance(value, str):
            raise ValueProblem(
                N_("»%(text)s« er tekst, ikke et tal; skriv kun tallet", text=shorten(value))
            )
        raise ValueProblem(N_("»%(text)s« er ikke et tal", text=shorten(as_text(value))))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueProblem(N_("er ikke et gyldigt tal"))
    try:
        # repr() gives the shortest text that round-trips, so 33.33 stays 33.33.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        rounded = number.quantize(TWO_PLACES)
    except InvalidOperation as exc:  # absurdly large numbers
        raise ValueProblem(N_("tallet er for stort")) from exc
    if rounded != number:
        raise ValueProblem(
            N_(
                "%(number)s har for mange decimaler; højst 2",
                number=format_number(number, places=None),
            )
        )
    if not minimum <= rounded <= maximum:
        raise ValueProblem(
            N_(
                "%(number)s skal ligge mellem %(minimum)s og %(maximum)s",
                number=f"{format_number(rounded, places=None)}{unit}",
                minimum=f"{format_number(minimum, places=None)}{unit}",
                maximum=f"{format_number(maximum, places=None)}{unit}",
            )
        )
    return rounded


def as_date(value: object) -> date:
    """A real date within the allowed range (text dates are refused, see module)."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        raise ValueProblem(
            N_(
                "»%(text)s« er tekst, ikke en dato; skriv datoen igen som dd-mm-åååå i "
                "cellen, så den bliver gemt som en dato",
                text=shorten(value),
            )
        )
    else:
        raise ValueProblem(
            N_("»%(text)s« er ikke en dato; skriv dd-mm-åååå", text=shorten(as_text(value)))
        )
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueProblem(
            N_(
                "datoen %(day)s skal ligge mellem %(first)s og %(last)s",
                day=format_date(day, NUMERIC_DATE),
                first=format_date(MIN_DATE, NUMERIC_DATE),
                last=format_date(MAX_DATE, NUMERIC_DATE),
            )
        )
    return day

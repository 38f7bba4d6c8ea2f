"""The funding arithmetic: the reference that the workbook formulas must reproduce.

Month rule (the same in Python, in the case workbook's formulas and in the portfolio):

* Whole months only. A line is active in every calendar month from its start month to its
  end month, both inclusive, whatever the day of the month. A line running 15 March to
  10 April is active in March and April: 2 months.
* A line without an end date is open-ended. For a calendar year it is active from its start
  month through December. For the "whole period" it is counted through December of the
  horizon year (the year the workbook is made for), because an open-ended grant has no total.
* How a line is booked by month depends on its cost kind (:mod:`excel_tools.costs`): a
  one-off amount falls in full in the start month; a monthly amount in every active month; a
  yearly amount one twelfth in every active month; an hourly rate × hours a month in every
  active month (hours a week × 52/12). :func:`booked` is that one rule; every total uses it.
* The amount a department pays in a year is therefore
  ``annual_cost * share / 100 * months_in_year / 12`` for recurring lines and
  ``amount * share / 100`` in the start year for one-off lines; for the whole period the
  months of the whole period replace ``months_in_year``. Nothing is rounded until it is shown.

In the workbook a month is numbered ``YEAR(d)*12 + MONTH(d)``; :func:`month_number` is the
same function, so the formulas and this module agree month for month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from .costs import ONE_OFF
from .model import FundingLine

HUNDRED = Decimal(100)
TWELVE = Decimal(12)
#: A line's shares must sum to 100 within this tolerance (shares have two decimals).
SHARE_TOLERANCE = Decimal("0.01")


def month_number(day: date) -> int:
    """Number of the month ``day`` falls in, counted as ``year * 12 + month``."""
    return day.year * 12 + day.month


def months_in_year(start: date, end: date | None, year: int) -> int:
    """Months of ``year`` in which a line from ``start`` to ``end`` is active (0–12)."""
    first = max(month_number(start), year * 12 + 1)
    last_of_line = month_number(end) if end is not None else year * 12 + 12
    last = min(last_of_line, year * 12 + 12)
    return max(0, last - first + 1)


def months_in_period(start: date, end: date | None, horizon_year: int) -> int:
    """Months from the start month to the end month (open-ended: December of the horizon)."""
    last = month_number(end) if end is not None else horizon_year * 12 + 12
    return max(0, last - month_number(start) + 1)


def share_sum(line: FundingLine) -> Decimal:
    """Sum of a line's department shares in percent."""
    return sum(line.shares.values(), Decimal(0))


def shares_balance(line: FundingLine) -> bool:
    """True when a line's shares sum to 100 within :data:`SHARE_TOLERANCE`."""
    return abs(share_sum(line) - HUNDRED) <= SHARE_TOLERANCE


def annual_amount(line: FundingLine, department: str) -> Decimal:
    """What ``department`` pays of the line for a whole year (kr. per year)."""
    share = line.shares.get(department)
    if share is None:
        return Decimal(0)
    return line.annual_cost * share / HUNDRED


def booked(
    line: FundingLine, first_month: int, last_month: int, share: Decimal = HUNDRED
) -> Decimal:
    """What ``share`` % of the line costs in the months ``first_month``..``last_month``.

    Months are numbered by :func:`month_number`, both ends included. This is the booking rule
    of the module docstring; the workbook's formulas reproduce it cell by cell.
    """
    start = month_number(line.start)
    if line.cost_kind == ONE_OFF:
        in_range = first_month <= start <= last_month
        return line.annual_cost * share / HUNDRED if in_range else Decimal(0)
    end = month_number(line.end) if line.end is not None else last_month
    months = max(0, min(end, last_month) - max(start, first_month) + 1)
    return line.annual_cost * share / HUNDRED * months / TWELVE


def cost_in_month(line: FundingLine, year: int, month: int) -> Decimal:
    """What the whole line costs in one calendar month (all departments together)."""
    number = year * 12 + month
    return booked(line, number, number)


def amount_in_year(line: FundingLine, department: str, year: int) -> Decimal:
    """What ``department`` pays of the line in calendar ``year`` (whole months, see module)."""
    share = line.shares.get(department)
    if share is None:
        return Decimal(0)
    return booked(line, year * 12 + 1, year * 12 + 12, share)


def amount_in_period(line: FundingLine, department: str, horizon_year: int) -> Decimal:
    """What ``department`` pays of the line over its whole period (see module docstring)."""
    share = line.shares.get(department)
    if share is None:
        return Decimal(0)
    return booked(line, month_number(line.start), _period_end(line, horizon_year), share)


def line_in_year(line: FundingLine, year: int) -> Decimal:
    """What the whole line costs in calendar ``year``."""
    return booked(line, year * 12 + 1, year * 12 + 12)


def line_in_period(line: FundingLine, horizon_year: int) -> Decimal:
    """What the whole line costs over its period (open-ended: to December of the horizon)."""
    return booked(line, month_number(line.start), _period_end(line, horizon_year))


def _period_end(line: FundingLine, horizon_year: int) -> int:
    """Last month of a line's whole period (open-ended: December of the horizon year)."""
    return month_number(line.end) if line.end is not None else horizon_year * 12 + 12


def totals_for_year(
    lines: Iterable[FundingLine], departments: Iterable[str], year: int
) -> dict[str, Decimal]:
    """Amount per department value for calendar ``year``, summed over ``lines``."""
    return _per_department(lines, departments, lambda line, dept: amount_in_year(line, dept, year))


def totals_for_period(
    lines: Iterable[FundingLine], departments: Iterable[str], horizon_year: int
) -> dict[str, Decimal]:
    """Amount per department value over the lines' whole periods (open-ended to horizon)."""
    return _per_department(
        lines, departments, lambda line, dept: amount_in_period(line, dept, horizon_year)
    )


def _per_department(
    lines: Iterable[FundingLine],
    departments: Iterable[str],
    amount: Callable[[FundingLine, str], Decimal],
) -> dict[str, Decimal]:
    """``amount`` of each line summed per department (the one loop both totals share)."""
    line_list = list(lines)
    return {
        dept: sum((amount(line, dept) for line in line_list), Decimal(0)) for dept in departments
    }


def year_span(lines: Iterable[FundingLine], horizon_year: int) -> range:
    """Calendar years touched by ``lines`` (open-ended lines run to the horizon year)."""
    first = last = None
    for line in lines:
        start_year = line.start.year
        end_year = line.end.year if line.end is not None else max(horizon_year, start_year)
        first = start_year if first is None else min(first, start_year)
        last = end_year if last is None else max(last, end_year)
    if first is None or last is None:
        return range(horizon_year, horizon_year + 1)
    return range(first, last + 1)

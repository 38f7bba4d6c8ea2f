"""The month rule and the amounts: the reference the workbook formulas are checked against."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from excel_tools import calc
from tests.excel_tools.support import DEPT_VALUES, sample_lines

D = Decimal


@pytest.mark.parametrize(
    ("start", "end", "year", "months"),
    [
        (date(2025, 3, 15), date(2025, 4, 10), 2025, 2),  # partial months count whole
        (date(2025, 1, 31), date(2025, 1, 31), 2025, 1),  # one day is one month
        (date(2024, 3, 15), date(2025, 6, 30), 2024, 10),
        (date(2024, 3, 15), date(2025, 6, 30), 2025, 6),
        (date(2024, 3, 15), date(2025, 6, 30), 2026, 0),
        (date(2025, 7, 1), None, 2025, 6),  # open-ended: through December
        (date(2025, 7, 1), None, 2027, 12),
        (date(2026, 1, 1), None, 2025, 0),
        (date(2025, 5, 1), date(2025, 4, 1), 2025, 0),  # end before start never goes negative
    ],
)
def test_months_in_year(start, end, year, months):
    """Whole calendar months from start month to end month inclusive, clipped to the year."""
    assert calc.months_in_year(start, end, year) == months


def test_months_in_period_open_ended_runs_to_horizon():
    """An open-ended line is counted through December of the horizon year."""
    assert calc.months_in_period(date(2024, 11, 20), None, 2025) == 14
    assert calc.months_in_period(date(2024, 11, 20), date(2025, 2, 1), 2030) == 4


def test_amounts_for_sample_year():
    """Year totals follow annual cost × share × months / 12."""
    lines = sample_lines()
    totals = calc.totals_for_year(lines, DEPT_VALUES, 2025)
    # Line 1: 120,000 for Jan–Jun 2025 → 60,000; 60 % / 40 %.
    # Line 2: 50,000.50 all year, 33.33/33.33/33.34 %.
    # Line 5: 0.01 for December only.
    assert totals["boern"] == D("36000") + D("50000.50") * D("0.3333") + D("0.01") * D("0.125") / 12
    assert totals["job"] == D("50000.50") * D("0.3334")
    assert sum(totals.values()) == D("60000") + D("50000.50") + D("0.01") / 12


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(start=dates, end=st.one_of(st.none(), dates), horizon=st.integers(1990, 2100))
def test_years_add_up_to_the_period(start, end, horizon):
    """The months of all calendar years add up to the months of the whole period."""
    if end is not None and end < start:
        end, start = start, end
    assume(end is not None or horizon >= start.year)
    last_year = end.year if end is not None else horizon
    by_year = sum(calc.months_in_year(start, end, y) for y in range(start.year, last_year + 1))
    assert by_year == calc.months_in_period(start, end, horizon)


def test_open_ended_line_after_horizon_has_no_period():
    """A line starting after the horizon year contributes nothing to the whole period."""
    assert calc.months_in_period(date(2027, 1, 1), None, 2025) == 0


def test_year_span():
    """Years touched by lines; open-ended lines reach the horizon."""
    assert calc.year_span(sample_lines(), 2025) == range(2023, 2029)
    assert calc.year_span([], 2025) == range(2025, 2026)


@given(
    start=dates,
    end=st.one_of(st.none(), dates),
    kind=st.sampled_from(["one_off", "monthly", "yearly"]),
    amount=st.integers(0, 10_000_000),
    first_year=st.integers(1985, 2105),
)
def test_the_portfolio_s_year_costs_are_line_in_year(start, end, kind, amount, first_year):
    """The portfolio skips the arithmetic for years without a month of the line; the result
    is exactly calc.line_in_year for every year shown (a one-off, an open end included)."""
    from excel_tools.model import FundingLine
    from excel_tools.portfolio import _year_costs

    if end is not None and end < start:
        end, start = start, end
    line = FundingLine(
        "aflastning", "bl32", "x", None, start, end, None, cost_kind=kind, amount=Decimal(amount)
    )
    years = list(range(first_year, first_year + 21))
    assert _year_costs(line, years) == [float(calc.line_in_year(line, y)) for y in years]

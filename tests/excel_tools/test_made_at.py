"""The time a workbook was made is written as local time in the given zone, not UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from excel_tools import build_blank_workbook, build_case_workbook, build_portfolio_workbook
from tests.excel_tools.support import (
    CASE,
    DEPARTMENTS,
    INTERVENTIONS,
    PARAGRAPHS,
    made_at_line,
    portfolio_rows,
    sample_lines,
    sheet_texts,
)

SUMMER = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
WINTER = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("made_at", "shown"),
    [(SUMMER, "Lavet 01-07-2026 kl. 14:00 af"), (WINTER, "Lavet 15-01-2026 kl. 13:00 af")],
)
def test_case_and_blank_workbooks_say_when_in_copenhagen_time(made_at, shown):
    """12:00 UTC is 14:00 in a Danish summer and 13:00 in winter."""
    case = build_case_workbook(
        CASE, DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, sample_lines(), year=2026, made_at=made_at
    )
    blank = build_blank_workbook(DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, year=2026, made_at=made_at)
    assert made_at_line(case).startswith(shown)
    assert made_at_line(blank).startswith(shown)


def test_the_zone_is_a_parameter():
    """A municipality configured for another zone gets its own local time."""
    data = build_blank_workbook(
        DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, year=2026, made_at=SUMMER, zone="America/New_York"
    )
    assert made_at_line(data).startswith("Lavet 01-07-2026 kl. 08:00 af")


@pytest.mark.parametrize(
    ("made_at", "shown"),
    [
        (SUMMER, "Lavet 01-07-2026 14:00 af enindgang"),
        (WINTER, "Lavet 15-01-2026 13:00 af enindgang"),
    ],
)
def test_portfolio_says_when_in_local_time(made_at, shown):
    """The portfolio's "Om" sheet too."""
    data = build_portfolio_workbook(portfolio_rows(20), DEPARTMENTS, made_at=made_at)
    assert shown in sheet_texts(data, "Om")


def test_portfolio_years_follow_the_local_new_year():
    """At 23:30 UTC on New Year's Eve it is already the new year in Copenhagen."""
    made_at = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    data = build_portfolio_workbook(portfolio_rows(20), DEPARTMENTS, made_at=made_at)
    texts = sheet_texts(data, "Om")
    assert "Lavet 01-01-2027 00:30 af enindgang" in texts
    assert any("til og med december 2027" in text for text in texts)

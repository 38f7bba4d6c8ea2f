"""The portfolio workbook: 10,000 lines, fast and small, with totals that add up."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from excel_tools import Department, build_portfolio_workbook, calc
from tests.excel_tools.support import DEPARTMENTS, MADE_AT, open_book, portfolio_rows

_SUMPRODUCT = re.compile(
    r"^=SUMPRODUCT\('Linjer'!\$([A-Z]+)\$2:\$\1\$(\d+),'Linjer'!\$([A-Z]+)\$2:\$\3\$\2\)/100$"
)


@pytest.fixture(scope="module")
def rows():
    """10,000 varied lines over 2,500 cases."""
    return portfolio_rows(10_000)


@pytest.fixture(scope="module")
def built(rows):
    """The portfolio bytes and the CPU seconds it took to build them (CPU time, not wall
    time: other tests and processes sharing the machine must not make this fail)."""
    began = time.process_time()
    data = build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT)
    return data, time.process_time() - began


def test_builds_fast_and_small(built):
    """10,000 lines build in seconds into a file of about a megabyte."""
    data, seconds = built
    assert seconds < 20  # ~2 s on a laptop; generous for slow CI runners
    assert len(data) < 5 * 1024 * 1024


def test_memory_does_not_grow_with_cells():
    """Write-only mode streams rows: 3,000 lines (~66,000 cells) peak at a few MB.

    A normal openpyxl workbook keeps a cell object per value (several hundred bytes each),
    which would be tens of MB here. tracemalloc slows the build, hence 3,000 not 10,000.
    """
    rows = portfolio_rows(3_000)
    tracemalloc.start()
    try:
        build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_lines_and_totals_read_back(built, rows):
    """Every line is there with its amounts; the totals formulas sum to calc.py's totals."""
    data, _seconds = built
    wb = load_workbook(io.BytesIO(data), read_only=True)
    lines_ws, totals_ws = wb["Linjer"], wb["Totaler"]
    header, *values = list(lines_ws.iter_rows(values_only=True))
    assert len(values) == len(rows)
    assert header[:8] == (
        "Sag",
        "Titel",
        "Indsats",
        "Paragraf",
        "Beskrivelse",
        "Årlig udgift (kr.)",
        "Startdato",
        "Slutdato",
    )
    assert header[8:11] == tuple(f"{d.label} (%)" for d in DEPARTMENTS)
    years = [int(h.removeprefix("Udgift ").removesuffix(" (kr.)")) for h in header[11:22]]
    assert years == list(range(2020, 2031))
    assert header[22:] == (
        "Udgiftstype",
        "Beløb (kr.)",
        "Omfang",
        "Begrundelse for fordelingen",
        "Fordelingen revideres",
    )

    for row, value in zip(rows, values, strict=True):
        line = row.line
        assert value[0] == row.case_reference and value[4] == line.description
        assert value[6].date() == line.start
        for index, dept in enumerate(DEPARTMENTS):
            assert value[8 + index] == pytest.approx(float(line.shares.get(dept.value, 0)))
        assert list(value[11:22]) == [
            pytest.approx(float(calc.line_in_year(line, y))) for y in years
        ]

    columns = list(zip(*values, strict=True))
    lines = [row.line for row in rows]
    checked = 0
    for name, year, formula in list(totals_ws.iter_rows(values_only=True))[1:]:
        match = _SUMPRODUCT.match(formula)
        assert match, formula
        share_col, last, cost_col = match.groups()
        assert int(last) == len(rows) + 1
        shares = columns[column_index_from_string(share_col) - 1]
        costs = columns[column_index_from_string(cost_col) - 1]
        assert header[column_index_from_string(cost_col) - 1] == f"Udgift {year} (kr.)"
        total = (
            sum(Decimal(repr(a)) * Decimal(repr(c)) for a, c in zip(shares, costs, strict=True))
            / 100
        )
        dept = next(d.value for d in DEPARTMENTS if d.label == name)
        expected = calc.totals_for_year(lines, [dept], year)[dept]
        assert total == pytest.approx(expected, abs=Decimal("0.001"))
        checked += 1
    assert checked == len(DEPARTMENTS) * len(years)
    wb.close()


def test_autofilter_and_frozen_header():
    """Both sheets filter over all their rows; the lines sheet keeps its header visible."""
    rows = portfolio_rows(40)
    wb = open_book(build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT))
    years = calc.year_span([r.line for r in rows], MADE_AT.year)
    last_col = get_column_letter(8 + len(DEPARTMENTS) + len(years) + 5)
    assert wb["Linjer"].auto_filter.ref == f"A1:{last_col}41"
    assert wb["Totaler"].auto_filter.ref == f"A1:C{len(DEPARTMENTS) * len(years) + 1}"
    assert wb["Linjer"].freeze_panes == "C2"


def test_removed_department_keeps_its_column():
    """A share for a department no longer in the settings is still shown and totalled."""
    rows = portfolio_rows(3)
    rows[0].line.shares = {"gammel": Decimal("100")}
    data = build_portfolio_workbook(rows, [Department("boern", "Børn og unge")], made_at=MADE_AT)
    header = next(open_book(data)["Linjer"].iter_rows(values_only=True))
    assert header[8:10] == ("Børn og unge (%)", "gammel (%)")


def test_empty_portfolio():
    """No lines still gives a valid workbook with formulas that sum to nothing."""
    wb = open_book(build_portfolio_workbook([], DEPARTMENTS, made_at=MADE_AT))
    assert wb["Totaler"]["C2"].value.startswith("=SUMPRODUCT(")

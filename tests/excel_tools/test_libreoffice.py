"""LibreOffice headless recalculates the workbooks: its totals must equal calc.py's."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from excel_tools import build_blank_workbook, build_portfolio_workbook, calc
from tests.excel_tools.support import (
    AMOUNT_COLS,
    DEPARTMENTS,
    DEPT_VALUES,
    INTERVENTIONS,
    MADE_AT,
    MONTHS_PERIOD_COL,
    MONTHS_YEAR_COL,
    PARAGRAPHS,
    SUM_COL,
    build,
    edit,
    portfolio_rows,
    read,
    sample_lines,
)

pytestmark = pytest.mark.libreoffice

ERROR_VALUES = ("#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def _values(data: bytes):
    """The workbook as LibreOffice computed it (cached values)."""
    return load_workbook(io.BytesIO(data), data_only=True)


def _error_cells(wb) -> list[str]:
    """Addresses of cells holding an error value, in any sheet."""
    return [
        f"{ws.title}!{cell.coordinate}={cell.value}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "e"
        or (isinstance(cell.value, str) and cell.value.startswith(ERROR_VALUES))
    ]


def _approx(value: Decimal):
    """LibreOffice computes in doubles; calc.py in decimals."""
    return pytest.approx(float(value), abs=1e-6, rel=1e-12)


def _assert_split(split, lines, year: int) -> dict:
    """ "Fordeling" per department for the year and the period equals calc's (the year's)."""
    for_year = calc.totals_for_year(lines, DEPT_VALUES, year)
    for_period = calc.totals_for_period(lines, DEPT_VALUES, year)
    for row, dept in enumerate(DEPT_VALUES, start=6):
        assert split[f"B{row}"].value == _approx(for_year[dept]), dept
        assert split[f"D{row}"].value == _approx(for_period[dept]), dept
    return for_year


@pytest.mark.parametrize("year", [2023, 2025, 2027])
def test_case_workbook_totals_equal_python(recalc, year):
    """Totals per department for the year and the whole period, months and amounts per line."""
    lines = sample_lines()
    wb = _values(recalc(build(year=year)))
    assert _error_cells(wb) == []

    split = wb["Fordeling"]
    for_year = _assert_split(split, lines, year)
    assert split["B9"].value == _approx(sum(for_year.values()))
    assert split["C9"].value == pytest.approx(100 if sum(for_year.values()) else 0)

    sheet = wb["Indsatser"]
    for row, line in enumerate(lines, start=3):
        assert sheet[f"{SUM_COL}{row}"].value == pytest.approx(100)
        assert sheet[f"{MONTHS_YEAR_COL}{row}"].value == calc.months_in_year(
            line.start, line.end, year
        )
        assert sheet[f"{MONTHS_PERIOD_COL}{row}"].value == calc.months_in_period(
            line.start, line.end, year
        )
        for column, dept in zip(AMOUNT_COLS, DEPT_VALUES, strict=True):
            assert sheet[f"{column}{row}"].value == _approx(calc.amount_in_year(line, dept, year))


def test_file_saved_by_libreoffice_imports_back(recalc):
    """A controller who saves in LibreOffice can upload the result unchanged."""
    assert read(recalc(build())) == sample_lines()


def test_controller_edit_recalculates_without_errors(recalc):
    """After an openpyxl edit (new row, wrong split) LibreOffice still computes, no errors."""
    lines = sample_lines()

    def change(wb):
        ws = wb["Indsatser"]
        ws["A8"], ws["B8"], ws["E8"], ws["H8"] = "Aflastning", "Barnets lov § 32", 1200, "x"
        ws["M8"] = 120  # sum is off and the start is text: both must stay error-free

    wb = _values(recalc(edit(build(), change)))
    assert _error_cells(wb) == []
    assert wb["Indsatser"][f"{SUM_COL}8"].value == 120
    for_year = calc.totals_for_year(lines, DEPT_VALUES, 2025)  # the bad row adds 0 months
    assert wb["Fordeling"]["B6"].value == _approx(for_year["boern"])


def test_blank_tool_headers_and_totals_follow_departments(recalc):
    """Renaming a department in the blank tool renames columns and totals; sums still match."""
    data = build_blank_workbook(DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, year=2025, made_at=MADE_AT)

    def change(wb):
        wb["Afdelinger"]["B3"] = "Voksen- og handicapafdelingen"
        wb["Afdelinger"]["B5"] = "Sundhedsplejen"  # a spare slot taken into use
        ws = wb["Indsatser"]
        ws["A3"], ws["B3"], ws["E3"] = "Aflastning", "Barnets lov § 32", 1200
        ws["H3"] = date(2025, 7, 1)
        ws["N3"], ws["P3"] = 40, 60

    wb = _values(recalc(edit(data, change)))
    assert _error_cells(wb) == []
    assert wb["Indsatser"]["N2"].value == "Voksen- og handicapafdelingen"
    assert wb["Indsatser"]["P2"].value == "Sundhedsplejen"
    assert wb["Fordeling"]["A9"].value == "Sundhedsplejen"
    assert wb["Fordeling"]["B9"].value == pytest.approx(1200 * 0.6 * 6 / 12)


def test_portfolio_totals_equal_python(recalc):
    """The portfolio's SUMPRODUCT totals per department and year equal calc.py's."""
    rows = portfolio_rows(10_000)
    data = build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT)
    wb = _values(recalc(data, "portfolio.xlsx"))
    totals = wb["Totaler"]
    assert _error_cells(totals.parent) == []
    labels = {d.label: d.value for d in DEPARTMENTS}
    lines = [row.line for row in rows]
    checked = 0
    for name, year, amount in totals.iter_rows(min_row=2, values_only=True):
        expected = calc.totals_for_year(lines, [labels[name]], year)[labels[name]]
        assert amount == pytest.approx(float(expected), rel=1e-9), (name, year)
        checked += 1
    assert checked == len(DEPARTMENTS) * len(range(2020, 2031))


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_cost_kinds_recalculate_as_calc_books_them(recalc, year):
    """After LibreOffice recalculates: a one-off in full in its month, monthly and hourly
    lines every active month – per line and per department, for the year and the period."""
    from tests.excel_tools.support import ANNUAL_COL, COST_PERIOD_COL, COST_YEAR_COL
    from tests.excel_tools.test_costs import cost_lines

    lines = cost_lines()
    wb = _values(recalc(build(lines, year=year)))
    assert _error_cells(wb) == []
    sheet = wb["Indsatser"]
    for row, line in enumerate(lines, start=3):
        assert sheet[f"{ANNUAL_COL}{row}"].value == _approx(line.annual_cost)
        assert sheet[f"{COST_YEAR_COL}{row}"].value == _approx(calc.line_in_year(line, year))
        assert sheet[f"{COST_PERIOD_COL}{row}"].value == _approx(calc.line_in_period(line, year))
    assert sheet[f"{COST_YEAR_COL}3"].value == (200000 if year == 2025 else 0)
    _assert_split(wb["Fordeling"], lines, year)


def test_portfolio_with_cost_kinds_recalculates_as_calc(recalc):
    """The portfolio's totals after LibreOffice equal calc's, one-offs in their year."""
    from excel_tools import PortfolioRow
    from tests.excel_tools.test_costs import cost_lines

    rows = [PortfolioRow(1, "S-1", "Familie", line) for line in cost_lines()]
    wb = _values(recalc(build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT), "p.xlsx"))
    assert _error_cells(wb) == []
    labels = {d.label: d.value for d in DEPARTMENTS}
    lines = [row.line for row in rows]
    checked = 0
    for name, year, amount in wb["Totaler"].iter_rows(min_row=2, values_only=True):
        expected = calc.totals_for_year(lines, [labels[name]], year)[labels[name]]
        assert amount == pytest.approx(float(expected), abs=1e-6), (name, year)
        checked += 1
    assert checked == len(DEPARTMENTS) * len(range(2024, 2027))

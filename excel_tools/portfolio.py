"""The controllers' portfolio workbook: every funding line of every case, and totals.

Written with openpyxl's write-only mode so 10,000 lines stream to disk instead of building a
cell object per value in memory. Amounts per department and months per year are computed by
:mod:`calc` and written as values; the totals sheet sums them with formulas, so a controller
who filters or corrects a line sees the totals follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from io import BytesIO
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from app.formatting import format_datetime, format_number, local_time
from app.text import clean_text

from . import calc
from .cells import is_dangerous, length_problem, text_cell
from .costs import COST_KIND_LABELS, QUANTITY_UNIT_LABELS
from .layout import TEXT_LIMITS, col
from .messages import N_
from .model import Department, PortfolioRow, VocabItem, WorkbookBuildError

SHEET_PORTFOLIO_LINES = "Linjer"
SHEET_PORTFOLIO_TOTALS = "Totaler"
SHEET_PORTFOLIO_ABOUT = "Om"
#: Years shown around the year the workbook is made; a typo like 2099 must not add columns.
PORTFOLIO_YEARS_AROUND = 10
_FIXED_HEADERS = (
    "Sag",
    "Titel",
    "Indsats",
    "Paragraf",
    "Beskrivelse",
    "Årlig udgift (kr.)",
    "Startdato",
    "Slutdato",
)
_EXTRA_HEADERS = (
    "Udgiftstype",
    "Beløb (kr.)",
    "Omfang",
    "Begrundelse for fordelingen",
    "Fordelingen revideres",
)


def build_portfolio_workbook(
    rows: Iterable[PortfolioRow],
    departments: Sequence[Department],
    *,
    made_at: datetime,
    zone: str | tzinfo | None = None,
    interventions: Sequence[VocabItem] | None = None,
    paragraphs: Sequence[VocabItem] | None = None,
) -> bytes:
    """Portfolio workbook (.xlsx bytes): one row per line, totals per department and year.

    ``made_at`` is shown, and its year taken, as local time in ``zone``.
    """
    out = BytesIO()
    write_portfolio_workbook(
        out, rows, departments, made_at=made_at, zone=zone,
        interventions=interventions, paragraphs=paragraphs,
    )  # fmt: skip
    return out.getvalue()


def write_portfolio_workbook(
    out: BinaryIO,
    rows: Iterable[PortfolioRow],
    departments: Sequence[Department],
    *,
    made_at: datetime,
    zone: str | tzinfo | None = None,
    interventions: Sequence[VocabItem] | None = None,
    paragraphs: Sequence[VocabItem] | None = None,
) -> None:
    """Write the portfolio workbook to ``out`` (a file: a download can then be streamed from
    disk instead of held in memory twice, as bytes and as the response)."""
    rows = list(rows)
    made_at = local_time(made_at, zone)
    depts = _departments(rows, departments)
    years = portfolio_years(rows, made_at.year)
    labels = {
        **{i.value: i.label for i in interventions or ()},
        **{p.value: p.label for p in paragraphs or ()},
    }

    wb = Workbook(write_only=True)
    lines_ws = wb.create_sheet(SHEET_PORTFOLIO_LINES)
    totals_ws = wb.create_sheet(SHEET_PORTFOLIO_TOTALS)
    about_ws = wb.create_sheet(SHEET_PORTFOLIO_ABOUT)

    errors: list[str] = []
    bold = Font(bold=True)
    headers = [
        *_FIXED_HEADERS,
        *(f"{d.label} (%)" for d in depts),
        *(f"Udgift {year} (kr.)" for year in years),
        *_EXTRA_HEADERS,
    ]
    lines_ws.freeze_panes = "C2"
    # Write-only sheets take column widths before the first row, not after.
    for letter, width in (("A", 14), ("B", 30), ("C", 26), ("D", 18), ("E", 36)):
        lines_ws.column_dimensions[letter].width = width
    totals_ws.column_dimensions["A"].width = 30
    totals_ws.column_dimensions["C"].width = 18
    about_ws.column_dimensions["A"].width = 100
    lines_ws.append([_header(lines_ws, text, bold, errors) for text in headers])
    for number, row in enumerate(rows, start=1):
        lines_ws.append(_line_values(lines_ws, row, depts, years, labels, number, errors))
    last_row = max(len(rows), 1) + 1
    lines_ws.auto_filter.ref = f"A1:{col(len(headers))}{last_row}"
    if errors:
        raise WorkbookBuildError(errors)

    _write_totals(totals_ws, depts, years, last_row, bold)
    about_ws.append([text_cell(about_ws, "Porteføljeoversigt over fælles finansiering", bold)])
    about_ws.append([f"Lavet {format_datetime(made_at, 'dd-MM-y HH:mm', zone=zone)} af enindgang"])
    about_ws.append(
        [
            "Hver linje har afdelingernes andele i procent og linjens udgift i hvert år. "
            "Totalerne er udgift × andel. Udgifter regnes i hele måneder fra startmåned til "
            "og med slutmåned; et engangsbeløb tæller fuldt i startmåneden; en indsats "
            f"uden slutdato tæller med til og med december {made_at.year}."
        ]
    )

    wb.save(out)


def _departments(rows: list[PortfolioRow], departments: Sequence[Department]) -> list[Department]:
    """Departments to show: the given ones plus any a line still has a share for.

    A department removed from the settings keeps its column, so no kroner vanish from the
    controllers' totals.
    """
    depts = [Department(d.value, clean_text(d.label or d.value)) for d in departments]
    known = {d.value for d in depts}
    for row in rows:
        for value in row.line.shares:
            if value not in known:
                known.add(value)
                depts.append(Department(value, clean_text(value)))
    return depts


def portfolio_years(rows: Sequence[PortfolioRow], horizon: int) -> list[int]:
    """Years the lines touch, limited to PORTFOLIO_YEARS_AROUND either side of ``horizon``.

    The workbook's month columns and the portfolio page's totals use the same years.
    """
    span = calc.year_span((row.line for row in rows), horizon)
    first = max(span.start, horizon - PORTFOLIO_YEARS_AROUND)
    last = min(span.stop - 1, horizon + PORTFOLIO_YEARS_AROUND)
    return list(range(first, last + 1))


def _text(ws, value: str | None, limit_key: str, where, errors: list[str]):
    """Clean a text; plain str when harmless (fast path), a forced-text cell otherwise.
    ``where`` names the place in a message (or makes that name: called only on a problem)."""
    text = clean_text(value or "")
    problem = length_problem(text, TEXT_LIMITS[limit_key])
    if problem:
        where = where() if callable(where) else where
        errors.append(N_("%(where)s: %(problem)s", where=where, problem=problem))
        return None
    if not text:
        return None
    # openpyxl only turns "="-text into formulas, but every risky start gets quotePrefix.
    return text_cell(ws, text) if is_dangerous(text) else text


def _header(ws, text: str, font: Font, errors: list[str]) -> Cell:
    """A bold header cell (department names are municipal data, so written as text)."""
    cell = _text(ws, text, "department", N_("Overskrift"), errors)
    if not isinstance(cell, Cell):
        cell = text_cell(ws, cell)
    cell.font = font
    return cell


def _line_values(ws, row: PortfolioRow, depts, years, labels, number: int, errors: list[str]):
    """Values of one portfolio line."""
    line = row.line

    def where():
        return N_("Linje %(number)s (sag %(case)s)", number=number, case=row.case_reference)

    return [
        _text(ws, row.case_reference, "case_reference", where, errors),
        _text(ws, row.case_title, "case_title", where, errors),
        _text(ws, labels.get(line.intervention, line.intervention), "intervention", where, errors),
        _text(ws, labels.get(line.paragraph, line.paragraph), "paragraph", where, errors),
        _text(ws, line.description, "description", where, errors),
        float(line.annual_cost),
        line.start,
        line.end,
        *(float(line.shares.get(d.value, 0)) for d in depts),
        *_year_costs(line, years),
        str(COST_KIND_LABELS.get(line.cost_kind, line.cost_kind)),
        float(line.amount or 0),
        _quantity(line),
        _text(ws, line.split_reason, "split_reason", where, errors),
        row.review_date,
    ]


def _year_costs(line, years: list[int]) -> list[float]:
    """The line's cost in each of ``years`` (calc.line_in_year). A year in which the line has
    no month is 0 without the arithmetic: a line spans a few of the up to 21 years shown,
    and 100,000 lines made this a fifth of the portfolio's time."""
    first = calc.month_number(line.start)
    last = calc.month_number(line.end) if line.end is not None else None
    return [
        0.0
        if year * 12 + 12 < first or (last is not None and year * 12 + 1 > last)
        else float(calc.line_in_year(line, year))
        for year in years
    ]


def _quantity(line) -> str | None:
    """The size granted as text, "12 timer pr. uge", or None."""
    if line.quantity is None or not line.quantity_unit:
        return None
    unit = QUANTITY_UNIT_LABELS.get(line.quantity_unit, line.quantity_unit)
    return f"{format_number(line.quantity, places=None)} {unit}"


def _write_totals(ws, depts: list[Department], years: list[int], last_row: int, bold) -> None:
    """Totals per department and year: SUMPRODUCT of shares and each line's cost in the year."""
    ws.append([text_cell(ws, text, bold) for text in ("Afdeling", "År", "Beløb (kr.)")])
    first_share = len(_FIXED_HEADERS) + 1
    first_year = first_share + len(depts)
    sheet = f"'{SHEET_PORTFOLIO_LINES}'"
    for index, dept in enumerate(depts):
        share = col(first_share + index)
        for offset, year in enumerate(years):
            cost = col(first_year + offset)
            formula = (
                f"=SUMPRODUCT({sheet}!${share}$2:${share}${last_row},"
                f"{sheet}!${cost}$2:${cost}${last_row})/100"
            )
            ws.append([text_cell(ws, dept.label), year, formula])
    ws.auto_filter.ref = f"A1:C{max(len(depts) * len(years), 1) + 1}"
    ws.freeze_panes = "A2"

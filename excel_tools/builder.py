"""Build the funding-split workbook for one case, and the blank municipal tool.

The "Indsatser" sheet is the heart: unlocked input cells, locked formula cells, drop-downs fed
from a hidden list sheet through defined names, and formulas that follow :mod:`calc` exactly.
The portfolio workbook lives in :mod:`excel_tools.portfolio` and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from io import BytesIO

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import styles as st
from .cells import put_text
from .formulas import write_formulas
from .layout import (
    ANNUAL_HEADER,
    COST_PERIOD_HEADER,
    COST_YEAR_HEADER,
    FIRST_DATA_ROW,
    GROUP_ROW,
    HEADER_ROW,
    INPUT_COLUMNS,
    MAX_ANNUAL_COST,
    MAX_DATE,
    MIN_DATE,
    MONTHS_PERIOD_HEADER,
    MONTHS_YEAR_HEADER,
    NAME_AUTHORITY,
    NAME_COST_KINDS,
    NAME_INTERVENTIONS,
    NAME_PARAGRAPHS,
    NAME_QUANTITY_UNITS,
    ROOM_ROWS,
    SHEET_DEPARTMENTS,
    SHEET_GUIDE,
    SHEET_LINES,
    SHEET_LISTS,
    SHEET_META,
    SHEET_SPLIT,
    SUM_HEADER,
    TEXT_LIMITS,
    LinesLayout,
    col,
)
from .model import CaseInfo, Department, FundingLine, VocabItem
from .portfolio import build_portfolio_workbook, write_portfolio_workbook
from .prepare import Prepared, prepare
from .sheets import (
    department_header,
    protect,
    write_departments,
    write_guide,
    write_lists,
    write_meta,
    write_split,
)

__all__ = [
    "build_blank_workbook",
    "build_case_workbook",
    "build_portfolio_workbook",
    "write_portfolio_workbook",
]

_WIDTHS = {
    "intervention": 30,
    "paragraph": 22,
    "description": 40,
    "cost_kind": 15,
    "amount": 16,
    "quantity": 10,
    "quantity_unit": 16,
    "start": 12,
    "end": 12,
    "authority_level": 20,
    "split_reason": 30,
    "notes": 30,
}
_INPUT_STYLES = {
    "amount": st.INPUT_MONEY,
    "quantity": st.INPUT_SHARE,
    "start": st.INPUT_DATE,
    "end": st.INPUT_DATE,
}
_NUMBER_FIELDS = ("amount", "quantity")


def build_case_workbook(
    case: CaseInfo,
    departments: Sequence[Department],
    interventions: Sequence[VocabItem],
    paragraphs: Sequence[VocabItem],
    lines: Iterable[FundingLine],
    *,
    year: int,
    made_at: datetime,
    zone: str | tzinfo | None = None,
    authority_levels: Sequence[VocabItem] | None = None,
    room_rows: int = ROOM_ROWS,
) -> bytes:
    """The funding workbook of one case (.xlsx bytes); raises WorkbookBuildError on bad text."""
    prepared = prepare(
        case,
        departments,
        interventions,
        paragraphs,
        authority_levels,
        lines,
        year=year,
        made_at=made_at,
        zone=zone,
    )
    return _build(prepared, room_rows)


def build_blank_workbook(
    departments: Sequence[Department],
    interventions: Sequence[VocabItem],
    paragraphs: Sequence[VocabItem],
    *,
    year: int,
    made_at: datetime,
    zone: str | tzinfo | None = None,
    authority_levels: Sequence[VocabItem] | None = None,
    room_rows: int = ROOM_ROWS,
) -> bytes:
    """The blank municipal funding tool (.xlsx bytes) whose department list can be edited."""
    prepared = prepare(
        None,
        departments,
        interventions,
        paragraphs,
        authority_levels,
        [],
        year=year,
        made_at=made_at,
        zone=zone,
    )
    return _build(prepared, room_rows)


def _build(prepared: Prepared, room_rows: int) -> bytes:
    """Write all sheets and return the saved workbook."""
    wb = Workbook()
    st.register_styles(wb)
    layout = LinesLayout(prepared.slots)
    last_row = FIRST_DATA_ROW + len(prepared.lines) + max(room_rows, 0) - 1

    guide = wb.active
    guide.title = SHEET_GUIDE
    write_guide(guide, prepared, last_row)
    write_departments(wb, wb.create_sheet(SHEET_DEPARTMENTS), prepared)
    lines_ws = wb.create_sheet(SHEET_LINES)
    _write_lines(lines_ws, prepared, layout, last_row)
    write_split(wb, wb.create_sheet(SHEET_SPLIT), prepared, layout, last_row)
    write_lists(wb, wb.create_sheet(SHEET_LISTS), prepared)
    write_meta(wb.create_sheet(SHEET_META), prepared)

    # No password on purpose: protection guards against slips, it is not security.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.calculation.fullCalcOnLoad = True
    wb.active = 0
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_lines(ws: Worksheet, prepared: Prepared, layout: LinesLayout, last_row: int) -> None:
    """The "Indsatser" sheet: inputs, shares, formulas, validation and protection."""
    _write_line_headers(ws, prepared, layout)
    for index in range(last_row - FIRST_DATA_ROW + 1):
        row = FIRST_DATA_ROW + index
        line = prepared.lines[index] if index < len(prepared.lines) else None
        _write_inputs(ws, row, line, prepared, layout)
        write_formulas(ws, row, layout)
    _add_validation(ws, prepared, layout, last_row)
    _add_conditional_formatting(ws, layout, last_row)

    for index, (field, _header) in enumerate(INPUT_COLUMNS, start=1):
        ws.column_dimensions[col(index)].width = _WIDTHS[field]
    for index in range(layout.first_share, layout.last_col + 1):
        ws.column_dimensions[col(index)].width = 14
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    protect(ws)


def _write_line_headers(ws: Worksheet, prepared: Prepared, layout: LinesLayout) -> None:
    """Group row and column-header row."""
    groups = [
        (1, len(INPUT_COLUMNS), "Udfyld"),
        (layout.first_share, layout.last_share, "Andel pr. afdeling (%)"),
        (layout.sum_col, layout.cost_period_col, "Beregnes"),
        (
            layout.first_amount,
            layout.last_col,
            f"Beløb i året (kr.) – året vælges på {SHEET_SPLIT}",
        ),
    ]
    for first, last, text in groups:
        for index in range(first, last + 1):
            st.apply(ws.cell(GROUP_ROW, index), st.GROUP)
        ws.cell(GROUP_ROW, first).value = text
        if last > first:
            ws.merge_cells(
                start_row=GROUP_ROW, start_column=first, end_row=GROUP_ROW, end_column=last
            )

    headers = [header for _field, header in INPUT_COLUMNS]
    headers += [None] * prepared.slots + [
        SUM_HEADER,
        ANNUAL_HEADER,
        MONTHS_YEAR_HEADER,
        MONTHS_PERIOD_HEADER,
        COST_YEAR_HEADER,
        COST_PERIOD_HEADER,
    ]
    for index, header in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, index)
        st.apply(cell, st.HEADER)
        if header is not None:
            cell.value = header
    for slot in range(1, prepared.slots + 1):
        department_header(ws.cell(HEADER_ROW, layout.first_share + slot - 1), prepared, slot)
        department_header(ws.cell(HEADER_ROW, layout.first_amount + slot - 1), prepared, slot)


def _write_inputs(ws: Worksheet, row: int, line, prepared: Prepared, layout: LinesLayout) -> None:
    """Input cells of one row: unlocked and pre-formatted even when empty."""
    for index, (field, _header) in enumerate(INPUT_COLUMNS, start=1):
        cell = st.styled_cell(ws, row, index, _INPUT_STYLES.get(field, st.INPUT_TEXT))
        if line is None:
            continue
        if field in _NUMBER_FIELDS:
            # Excel stores doubles; two-decimal amounts survive float() exactly enough
            # for the reader, which rounds back to two decimals.
            value = getattr(line.line, field)
            cell.value = float(value) if value is not None else None
        elif field in ("start", "end"):
            cell.value = getattr(line.line, field)
        else:
            put_text(cell, getattr(line, field))
    for slot in range(prepared.slots):
        cell = st.styled_cell(ws, row, layout.first_share + slot, st.INPUT_SHARE)
        if line is not None and slot < len(prepared.departments):
            share = line.line.shares.get(prepared.departments[slot].value)
            if share is not None:
                cell.value = float(share)


def _validation(kind: str, sqref: str, error: str, prompt: str | None = None, **kw):
    """A data validation with Danish messages that stops the wrong value being typed."""
    dv = DataValidation(
        type=kind,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ugyldig værdi",
        error=error,
        errorStyle="stop",
        **kw,
    )
    if prompt:
        dv.showInputMessage = True
        dv.prompt = prompt
    dv.add(sqref)
    return dv


def _add_validation(ws: Worksheet, prepared: Prepared, layout: LinesLayout, last_row: int) -> None:
    """Drop-downs for vocabularies, number and date limits."""
    first = FIRST_DATA_ROW

    def rng(index: int, to: int | None = None) -> str:
        return f"{col(index)}{first}:{col(to or index)}{last_row}"

    low, high = int(to_excel(MIN_DATE)), int(to_excel(MAX_DATE))
    at = layout.field_col
    start, end = layout.field_letter("start"), layout.field_letter("end")
    # Validation formulas are stored without a leading "=", as Excel and LibreOffice write them.
    dvs = [
        _validation("list", rng(1), "Vælg en indsats fra listen.", formula1=NAME_INTERVENTIONS),
        _validation("list", rng(2), "Vælg en paragraf fra listen.", formula1=NAME_PARAGRAPHS),
        _validation(
            "list",
            rng(at("cost_kind")),
            "Vælg engangsbeløb, pr. måned, pr. år eller pr. time. Tom = pr. år.",
            "Tom = pr. år",
            formula1=NAME_COST_KINDS,
        ),
        _validation(
            "decimal",
            rng(at("amount")),
            "Skriv et beløb i kr. (0 eller mere).",
            "Kr. i alt, pr. måned, pr. år eller pr. time – efter udgiftstypen",
            operator="between",
            formula1="0",
            formula2=str(MAX_ANNUAL_COST),
        ),
        _validation(
            "decimal",
            rng(at("quantity")),
            "Skriv omfanget som et tal (0 eller mere).",
            operator="between",
            formula1="0",
            formula2="744",
        ),
        _validation(
            "list",
            rng(at("quantity_unit")),
            "Vælg timer pr. uge, timer pr. måned eller dage pr. måned.",
            formula1=NAME_QUANTITY_UNITS,
        ),
        _validation(
            "date",
            rng(at("start")),
            "Skriv en dato som dd-mm-åååå.",
            "dd-mm-åååå",
            operator="between",
            formula1=str(low),
            formula2=str(high),
        ),
        _validation(
            "custom",
            rng(at("end")),
            "Skriv en dato som dd-mm-åååå, tidligst startdatoen – eller lad cellen stå "
            "tom, hvis indsatsen er løbende.",
            "Tom = løbende indsats",
            formula1=f"AND(ISNUMBER({end}{first}),{end}{first}>={low},{end}{first}<={high},"
            f"OR(NOT(ISNUMBER(${start}{first})),{end}{first}>=${start}{first}))",
        ),
        _validation(
            "decimal",
            rng(layout.first_share, layout.last_share),
            "Andelen skal være et tal mellem 0 og 100 (procent).",
            operator="between",
            formula1="0",
            formula2="100",
        ),
    ]
    for field in ("description", "split_reason", "notes"):
        dvs.append(
            _validation(
                "textLength",
                rng(at(field)),
                f"Højst {TEXT_LIMITS[field]} tegn.",
                operator="lessThanOrEqual",
                formula1=str(TEXT_LIMITS[field]),
            )
        )
    if prepared.authority_levels is not None:
        dvs.append(
            _validation(
                "list", rng(at("authority_level")), "Vælg fra listen.", formula1=NAME_AUTHORITY
            )
        )
    for dv in dvs:
        ws.add_data_validation(dv)


def _add_conditional_formatting(ws: Worksheet, layout: LinesLayout, last_row: int) -> None:
    """Red row sum when shares are not 100 %, red text in number cells, red end before start."""
    first = FIRST_DATA_ROW
    sum_cell = f"${col(layout.sum_col)}{first}"
    used = f"COUNTA($A{first}:${col(layout.last_share)}{first})>0"
    # Shares have two decimals, so any sum off by more than 0.01 is off by at least 0.02;
    # 0.015 keeps float noise (99.99000000001) from flipping the colour at the boundary.
    ws.conditional_formatting.add(
        f"{col(layout.sum_col)}{first}:{col(layout.sum_col)}{last_row}",
        FormulaRule(
            formula=[f"AND({used},ABS({sum_cell}-100)>0.015)"],
            fill=st.ERROR_FILL,
            font=st.ERROR_FONT,
        ),
    )
    # Text where a number or date belongs: the formulas treat it as 0 and the import refuses
    # it, so make it visible before the file is sent back.
    number_cols = (
        (layout.field_letter("amount"), layout.field_letter("quantity")),
        (layout.field_letter("start"), layout.field_letter("end")),
        (col(layout.first_share), col(layout.last_share)),
    )
    for first_col, last_col in number_cols:
        ws.conditional_formatting.add(
            f"{first_col}{first}:{last_col}{last_row}",
            FormulaRule(
                formula=[
                    f"AND(NOT(ISBLANK({first_col}{first})),NOT(ISNUMBER({first_col}{first})))"
                ],
                fill=st.ERROR_FILL,
                font=st.ERROR_FONT,
            ),
        )
    start, end = layout.field_letter("start"), layout.field_letter("end")
    ws.conditional_formatting.add(
        f"{end}{first}:{end}{last_row}",
        FormulaRule(
            formula=[
                f"AND(ISNUMBER(${start}{first}),ISNUMBER(${end}{first}),"
                f"${end}{first}<${start}{first})"
            ],
            fill=st.ERROR_FILL,
            font=st.ERROR_FONT,
        ),
    )

"""The case workbook has the sheets, validation, protection and chart the controllers rely on."""

from __future__ import annotations

import io
import zipfile

import pytest

from excel_tools import FORMAT_VERSION, ROOM_ROWS, build_blank_workbook
from tests.excel_tools.support import (
    AMOUNT_COLS,
    DEPARTMENTS,
    INTERVENTIONS,
    MADE_AT,
    MONTHS_YEAR_COL,
    PARAGRAPHS,
    SHARE_COLS,
    SUM_COL,
    YEAR,
    build,
    open_book,
    sample_lines,
)

LAST_ROW = 2 + len(sample_lines()) + ROOM_ROWS


@pytest.fixture(scope="module")
def book():
    """The sample case workbook opened with openpyxl (formulas as formulas)."""
    return open_book(build())


def test_sheets_and_visibility(book):
    """Danish sheets in order; lists hidden, meta very hidden; structure locked."""
    assert book.sheetnames == [
        "Vejledning",
        "Afdelinger",
        "Indsatser",
        "Fordeling",
        "_lister",
        "_meta",
    ]
    assert [ws.sheet_state for ws in book.worksheets] == [
        "visible",
        "visible",
        "visible",
        "visible",
        "hidden",
        "veryHidden",
    ]
    assert book.security.lockStructure
    assert not book.security.workbookPassword


def test_meta_sheet(book):
    """Case id, format version and the time it was made."""
    meta = {row[0]: row[1] for row in book["_meta"].iter_rows(values_only=True)}
    assert meta["format"] == "enindgang-finansiering"
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["case_id"] == 7
    assert meta["made_at"] == MADE_AT.isoformat()
    assert meta["year"] == YEAR


def test_lines_sheet_inputs_unlocked_formulas_locked(book):
    """Input cells (also in the ≥200 empty rows) are unlocked; formulas are locked."""
    ws = book["Indsatser"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.freeze_panes == "B3"
    assert LAST_ROW - (2 + len(sample_lines())) >= 200
    for row in (3, LAST_ROW):
        for column in "ABCDEFGH" + "".join(SHARE_COLS):
            assert ws[f"{column}{row}"].protection.locked is False, f"{column}{row}"
        for column in (SUM_COL, MONTHS_YEAR_COL, *AMOUNT_COLS):
            cell = ws[f"{column}{row}"]
            assert cell.data_type == "f" and cell.protection.locked, f"{column}{row}"
    assert ws[f"A{LAST_ROW + 1}"].protection.locked  # beyond the room nothing is editable
    assert ws[f"{SUM_COL}3"].value == "=SUM(M3:O3)"
    assert ws["H3"].number_format == "dd-mm-yyyy"
    assert ws[f"H{LAST_ROW}"].number_format == "dd-mm-yyyy"


def test_lines_sheet_validation(book):
    """Drop-downs via defined names, 0–100 decimals for shares, dates, amounts."""
    rules = {str(dv.sqref): dv for dv in book["Indsatser"].data_validations.dataValidation}
    assert rules[f"A3:A{LAST_ROW}"].type == "list"
    assert rules[f"A3:A{LAST_ROW}"].formula1 == "Indsatsliste"
    assert rules[f"B3:B{LAST_ROW}"].formula1 == "Paragrafliste"
    shares = rules[f"M3:O{LAST_ROW}"]
    assert (shares.type, shares.operator, shares.formula1, shares.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    assert rules[f"H3:H{LAST_ROW}"].type == "date"
    assert rules[f"I3:I{LAST_ROW}"].type == "custom"
    assert rules[f"E3:E{LAST_ROW}"].type == "decimal"
    assert all(dv.showErrorMessage and dv.error for dv in rules.values())


def test_defined_names(book):
    """The lists and the year are reachable by name."""
    names = {name: dn.attr_text for name, dn in book.defined_names.items()}
    assert names["Indsatsliste"] == "'_lister'!$A$1:$A$3"
    assert names["Paragrafliste"] == "'_lister'!$B$1:$B$3"
    assert names["Afdelingsnavne"] == "'Afdelinger'!$B$2:$B$4"
    assert names["Aar"] == "'Fordeling'!$B$2"


def test_sum_turns_red_when_not_100(book):
    """Conditional formatting on the row-sum column."""
    ranges = {str(cf.sqref): cf.rules for cf in book["Indsatser"].conditional_formatting}
    rule = ranges[f"{SUM_COL}3:{SUM_COL}{LAST_ROW}"][0]
    assert rule.formula == ["AND(COUNTA($A3:$O3)>0,ABS($P3-100)>0.015)"]
    assert rule.dxf.fill.fgColor.rgb.endswith("FFC7CE")


def test_split_sheet_and_pie_chart():
    """Totals by formula per department, and a pie chart over them."""
    data = build()
    ws = open_book(data)["Fordeling"]
    assert [ws[f"A{row}"].value for row in (6, 7, 8)] == [d.label for d in DEPARTMENTS]
    assert ws["B6"].value == f"=SUM('Indsatser'!V3:V{LAST_ROW})"
    assert ws["D6"].value.startswith("=SUMPRODUCT(")
    assert ws["B2"].value == YEAR and ws["B2"].protection.locked is False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "pieChart" in chart and "'Fordeling'!$B$6:$B$8" in chart
    assert "'Fordeling'!$A$6:$A$8" in chart


def test_guide_explains_protection_and_return():
    """The guide says protection is a guard against slips and how to send the file back."""
    text = " ".join(str(c.value) for c in open_book(build())["Vejledning"]["A"] if c.value)
    assert "ikke en sikkerhedsforanstaltning" in text
    assert "Excel-projektmappe (.xlsx)" in text
    assert "S-2025-007 – Familien Hansen" in text


def test_blank_tool_follows_the_department_list():
    """Blank tool: editable departments with spare slots; headers follow via the name."""
    book = open_book(
        build_blank_workbook(DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, year=YEAR, made_at=MADE_AT)
    )
    depts = book["Afdelinger"]
    assert depts["B2"].value == "Børn og unge" and depts["B2"].protection.locked is False
    assert depts["B9"].protection.locked is False  # 3 + 5 spare slots
    assert book["Indsatser"]["M2"].value == "=T(INDEX(Afdelingsnavne,1))"
    assert book["Fordeling"]["A13"].value == "=T(INDEX(Afdelingsnavne,8))"
    meta = {row[0]: row[1] for row in book["_meta"].iter_rows(values_only=True)}
    assert meta["case_id"] is None and meta["kind"] == "skabelon"

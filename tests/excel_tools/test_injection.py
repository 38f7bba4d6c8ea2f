"""User text is always text: formula-like values come back unchanged and never become formulas."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from excel_tools import (
    CaseInfo,
    Department,
    FundingLine,
    PortfolioRow,
    VocabItem,
    WorkbookBuildError,
    build_blank_workbook,
    build_case_workbook,
    build_portfolio_workbook,
)
from tests.excel_tools.support import MADE_AT, YEAR, build, edit, open_book, problems, read

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "@SUM(A1)",
    "+1",
    "-1",
    "\tfoo",
    "\rbar",
    "=1+1",
    '=cmd|" /C calc"!A0',
]

# Vocabularies and departments whose *labels* are payloads too (municipal data is user text).
DEPTS = [Department("a", "=A1"), Department("b", "@B"), Department("c", "-C")]
INTERVENTIONS = [VocabItem(f"i{n}", p) for n, p in enumerate(PAYLOADS)]
PARAGRAPHS = [VocabItem(f"p{n}", p) for n, p in enumerate(PAYLOADS)]


def _lines() -> list[FundingLine]:
    """One line per payload, with the payload in every free-text field."""
    return [
        FundingLine(
            f"i{n}",
            f"p{n}",
            payload,
            Decimal("1000"),
            date(2025, 1, 1),
            None,
            payload,
            {"a": Decimal("50"), "b": Decimal("25"), "c": Decimal("25")},
            payload,
        )
        for n, payload in enumerate(PAYLOADS)
    ]


def _build() -> bytes:
    """A case workbook where every text is a payload."""
    return build_case_workbook(
        CaseInfo(3, PAYLOADS[0], PAYLOADS[1]),
        DEPTS,
        INTERVENTIONS,
        PARAGRAPHS,
        _lines(),
        year=YEAR,
        made_at=MADE_AT,
    )


USER_TEXTS = {*PAYLOADS, *(d.label for d in DEPTS)}
DISTINCT = ("HYPERLINK", "@SUM", "foo", "bar", "cmd|", "=A1", "@B")  # never in our formulas


def _user_text_cells(data: bytes):
    """Every cell holding a payload, exactly or inside a longer text or formula."""
    wb = load_workbook(io.BytesIO(data), data_only=False)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and (
                    value in USER_TEXTS or any(d in value for d in DISTINCT)
                ):
                    yield ws.title, cell


def test_payloads_come_back_as_the_same_text():
    """Description, notes, authority level and the vocabulary labels round-trip exactly."""
    lines = read(
        _build(),
        expected_case_id=3,
        departments=DEPTS,
        interventions=INTERVENTIONS,
        paragraphs=PARAGRAPHS,
    )
    assert lines == _lines()


def test_no_user_text_becomes_a_formula():
    """Cells written from user text are text cells; risky ones carry quotePrefix."""
    found = list(_user_text_cells(_build()))
    sheets = {title for title, _cell in found}
    assert {"Indsatser", "Afdelinger", "_lister", "_meta", "Vejledning"} <= sheets
    for title, cell in found:
        assert cell.data_type == "s", f"{title}!{cell.coordinate} is {cell.data_type}"
        if cell.value in USER_TEXTS and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell.quotePrefix, f"{title}!{cell.coordinate} lacks quotePrefix"


def test_only_the_builders_own_formulas_exist():
    """Every formula in the workbook is one of the builder's (none contains user text)."""
    wb = load_workbook(io.BytesIO(_build()), data_only=False)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert not any(d in cell.value for d in DISTINCT)
                    assert cell.value.startswith(("=SUM(", "=IF(", "=N(", "=SUMPRODUCT("))


def test_blank_tool_department_names_are_text():
    """In the blank tool the names are data on "Afdelinger", headers are the builder's formulas."""
    data = build_blank_workbook(DEPTS, INTERVENTIONS, PARAGRAPHS, year=YEAR, made_at=MADE_AT)
    for _title, cell in _user_text_cells(data):
        assert cell.data_type == "s"


def test_portfolio_texts_are_text():
    """The write-only portfolio applies the same rule."""
    rows = [
        PortfolioRow(1, payload, payload, line)
        for payload, line in zip(PAYLOADS, _lines(), strict=True)
    ]
    data = build_portfolio_workbook(
        rows, DEPTS, made_at=MADE_AT, interventions=INTERVENTIONS, paragraphs=PARAGRAPHS
    )
    found = list(_user_text_cells(data))
    assert len(found) >= len(PAYLOADS) * 5
    for title, cell in found:
        assert cell.data_type == "s", f"{title}!{cell.coordinate}"
    wb = open_book(data)
    assert [c.value for c in wb["Linjer"]["C"][1:]] == PAYLOADS


def test_control_characters_are_removed():
    """Control characters other than tab, newline and CR never reach the workbook."""
    line = _lines()[0]
    line.description = "før\x00\x07\x1b efter\nny linje\u0085"
    data = build_case_workbook(
        CaseInfo(3, "S-1", "T"),
        DEPTS,
        INTERVENTIONS,
        PARAGRAPHS,
        [line],
        year=YEAR,
        made_at=MADE_AT,
    )
    back = read(
        data,
        expected_case_id=3,
        departments=DEPTS,
        interventions=INTERVENTIONS,
        paragraphs=PARAGRAPHS,
    )
    assert back[0].description == "før efter\nny linje"


def test_over_long_text_is_refused_before_writing():
    """A 40,000-character description is refused with a message naming the line and field."""
    line = _lines()[0]
    line.description = "x" * 40_000
    line.notes = "y" * 10_001
    with pytest.raises(WorkbookBuildError) as caught:
        build_case_workbook(
            CaseInfo(3, "S-1", "T" * 1001),
            DEPTS,
            INTERVENTIONS,
            PARAGRAPHS,
            [line],
            year=YEAR,
            made_at=datetime(2025, 1, 1),
        )
    assert caught.value.messages == [
        "Sagens titel: teksten er for lang (1.001 tegn; højst 1.000)",
        "Linje 1, Beskrivelse: teksten er for lang (40.000 tegn; højst 4.000)",
        "Linje 1, Noter: teksten er for lang (10.001 tegn; højst 10.000)",
    ]


def test_over_long_text_in_an_upload_is_reported():
    """The reader applies the same limits, cell by cell."""

    def long(wb):
        wb["Indsatser"]["C3"] = "z" * 5000

    assert problems(edit(build(), long)) == [
        "Indsatser!C3: teksten er for lang (5.000 tegn; højst 4.000)"
    ]

"""Sample data and small helpers shared by the excel_tools tests."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from excel_tools import (
    CaseInfo,
    Department,
    FundingLine,
    PortfolioRow,
    VocabItem,
    WorkbookImportError,
    build_case_workbook,
    read_funding_workbook,
)

D = Decimal
DEPARTMENTS = [
    Department("boern", "Børn og unge"),
    Department("voksen", "Voksenhandicap"),
    Department("job", "Jobcenter"),
]
DEPT_VALUES = [d.value for d in DEPARTMENTS]
INTERVENTIONS = [
    VocabItem("aflastning", "Aflastning"),
    VocabItem("kontaktperson", "Kontaktperson"),
    VocabItem("familiebehandling", "Familiebehandling"),
]
PARAGRAPHS = [
    VocabItem("bl32", "Barnets lov § 32"),
    VocabItem("sel85", "Serviceloven § 85"),
    VocabItem("bl90", "Barnets lov § 90"),
]
CASE = CaseInfo(7, "S-2025-007", "Familien Hansen")
YEAR = 2025
MADE_AT = datetime(2025, 5, 1, 9, 30)

# Column letters on "Indsatser" for three departments (format version 2).
KIND_COL, AMOUNT_COL, QUANTITY_COL, UNIT_COL = "D", "E", "F", "G"
START_COL, END_COL, AUTHORITY_COL, REASON_COL, NOTES_COL = "H", "I", "J", "K", "L"
SHARE_COLS = ("M", "N", "O")
SUM_COL, ANNUAL_COL, MONTHS_YEAR_COL, MONTHS_PERIOD_COL = "P", "Q", "R", "S"
COST_YEAR_COL, COST_PERIOD_COL = "T", "U"
AMOUNT_COLS = ("V", "W", "X")


def sample_lines() -> list[FundingLine]:
    """Lines covering mid-month dates, open ends, past and future years, odd splits."""
    return [
        FundingLine(
            "aflastning",
            "bl32",
            "Weekendaflastning hver 3. weekend",
            D("120000"),
            date(2024, 3, 15),
            date(2025, 6, 30),
            None,
            {"boern": D("60"), "voksen": D("40")},
            "Aftalt på analysemødet",
        ),
        FundingLine(
            "kontaktperson",
            "sel85",
            "Kontaktperson til mor",
            D("50000.50"),
            date(2025, 1, 1),
            None,
            None,
            {"boern": D("33.33"), "voksen": D("33.33"), "job": D("33.34")},
            "",
        ),
        FundingLine(
            "familiebehandling",
            "bl32",
            "Familiebehandling",
            D("98765.43"),
            date(2023, 2, 1),
            date(2023, 11, 30),
            None,
            {"boern": D("100")},
            "",
        ),
        FundingLine(
            "aflastning",
            "bl90",
            "Mentor ved overgang til voksenlivet",
            D("36000"),
            date(2026, 8, 10),
            date(2028, 1, 5),
            None,
            {"voksen": D("50"), "job": D("50")},
            "Starter efter skolen",
        ),
        FundingLine(
            "kontaktperson",
            "sel85",
            "Støtte i hjemmet",
            D("0.01"),
            date(2025, 12, 31),
            date(2025, 12, 31),
            None,
            {"boern": D("12.5"), "voksen": D("87.5")},
            "",
        ),
    ]


def build(lines: list[FundingLine] | None = None, **kwargs) -> bytes:
    """The sample case workbook (or one with ``lines``)."""
    args = {"year": YEAR, "made_at": MADE_AT, **kwargs}
    return build_case_workbook(
        CASE,
        DEPARTMENTS,
        INTERVENTIONS,
        PARAGRAPHS,
        sample_lines() if lines is None else lines,
        **args,
    )


def read(data: bytes, **kwargs) -> list[FundingLine]:
    """Read a workbook with the sample vocabularies, expecting case 7 unless told otherwise."""
    args = {
        "expected_case_id": CASE.case_id,
        "departments": DEPARTMENTS,
        "interventions": INTERVENTIONS,
        "paragraphs": PARAGRAPHS,
        **kwargs,
    }
    return read_funding_workbook(data, **args)


def problems(data: bytes, **kwargs) -> list[str]:
    """The rendered problems of a workbook that must be refused."""
    try:
        read(data, **kwargs)
    except WorkbookImportError as exc:
        assert exc.problems, "an import error must carry problems"
        return [str(p) for p in exc.problems]
    raise AssertionError("the workbook was accepted")


def edit(data: bytes, change: Callable[[Workbook], None]) -> bytes:
    """Open with openpyxl like a controller's script would, change, save."""
    wb = open_book(data)
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def open_book(data: bytes, **kwargs) -> Workbook:
    """openpyxl's normal (not read-only) load, as a controller's script would do it."""
    return load_workbook(io.BytesIO(data), **kwargs)


def sheet_texts(data: bytes, sheet: str) -> list[str]:
    """Every text cell of one sheet, row by row."""
    ws = open_book(data)[sheet]
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def made_at_line(data: bytes) -> str:
    """The "Lavet …" line of a funding workbook's guide sheet."""
    return next(t for t in sheet_texts(data, "Vejledning") if t.startswith("Lavet "))


def portfolio_rows(count: int, seed: int = 5) -> list[PortfolioRow]:
    """``count`` varied, valid portfolio rows spread over many cases (deterministic)."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        start = date(rng.randint(2020, 2027), rng.randint(1, 12), rng.randint(1, 28))
        end = (
            None
            if rng.random() < 0.3
            else date(start.year + rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28))
        )
        if end is not None and end < start:
            end = start
        first = D(rng.randint(0, 10000)) / 100
        shares = {"boern": first, "voksen": D(100) - first}
        if rng.random() < 0.3:
            shares = {"boern": D("33.33"), "voksen": D("33.33"), "job": D("33.34")}
        line = FundingLine(
            rng.choice(INTERVENTIONS).value,
            rng.choice(PARAGRAPHS).value,
            f"Indsats {number}",
            D(rng.randint(0, 50_000_000)) / 100,
            start,
            end,
            None,
            shares,
            "",
        )
        case = number // 4
        rows.append(PortfolioRow(case, f"S-{case:05d}", f"Familie {case}", line))
    return rows

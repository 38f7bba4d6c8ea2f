"""`make bench`, part 2: workbooks (excel_tools) against bare openpyxl on the same cells.

- case workbook (50 lines and 200 free rows) vs openpyxl writing the same values and formula
  strings (normal mode, no styles, validation, protection or chart);
- portfolio at 10,000 and 100,000 lines vs openpyxl writing the same values (write-only
  mode, which is what the portfolio uses), with the peak traced memory of each;
- import of an edited 5,000-line case workbook (read and validate) vs openpyxl reading it.
"""

from __future__ import annotations

import io

from bench_common import Row, paired, peak_mb
from bench_excel import (
    DEPARTMENTS,
    INTERVENTIONS,
    MADE_AT,
    PARAGRAPHS,
    bare_copy,
    bare_portfolio,
    make_lines,
    portfolio_values,
)
from openpyxl import load_workbook

from excel_tools import (
    CaseInfo,
    PortfolioRow,
    build_case_workbook,
    build_portfolio_workbook,
    calc,
    read_funding_workbook,
)

CASE = CaseInfo(1, "S-2025-001", "Familien Benchmark")


def case_workbook_row(lines: int, repeat: int) -> Row:
    """The case workbook against openpyxl writing its cells."""
    data = make_lines(lines)

    def ours() -> bytes:
        return build_case_workbook(
            CASE, DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, data, year=2025, made_at=MADE_AT
        )

    return Row(
        f"case workbook, {lines} lines + 200 free rows",
        *paired(repeat, ours, bare_copy(ours())),
        target="≤ 1.5×",
    )


def portfolio_row(lines: int, repeat: int) -> Row:
    """The portfolio against openpyxl (write-only) writing the same values; peak memory."""
    rows = [
        PortfolioRow(n // 4, f"S-{n // 4:05d}", f"Familie {n // 4}", line)
        for n, line in enumerate(make_lines(lines, seed=3))
    ]
    years = [y for y in calc.year_span((r.line for r in rows), MADE_AT.year)]
    years = [y for y in years if abs(y - MADE_AT.year) <= 10]
    floor = bare_portfolio(portfolio_values(rows, years), True)

    def ours() -> bytes:
        return build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT)

    big = lines >= 50_000
    return Row(
        f"portfolio, {lines:,} lines",
        *paired(repeat, ours, floor, warm=not big),
        ours_mb=peak_mb(ours),
        floor_mb=peak_mb(floor),
        target="< 20 s, < 200 MB" if big else "",
    )


def import_row(lines: int, repeat: int) -> Row:
    """Reading and validating an edited case workbook against openpyxl reading it."""
    data = build_case_workbook(
        CASE, DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, make_lines(lines, seed=2),
        year=2025, made_at=MADE_AT, room_rows=0,
    )  # fmt: skip

    def ours():
        return read_funding_workbook(
            data, expected_case_id=1, departments=DEPARTMENTS,
            interventions=INTERVENTIONS, paragraphs=PARAGRAPHS,
        )  # fmt: skip

    def floor():
        book = load_workbook(io.BytesIO(data), read_only=True)
        return list(book["Indsatser"].iter_rows(values_only=True))

    return Row(
        f"import of a {lines:,}-line case workbook",
        *paired(repeat, ours, floor),
        ours_mb=peak_mb(ours),
        floor_mb=peak_mb(floor),
    )


def run(repeat: int, portfolio_sizes=(10_000, 100_000), import_lines=5_000) -> list[Row]:
    """All rows of this part."""
    rows = [case_workbook_row(50, repeat)]
    rows += [portfolio_row(size, 1 if size >= 50_000 else repeat) for size in portfolio_sizes]
    rows.append(import_row(import_lines, repeat))
    return rows

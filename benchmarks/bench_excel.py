"""Side-by-side timings of excel_tools against bare openpyxl writing the same cells.

Not a test. Run from the repository root:

    python benchmarks/bench_excel.py [--lines 50] [--portfolio 10000] [--repeat 3]

"Bare" means openpyxl writing exactly the same values and formula strings, without styles,
validation, protection, chart or the safety checks, so the ratio is the price of those.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_common import peak_mb as peak_memory  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from excel_tools import (  # noqa: E402
    CaseInfo,
    Department,
    FundingLine,
    PortfolioRow,
    VocabItem,
    build_case_workbook,
    build_portfolio_workbook,
    calc,
    read_funding_workbook,
)

DEPARTMENTS = [Department(f"d{n}", f"Afdeling {n}") for n in range(6)]
INTERVENTIONS = [VocabItem(f"i{n}", f"Indsats {n}") for n in range(30)]
PARAGRAPHS = [VocabItem(f"p{n}", f"§ {n}") for n in range(20)]
MADE_AT = datetime(2025, 5, 1, 9, 30)


def make_lines(count: int, seed: int = 1) -> list[FundingLine]:
    """Deterministic, valid lines split over two or three departments."""
    rng = random.Random(seed)  # noqa: S311 — test data, not security
    lines = []
    for number in range(count):
        start = date(rng.randint(2020, 2027), rng.randint(1, 12), rng.randint(1, 28))
        end = None if rng.random() < 0.3 else date(start.year + rng.randint(0, 3), 12, 31)
        depts = rng.sample([d.value for d in DEPARTMENTS], 3)
        first = Decimal(rng.randint(0, 5000)) / 100
        shares = {depts[0]: first, depts[1]: Decimal(50), depts[2]: Decimal(50) - first}
        lines.append(
            FundingLine(
                rng.choice(INTERVENTIONS).value,
                rng.choice(PARAGRAPHS).value,
                f"Indsats nr. {number}",
                Decimal(rng.randint(0, 50_000_000)) / 100,
                start,
                end,
                None,
                shares,
                "note",
            )
        )
    return lines


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """Fastest wall time of ``repeat`` runs (least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def bare_copy(data: bytes) -> Callable[[], bytes]:
    """A function writing the same cells as ``data`` with bare openpyxl (normal mode)."""
    source = load_workbook(io.BytesIO(data))
    sheets = [
        (
            ws.title,
            [
                (c.row, c.column, c.value)
                for row in ws.iter_rows()
                for c in row
                if c.value is not None
            ],
        )
        for ws in source.worksheets
    ]

    def write() -> bytes:
        wb = Workbook()
        wb.remove(wb.active)
        for title, cells in sheets:
            ws = wb.create_sheet(title)
            for row, column, value in cells:
                ws.cell(row, column, value)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    return write


def portfolio_values(rows: list[PortfolioRow], years: list[int]) -> list[list]:
    """The portfolio's cell values, precomputed so the bare run times writing only."""
    return [
        [
            r.case_reference,
            r.case_title,
            r.line.intervention,
            r.line.paragraph,
            r.line.description,
            float(r.line.annual_cost),
            r.line.start,
            r.line.end,
            *(float(calc.annual_amount(r.line, d.value)) for d in DEPARTMENTS),
            *(calc.months_in_year(r.line.start, r.line.end, y) for y in years),
        ]
        for r in rows
    ]


def bare_portfolio(values: list[list], write_only: bool) -> Callable[[], bytes]:
    """A function writing the portfolio's line values with bare openpyxl."""

    def write() -> bytes:
        wb = Workbook(write_only=write_only)
        ws = wb.create_sheet("Linjer") if write_only else wb.active
        for row in values:
            ws.append(row)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    return write


def report(name: str, ours: float, bare: float) -> None:
    """One line of the table."""
    print(f"{name:<44} {ours * 1000:9.1f} ms {bare * 1000:9.1f} ms {ours / bare:7.2f}×")


def main() -> None:
    """Run the benchmarks and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50, help="lines in the case workbook")
    parser.add_argument("--portfolio", type=int, default=10_000, help="lines in the portfolio")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    case = CaseInfo(1, "S-2025-001", "Familien Benchmark")
    lines = make_lines(args.lines)

    def ours_case() -> bytes:
        return build_case_workbook(
            case, DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, lines, year=2025, made_at=MADE_AT
        )

    case_bytes = ours_case()
    print(f"{'':<44} {'excel_tools':>12} {'bare':>12} {'ratio':>8}")
    report(
        f"case workbook, {args.lines} lines + 200 free rows",
        best_of(args.repeat, ours_case),
        best_of(args.repeat, bare_copy(case_bytes)),
    )

    big_lines = make_lines(5_000, seed=2)
    big = build_case_workbook(
        case,
        DEPARTMENTS,
        INTERVENTIONS,
        PARAGRAPHS,
        big_lines,
        year=2025,
        made_at=MADE_AT,
        room_rows=0,
    )
    read_time = best_of(
        args.repeat,
        lambda: read_funding_workbook(
            big,
            expected_case_id=1,
            departments=DEPARTMENTS,
            interventions=INTERVENTIONS,
            paragraphs=PARAGRAPHS,
        ),
    )
    bare_read = best_of(
        args.repeat,
        lambda: list(
            load_workbook(io.BytesIO(big), read_only=True)["Indsatser"].iter_rows(values_only=True)
        ),
    )
    report("read + validate 5,000-line case workbook", read_time, bare_read)

    rows = [
        PortfolioRow(n // 4, f"S-{n // 4:05d}", f"Familie {n // 4}", line)
        for n, line in enumerate(make_lines(args.portfolio, seed=3))
    ]
    years = list(calc.year_span((r.line for r in rows), MADE_AT.year))
    years = [y for y in years if abs(y - MADE_AT.year) <= 10]
    values = portfolio_values(rows, years)

    def ours_portfolio() -> bytes:
        return build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT)

    report(
        f"portfolio, {args.portfolio:,} lines (bare write-only)",
        best_of(args.repeat, ours_portfolio),
        best_of(args.repeat, bare_portfolio(values, True)),
    )
    report(
        f"portfolio, {args.portfolio:,} lines (bare normal mode)",
        best_of(args.repeat, ours_portfolio),
        best_of(args.repeat, bare_portfolio(values, False)),
    )
    print(
        f"portfolio size: {len(ours_portfolio()) / 1e6:.2f} MB; peak traced memory: "
        f"excel_tools {peak_memory(ours_portfolio):.1f} MB, bare normal mode "
        f"{peak_memory(bare_portfolio(values, False)):.1f} MB"
    )


if __name__ == "__main__":
    main()

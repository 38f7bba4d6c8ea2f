"""Timings of the funding area through the app: the portfolio over many cases, the editor.

Not a test. Run from the repository root (a throw-away SQLite database in a temp folder):

    python benchmarks/bench_funding.py [--cases 2500] [--lines-per-case 4] [--repeat 3]

Compares the app's portfolio (query every case's newest version, check access, sum per
department and year, write the workbook) with excel_tools alone on the same rows, so the
difference is the price of the database and the access checks.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _raw_line(rng: random.Random, departments: list[str], number: int) -> dict:
    """One valid stored line (as FundingVersion.lines holds it)."""
    year = rng.randint(2022, 2027)
    first = rng.randint(0, 10000)
    picked = rng.sample(departments, 2)
    return {
        "intervention": "aflastning",
        "paragraph": "bl_90",
        "description": f"Indsats {number}",
        "annual_cost": f"{rng.randint(0, 50_000_000) / 100:.2f}",
        "start": f"{year}-{rng.randint(1, 12):02d}-01",
        "end": None if rng.random() < 0.3 else f"{year + rng.randint(0, 3)}-12-31",
        "authority_level": None,
        "shares": {picked[0]: f"{first / 100:.2f}", picked[1]: f"{100 - first / 100:.2f}"},
        "notes": "",
    }


def main() -> None:
    """Seed cases with funding, then time the portfolio and the editor's calculations."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2500)
    parser.add_argument("--lines-per-case", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-funding-")
    os.environ["ENINDGANG_INSTANCE_PATH"] = folder
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.funding import services
    from app.funding.portfolio import portfolio_rows, portfolio_totals, portfolio_workbook
    from app.models import Case, FundingVersion, User
    from excel_tools import build_portfolio_workbook

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3", "SECRET_KEY": "bench"}
    )
    rng = random.Random(7)  # noqa: S311 — test data, not security
    with app.app_context():
        upgrade()
        controller = User(email="c@bench.dk", name="C", role="controller", password_hash="")
        db.session.add(controller)
        db.session.flush()
        vocab = services.funding_vocab()
        departments = vocab.department_values()
        for number in range(args.cases):
            case = Case(reference=f"B-{number:05d}", title=f"Familie {number}")
            db.session.add(case)
            db.session.flush()
            lines = [_raw_line(rng, departments, n) for n in range(args.lines_per_case)]
            db.session.add(FundingVersion(case_id=case.id, version=1, lines=lines))
        db.session.commit()
        total = args.cases * args.lines_per_case
        print(f"{args.cases} cases, {total} lines (SQLite)")

        rows = portfolio_rows(controller)
        steps = {
            "query + access check (portfolio_rows)": lambda: portfolio_rows(controller),
            "totals per department and year": lambda: portfolio_totals(rows, vocab, 2026),
            "portfolio workbook (app)": lambda: portfolio_workbook(rows, vocab),
            "portfolio workbook (excel_tools alone)": lambda: build_portfolio_workbook(
                rows, vocab.excel_departments(), made_at=services.utcnow()
            ),
        }
        for name, work in steps.items():
            print(f"{name:<44} {best_of(args.repeat, work) * 1000:9.1f} ms")

        fifty = [row.line for row in rows[:50]]
        work = lambda: services.department_totals(fifty, vocab, 2026)  # noqa: E731
        print(f"{'editor totals, 50 lines':<44} {best_of(args.repeat, work) * 1000:9.1f} ms")
        assert sum(portfolio_totals(rows, vocab, 2026).year_totals.values()) > Decimal(0)


if __name__ == "__main__":
    main()

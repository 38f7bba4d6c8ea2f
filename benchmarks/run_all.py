"""`make bench`: every benchmark, one table, written to docs/performance.md.

Run from the repository root:

    python benchmarks/run_all.py [--quick] [--repeat 7] [--database-url URL] [--out FILE]

``--quick`` runs every part at a tiny size (the smoke test uses it; its figures mean
nothing). Without ``--out`` the full run writes docs/performance.md (its measured section,
between the markers) and a quick run writes nothing. Not a test: timings never run in CI.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from bench_common import Row, machine, markdown_table, text_table  # noqa: E402

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"
DOC = HERE.parent / "docs" / "performance.md"


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The runner's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement")
    parser.add_argument("--database-url", default=None, help="PostgreSQL for the list part")
    parser.add_argument("--out", default=None, help="Markdown file to write the table into")
    parser.add_argument(
        "--parts", default="app,excel,lists", help="comma-separated: app, excel, lists"
    )
    return parser.parse_args(argv)


def postgres_version(url: str | None) -> str | None:
    """The server version of ``url``, when it is PostgreSQL."""
    if not url or not url.startswith("postgresql"):
        return None
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SHOW server_version")).scalar()
    finally:
        engine.dispose()


def collect(args: argparse.Namespace) -> list[Row]:
    """Run the chosen parts and return their rows."""
    repeat = args.repeat or (2 if args.quick else 7)
    parts = set(args.parts.split(","))
    rows: list[Row] = []

    def progress(part: str) -> None:  # long runs: say where they are
        print(f"[{time.strftime('%H:%M:%S')}] {part} …", file=sys.stderr, flush=True)

    if "app" in parts:
        progress("plans, PDF, form page")
        import suite_app

        rows += suite_app.run(repeat)
    if "excel" in parts:
        import suite_excel

        progress("workbooks")
        sizes = (200, 400) if args.quick else (10_000, 100_000)
        rows += suite_excel.run(repeat, sizes, 100 if args.quick else 5_000)
    if "lists" in parts:
        import suite_lists

        progress("case list and dashboard")
        sizes = (1_000,) if args.quick else (10_000, 100_000)  # the seed needs 1,000
        rows += suite_lists.run(repeat, sizes, args.database_url)
    return rows


def markdown(rows: list[Row], about: dict[str, str], seconds: float, repeat_note: str) -> str:
    """The measured section of docs/performance.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        f"Measured {stamp} by `make bench` in {seconds:.0f} s ({repeat_note}).",
        "",
        *(f"- {key}: {value}" for key, value in about.items()),
        "",
        markdown_table(rows),
        END,
    ]
    return "\n".join(lines)


def write(path: Path, section: str, begin: str = BEGIN, end: str = END) -> None:
    """Put ``section`` (which starts with ``begin`` and ends with ``end``) between those
    markers of ``path``, or at its end."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> list[Row]:
    """Run, print the table and write it."""
    args = arguments(argv)
    about = machine(postgres_version(args.database_url))
    began = time.perf_counter()
    rows = collect(args)
    seconds = time.perf_counter() - began
    print(text_table(rows))
    out = Path(args.out) if args.out else (None if args.quick else DOC)
    if out is not None:
        note = "medians; quick sizes" if args.quick else "medians of several runs"
        write(out, markdown(rows, about, seconds, note))
        print(f"written to {out}")
    return rows


if __name__ == "__main__":
    main()

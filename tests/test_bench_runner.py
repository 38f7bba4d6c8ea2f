"""`make bench`'s runner, smoke-tested at a tiny size: it runs, prints one table and writes it
between the markers of the Markdown file (no timing is asserted: timings never run in CI)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _runner():
    spec = importlib.util.spec_from_file_location("run_all", ROOT / "benchmarks" / "run_all.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_runner_writes_one_table_with_the_machine(tmp_path, capsys):
    """The workbook part at tiny sizes: every row has ours and its floor, the file keeps
    what is outside the markers and gets the machine and the table inside them."""
    run_all = _runner()
    out = tmp_path / "performance.md"
    out.write_text(f"# Performance\n\nIntro.\n\n{run_all.BEGIN}\nold\n{run_all.END}\n\nNotes.\n")
    rows = run_all.main(["--quick", "--parts", "excel", "--repeat", "1", "--out", str(out)])
    assert [row.work for row in rows] == [
        "case workbook, 50 lines + 200 free rows",
        "portfolio, 200 lines",
        "portfolio, 400 lines",
        "import of a 100-line case workbook",
    ]
    assert all(row.ours > 0 and row.floor > 0 for row in rows)
    assert all(row.ours_mb and row.floor_mb for row in rows[1:])
    printed = capsys.readouterr().out
    assert "work" in printed and "floor ms" in printed and "portfolio, 400 lines" in printed
    text = out.read_text()
    assert text.startswith("# Performance\n\nIntro.") and text.endswith("\n\nNotes.\n")
    assert "old" not in text and "- cores: " in text and "- Python: " in text
    assert "| case workbook, 50 lines + 200 free rows |" in text
    assert str(ROOT / "benchmarks") in sys.path  # the runner found its parts

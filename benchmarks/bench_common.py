"""What every benchmark of `make bench` shares: a row of the table, the timers, the machine.

A row compares "ours" (the app's real path) with a "floor" (the bare library doing the same
work in the same process), so the ratio is the price of what the app adds. Times are medians
of several runs after one warm-up run; memory is the peak traced Python memory of one run.
"""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata


@dataclass
class Row:
    """One line of the table: seconds for ours and the floor, optional memory and target."""

    work: str
    ours: float
    floor: float | None = None
    ours_mb: float | None = None
    floor_mb: float | None = None
    target: str = ""

    @property
    def ratio(self) -> float | None:
        """ours / floor, or None without a floor."""
        return self.ours / self.floor if self.floor else None


def median_of(repeat: int, work: Callable[[], object], warm: bool = True) -> float:
    """Median wall time in seconds of ``repeat`` runs (after one warm-up run if ``warm``)."""
    if warm:
        work()
    times = []
    for _ in range(max(1, repeat)):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def paired(
    repeat: int, ours: Callable[[], object], floor: Callable[[], object], warm: bool = True
) -> tuple[float, float]:
    """Medians (seconds) of ours and the floor, run in turn, so that a busy moment of a shared
    machine falls on both sides alike."""
    if warm:
        ours()
        floor()
    ours_times, floor_times = [], []
    for _ in range(max(1, repeat)):
        for work, times in ((ours, ours_times), (floor, floor_times)):
            began = time.perf_counter()
            work()
            times.append(time.perf_counter() - began)
    return statistics.median(ours_times), statistics.median(floor_times)


def peak_mb(work: Callable[[], object]) -> float:
    """Peak traced Python memory of one run of ``work``, in MB."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _ms(seconds: float | None) -> str:
    """Seconds as milliseconds for the table."""
    return "" if seconds is None else f"{seconds * 1000:,.1f}"


def _mb(megabytes: float | None) -> str:
    return "" if megabytes is None else f"{megabytes:,.1f}"


HEADER = ("work", "ours ms", "floor ms", "ratio", "ours MB", "floor MB", "target")


def cells(row: Row) -> tuple[str, ...]:
    """The row's texts in the order of HEADER."""
    ratio = row.ratio
    return (
        row.work,
        _ms(row.ours),
        _ms(row.floor),
        "" if ratio is None else f"{ratio:.2f}×",
        _mb(row.ours_mb),
        _mb(row.floor_mb),
        row.target,
    )


def text_table(rows: Iterable[Row]) -> str:
    """The table for the terminal, columns aligned."""
    lines = [HEADER, *(cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "  ".join(
                text.ljust(width) if i in (0, 6) else text.rjust(width)
                for i, (text, width) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def markdown_table(rows: Iterable[Row]) -> str:
    """The table as Markdown."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu() -> str:
    """The CPU's model name (Linux), else what platform says."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _soffice_version(soffice: str | None) -> str:
    if not soffice:
        return "not installed"
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command
            [soffice, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
        return done.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def machine(postgres_version: str | None = None) -> dict[str, str]:
    """What the figures were measured on."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    soffice = os.environ.get("ENINDGANG_SOFFICE") or shutil.which("soffice")
    return {
        "CPU": _cpu(),
        "cores": str(os.cpu_count()),
        "load average at start": " ".join(f"{x:.2f}" for x in load),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": postgres_version or "not used",
        "LibreOffice": _soffice_version(soffice),
        "libraries": ", ".join(
            f"{name} {_version(name)}"
            for name in ("Flask", "SQLAlchemy", "docxtpl", "openpyxl", "WTForms", "gunicorn")
        ),
    }

"""A small line chart of one goal's progress readings, as plain SVG geometry.

The template (goals/_progress.html) draws it; the same readings are listed in a table next
to it, and the chart has a text summary, so nothing depends on seeing the chart. In Word the
readings are a table with a bar of filled squares per reading (`word_names.scale_bar`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.formengine.specs import SCALE_MAX, SCALE_MIN

WIDTH, HEIGHT = 360, 160
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 10, 26  # room for the axis labels


@dataclass(frozen=True)
class Point:
    """One reading placed on the chart."""

    x: float
    y: float
    value: int
    on: date


@dataclass(frozen=True)
class Chart:
    """Everything the template draws: points, the line through them, guide lines."""

    points: list[Point]
    line: str  # the polyline's points attribute
    ticks: list[tuple[int, float]]  # (ruler value, y) for the left axis
    baseline_y: float | None
    target_y: float | None
    first: date | None
    last: date | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_x: int = WIDTH - RIGHT
    bottom_y: int = HEIGHT - BOTTOM


def _y(value: int) -> float:
    """The y coordinate of a ruler value (1 at the bottom, 10 at the top)."""
    span = HEIGHT - TOP - BOTTOM
    return round(TOP + span * (SCALE_MAX - value) / (SCALE_MAX - SCALE_MIN), 2)


def progress_chart(
    readings: Sequence[tuple[date, int]], *, baseline: int | None = None, target: int | None = None
) -> Chart:
    """The chart of (date, value) readings, oldest first, spread by date along the x axis."""
    ordered = sorted(readings)
    first = ordered[0][0] if ordered else None
    last = ordered[-1][0] if ordered else None
    days = (last - first).days if first and last else 0
    span = WIDTH - LEFT - RIGHT
    points = []
    for index, (on, value) in enumerate(ordered):
        if days:
            x = LEFT + span * (on - first).days / days  # type: ignore[operator]
        else:  # one day (or one reading): spread evenly, or centre a single point
            x = LEFT + (span * index / (len(ordered) - 1) if len(ordered) > 1 else span / 2)
        points.append(Point(round(x, 2), _y(value), value, on))
    return Chart(
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        ticks=[(v, _y(v)) for v in (SCALE_MIN, 5, SCALE_MAX)],
        baseline_y=_y(baseline) if baseline else None,
        target_y=_y(target) if target else None,
        first=first,
        last=last,
    )

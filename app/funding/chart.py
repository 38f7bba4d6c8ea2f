"""A pie chart of department totals as plain SVG geometry (rendered by a template).

Readable without colour: every slice has its own fill pattern (stripes, dots, grid, …) on top
of its colour, slices of 4 % or more carry their percentage, and the legend repeats the
pattern next to each department's name, amount and percentage. The table beside the chart
holds the same numbers for screen readers and for printing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

SIZE = 240
CENTRE = SIZE / 2
RADIUS = 110
LABEL_RADIUS = 72
MIN_LABELLED_PERCENT = Decimal(4)

#: (colour, pattern) per slice; patterns are drawn by funding/_pie.html.
STYLES: tuple[tuple[str, str], ...] = (
    ("#1f5fa8", "diagonal"),
    ("#e0a100", "dots"),
    ("#3a8a3a", "horizontal"),
    ("#b0306a", "grid"),
    ("#6b4fa0", "vertical"),
    ("#c4571a", "crosshatch"),
    ("#2a8c8c", "backdiagonal"),
    ("#7a7a7a", "solid"),
    ("#8c6d1f", "zigzag"),
    ("#3c4a9e", "circles"),
)


@dataclass(frozen=True)
class Slice:
    """One slice: its path (or a full circle), style and where its label goes."""

    key: str
    label: str
    amount: Decimal
    percent: Decimal
    path: str  # empty for a full circle
    colour: str
    pattern: str
    index: int
    label_x: float
    label_y: float
    show_label: bool


def _point(angle: float, radius: float) -> tuple[float, float]:
    """A point on a circle; angle 0 is 12 o'clock, clockwise."""
    return (
        round(CENTRE + radius * math.sin(angle), 2),
        round(CENTRE - radius * math.cos(angle), 2),
    )


def pie_slices(values: Sequence[tuple[str, str, Decimal]]) -> list[Slice]:
    """Slices for (key, label, amount) values; zero and negative amounts are left out."""
    shown = [(key, label, amount) for key, label, amount in values if amount > 0]
    total = sum((amount for _k, _l, amount in shown), Decimal(0))
    if not total:
        return []
    slices, start = [], 0.0
    for index, (key, label, amount) in enumerate(shown):
        fraction = float(amount / total)
        end = start + fraction * math.tau
        colour, pattern = STYLES[index % len(STYLES)]
        if len(shown) == 1:
            path = ""
        else:
            x1, y1 = _point(start, RADIUS)
            x2, y2 = _point(end, RADIUS)
            large = 1 if end - start > math.pi else 0
            path = f"M{CENTRE},{CENTRE} L{x1},{y1} A{RADIUS},{RADIUS} 0 {large} 1 {x2},{y2} Z"
        label_x, label_y = _point((start + end) / 2, LABEL_RADIUS if len(shown) > 1 else 0)
        percent = (amount / total * 100).quantize(Decimal("0.1"))
        slices.append(
            Slice(
                key=key,
                label=label,
                amount=amount,
                percent=percent,
                path=path,
                colour=colour,
                pattern=pattern,
                index=index,
                label_x=label_x,
                label_y=label_y,
                show_label=percent >= MIN_LABELLED_PERCENT,
            )
        )
        start = end
    return slices

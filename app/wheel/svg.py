"""The year wheel as inline SVG: a pure function of the 12 months (no request needed).

Twelve sectors from the wheel's first month at the top, clockwise, each labelled with its
month's name. Each activity is a numbered circle in its month's sector and each dated
meeting a numbered square (shape, not colour, tells them apart); the numbers refer to the
month-by-month list the page shows beside the picture, which is also its text alternative.
The current month has a thick outline and the word "nu" under its name. Black text on
white or light grey fields: readable without colour and printed in black and white.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from app.wheel.months import WheelMonth

SIZE = 440
CENTRE = SIZE / 2
OUTER, INNER, LABEL = 200.0, 48.0, 172.0
ONE_COLUMN = (126.0, 104.0, 82.0, 60.0)
TWO_COLUMNS = (128.0, 108.0, 88.0)
SPREAD = 7.0  # degrees either side of the sector's middle for two columns of markers
INK, LIGHT, WHITE = "#1a1a1a", "#e8e8e8", "#ffffff"


def _point(radius: float, degrees: float) -> tuple[float, float]:
    """A point at ``radius`` and ``degrees`` (0 is the top, clockwise)."""
    angle = math.radians(degrees - 90)
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def _sector_path(index: int) -> str:
    """The ring segment of month ``index`` (0 at the top, 30 degrees each)."""
    start, end = index * 30.0, (index + 1) * 30.0
    x0, y0 = _point(OUTER, start)
    x1, y1 = _point(OUTER, end)
    x2, y2 = _point(INNER, end)
    x3, y3 = _point(INNER, start)
    return (
        f"M{x0:.1f},{y0:.1f} A{OUTER:.0f},{OUTER:.0f} 0 0 1 {x1:.1f},{y1:.1f} "
        f"L{x2:.1f},{y2:.1f} A{INNER:.0f},{INNER:.0f} 0 0 0 {x3:.1f},{y3:.1f} Z"
    )


def marker_slots(index: int, count: int) -> list[tuple[float, float]]:
    """Where the markers of month ``index`` go: one column for up to four, else two columns
    of three (the last slot then says how many more there are)."""
    middle = index * 30.0 + 15.0
    if count <= len(ONE_COLUMN):
        return [_point(radius, middle) for radius in ONE_COLUMN[:count]]
    slots = []
    for radius in TWO_COLUMNS:
        slots += [_point(radius, middle - SPREAD), _point(radius, middle + SPREAD)]
    return slots


def _marker(number: int, x: float, y: float, dated: bool) -> str:
    """A numbered circle (activity by month) or square (dated meeting)."""
    shape = (
        f'<rect x="{x - 9:.1f}" y="{y - 9:.1f}" width="18" height="18" fill="{WHITE}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
        if dated
        else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9.5" fill="{WHITE}" stroke="{INK}" '
        f'stroke-width="1.5"/>'
    )
    return (
        f'<g class="wheel-marker" data-number="{number}" data-dated="{str(dated).lower()}">'
        f"{shape}"
        f'<text x="{x:.1f}" y="{y + 3.5:.1f}" text-anchor="middle" font-size="10" '
        f'font-weight="bold" fill="{INK}">{number}</text></g>'
    )


def _month(index: int, month: WheelMonth, now_text: str, item_texts: Sequence[str]) -> str:
    """One sector: its field, its name, its markers and a tooltip listing its items."""
    fill = LIGHT if index % 2 else WHITE
    width = "5" if month.current else "1"
    tip = escape(" · ".join([month.name, *item_texts]))
    x, y = _point(LABEL, index * 30.0 + 15.0)
    parts = [
        f'<g class="wheel-month{" wheel-current" if month.current else ""}" '
        f'data-month="{month.first:%Y-%m}"><title>{tip}</title>',
        f'<path d="{_sector_path(index)}" fill="{fill}" stroke="{INK}" stroke-width="{width}"/>',
        f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12.5" '
        f'font-weight="{"bold" if month.current else "normal"}" fill="{INK}">'
        f"{escape(month.name)}</text>",
    ]
    if month.current:
        parts.append(
            f'<text x="{x:.1f}" y="{y + 17:.1f}" text-anchor="middle" font-size="11" '
            f'font-style="italic" fill="{INK}">({escape(now_text)})</text>'
        )
    items = [(n, False) for n, _a in month.activities] + [(n, True) for n, _m in month.meetings]
    slots = marker_slots(index, len(items))
    shown = items if len(items) <= len(slots) else items[: len(slots) - 1]
    for (number, dated), (mx, my) in zip(shown, slots[: len(shown)], strict=True):
        parts.append(_marker(number, mx, my, dated))
    if len(shown) < len(items):
        mx, my = slots[-1]
        parts.append(
            f'<text x="{mx:.1f}" y="{my + 4:.1f}" text-anchor="middle" font-size="11" '
            f'font-weight="bold" fill="{INK}">+{len(items) - len(shown)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def wheel_svg(
    months: Sequence[WheelMonth],
    *,
    title: str,
    desc: str,
    centre_text: str,
    now_text: str,
    item_texts: Sequence[Sequence[str]] | None = None,
    element_id: str = "aarshjul",
) -> Markup:
    """The wheel as an inline ``<svg>`` with ``role="img"``, ``<title>`` and ``<desc>``.

    ``months`` are the 12 months in wheel order; ``item_texts`` per month the short texts of
    its items for the sector's tooltip. It scales to its container (viewBox, width 100%).
    """
    if len(months) != 12:
        raise ValueError("a wheel has 12 months")
    texts = item_texts or [[] for _month in months]
    # The current month last, so that no neighbour is drawn over its thick outline.
    order = sorted(range(12), key=lambda i: months[i].current)
    sectors = "".join(_month(i, months[i], now_text, texts[i]) for i in order)
    ident = escape(element_id)
    return Markup(  # noqa: S704 (every text above is escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="wheel-svg" '
        f'id="{ident}" font-family="sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
        f"{sectors}"
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{INNER - 6}" fill="{WHITE}" stroke="{INK}"/>'
        f'<text x="{CENTRE}" y="{CENTRE + 4}" text-anchor="middle" font-size="12" '
        f'font-weight="bold" fill="{INK}">{escape(centre_text)}</text>'
        "</svg>"
    )

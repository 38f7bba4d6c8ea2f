"""The year wheel as a PNG for Word (Word cannot be relied on to show SVG).

The same geometry as ``app.wheel.svg`` (the same sectors, labels, marker slots, circles
for activities and squares for dated meetings, the thick outline and "(nu)" for the current
month), drawn with Pillow at twice the SVG's size so it prints sharply.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFont

from app.wheel.months import WheelMonth
from app.wheel.svg import CENTRE, INK, INNER, LABEL, LIGHT, OUTER, SIZE, WHITE, marker_slots
from app.wheel.svg import _point as svg_point

SCALE = 2
#: A font with æ, ø and å where the system has one; else Pillow's own scalable font.
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
BOLD_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
)


@cache
def _font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font of ``size`` SVG units (scaled)."""
    for path in BOLD_FILES if bold else FONT_FILES:
        if Path(path).is_file():
            return ImageFont.truetype(path, round(size * SCALE))
    return ImageFont.load_default(size=round(size * SCALE))


def _xy(radius: float, degrees: float) -> tuple[float, float]:
    """An SVG point, scaled."""
    x, y = svg_point(radius, degrees)
    return x * SCALE, y * SCALE


def _box(radius: float) -> tuple[float, float, float, float]:
    """The bounding box of a circle around the centre."""
    c, r = CENTRE * SCALE, radius * SCALE
    return c - r, c - r, c + r, c + r


def _text(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, size: float, bold=False):
    """Text centred on (x, y)."""
    draw.text((x, y), text, fill=INK, font=_font(size, bold), anchor="mm")


def _marker(draw: ImageDraw.ImageDraw, number: int, point: tuple[float, float], dated: bool):
    """A numbered circle (activity) or square (dated meeting)."""
    x, y = point
    half = 9.5 * SCALE
    box = (x - half, y - half, x + half, y + half)
    if dated:
        draw.rectangle(box, fill=WHITE, outline=INK, width=3)
    else:
        draw.ellipse(box, fill=WHITE, outline=INK, width=3)
    _text(draw, x, y, str(number), 10, bold=True)


class Drawn(NamedTuple):
    """What the picture shows of one month (nothing else is drawn): hashable, so it keys
    the kept pictures."""

    name: str
    current: bool
    activities: tuple[int, ...]  # the activities' marker numbers
    meetings: tuple[int, ...]  # the dated meetings' marker numbers


def wheel_png(months: Sequence[WheelMonth], *, centre_text: str, now_text: str) -> bytes:
    """The wheel as PNG bytes (880 × 880 pixels).

    Drawing and encoding cost 30–40 ms, and the family's plan draws the wheel on every
    download; the picture depends only on what it shows, so the last 64 pictures are kept
    in memory, keyed by exactly that (month names, the current month, marker numbers: no
    case text is drawn). A faster PNG level was measured and not taken: compress_level=1
    saved 5 of 31 ms for a file 58 % larger."""
    if len(months) != 12:
        raise ValueError("a wheel has 12 months")
    drawn = tuple(
        Drawn(
            month.name,
            month.current,
            tuple(number for number, _a in month.activities),
            tuple(number for number, _m in month.meetings),
        )
        for month in months
    )
    return _draw(drawn, centre_text, now_text)


@lru_cache(maxsize=64)
def _draw(months: tuple[Drawn, ...], centre_text: str, now_text: str) -> bytes:
    """The picture of ``months`` (see wheel_png)."""
    image = Image.new("RGB", (SIZE * SCALE, SIZE * SCALE), WHITE)
    draw = ImageDraw.Draw(image)
    order = sorted(range(12), key=lambda i: months[i].current)  # the current one last, on top
    for index in order:
        width = (5 if months[index].current else 1) * SCALE
        start = index * 30 - 90
        draw.pieslice(
            _box(OUTER),
            start,
            start + 30,
            fill=LIGHT if index % 2 else WHITE,
            outline=INK,
            width=width,
        )
    draw.ellipse(_box(INNER - 6), fill=WHITE, outline=INK, width=SCALE)
    _text(draw, CENTRE * SCALE, CENTRE * SCALE, centre_text, 12, bold=True)
    for index, month in enumerate(months):
        x, y = _xy(LABEL, index * 30 + 15)
        _text(draw, x, y, month.name, 12.5, bold=month.current)
        if month.current:
            _text(draw, x, y + 14 * SCALE, f"({now_text})", 11)
        items = [(n, False) for n in month.activities] + [(n, True) for n in month.meetings]
        slots = [(x * SCALE, y * SCALE) for x, y in marker_slots(index, len(items))]
        shown = items if len(items) <= len(slots) else items[: len(slots) - 1]
        for (number, dated), point in zip(shown, slots[: len(shown)], strict=True):
            _marker(draw, number, point, dated)
        if len(shown) < len(items):
            _text(draw, *slots[-1], f"+{len(items) - len(shown)}", 11, bold=True)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()

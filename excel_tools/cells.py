"""Writing user text safely into cells.

OWASP "CSV/formula injection": a text that starts with ``=``, ``+``, ``-``, ``@``, tab or
carriage return can be taken for a formula by a spreadsheet. Every text that comes from a user
or from municipal settings is therefore written with ``data_type = "s"`` (openpyxl would
otherwise turn ``"=..."`` into a formula) and, when it starts with one of those characters,
with ``quotePrefix`` so that Excel keeps it as text even when someone edits the cell.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from app.formatting import format_number
from app.text import clean_text

from .layout import EXCEL_CELL_LIMIT
from .messages import N_, Message

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as the start of a formula."""
    return text.startswith(DANGEROUS_PREFIXES)


def length_problem(text: str, limit: int) -> Message | None:
    """The message when ``text`` is longer than ``limit`` (or a cell can hold), else None."""
    limit = min(limit, EXCEL_CELL_LIMIT)
    if len(text) > limit:
        return N_(
            "teksten er for lang (%(length)s tegn; højst %(limit)s)",
            length=format_number(len(text)),
            limit=format_number(limit),
        )
    return None


def put_text(cell: Cell, text: str | None) -> None:
    """Write ``text`` as a plain text cell that can never become a formula."""
    if text is None or text == "":
        cell.value = None
        return
    # Assigning first lets openpyxl pick a type; then force text, whatever it picked.
    cell.value = text
    cell.data_type = "s"
    if is_dangerous(text):
        cell.quotePrefix = True


def text_cell(ws, text: str | None, font=None) -> Cell:
    """A write-only cell holding ``text`` as plain text (for openpyxl's write-only mode)."""
    cell = WriteOnlyCell(ws)
    put_text(cell, text)
    if font is not None:
        cell.font = font
    return cell


def shorten(text: str, limit: int = 40) -> str:
    """Shorten a value quoted in a message so one long cell cannot flood the report."""
    text = clean_text(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""The editor's form data: rows of typed text, read from and written back to the page.

The editor is a plain HTML form (rows can be added and removed with submit buttons, without
JavaScript), so its fields are named by row number and read here rather than by a fixed
WTForms class: ``lines-<n>-<field>`` and ``lines-<n>-share-<department>``, the editable-rows
pattern of ``app.formengine.rows``. Numbers may have gaps (a removed row); rows keep their
page order and their numbers. CSRF is checked for every POST by the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from app.formatting import format_number
from app.formengine.rows import Posted, posted_rows, row_name
from app.funding.lines import INPUT_FIELDS, TEXT_FIELDS, parse_typed_number
from app.text import clean_text
from excel_tools import FundingLine, costs

FIELDS = INPUT_FIELDS
#: Inputs that hold a choice even in a row nobody has typed in (the cost kind's default).
_PRESET = ("cost_kind",)
PREFIX = "lines"
_NAME = re.compile(r"(share-)?([a-z0-9_]{1,50})")


@dataclass
class EditorRow:
    """One line as typed: field → text, department → share text, and its page number."""

    number: int
    values: dict[str, str] = field(default_factory=dict)
    shares: dict[str, str] = field(default_factory=dict)

    def field_id(self, name: str) -> str:
        """The HTML id (and name) of one of this row's inputs."""
        return row_name(PREFIX, self.number, name)

    def share_id(self, department: str) -> str:
        """The HTML id (and name) of this row's share input for a department."""
        return row_name(PREFIX, self.number, f"share-{department}")

    def is_blank(self) -> bool:
        """True when nothing at all was typed in the row."""
        values = [v for name, v in self.values.items() if name not in _PRESET]
        typed = [value.strip() for value in (*values, *self.shares.values())]
        return not any(typed)

    def as_raw(self) -> dict:
        """The row as raw input for validate_lines(typed=True)."""
        raw: dict = {name: self.values.get(name) or None for name in FIELDS}
        raw["shares"] = {dept: text for dept, text in self.shares.items() if text}
        return raw

    def share_sum(self, locale: str = "da") -> Decimal | None:
        """Sum of the shares that can be read as numbers (None when none were typed)."""
        total, seen = Decimal(0), False
        for text in self.shares.values():
            if not text:
                continue
            try:
                total += parse_typed_number(text, locale)
                seen = True
            except (ValueError, ArithmeticError):
                continue
        return total if seen else None


def rows_from_form(formdata: Posted, departments: Sequence[str]) -> list[EditorRow]:
    """The editor's rows from posted form data, in page order (line breaks as \\n)."""
    rows: list[EditorRow] = []
    known = set(departments)
    for posted in posted_rows(formdata, PREFIX, digits=5):
        row = EditorRow(posted.number)
        for name, value in posted.pairs:
            match = _NAME.fullmatch(name)
            if not match:
                continue
            is_share, key = bool(match.group(1)), match.group(2)
            if (is_share and key not in known) or (not is_share and key not in FIELDS):
                continue
            target = row.shares if is_share else row.values
            if key in target:
                continue  # a name posted twice: the first value counts, as request.form.get
            text = clean_text(value or "", unify_newlines=True)
            # Free text is kept as typed (like the workbook keeps it); other inputs are trimmed.
            target[key] = text.strip() if is_share or key not in TEXT_FIELDS else text
        if row.values or row.shares:
            rows.append(row)
    return rows


def _typed(value: Decimal, locale: str, min_places: int = 0) -> str:
    """A number as it is typed into the editor ("33,33" in Danish, "33.33" in English)."""
    return format_number(value, places=2, min_places=min_places, group=False, locale=locale)


def rows_from_lines(lines: Sequence[FundingLine], locale: str = "da") -> list[EditorRow]:
    """Editor rows showing saved lines."""
    rows = []
    for number, line in enumerate(lines):
        values = {
            "intervention": line.intervention,
            "paragraph": line.paragraph,
            "description": line.description,
            "cost_kind": line.cost_kind or costs.YEARLY,
            "amount": _typed(line.amount or Decimal(0), locale, min_places=2),
            "quantity": _typed(line.quantity, locale) if line.quantity is not None else "",
            "quantity_unit": line.quantity_unit or "",
            "start": line.start.isoformat(),
            "end": line.end.isoformat() if line.end else "",
            "authority_level": line.authority_level or "",
            "split_reason": line.split_reason,
            "notes": line.notes,
        }
        shares = {dept: _typed(share, locale) for dept, share in line.shares.items()}
        rows.append(EditorRow(number, values, shares))
    return rows

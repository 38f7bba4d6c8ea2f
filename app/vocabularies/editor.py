"""The list editor's rows: posted table rows in, vocabulary items out, errors put in place.

Storing and the in-use check live in `app.vocabularies.services`; this module only turns the
editor's table (posted without JavaScript, as ``rows-<i>-<column>``: the editable-rows pattern
of `app.formengine.rows`) into items and back, keeping everything typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.formengine import DEFAULT_VOCABULARIES
from app.formengine.rows import Posted, posted_rows
from app.formengine.vocabularies import item_label, item_value
from app.vocabularies.services import MAX_ITEMS, get_vocabulary

COLUMNS = ("value", "label", "label_en", "note")
PREFIX = "rows"
POSTED = frozenset({*COLUMNS, "existing"})
_PATH_RE = re.compile(r"^items\[([0-9]+)\]\.(value|label|label_en|note)$")
MAX_TEXT = 1000  # longer text is cut before it reaches the page again


@dataclass
class Row:
    """One row of the editor: an item as typed; `existing` rows keep their stored key."""

    value: str = ""
    label: str = ""
    label_en: str = ""
    note: str = ""
    existing: bool = False
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary: the field to jump to (or None) and the message."""

    anchor: str | None
    row: int | None
    column: str | None
    message: str


def rows_from_items(items: list[dict[str, Any]]) -> list[Row]:
    """Rows for a stored list (every key existing)."""
    return [
        Row(
            value=item["value"],
            label=item["label"],
            label_en=item.get("label_en") or "",
            note=item.get("note") or "",
            existing=True,
        )
        for item in items
    ]


def rows_from_form(formdata: Posted, stored_keys: set[str]) -> list[Row]:
    """The rows as posted (`rows-<i>-<column>`), in their order on the page.

    A row counts as existing only if the page said so and its key is really stored, so a
    tampered form cannot make a new key read-only, nor an old one editable.
    """
    rows = []
    for posted in posted_rows(formdata, PREFIX, max_rows=MAX_ITEMS + 1):
        raw: dict[str, str] = {}
        for column, text in posted.pairs:
            if column in POSTED and column not in raw:  # the first value, as form.get
                raw[column] = str(text or "")[:MAX_TEXT]
        if not raw:
            continue
        value = raw.get("value", "").strip()
        rows.append(
            Row(
                value=value,
                label=_one_line(raw.get("label", "")),
                label_en=_one_line(raw.get("label_en", "")),
                note=_one_line(raw.get("note", "")),
                existing=raw.get("existing") == "1" and value in stored_keys,
            )
        )
    return rows


def _one_line(text: str) -> str:
    """Labels and notes are one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def items_of(rows: list[Row]) -> list[dict[str, Any]]:
    """The rows as vocabulary items for saving."""
    return [
        {"value": r.value, "label": r.label, "label_en": r.label_en, "note": r.note} for r in rows
    ]


def place_errors(
    rows: list[Row], errors: Mapping[str, list[str]], stored: list[dict[str, Any]]
) -> tuple[list[Row], list[SummaryItem]]:
    """Put the service's errors on the rows' fields; return the rows and the summary.

    A removed key that is still in use comes back as a row (from the stored list) carrying
    the message, since it cannot be removed; the user sees where it is used.
    """
    by_key = {item["value"]: item for item in stored}
    general: list[str] = []
    for path, messages in errors.items():
        if match := _PATH_RE.match(path):
            index, column = int(match.group(1)), match.group(2)
            if index < len(rows):
                rows[index].errors.setdefault(column, []).extend(messages)
                continue
        elif path.startswith("removed.") and path[len("removed.") :] in by_key:
            kept = rows_from_items([by_key[path[len("removed.") :]]])[0]
            kept.errors["value"] = list(messages)
            rows.append(kept)
            continue
        general.extend(messages)
    summary = [SummaryItem(None, None, None, message) for message in general]
    for index, row in enumerate(rows):
        for column in COLUMNS:
            for message in row.errors.get(column, []):
                summary.append(SummaryItem(f"rows-{index}-{column}", index, column, message))
    return rows, summary


def reset_preview(name: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """What resetting a list would do: (items that disappear, items that come back)."""
    current = get_vocabulary(name) or []
    defaults = [
        {"value": item_value(i), "label": item_label(i)} for i in DEFAULT_VOCABULARIES[name]
    ]
    default_keys = {d["value"] for d in defaults}
    current_keys = {c["value"] for c in current}
    gone = [
        {"value": c["value"], "label": c["label"]}
        for c in current
        if c["value"] not in default_keys
    ]
    back = [d for d in defaults if d["value"] not in current_keys]
    return gone, back

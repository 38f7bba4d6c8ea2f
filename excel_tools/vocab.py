"""Labels shown in the workbook for vocabulary items and departments, and the way back.

The workbook shows labels (what people recognise) and the reader maps them back to values.
That is only safe when every shown label is unambiguous, so a label shared by two items, or
equal to another item's value, is shown as ``"label (value)"`` by the builder and expected in
that form by the reader; both call :func:`display_labels` and therefore always agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from app.text import clean_text


class _Item(Protocol):
    value: str
    label: str


def normalise(value: object) -> str:
    """Comparison key for labels: whitespace collapsed, case folded."""
    if value is None:
        return ""
    return " ".join(str(value).split()).casefold()


def display_labels(items: Sequence[_Item]) -> dict[str, str]:
    """Value → label to show, with ambiguous labels made unique by their value."""
    # Cleaned here so the builder (which writes cleaned text) and the reader agree.
    labels = {item.value: clean_text(item.label or item.value) for item in items}
    counts = Counter(normalise(label) for label in labels.values())
    values = {normalise(value): value for value in labels}
    shown = {}
    for value, label in labels.items():
        key = normalise(label)
        clash = counts[key] > 1 or values.get(key, value) != value
        shown[value] = f"{label} ({value})" if clash else label
    return shown


class Vocabulary:
    """Looks up a typed label or value and answers the stored value."""

    def __init__(self, items: Sequence[_Item]) -> None:
        """Index the shown labels and the values (a value wins over a label)."""
        self.shown = display_labels(items)
        self._lookup: dict[str, str] = {}
        for value, label in self.shown.items():
            self._lookup.setdefault(normalise(label), value)
        for value in self.shown:
            self._lookup[normalise(value)] = value

    def find(self, text: object) -> str | None:
        """Stored value for a label or value, or None."""
        return self._lookup.get(normalise(text))

    def label(self, value: str | None) -> str:
        """Label to show for a stored value; an unknown value is shown as it is."""
        if not value:
            return ""
        return self.shown.get(value, value)

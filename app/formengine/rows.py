"""Editable rows: the one pattern for every table of rows a page posts.

Form repeats, funding lines and vocabulary rows are all tables whose inputs post as
``<prefix>-<n>-<field>`` (``goals-0-title``, ``lines-3-share-ppr``, ``rows-1-label``), and
whose rows are added and removed with ordinary submit buttons, so everything works without
JavaScript (with it, ``static/js/rows.js`` does the same in the page; its header lists the
data attributes a table carries for it):

- ``_add`` adds a row; ``_remove`` with the value ``n`` removes row ``n`` (one table a page);
- ``_add__<prefix>`` and ``_remove__<prefix>__<n>`` do the same for one of several tables
  (the form engine's repeats, where a prefix can be nested: ``goals-0-subgoals``).

This module reads the rows and the pressed button from posted data and changes row lists;
what a row holds, and how its fields are checked, stays with each table's owner.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

ADD = "_add"
REMOVE = "_remove"
TEMPLATE_NUMBER = "__index__"  # the row number in a <template> row, replaced by rows.js
_ROW_NUMBER = r"[0-9]{1,%d}"

T = TypeVar("T")


class FormData(Protocol):
    """What is read from posted data: werkzeug's MultiDict (``request.form``) fits."""

    def keys(self) -> Any: ...
    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


Posted = FormData | Mapping[str, str]  # the row readers also take a plain dict (tests)


def row_name(prefix: str, number: int | str, name: str) -> str:
    """The posted name (and HTML id) of input ``name`` in row ``number``: ``goals-0-title``."""
    return f"{prefix}-{number}-{name}"


def row_pattern(prefix: str, digits: int = 4) -> re.Pattern[str]:
    """Matches a posted name of a row of ``prefix``; groups: the row number, the rest."""
    return re.compile(re.escape(prefix) + rf"-({_ROW_NUMBER % digits})-(.+)", re.DOTALL)


def row_numbers(formdata: Posted, prefix: str, *, digits: int = 4) -> list[int]:
    """The row numbers present in posted data for ``prefix``, in order (gaps allowed)."""
    return list(_row_index(formdata, digits).get(prefix, ()))


#: The last posted data indexed (a form asks row_numbers for every repeat in every row:
#: 84 times for a 20-goal SMARTE sheet, each a scan of its 1,100 names): the data itself
#: (weakly), its names and digits as they were, and the index. Any change of the names
#: makes a new index.
_last_index: tuple[Any, tuple[str, ...], int, dict[str, list[int]]] | None = None


def _row_index(formdata: Posted, digits: int) -> dict[str, list[int]]:
    """For every prefix in the posted names, its row numbers in order: ``goals-0-subgoals-1-
    text`` counts row 0 of ``goals`` and row 1 of ``goals-0-subgoals``."""
    global _last_index  # noqa: PLW0603 - a one-entry cache
    names = tuple(formdata.keys())
    last = _last_index
    if last is not None and last[0]() is formdata and last[1] == names and last[2] == digits:
        return last[3]
    number = re.compile(rf"-({_ROW_NUMBER % digits})-.", re.DOTALL)
    found: dict[str, set[int]] = {}
    for name in names:
        position = name.find("-")
        while position != -1:
            match = number.match(name, position)
            if match is not None:
                found.setdefault(name[:position], set()).add(int(match.group(1)))
            position = name.find("-", position + 1)
    index = {prefix: sorted(numbers) for prefix, numbers in found.items()}
    try:
        _last_index = (weakref.ref(formdata), names, digits, index)
    except TypeError:  # a plain dict cannot be referred to weakly: not kept
        _last_index = None
    return index


@dataclass
class PostedRow:
    """One posted row: its number and its ``(name inside the row, value)`` pairs, in order."""

    number: int
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        """The first value posted for ``name`` in this row."""
        return next((value for key, value in self.pairs if key == name), default)


def posted_rows(
    formdata: Posted,
    prefix: str,
    *,
    digits: int = 4,
    max_rows: int | None = None,
    skip: Iterable[str] = (),
) -> list[PostedRow]:
    """The rows of ``prefix`` in posted data, by row number; every value of a name is kept.

    ``max_rows`` stops reading rows beyond that many (a tampered form cannot make the server
    build a huge table); ``skip`` names posted keys to leave out (the pressed button).
    """
    pattern = row_pattern(prefix, digits)
    ignored = set(skip)
    found: dict[int, PostedRow] = {}
    for key in formdata.keys():
        match = pattern.fullmatch(key)
        if not match or key in ignored:
            continue
        number = int(match.group(1))
        if number not in found:
            if max_rows is not None and len(found) >= max_rows:
                continue
            found[number] = PostedRow(number)
        found[number].pairs.extend((match.group(2), value) for value in _values(formdata, key))
    return [found[number] for number in sorted(found)]


def _values(formdata: Posted, key: str) -> list[Any]:
    """Every value posted under ``key`` (a plain dict, as in tests, has one)."""
    getlist = getattr(formdata, "getlist", None)
    return list(getlist(key)) if getlist else [formdata.get(key)]


@dataclass(frozen=True)
class RowButton:
    """A pressed add/remove button: the table it names (None: the page's one table) and,
    for a removal, the row (None when the posted row number cannot be read)."""

    key: str
    action: Literal["add", "remove"]
    table: str | None = None
    row: int | None = None


def pressed_button(formdata: Posted, tables: str | None = None) -> RowButton | None:
    """The add/remove-row button in posted data, or None (a save or another button).

    Without ``tables`` the page has one table and its buttons are ``_add`` and ``_remove``
    (value: the row). ``tables`` is a regular expression for the table names of the buttons
    ``_add__<table>`` and ``_remove__<table>__<n>`` of a page with several tables.
    """
    if tables is None:
        if ADD in formdata.keys():
            return RowButton(ADD, "add")
        if REMOVE in formdata.keys():
            return RowButton(REMOVE, "remove", row=_number(formdata.get(REMOVE)))
        return None
    added = re.compile(rf"{ADD}__({tables})")
    removed = re.compile(rf"{REMOVE}__({tables})__([0-9]{{1,4}})")
    for key in formdata.keys():
        if match := added.fullmatch(key):
            return RowButton(key, "add", match.group(1))
        if match := removed.fullmatch(key):
            return RowButton(key, "remove", match.group(1), int(match.group(2)))
    return None


def _number(text: object) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


def remove_row(
    rows: Sequence[T], number: int | None, *, number_of: Callable[[T], int] | None = None
) -> list[T]:
    """The rows without row ``number``: by position, or by ``number_of(row)`` when given.

    An unknown or unreadable number leaves the rows as they are.
    """
    if number_of is None:
        return [row for position, row in enumerate(rows) if position != number]
    return [row for row in rows if number_of(row) != number]


def next_number(numbers: Iterable[int]) -> int:
    """The number of a row added after rows with the given numbers (0 for the first)."""
    return max(numbers, default=-1) + 1

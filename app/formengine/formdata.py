"""Between stored JSON and the form data a browser posts, and the add/remove-row buttons.

Form data names (what the browser posts):

- a top-level field posts under its name: ``child_name``; a multiselect posts its name once
  per ticked box; yes/no posts ``true``/``false``;
- a repeat row posts ``<repeat>-<i>-<column>`` (``goals-0-title``), ``i`` counted from 0, and
  a hidden ``<repeat>-<i>-_row`` so a row whose boxes are all unticked is still a row;
- a nested repeat (a repeat column) is named like a column, ``goals-0-subgoals``, and its rows
  continue the pattern: ``goals-0-subgoals-1-text`` and the marker ``goals-0-subgoals-1-_row``;
- the button ``_add__<repeat name>`` adds a row, ``_remove__<repeat name>__<i>`` removes row
  ``i`` (the editable-rows pattern of ``rows.py``, shared with the funding and vocabulary
  editors), where the repeat name is ``goals`` or, nested, ``goals-0-subgoals``:
  ``_add__goals-0-subgoals``, ``_remove__goals-0-subgoals__1``. Both are ordinary submit
  buttons, so rows can be added and removed without JavaScript. Removing a row removes its
  nested rows; every other posted value is kept (later rows are renumbered).

The HTML ids are the same as the names (``goals-0-subgoals`` is the nested table's fieldset).

With JavaScript (static/js/rows.js) the same buttons work without a page load: each
repeat table carries a ``<template>`` with a blank row (``blank_row``) numbered
``TEMPLATE_INDEX`` (``goals-__index__-title``, ``_remove__goals____index__``). The script
copies it in as the next row and renumbers the rows after a removed one, so what it posts is
what the server would have shown after pressing the button: rows numbered 0, 1, 2, …
(``row_numbers`` would tolerate gaps, and WTForms compacts them when the page is shown again,
but the row numbers people hear, "Delmål 2 for mål 1", must follow the rows). A browser never
posts what is inside a ``<template>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from werkzeug.datastructures import MultiDict

from app.formengine.fieldtypes import FIELD_TYPES, Context, field_type
from app.formengine.rows import (
    ADD,
    REMOVE,
    TEMPLATE_NUMBER,
    FormData,
    posted_rows,
    pressed_button,
    remove_row,
    row_name,
    row_numbers,
    row_pattern,
)
from app.formengine.schema import FormDefinition, RepeatField
from app.formengine.validation import default_data
from app.formengine.vocabularies import Vocabularies

ROW_MARKER = "_row"
TEMPLATE_INDEX = TEMPLATE_NUMBER  # the row number in a <template> row, replaced by rows.js
# Fields shown as a group of radio buttons or checkboxes: their first box has the id "<id>-0".
GROUPED_TYPES = frozenset({"boolean", "multiselect", "scale"})
_NAME = r"[a-z][a-z0-9_]*"
_REPEAT_NAME = rf"{_NAME}(?:-[0-9]{{1,4}}-{_NAME})?"  # goals, or goals-0-subgoals


def add_button_name(repeat: str) -> str:
    """The name of the submit button that adds a row to ``repeat`` (``goals-0-subgoals``)."""
    return f"{ADD}__{repeat}"


def remove_button_name(repeat: str, index: int) -> str:
    """The name of the submit button that removes row ``index`` (from 0) of ``repeat``."""
    return f"{REMOVE}__{repeat}__{index}"


def nested_name(repeat: str, index: int, column: str) -> str:
    """The posted name of ``column`` in row ``index`` of ``repeat``: ``goals-0-subgoals``."""
    return row_name(repeat, index, column)


def form_data_from_submission(
    definition: FormDefinition,
    data: Mapping[str, Any] | None,
    *,
    vocabularies: Vocabularies | None = None,
) -> MultiDict[str, str]:
    """The form data a browser would post for stored ``data`` (None: a new form's defaults)."""
    if data is None:
        data = default_data(definition, vocabularies=vocabularies)
    pairs: list[tuple[str, str]] = []
    for spec in definition.input_fields():
        pairs.extend(_pairs(spec, spec.name, data.get(spec.name)))
    return MultiDict(pairs)


def _pairs(spec: Any, name: str, value: Any) -> list[tuple[str, str]]:
    """The posted pairs of one field called ``name``; a repeat's rows with their markers."""
    if not isinstance(spec, RepeatField):
        return [(name, text) for text in field_type(spec).to_form(spec, value)]
    pairs: list[tuple[str, str]] = []
    for index, row in enumerate(value if isinstance(value, list) else []):
        row = row if isinstance(row, Mapping) else {}
        pairs.append((nested_name(name, index, ROW_MARKER), "1"))
        for column in spec.fields:
            cell = nested_name(name, index, column.name)
            pairs.extend(_pairs(column, cell, row.get(column.name)))
    return pairs


def submission_from_form(
    definition: FormDefinition,
    formdata: FormData,
    *,
    previous: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The values in posted form data, to pass to ``validate_submission``.

    Read-only top-level fields are taken from ``previous`` (the stored data; defaults when
    None), so a changed value posted for them is ignored.
    """
    data: dict[str, Any] = {}
    for spec in definition.input_fields():
        if spec.readonly:
            data[spec.name] = (
                previous.get(spec.name) if previous is not None else field_type(spec).default(spec)
            )
        else:
            data[spec.name] = _posted(spec, formdata, spec.name)
    return data


def _posted(spec: Any, formdata: FormData, key: str) -> Any:
    if isinstance(spec, RepeatField):
        return [
            {c.name: _posted(c, formdata, nested_name(key, i, c.name)) for c in spec.fields}
            for i in row_numbers(formdata, key)
        ]
    if spec.type == "multiselect":
        return list(formdata.getlist(key))
    return formdata.get(key)


@dataclass(frozen=True)
class RowChange:
    """The result of an add/remove-row button: new form data to show again, not to save.

    ``repeat`` is the repeat's posted name (``goals`` or ``goals-0-subgoals``). ``rows`` are
    its rows after the change: each maps a name inside the row to the posted strings, a
    column by its name (``title``) and a nested repeat's values by the rest of their posted
    name (``subgoals-0-text``).
    """

    repeat: str
    action: Literal["add", "remove"]
    rows: list[dict[str, list[str]]]
    formdata: MultiDict[str, str]
    focus: str | None  # id of the element to focus when the page is shown again


def apply_row_buttons(
    definition: FormDefinition,
    formdata: FormData,
    *,
    vocabularies: Vocabularies | None = None,
) -> RowChange | None:
    """If an add/remove-row button was pressed, the changed form data (every value kept)."""
    button = pressed_button(formdata, _REPEAT_NAME)
    if button is None or button.table is None:
        return None
    return _change(definition, formdata, button.key, button.table, button.row, vocabularies)


def _change(
    definition: FormDefinition,
    formdata: FormData,
    button: str,
    name: str,
    remove: int | None,
    vocabularies: Vocabularies | None,
) -> RowChange | None:
    spec = _changeable(definition, formdata, name)
    if spec is None:
        return None
    in_row = row_pattern(name)
    pairs = [
        (key, value)
        for key in formdata.keys()
        if key != button and not in_row.fullmatch(key)
        for value in formdata.getlist(key)
    ]
    rows = [row.pairs for row in posted_rows(formdata, name, skip=[button])]
    focus: str | None = name
    if remove is None:
        if spec.max_rows is None or len(rows) < spec.max_rows:
            rows.append(blank_row(spec, vocabularies))
            focus = _first_input_id(spec, name, len(rows) - 1)
    else:
        rows = remove_row(rows, remove)
    for index, row in enumerate(rows):
        if not any(suffix == ROW_MARKER for suffix, _ in row):
            pairs.append((nested_name(name, index, ROW_MARKER), "1"))
        pairs.extend((nested_name(name, index, suffix), value) for suffix, value in row)
    action: Literal["add", "remove"] = "add" if remove is None else "remove"
    return RowChange(name, action, [_row_view(spec, row) for row in rows], MultiDict(pairs), focus)


def _changeable(definition: FormDefinition, formdata: FormData, name: str) -> RepeatField | None:
    """The repeat a button names, if it exists, can be changed and (nested) its row exists."""
    parts = name.split("-")
    repeats = definition.repeat_at(parts[::2])
    if repeats is None or any(r.readonly for r in repeats):
        return None
    if len(parts) == 3 and int(parts[1]) not in row_numbers(formdata, parts[0]):
        return None  # no such outer row: adding would invent one
    return repeats[-1]


def blank_row(spec: RepeatField, vocabularies: Vocabularies | None) -> list[tuple[str, str]]:
    """The posted pairs of a new row (names inside the row), with the columns' defaults.

    The same for the add button and for the ``<template>`` row rows.js copies.
    """
    ctx = Context(vocabularies) if vocabularies is not None else Context()
    pairs = [(ROW_MARKER, "1")]
    for column in spec.fields:
        value = FIELD_TYPES[column.type].default(column, ctx)
        pairs.extend(_pairs(column, column.name, value))
    return pairs


def _row_view(spec: RepeatField, row: list[tuple[str, str]]) -> dict[str, list[str]]:
    view: dict[str, list[str]] = {c.name: [] for c in spec.fields if not isinstance(c, RepeatField)}
    for suffix, value in row:
        if suffix != ROW_MARKER:
            view.setdefault(suffix, []).append(value)
    return view


def _first_input_id(spec: RepeatField, repeat: str, index: int) -> str:
    column = spec.fields[0]
    grouped = column.type in GROUPED_TYPES or getattr(column, "widget", None) == "radio"
    return nested_name(repeat, index, column.name) + ("-0" if grouped else "")

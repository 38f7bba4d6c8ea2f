"""Between stored JSON and the form data a browser posts, and the add/remove-row buttons.

Form data names (what the browser posts):

- a top-level field posts under its name: ``child_name``; a multiselect posts its name once
  per ticked box; yes/no posts ``true``/``false``;
- a repeat row posts ``<repeat>-<i>-<column>`` (``goals-0-title``), ``i`` counted from 0, and
  a hidden ``<repeat>-<i>-_row`` so a row whose boxes are all unticked is still a row;
- the button ``_add__<repeat>`` adds a row, ``_remove__<repeat>__<i>`` removes row ``i``.
  Both are ordinary submit buttons, so rows can be added and removed without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from werkzeug.datastructures import MultiDict

from app.formengine.fieldtypes import FIELD_TYPES, Context, field_type
from app.formengine.schema import FormDefinition, RepeatField
from app.formengine.validation import default_data
from app.formengine.vocabularies import Vocabularies

ROW_MARKER = "_row"
ADD_PREFIX = "_add__"
REMOVE_PREFIX = "_remove__"
# Fields shown as a group of radio buttons or checkboxes: their first box has the id "<id>-0".
GROUPED_TYPES = frozenset({"boolean", "multiselect", "scale"})
_ADD = re.compile(r"_add__([a-z][a-z0-9_]*)")
_REMOVE = re.compile(r"_remove__([a-z][a-z0-9_]*)__([0-9]{1,4})")


class FormData(Protocol):
    """What we read from posted data: werkzeug's MultiDict (``request.form``) fits."""

    def keys(self) -> Any: ...
    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


def add_button_name(repeat: str) -> str:
    """The name of the submit button that adds a row to ``repeat``."""
    return f"{ADD_PREFIX}{repeat}"


def remove_button_name(repeat: str, index: int) -> str:
    """The name of the submit button that removes row ``index`` (from 0) of ``repeat``."""
    return f"{REMOVE_PREFIX}{repeat}__{index}"


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
        value = data.get(spec.name)
        if isinstance(spec, RepeatField):
            for index, row in enumerate(value or []):
                pairs.extend(_row_pairs(spec, index, row if isinstance(row, Mapping) else {}))
        else:
            pairs.extend((spec.name, text) for text in field_type(spec).to_form(spec, value))
    return MultiDict(pairs)


def _row_pairs(spec: RepeatField, index: int, row: Mapping[str, Any]) -> list[tuple[str, str]]:
    prefix = f"{spec.name}-{index}-"
    pairs = [(prefix + ROW_MARKER, "1")]
    for column in spec.fields:
        texts = FIELD_TYPES[column.type].to_form(column, row.get(column.name))
        pairs.extend((prefix + column.name, text) for text in texts)
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
        elif isinstance(spec, RepeatField):
            data[spec.name] = [
                {c.name: _posted(c, formdata, f"{spec.name}-{i}-{c.name}") for c in spec.fields}
                for i in row_indices(formdata, spec.name)
            ]
        else:
            data[spec.name] = _posted(spec, formdata, spec.name)
    return data


def _posted(spec: Any, formdata: FormData, key: str) -> Any:
    if spec.type == "multiselect":
        return list(formdata.getlist(key))
    return formdata.get(key)


def row_indices(formdata: FormData, repeat: str) -> list[int]:
    """The row numbers present in posted data for ``repeat``, in order."""
    pattern = re.compile(re.escape(repeat) + r"-([0-9]{1,4})-")
    found = {int(m.group(1)) for key in formdata.keys() if (m := pattern.match(key))}
    return sorted(found)


def posted_rows(formdata: FormData, spec: RepeatField) -> list[dict[str, list[str]]]:
    """A repeat's rows as posted: for each row, every column's strings."""
    return [
        {c.name: list(formdata.getlist(f"{spec.name}-{i}-{c.name}")) for c in spec.fields}
        for i in row_indices(formdata, spec.name)
    ]


@dataclass(frozen=True)
class RowChange:
    """The result of an add/remove-row button: new form data to show again, not to save."""

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
    for key in formdata.keys():
        if added := _ADD.fullmatch(key):
            return _change(definition, formdata, key, added.group(1), None, vocabularies)
        if removed := _REMOVE.fullmatch(key):
            name, index = removed.groups()
            return _change(definition, formdata, key, name, int(index), vocabularies)
    return None


def _change(
    definition: FormDefinition,
    formdata: FormData,
    button: str,
    name: str,
    remove: int | None,
    vocabularies: Vocabularies | None,
) -> RowChange | None:
    spec = definition.field(name)
    if not isinstance(spec, RepeatField) or spec.readonly:
        return None
    rows = posted_rows(formdata, spec)
    focus: str | None = name
    if remove is None:
        if spec.max_rows is None or len(rows) < spec.max_rows:
            rows.append(_blank_row(spec, vocabularies))
            focus = _first_input_id(spec, len(rows) - 1)
    elif 0 <= remove < len(rows):
        del rows[remove]
    row_key = re.compile(re.escape(name) + r"-[0-9]{1,4}-")
    pairs = [
        (key, value)
        for key in formdata.keys()
        if key != button and not row_key.match(key)
        for value in formdata.getlist(key)
    ]
    for index, row in enumerate(rows):
        prefix = f"{name}-{index}-"
        pairs.append((prefix + ROW_MARKER, "1"))
        pairs.extend((prefix + column, text) for column, texts in row.items() for text in texts)
    action: Literal["add", "remove"] = "add" if remove is None else "remove"
    return RowChange(name, action, rows, MultiDict(pairs), focus)


def _blank_row(spec: RepeatField, vocabularies: Vocabularies | None) -> dict[str, list[str]]:
    ctx = Context(vocabularies) if vocabularies is not None else Context()
    return {
        c.name: FIELD_TYPES[c.type].to_form(c, FIELD_TYPES[c.type].default(c, ctx))
        for c in spec.fields
    }


def _first_input_id(spec: RepeatField, index: int) -> str:
    column = spec.fields[0]
    grouped = column.type in GROUPED_TYPES or getattr(column, "widget", None) == "radio"
    return f"{spec.name}-{index}-{column.name}" + ("-0" if grouped else "")

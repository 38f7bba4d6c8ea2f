"""The Word context of a filled form: Danish names, raw values for filters, display text.

Pure functions (no Flask, no database): callers pass the definition, the stored data, the
vocabularies and the case's people, and plain dicts for the municipality, case and document.

A template sees (documented on the Flettefelter page, `app/documents/fields.py`):

- ``kommune`` – navn, logo (an image), afdeling, adresse, telefon, email;
- ``sag`` – reference, titel, status, oprettet, koordinator and kerneteam with contact details
  (case forms; municipal documents only have an empty ``sag.reference``);
- ``dokument`` – titel, formular, status, version, gemt, gemt_af, formularversion;
- ``dato`` – today;
- every field by its name holding the raw value (dates as dates, amounts as Decimal, yes/no
  as booleans, choices as their stored keys), so the filters ``dato``, ``kr``, ``tal`` work;
- ``vis.<field>`` – the same value as people read it ("23. november 2026", "1.234,50 kr.",
  the label of a choice); repeats are lists of rows, each row a dict of its columns plus
  ``vis`` with the row's display text; nested repeats are lists inside rows;
- ``felter`` – the raw values again (the way to reach a field whose name a fixed part uses);
- ``etiketter`` – every field's label as the form words it (``etiketter.goals.specific`` is
  "S – Specifikt" unless the municipality changed it), so templates follow the form;
- ``oversigt`` – every field as label and text, section by section (the generic template).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.formatting import local_time
from app.formengine import Context, FormDefinition
from app.formengine.fieldtypes import field_type
from app.formengine.schema import InputField, RepeatField
from app.formengine.vocabularies import Vocabularies
from app.goals import word_names

#: Context names that fixed parts use; a field with one of these names is only in `felter`.
RESERVED = frozenset(
    {
        "kommune", "sag", "dokument", "dato", "vis", "felter", "etiketter", "oversigt",
        "loop", "range",
    }
)  # fmt: skip
REPEAT_LABEL = "etiket"  # under etiketter.<repeat>: the repeat's own label
NUMBER_TYPES = frozenset({"decimal", "money", "percent"})
ROW_DISPLAY = "vis"  # the key of a row's display texts

PERSON_NAMES: dict[str, Any] = {
    "navn": None,
    "rolle": None,
    "email": None,
    "telefon": None,
    "afdeling": None,
}
KOMMUNE_NAMES: dict[str, Any] = {
    "navn": None,
    "logo": None,
    "afdeling": None,
    "adresse": None,
    "telefon": None,
    "email": None,
}
CASE_NAMES: dict[str, Any] = {
    "reference": None,
    "titel": None,
    "status": None,
    "oprettet": None,
    "naeste_opfoelgning": None,
    "koordinator": dict(PERSON_NAMES),
    "kerneteam": [dict(PERSON_NAMES)],
}
DOKUMENT_NAMES: dict[str, Any] = {
    "titel": None,
    "formular": None,
    "status": None,
    "version": None,
    "gemt": None,
    "gemt_af": None,
    "formularversion": None,
}
OVERSIGT_NAMES: list[dict[str, Any]] = [
    {
        "titel": None,
        "felter": [{"etiket": None, "tekst": None}],
        "tabeller": [
            {"etiket": None, "raekker": [{"nr": None, "felter": [{"etiket": None, "tekst": None}]}]}
        ],
    }
]


def raw_value(spec: Any, value: Any) -> Any:
    """A stored JSON value as the template's raw value (dates, Decimals, ints, lists)."""
    if value is None or value == "":
        return None
    kind = spec.type
    try:
        if kind == "date":
            return date.fromisoformat(value) if isinstance(value, str) else value
        if kind in NUMBER_TYPES:
            if isinstance(value, bool):
                return value
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
        if kind in ("integer", "scale") and isinstance(value, float) and value.is_integer():
            return int(value)
    except (ValueError, TypeError, InvalidOperation):
        return value  # an old value the current definition reads differently: keep it
    if kind == "multiselect":
        return list(value) if isinstance(value, list) else [value]
    return value


def display_value(spec: Any, value: Any, ctx: Context) -> str:
    """A stored value as people read it; values that no longer fit are shown as stored."""
    try:
        return field_type(spec).format(spec, value, ctx)
    except (ValueError, TypeError, KeyError, LookupError, InvalidOperation):
        return "" if value is None else str(value)


def _rows(value: Any) -> list[Mapping[str, Any]]:
    """The rows of a stored repeat value (anything else is no rows)."""
    return (
        [row for row in value or [] if isinstance(row, Mapping)] if isinstance(value, list) else []
    )


def repeat_rows(spec: RepeatField, value: Any, ctx: Context) -> tuple[list[dict], list[dict]]:
    """(raw rows, display rows) of a repeat; raw rows carry their display text under `vis`."""
    raw_rows: list[dict[str, Any]] = []
    shown_rows: list[dict[str, Any]] = []
    for row in _rows(value):
        raw, shown = _values(spec.fields, row, ctx)
        raw[ROW_DISPLAY] = shown
        raw_rows.append(raw)
        shown_rows.append(shown)
    return raw_rows, shown_rows


def field_values(
    definition: FormDefinition, data: Mapping[str, Any], ctx: Context
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(raw values, display values) of every input field, by field name."""
    return _values(definition.input_fields(), data, ctx)


def _values(
    fields: Iterable[InputField], data: Mapping[str, Any], ctx: Context
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(raw, display) values of ``fields`` read from ``data``: a form's top level or one row."""
    raw: dict[str, Any] = {}
    shown: dict[str, Any] = {}
    for spec in fields:
        value = data.get(spec.name)
        if isinstance(spec, RepeatField):
            raw[spec.name], shown[spec.name] = repeat_rows(spec, value, ctx)
        else:
            raw[spec.name] = raw_value(spec, value)
            shown[spec.name] = display_value(spec, value, ctx)
    return raw, shown


def overview(
    definition: FormDefinition, shown: Mapping[str, Any], locale: str = "da"
) -> list[dict[str, Any]]:
    """Each section's single fields and tables as labels and text (for the generic template)."""
    sections = []
    for section in definition.sections:
        fields, tables = [], []
        for spec in section.fields:
            if not spec.is_input:
                continue
            label = spec.label.get(locale)
            value = shown.get(spec.name)
            if isinstance(spec, RepeatField):
                rows = [
                    {"nr": number, "felter": _row_items(spec, row, locale)}
                    for number, row in enumerate(value or [], start=1)
                ]
                tables.append({"etiket": label, "raekker": rows})
            else:
                fields.append({"etiket": label, "tekst": value})
        if fields or tables:
            sections.append(
                {"titel": section.title.get(locale), "felter": fields, "tabeller": tables}
            )
    return sections


def _row_items(spec: RepeatField, row: Mapping[str, Any], locale: str) -> list[dict[str, str]]:
    """One repeat row as label/text pairs; a nested repeat becomes one line per row."""
    items = []
    for column in spec.fields:
        value = row.get(column.name)
        if isinstance(column, RepeatField):
            lines = [
                "; ".join(str(v) for v in nested.values() if v not in (None, ""))
                for nested in value or []
            ]
            value = "\n".join(f"• {line}" for line in lines if line)
        items.append({"etiket": column.label.get(locale), "tekst": value or ""})
    return items


def form_context(
    definition: FormDefinition,
    data: Mapping[str, Any],
    *,
    vocabularies: Vocabularies,
    people: Sequence[Mapping[str, Any]] | None = None,
    kommune: Mapping[str, Any],
    sag: Mapping[str, Any] | None,
    dokument: Mapping[str, Any],
    today: date,
    locale: str = "da",
) -> dict[str, Any]:
    """The whole context of one form's Word document (see the module docstring)."""
    ctx = Context(vocabularies, people, locale)
    raw, shown = field_values(definition, data or {}, ctx)
    context: dict[str, Any] = {name: value for name, value in raw.items() if name not in RESERVED}
    context.update(
        {
            "kommune": dict(kommune),
            "sag": dict(sag) if sag is not None else {"reference": None},
            "dokument": dict(dokument),
            "dato": today,
            "vis": shown,
            "felter": raw,
            "etiketter": labels(definition, locale),
            "oversigt": overview(definition, shown, locale),
        }
    )
    return context


def labels(definition: FormDefinition, locale: str = "da") -> dict[str, Any]:
    """Every field's label (the form's own wording, e.g. "S – Specifikt"), nested like the
    data; a repeat's own label is `etiketter.<repeat>.etiket`."""

    def label_of(spec: Any) -> Any:
        if not isinstance(spec, RepeatField):
            return spec.label.get(locale)
        nested = {column.name: label_of(column) for column in spec.fields}
        nested.setdefault(REPEAT_LABEL, spec.label.get(locale))
        return nested

    return {spec.name: label_of(spec) for spec in definition.input_fields()}


def _label_names(spec: Any) -> Any:
    """known_names entry of one field's label."""
    if not isinstance(spec, RepeatField):
        return None
    return {REPEAT_LABEL: None, **{c.name: _label_names(c) for c in spec.fields}}


def _field_names(spec: Any, *, display: bool) -> Any:
    """known_names entry of one field: None for a value, [row names] for a repeat."""
    if not isinstance(spec, RepeatField):
        return None
    row = {c.name: _field_names(c, display=display) for c in spec.fields}
    if not display:
        row[ROW_DISPLAY] = {c.name: _field_names(c, display=True) for c in spec.fields}
    return [row]


def known_names(definition: FormDefinition) -> dict[str, Any]:
    """Every name a template of this form may use (for lint_template's did-you-mean)."""
    fields = {s.name: _field_names(s, display=False) for s in definition.input_fields()}
    names: dict[str, Any] = {n: v for n, v in fields.items() if n not in RESERVED}
    names.update(
        {
            "kommune": dict(KOMMUNE_NAMES),
            "sag": dict(CASE_NAMES) if definition.scope == "case" else {"reference": None},
            "dokument": dict(DOKUMENT_NAMES),
            "dato": None,
            "vis": {s.name: _field_names(s, display=True) for s in definition.input_fields()},
            "felter": fields,
            "etiketter": {s.name: _label_names(s) for s in definition.input_fields()},
            "oversigt": OVERSIGT_NAMES,
        }
    )
    names.update(word_names.extra_names(definition.name))  # the goal sheet's readings
    return names


def local_datetime(moment: datetime | None, zone: str | None = None) -> datetime | None:
    """A stored (UTC) time as local time in ``zone`` without tzinfo, for the `dato` filter."""
    if moment is None:
        return None
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=UTC)
    return local_time(moment, zone).replace(tzinfo=None, microsecond=0)

"""Definitions and submissions described for other outputs: the API and readable text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.formengine.fieldtypes import Context, field_type
from app.formengine.schema import FormDefinition, RepeatField
from app.formengine.vocabularies import Vocabularies

_CHOOSING = ("select", "multiselect", "person")


def describe_fields(
    definition: FormDefinition,
    *,
    vocabularies: Vocabularies,
    people: Sequence[Mapping[str, Any]] | None = None,
    locale: str = "da",
) -> list[dict[str, Any]]:
    """The flat list of input fields for ``GET /forms/<form>`` (sections flattened).

    A repeat lists its columns under ``fields``; a nested repeat's columns are nested the same
    way. ``required_message`` is included when the definition gives one.
    """
    ctx = Context(vocabularies, people, locale)
    return [_describe(spec, ctx) for spec in definition.input_fields()]


def _describe(spec: Any, ctx: Context) -> dict[str, Any]:
    kind = field_type(spec)
    item: dict[str, Any] = {
        "name": spec.name,
        "label": spec.label.get(ctx.locale),
        "type": spec.type,
        "required": spec.required,
        "readonly": spec.readonly,
        "default": kind.default(spec, ctx),
        "help": spec.help.get(ctx.locale) if spec.help else None,
    }
    if spec.required_message is not None:
        item["required_message"] = spec.required_message.get(ctx.locale)
    if spec.type in _CHOOSING and (spec.type != "person" or ctx.people is not None):
        item["choices"] = [{"value": v, "label": label} for v, label in ctx.offered(spec)]
    for key in (
        "min",
        "max",
        "max_length",
        "pattern",
        "after",
        "not_after",
        "min_rows",
        "max_rows",
    ):
        value = getattr(spec, key, None)
        if value is not None:
            item[key] = value.isoformat() if hasattr(value, "isoformat") else value
    if spec.show_if is not None:
        item["show_if"] = spec.show_if.model_dump(exclude_none=True)
    if spec.type == "scale":
        item.update(min=1, max=10)
    if spec.type == "percent":  # 0–100 unless the definition says otherwise
        item["min"], item["max"] = kind.bounds(spec)  # type: ignore[attr-defined]
    if isinstance(spec, RepeatField):
        item["fields"] = [_describe(column, ctx) for column in spec.fields]
        if spec.sum_to is not None:
            item["sum_to"] = spec.sum_to.model_dump()
        if spec.unique:
            item["unique"] = list(spec.unique)
    return item


def display_values(
    definition: FormDefinition,
    data: Mapping[str, Any],
    *,
    vocabularies: Vocabularies,
    people: Sequence[Mapping[str, Any]] | None = None,
    locale: str = "da",
) -> dict[str, Any]:
    """Stored values as people read them ("1.234,50 kr.").

    A repeat gives a list of rows (column name → text); a nested repeat's value in a row is
    again a list of such rows.
    """
    ctx = Context(vocabularies, people, locale)
    return {spec.name: _shown(spec, data.get(spec.name), ctx) for spec in definition.input_fields()}


def _shown(spec: Any, value: Any, ctx: Context) -> Any:
    if not isinstance(spec, RepeatField):
        return field_type(spec).format(spec, value, ctx)
    return [
        {c.name: _shown(c, row.get(c.name), ctx) for c in spec.fields}
        for row in (value if isinstance(value, list) else [])
        if isinstance(row, Mapping)
    ]

"""Definitions become WTForms form classes at run time (cached), for the Jinja macros.

The form class only carries values and messages for rendering. Checking is done by
``validation.validate_submission`` for the web and the API alike, so WTForms' own ``validate``
finds nothing to complain about (at most the CSRF token, when the base class has one).

Typical view::

    Form = build_form_class(definition, vocabularies, people, locale=locale)
    change = apply_row_buttons(definition, request.form)
    if change:                                   # "add row" / "remove row": show again
        form = Form(formdata=change.formdata)
    else:
        raw = submission_from_form(definition, request.form, previous=stored)
        result = validate_submission(definition, raw, final=..., vocabularies=..., people=...)
        if result.ok: save(result.cleaned) ...
        form = Form(formdata=request.form)       # everything typed stays
        apply_errors(form, result.errors)
    # GET: form = Form(formdata=form_data_from_submission(definition, stored))

Form fields are attributes ``fe__<name>`` (so a field called "data" cannot clash with WTForms,
nor one called "summary" with ``fe_summary``); look them up with ``form.fe_field(name)``.
HTML names and ids are the plain field names, and ``<repeat>-<i>-<column>`` in rows, also
for a nested repeat and its rows: ``goals-0-subgoals``, ``goals-0-subgoals-1-text`` (see
formdata.py).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import FieldList, Form, FormField, HiddenField
from wtforms.fields.core import Field, UnboundField

from app.formengine.describe import display_values
from app.formengine.fieldtypes import FIELD_TYPES, Context, field_type

# The conversions and row buttons live in formdata.py; they are part of the builder's API.
from app.formengine.formdata import (
    GROUPED_TYPES,
    ROW_MARKER,
    TEMPLATE_INDEX,
    RowChange,
    apply_row_buttons,
    blank_row,
    form_data_from_submission,
    submission_from_form,
)
from app.formengine.rows import row_numbers
from app.formengine.schema import FormDefinition, RepeatField
from app.formengine.validation import split_path
from app.formengine.vocabularies import (
    Vocabularies,
    item_label,
    item_value,
    vocabularies_fingerprint,
)

__all__ = [
    "RowChange",
    "SummaryItem",
    "apply_errors",
    "apply_row_buttons",
    "build_form_class",
    "form_data_from_submission",
    "submission_from_form",
]

# Field attributes are "fe__<name>": helpers are "fe_<word>", so no field name can hit one.
ATTRIBUTE_PREFIX = "fe__"
# Pays: benchmarks/bench_forms.py (20 goal rows) fills the web form in 1.7 ms with the cache
# and 6.1 ms without. The key holds the definition's and vocabularies' content fingerprints,
# so an edited list or a new version gets a new class, never a stale one.
CACHE_SIZE = 256
_cache: OrderedDict[tuple[Any, ...], type[Form]] = OrderedDict()
_lock = threading.Lock()


class RepeatList(FieldList):
    """A FieldList that only counts keys ``<name>-<digits>-…`` as its rows.

    WTForms' own check is a plain prefix test, so a field ``plan_1`` would add a phantom
    row 1 to a repeat called ``plan``.
    """

    def _extract_indices(self, prefix: str, formdata: Any) -> Any:
        return iter(row_numbers(formdata, prefix))


def build_form_class(
    definition: FormDefinition,
    vocabularies: Vocabularies,
    people: Sequence[Mapping[str, Any]] | None = None,
    *,
    locale: str = "da",
    base: type[Form] = Form,
) -> type[Form]:
    """The WTForms class for ``definition``, cached per definition content, lists and locale."""
    people_key = None if people is None else tuple((item_value(p), item_label(p)) for p in people)
    key = (
        definition.name, definition.fingerprint, vocabularies_fingerprint(vocabularies),
        people_key, locale, base,
    )  # fmt: skip
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    ctx = Context(vocabularies, people, locale)
    attrs: dict[str, Any] = {
        "fe_definition": definition,
        "fe_context": ctx,
        "fe_locale": locale,
        "fe_field": _field_by_name,
        "fe_show_if": _show_if_json,
        "fe_options": _options,
        "fe_row_name": _row_name,
        "fe_within": _within,
        "fe_number": _number,
        "fe_template_row": _template_row,
        "fe_display": _display,
    }
    for spec in definition.input_fields():
        attrs[ATTRIBUTE_PREFIX + spec.name] = _unbound(spec, ctx)
    form_class = type(_class_name(definition.name), (base,), attrs)
    with _lock:
        _cache[key] = form_class
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return form_class


def _unbound(spec: Any, ctx: Context) -> UnboundField:
    if not isinstance(spec, RepeatField):
        return FIELD_TYPES[spec.type].wtforms_field(spec, ctx)
    row_attrs: dict[str, Any] = {
        "fe_field": _field_by_name,
        ATTRIBUTE_PREFIX + ROW_MARKER: HiddenField(name=ROW_MARKER, default="1"),
    }
    for column in spec.fields:
        row_attrs[ATTRIBUTE_PREFIX + column.name] = _unbound(column, ctx)  # nested repeats too
    # Rows are always plain Forms: a FlaskForm base would add a CSRF token to every row.
    row_class = type(_class_name(spec.name) + "Row", (Form,), row_attrs)
    return RepeatList(
        FormField(row_class),
        label=spec.label.get(ctx.locale),
        description=spec.help.get(ctx.locale) if spec.help else "",
        name=spec.name,
        min_entries=0,
    )


def _field_by_name(self: Form, name: str) -> Field:
    """The bound field for a definition field name (attributes carry a prefix)."""
    return self._fields[ATTRIBUTE_PREFIX + name]


def _options(self: Form, spec: Any, chosen: Any = None) -> list[tuple[str, str]]:
    """(posted value, label) pairs for a field's radio buttons, checkboxes or options;
    ``chosen`` (the field's value) keeps a retired choice it holds on offer."""
    return field_type(spec).options(spec, self.fe_context, chosen)  # type: ignore[attr-defined]


def _show_if_json(
    self: Form, spec: Any, scopes: Iterable[tuple[RepeatField, str]] = ()
) -> dict[str, Any] | None:
    """The ``data-show-if`` object for the browser: the input name and the values that show.

    ``scopes`` are the rows around ``spec``, innermost first, as (repeat, row name prefix):
    ``[(subgoals, "goals-0-subgoals-1-"), (goals, "goals-0-")]``. The rule's field is looked
    for in the same row first, then outwards, then at the top level (as validation does).
    """
    rule = spec.show_if
    if rule is None:
        return None
    definition: FormDefinition = self.fe_definition  # type: ignore[attr-defined]
    target: Any = None
    name = rule.field
    for repeat, prefix in scopes:
        target = repeat.column(rule.field)
        if target is not None:
            name = prefix + rule.field
            break
    target = target or definition.field(rule.field)
    if target is None:
        return None
    if rule.not_empty:
        return {"field": name, "not_empty": True}
    kind = field_type(target)
    values = [text for expected in rule.expected for text in kind.to_form(target, expected)]
    return {"field": name, "values": values}


_ROW_OF = {"da": "for", "en": "of"}
_PREFIX_INDEX = re.compile(r"-([0-9]{1,4})-$")


def _lower_first(text: str) -> str:
    """Lowercase the first letter inside a sentence ("Mål" → "mål"), but not "SMARTE-mål"."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _number(self: Form, prefix: str) -> Markup:
    """The number people see for the row whose names start with ``prefix`` (``goals-0-``: 1).

    A span that rows.js renumbers when rows are added or removed; empty in a template.
    """
    found = _PREFIX_INDEX.search(prefix)
    shown = str(int(found.group(1)) + 1) if found else ""
    return Markup('<span data-row-number="{}">{}</span>').format(prefix, shown)


def _row_name(self: Form, spec: Any, prefix: str, within: str = "") -> Markup:
    """A row for people and screen readers: "Delmål 2" or "Delmål 2 for mål 1"."""
    label = _item_label(spec, self.fe_locale)  # type: ignore[attr-defined]
    name = Markup("{} {}").format(label, _number(self, prefix))
    return Markup("{} {}").format(name, within) if within else name


def _within(self: Form, spec: Any, prefix: str) -> Markup:
    """What a nested table belongs to: "for mål 1" (English "of goal 1")."""
    locale: str = self.fe_locale  # type: ignore[attr-defined]
    word = _ROW_OF.get(locale, _ROW_OF["da"])
    return Markup("{} {} {}").format(
        word, _lower_first(_item_label(spec, locale)), _number(self, prefix)
    )


def _item_label(spec: Any, locale: str) -> str:
    """What one row is called: the repeat's ``item_label`` ("Mål"), else its label."""
    return (getattr(spec, "item_label", None) or spec.label).get(locale)


def _display(self: Form, data: Mapping[str, Any] | None) -> dict[str, Any]:
    """Stored ``data`` as people read it, in the form's language (the document view)."""
    ctx: Context = self.fe_context  # type: ignore[attr-defined]
    return display_values(
        self.fe_definition,  # type: ignore[attr-defined]
        data or {},
        vocabularies=ctx.vocabularies,
        people=ctx.people,
        locale=ctx.locale,
    )


def _template_row(self: Form, rows: FieldList, spec: RepeatField) -> Field:
    """A blank row of ``rows`` numbered ``TEMPLATE_INDEX``, for the table's ``<template>``.

    It holds what the add button would add (``blank_row``: the columns' defaults and a nested
    repeat's default rows); ``rows`` itself is left alone.
    """
    ctx: Context = self.fe_context  # type: ignore[attr-defined]
    name = f"{rows.name}-{TEMPLATE_INDEX}"
    formdata = MultiDict(
        (f"{name}-{suffix}", value) for suffix, value in blank_row(spec, ctx.vocabularies)
    )
    options = {
        "name": name,
        "id": f"{rows.id}-{TEMPLATE_INDEX}",
        "_meta": rows.meta,
        "translations": rows._translations,
    }
    row = rows.meta.bind_field(rows._form, rows.unbound_field, options)
    row.index = TEMPLATE_INDEX
    row.process(formdata)
    return row


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_")) + "Form"


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary: where to jump to, what the field is, what is wrong."""

    anchor: str | None
    label: str
    message: str


_ROW_WORD = {"da": "række", "en": "row"}


def apply_errors(form: Form, errors: Mapping[str, Sequence[str]]) -> list[SummaryItem]:
    """Put messages from ``validate_submission`` on the form's fields; return the summary.

    The summary is in page order and is also kept as ``form.fe_summary`` for the macros.
    """
    definition: FormDefinition = form.fe_definition  # type: ignore[attr-defined]
    locale: str = form.fe_locale  # type: ignore[attr-defined]
    order = {spec.name: n for n, spec in enumerate(definition.input_fields())}
    placed: list[tuple[tuple[int, ...], SummaryItem]] = []
    for path, messages in errors.items():
        found = _resolve(form, definition, path, locale)
        if found is None:
            rank: tuple[int, ...] = (len(order),)
            items = [SummaryItem(None, path, m) for m in messages]
        else:
            field, anchor, label, place = found
            field.errors = list(messages)
            items = [SummaryItem(anchor, label, m) for m in messages]
            rank = (order[place[0]], *place[1:])  # a repeat's own errors before its rows'
        placed.extend((rank, item) for item in items)
    summary = [item for _, item in sorted(placed, key=lambda pair: pair[0])]
    form.fe_summary = summary  # type: ignore[attr-defined]
    return summary


def _resolve(form: Form, definition: FormDefinition, path: str, locale: str) -> Any:
    """(field, anchor id, summary label, place in page order) for an error path, or None.

    ``goals[0].subgoals[1].text`` is labelled "Mål, række 1: Delmål, række 2: Tekst".
    A path that ends at a row (``goals[1]``) has no field of its own: None.
    """
    steps = split_path(path)
    if not steps or steps[-1][1] is not None:
        return None
    name = steps[0][0]
    spec: Any = definition.field(name)
    if spec is None:
        return None
    field = form.fe_field(name)  # type: ignore[attr-defined]
    label = spec.label.get(locale)
    place: list[Any] = [name]
    row_word = _ROW_WORD.get(locale, "række")
    for (_, index), (column, _) in zip(steps, steps[1:], strict=False):
        if not isinstance(spec, RepeatField) or index is None or index >= len(field.entries):
            return None
        column_spec = spec.column(column)
        if column_spec is None:
            return None
        place += [index, spec.fields.index(column_spec)]
        field = field.entries[index].form.fe_field(column)
        label = f"{label}, {row_word} {index + 1}: {column_spec.label.get(locale)}"
        spec = column_spec
    return field, _anchor(field, spec), label, tuple(place)


def _anchor(field: Field, spec: Any) -> str:
    grouped = spec.type in GROUPED_TYPES or getattr(spec, "widget", None) == "radio"
    return f"{field.id}-0" if grouped else field.id

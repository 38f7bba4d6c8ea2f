"""Checking a submission against its definition, for the web form and the API alike.

Error paths (keys of ``ValidationResult.errors``):

- ``name`` — a top-level field, or a repeat as a whole (row count, ``sum_to``);
- ``name[i].column`` — a field in row ``i`` (counted from 0) of the repeat ``name``;
- ``name[i].inner`` — a nested repeat as a whole; ``name[i].inner[j].column`` — a field in
  row ``j`` of the repeat ``inner`` inside row ``i`` of ``name`` (``goals[0].subgoals[1].text``);
- ``name[i]``, ``name[i].inner[j]`` — a repeat row that is not an object;
- ``""`` — the data as a whole is not an object.

A nested repeat's value is a list of row objects inside the outer row, checked like any
repeat. show_if and ``after`` look for the named field in the same row first, then in the
row around it, then at the top level.

Drafts reject values that cannot be stored (wrong type, out of range, unknown choice, unknown
field) and dates in the wrong order; a final submission must also have every required field
(with its ``required_message`` when the definition gives one), ``min_rows`` rows, repeat
columns that ``sum_to`` their total and a different value in each row of a ``unique`` column.
A field hidden by its ``show_if`` is neither checked, required nor kept.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.formatting import format_date
from app.formengine.fieldtypes import FIELD_TYPES, Context, Invalid, field_type
from app.formengine.schema import FormDefinition, RepeatField, ShowIf
from app.formengine.unique import repeated_values
from app.formengine.vocabularies import Vocabularies

# Lazy: each is translated when a request uses it (Danish outside an app, e.g. in the CLI).
MSG_REQUIRED = _l("Feltet skal udfyldes.")
MSG_UNKNOWN_FIELD = _l("Feltet findes ikke i formularen.")
REQUIRED_MESSAGES = {
    "boolean": _l("Vælg ja eller nej."),
    "select": _l("Vælg en af mulighederne."),
    "person": _l("Vælg en person fra kerneteamet."),
    "multiselect": _l("Vælg mindst én af mulighederne."),
    "scale": _l("Vælg et tal på skalaen."),
    "repeat": _l("Tilføj mindst én række."),
}
ROW_LIMIT = 500  # above any max_rows a definition may set; stops huge lists early
# Rows in one submission, nested rows included: 500 goals of 500 subgoals each is an attack.
ROW_BUDGET = 10_000
_SEGMENT = re.compile(r"([a-z][a-z0-9_]*)(?:\[([0-9]+)\])?")

Errors = dict[str, list[str]]


@dataclass
class ValidationResult:
    """The values to store (``cleaned``) and the problems found, by field path."""

    cleaned: dict[str, Any]
    errors: Errors = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.errors


def validate_submission(
    definition: FormDefinition,
    data: Any,
    *,
    final: bool,
    vocabularies: Vocabularies,
    people: Sequence[Mapping[str, Any]] | None = None,
    locale: str = "da",
) -> ValidationResult:
    """Check ``data`` (JSON from the API or strings from a web form) and clean it for storing.

    ``locale`` picks the form's own texts (``required_message``, labels) for the messages.
    """
    if not isinstance(data, Mapping):
        return ValidationResult({}, {"": [_("Data skal være et objekt med felter.")]})
    run = _Run(Context(vocabularies, people, locale), final, ROW_BUDGET)
    sink: Errors = defaultdict(list)
    cleaned = _Scope(run, definition.input_fields(), data, "", None).collect(sink)
    return ValidationResult(cleaned, dict(sink))


def default_data(
    definition: FormDefinition, *, vocabularies: Vocabularies | None = None
) -> dict[str, Any]:
    """The values a new, empty form starts with (defaults, prefilled repeat rows)."""
    ctx = Context(vocabularies) if vocabularies is not None else Context()
    return {spec.name: field_type(spec).default(spec, ctx) for spec in definition.input_fields()}


def carry_over(
    definition: FormDefinition,
    data: Mapping[str, Any],
    *,
    vocabularies: Vocabularies,
    people: Sequence[Mapping[str, Any]] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Fit data saved with an older version to ``definition``: (kept data, dropped paths)."""
    dropped: list[str] = []
    candidate = _known_fields(definition.field, data, "", dropped)
    # Clearing one value can affect another (a date that had to come after it): repeat.
    for _attempt in range(3):
        result = validate_submission(
            definition, candidate, final=False, vocabularies=vocabularies, people=people
        )
        for path in result.errors:
            dropped.append(path)
            _clear(candidate, path)
        if result.ok:
            break
    return result.cleaned, dropped


def _known_columns(spec: RepeatField, path: str, rows: Any, dropped: list[str]) -> Any:
    """A copy of ``rows`` without columns the repeat no longer has (nested rows too)."""
    if not isinstance(rows, list):
        return copy.deepcopy(rows)
    kept_rows: list[Any] = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            kept_rows.append(copy.deepcopy(row))
            continue
        kept_rows.append(
            _known_fields(
                lambda key: spec.column(key) if isinstance(key, str) else None,
                row,
                f"{path}[{index}].",
                dropped,
            )
        )
    return kept_rows


def _known_fields(
    lookup: Callable[[Any], Any], values: Mapping[Any, Any], prefix: str, dropped: list[str]
) -> dict[Any, Any]:
    """A copy of ``values`` keeping the keys ``lookup`` still knows (form fields or columns).

    The form's top level and every repeat row are fitted alike; ``prefix`` makes a dropped
    key's path (``""`` at the top, ``"plan[0]."`` in a row).
    """
    kept: dict[Any, Any] = {}
    for key, value in values.items():
        spec = lookup(key)
        here = f"{prefix}{key}"
        if spec is None:
            dropped.append(here)
        elif isinstance(spec, RepeatField):
            kept[key] = _known_columns(spec, here, value, dropped)
        else:
            kept[key] = copy.deepcopy(value)
    return kept


def split_path(path: str) -> list[tuple[str, int | None]] | None:
    """An error path as (name, row index or None) steps: ``goals[0].subgoals[1].text`` gives
    ``[("goals", 0), ("subgoals", 1), ("text", None)]``; None if it is not such a path."""
    steps: list[tuple[str, int | None]] = []
    for part in path.split("."):
        match = _SEGMENT.fullmatch(part)
        if match is None:
            return None
        name, index = match.groups()
        steps.append((name, None if index is None else int(index)))
    if any(index is None for _, index in steps[:-1]):
        return None  # only the last step may name a field without a row
    return steps


def _clear(data: dict[str, Any], path: str) -> None:
    """Remove the value at an error path so the rest of the data can be kept."""
    steps = split_path(path)
    if steps is None:
        data.pop(re.split(r"[.\[]", path, maxsplit=1)[0], None)
        return
    node: Any = data
    for position, (name, index) in enumerate(steps):
        last = position == len(steps) - 1
        if not isinstance(node, dict):
            return
        if index is None:
            node.pop(name, None)
            return
        rows = node.get(name)
        if not isinstance(rows, list) or index >= len(rows):
            return
        if last:
            rows[index] = {}
            return
        node = rows[index]


@dataclass
class _Run:
    ctx: Context
    final: bool
    rows_left: int  # of ROW_BUDGET


class _Scope:
    """The fields of one level (the form, or one repeat row), cleaned on demand.

    Cleaning is lazy because show_if and ``after`` look at other fields' values, and a field
    is only checked when it is visible.
    """

    def __init__(
        self, run: _Run, specs: Sequence[Any], raw: Mapping[str, Any], prefix: str,
        parent: _Scope | None,
    ) -> None:  # fmt: skip
        self.run, self.raw, self.prefix, self.parent = run, raw, prefix, parent
        self.specs = list(specs)
        self.by_name = {s.name: s for s in self.specs}
        self._results: dict[str, tuple[Any, Errors]] = {}
        self._visible: dict[str, bool] = {}
        self._visiting: set[str] = set()

    def collect(self, sink: Errors) -> dict[str, Any]:
        """Clean every visible field, add problems to ``sink`` and return the values to keep."""
        cleaned: dict[str, Any] = {}
        for spec in self.specs:
            if not self.visible(spec.name):
                continue
            value, errors = self.result(spec.name)
            for path, messages in errors.items():
                sink[path].extend(messages)
            if errors:
                continue
            path = self.prefix + spec.name
            kind = field_type(spec)
            if self.run.final and spec.required and kind.is_empty(value):
                sink[path].append(self._required_message(spec))
                continue
            if spec.type == "date" and value:
                problem = self._date_order(spec, value)
                if problem:
                    sink[path].append(problem)
                    continue
            cleaned[spec.name] = value
        for key in self.raw:
            if key not in self.by_name:
                sink[self.prefix + str(key)].append(str(MSG_UNKNOWN_FIELD))
        return cleaned

    def _required_message(self, spec: Any) -> str:
        if spec.required_message is not None:
            return str(spec.required_message.get(self.run.ctx.locale))
        return str(REQUIRED_MESSAGES.get(spec.type, MSG_REQUIRED))

    def owner(self, name: str) -> _Scope | None:
        """The scope holding field ``name``: this row first, then the rows around it, then
        the form."""
        if name in self.by_name:
            return self
        return self.parent.owner(name) if self.parent else None

    def result(self, name: str) -> tuple[Any, Errors]:
        """The cleaned value of field ``name`` in this scope and its problems."""
        if name not in self._results:
            spec = self.by_name[name]
            self._results[name] = self._clean(spec, self.raw.get(name), self.prefix + name)
        return self._results[name]

    def visible(self, name: str) -> bool:
        """Whether field ``name`` of this scope is shown (its show_if holds)."""
        if name not in self._visible:
            condition = self.by_name[name].show_if
            if condition is None or name in self._visiting:
                shown = True  # a show_if loop (the loader refuses those): show rather than lose
            else:
                self._visiting.add(name)
                shown = self._holds(condition)
                self._visiting.discard(name)
            self._visible[name] = shown
        return self._visible[name]

    def seen_value(self, name: str) -> Any:
        """The value other fields see: ``None`` when hidden, invalid or unknown."""
        scope = self.owner(name)
        if scope is None or not scope.visible(name):
            return None
        value, errors = scope.result(name)
        return None if errors else value

    def _holds(self, condition: ShowIf) -> bool:
        scope = self.owner(condition.field)
        if scope is None:
            return False
        kind = field_type(scope.by_name[condition.field])
        value = self.seen_value(condition.field)
        if kind.is_empty(value):
            return False
        return bool(condition.not_empty) or any(kind.matches(value, e) for e in condition.expected)

    def _date_order(self, spec: Any, value: str) -> str | None:
        """The problem with a date that must come after (or not after) another date."""
        for other_name, ok, message in (
            (
                spec.after,
                lambda other: value > other,
                _l("Datoen skal ligge efter %(field)s (%(day)s)."),
            ),
            (
                spec.not_after,
                lambda other: value <= other,
                _l("Datoen må ikke ligge efter %(field)s (%(day)s)."),
            ),
        ):
            other = self.seen_value(other_name) if other_name else None
            scope = self.owner(other_name) if other_name else None
            if other and scope is not None and not ok(other):  # ISO dates sort as text
                label = scope.by_name[other_name].label.get(self.run.ctx.locale)
                return str(message) % {"field": label, "day": format_date(other)}
        return None

    def _clean(self, spec: Any, raw: Any, path: str) -> tuple[Any, Errors]:
        if isinstance(spec, RepeatField):
            return self._clean_repeat(spec, raw, path)
        try:
            return FIELD_TYPES[spec.type].clean(spec, raw, self.run.ctx), {}
        except Invalid as exc:
            return None, {path: [exc.message]}

    def _clean_repeat(self, spec: RepeatField, raw: Any, path: str) -> tuple[Any, Errors]:
        if raw is None:
            raw = []
        if not isinstance(raw, list | tuple):
            return [], {path: [_("Skal være en liste af rækker.")]}
        limit = min(spec.max_rows or ROW_LIMIT, ROW_LIMIT)
        if len(raw) > ROW_LIMIT:
            return [], {path: [_("Der må højst være %(limit)s rækker.", limit=limit)]}
        if len(raw) > self.run.rows_left:
            return [], {path: [_("Formularen har for mange rækker i alt.")]}
        self.run.rows_left -= len(raw)
        errors: Errors = defaultdict(list)
        rows = []
        for index, row in enumerate(raw):
            if not isinstance(row, Mapping):
                errors[f"{path}[{index}]"].append(_("Rækken skal være et objekt med felter."))
                continue
            rows.append(
                _Scope(self.run, spec.fields, row, f"{path}[{index}].", self).collect(errors)
            )
        if len(raw) > limit:
            errors[path].append(_("Der må højst være %(limit)s rækker.", limit=limit))
        # A required repeat without rows gets "add at least one row" from collect() instead.
        if self.run.final and len(raw) < spec.min_rows and (raw or not spec.required):
            errors[path].append(
                ngettext(
                    "Der skal være mindst %(num)s række.",
                    "Der skal være mindst %(num)s rækker.",
                    spec.min_rows,
                )
            )
        if self.run.final and spec.sum_to and rows and not errors:
            problem = _sum_problem(spec, rows, self.run.ctx.locale)
            if problem:
                errors[path].append(problem)
        if self.run.final and spec.unique and not errors:
            errors.update(repeated_values(spec, rows, path, self.run.ctx.locale))
        return rows, dict(errors)


def _sum_problem(spec: RepeatField, rows: list[dict[str, Any]], locale: str) -> str | None:
    rule = spec.sum_to
    assert rule is not None
    column = spec.column(rule.column)
    if column is None:
        return None
    total = sum(
        (Decimal(repr(r[rule.column])) for r in rows if r.get(rule.column) is not None), Decimal(0)
    )
    if abs(total - Decimal(repr(rule.total))) <= Decimal(repr(rule.tolerance)):
        return None
    show = FIELD_TYPES[column.type].show  # type: ignore[attr-defined]
    return _(
        "»%(column)s« summerer til %(total)s, men skal give %(expected)s.",
        column=column.label.get(locale),
        total=show(float(total)),
        expected=show(rule.total),
    )

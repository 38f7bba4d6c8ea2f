"""Checks that need the whole form: names, references, loops, vocabularies and defaults.

They read the raw (parsed YAML) data defensively, so they still run, and report, when some
other part of the file does not fit the schema.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic import TypeAdapter, ValidationError

from app.formengine.fieldtypes import FIELD_TYPES, Context, Invalid
from app.formengine.problems import RawPath, did_you_mean
from app.formengine.schema import NUMBER_TYPES, AnyField

Found = list[tuple[RawPath, str]]
# The fields a name can refer to, nearest first: a row's columns, the row around it, the form.
Scope = dict[str, tuple[RawPath, dict[str, Any]]]
_ONE_FIELD: TypeAdapter[Any] = TypeAdapter(AnyField)
# Defaults are checked without vocabularies: those belong to the municipality, not the file.
_NO_VOCABULARIES = Context(vocabularies={})


def semantic_problems(data: dict[str, Any], vocabulary_names: Collection[str]) -> Found:
    """Problems that concern more than one key of the definition."""
    found: Found = []
    top: dict[str, tuple[RawPath, dict[str, Any]]] = {}
    every: list[tuple[RawPath, dict[str, Any]]] = []  # also unnamed and twice-named fields
    sections: dict[str, RawPath] = {}
    for s_index, section in _items(data.get("sections")):
        s_path: RawPath = ("sections", s_index)
        name = section.get("name")
        if isinstance(name, str):
            if name in sections:
                found.append(((*s_path, "name"), f"the section name '{name}' is used twice"))
            sections.setdefault(name, s_path)
        for f_index, spec in _items(section.get("fields")):
            every.append(((*s_path, "fields", f_index), spec))
            _claim(top, every[-1][0], spec, found)
    checker = _Checker(found, vocabulary_names, data.get("scope"))
    for path, spec in every:
        checker.field(path, spec, [top])
    checker.loops(top)
    return found


def _kind(spec: dict[str, Any]) -> str | None:
    """The field's type if it is a text (damaged files can hold anything there)."""
    kind = spec.get("type")
    return kind if isinstance(kind, str) else None


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _columns(spec: dict[str, Any]) -> Scope:
    """A repeat's columns by name (the first of a name counts; _claim reports the others)."""
    columns: Scope = {}
    for index, column in _items(spec.get("fields")):
        name = column.get("name")
        if isinstance(name, str):
            columns.setdefault(name, (("fields", index), column))
    return columns


def _claim(names: dict[str, Any], path: RawPath, spec: dict[str, Any], found: Found) -> None:
    name = spec.get("name")
    if not isinstance(name, str):
        return
    if name in names:
        found.append(
            ((*path, "name"), f"the field name '{name}' is used twice; names must be unique")
        )
    else:
        names[name] = (path, spec)


class _Checker:
    def __init__(self, found: Found, vocabulary_names: Collection[str], scope: Any) -> None:
        self.found, self.vocabulary_names, self.scope = found, vocabulary_names, scope

    def add(self, path: RawPath, message: str) -> None:
        self.found.append((path, message))

    def field(self, path: RawPath, spec: dict[str, Any], scopes: list[Scope]) -> None:
        """Check one field; ``scopes`` holds its siblings first, then the enclosing levels."""
        kind = _kind(spec)
        self.show_if(path, spec, scopes)
        for rule in ("after", "not_after"):
            if kind == "date" and isinstance(spec.get(rule), str):
                self.date_rule(path, spec, scopes, rule)
        choices_from = spec.get("choices_from")
        if isinstance(choices_from, str) and choices_from not in self.vocabulary_names:
            known = ", ".join(sorted(self.vocabulary_names))
            self.add(
                (*path, "choices_from"),
                f"unknown vocabulary '{choices_from}'"
                + (did_you_mean(choices_from, self.vocabulary_names) or f" (known: {known})"),
            )
        if kind == "person" and self.scope == "municipality":
            self.add(
                (*path, "type"),
                "person fields need a case's core team; this form has scope: municipality",
            )
        if (
            spec.get("required") is True
            and spec.get("readonly") is True
            and spec.get("default") is None
        ):
            self.add(
                (*path, "readonly"),
                "a required field that is read-only needs a default, or nobody can fill it in",
            )
        if spec.get("required_message") is not None and spec.get("required") is not True:
            self.add(
                (*path, "required_message"),
                "required_message is only shown for a required field; add required: true",
            )
        if kind == "repeat":
            self.repeat(path, spec, scopes)
        elif spec.get("default") is not None:
            self.default(path, spec)

    def show_if(self, path: RawPath, spec: dict[str, Any], scopes: list[Scope]) -> None:
        rule = spec.get("show_if")
        if not isinstance(rule, dict) or not isinstance(rule.get("field"), str):
            return
        here = (*path, "show_if", "field")
        target_name = rule["field"]
        if target_name == spec.get("name"):
            self.add(here, "show_if cannot depend on the field itself")
            return
        target = self.lookup(target_name, scopes)
        if target is None:
            self.add(
                here,
                f"show_if refers to '{target_name}', but there is no such field"
                + did_you_mean(target_name, [n for scope in scopes for n in scope]),
            )
            return
        kind = _kind(target)
        if kind in ("heading", "help"):
            self.add(here, f"'{target_name}' is a {kind} and holds no value")
            return
        tests = [("equals", rule["equals"])] if rule.get("equals") is not None else []
        if isinstance(rule.get("one_of"), list):
            tests += [(("one_of", i), v) for i, v in enumerate(rule["one_of"])]
        for where, value in tests:
            at = (*path, "show_if", *(where if isinstance(where, tuple) else (where,)))
            problem = self.expected_value(target_name, target, value)
            if problem:
                self.add(at, problem)

    def expected_value(self, name: str, target: dict[str, Any], value: Any) -> str | None:
        kind = _kind(target)
        if kind == "repeat":
            return f"'{name}' is a repeat; test it with not_empty: true"
        if kind == "boolean" and not isinstance(value, bool):
            return f"'{name}' is yes/no: use true or false"
        if kind in NUMBER_TYPES | {"scale"} and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            return f"'{name}' holds a number: compare it with a number"
        choices = target.get("choices")
        if kind in ("select", "multiselect") and isinstance(choices, list):
            values = [c.get("value") for c in choices if isinstance(c, dict)]
            if value not in values:
                return f"'{value}' is not one of the choices of '{name}'" + did_you_mean(
                    value, [str(v) for v in values]
                )
        return None

    def date_rule(
        self, path: RawPath, spec: dict[str, Any], scopes: list[Scope], rule: str = "after"
    ) -> None:
        """Check that ``after``/``not_after`` names another date field."""
        here = (*path, rule)
        other = spec[rule]
        if other == spec.get("name"):
            self.add(here, f"{rule} cannot name the field itself")
            return
        target = self.lookup(other, scopes)
        if target is None:
            dates = [n for scope in scopes for n, (_, s) in scope.items() if _kind(s) == "date"]
            self.add(
                here,
                f"{rule} refers to '{other}', but there is no such field"
                + did_you_mean(other, dates),
            )
        elif _kind(target) != "date":
            self.add(
                here, f"{rule} must name a date field; '{other}' is a {target.get('type')} field"
            )

    def repeat(self, path: RawPath, spec: dict[str, Any], scopes: list[Scope]) -> None:
        columns: Scope = {}
        every = [((*path, "fields", index), column) for index, column in _items(spec.get("fields"))]
        for column_path, column in every:
            _claim(columns, column_path, column, self.found)
        for column_path, column in every:
            self.field(column_path, column, [columns, *scopes])
        self.loops(columns)
        rule = spec.get("sum_to")
        if isinstance(rule, dict) and isinstance(rule.get("column"), str):
            name = rule["column"]
            here = (*path, "sum_to", "column")
            if name not in columns:
                self.add(
                    here,
                    f"sum_to refers to the column '{name}', but the repeat has no such column"
                    + did_you_mean(name, columns),
                )
            elif _kind(columns[name][1]) not in NUMBER_TYPES:
                self.add(
                    here,
                    f"sum_to needs a number column; '{name}' is a "
                    f"{columns[name][1].get('type')} field",
                )
        if isinstance(spec.get("default"), list):
            self.default_rows((*path, "default"), spec, spec["default"])

    def default_rows(self, path: RawPath, spec: dict[str, Any], rows: list[Any]) -> None:
        """Check prefilled rows; a nested repeat's value in a row is a list of rows too."""
        columns = {name: column for name, (_, column) in _columns(spec).items()}
        max_rows = spec.get("max_rows")
        if isinstance(max_rows, int) and len(rows) > max_rows:
            self.add(path, f"has {len(rows)} rows but max_rows is {max_rows}")
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                continue  # the schema says rows are mappings
            for key, value in row.items():
                here = (*path, index, key)
                column = columns.get(key)
                if column is None:
                    self.add(
                        here, f"row {index + 1} has no column '{key}'" + did_you_mean(key, columns)
                    )
                elif value is None:
                    continue
                elif _kind(column) != "repeat":
                    self.default(here, column, value, at_default=False)
                elif isinstance(value, list) and all(isinstance(r, dict) for r in value):
                    self.default_rows(here, column, value)
                else:
                    self.add(here, "should be a list of rows (mappings of column: value)")

    def default(
        self, path: RawPath, spec: dict[str, Any], value: Any = None, *, at_default: bool = True
    ) -> None:
        try:
            model = _ONE_FIELD.validate_python(spec)
        except ValidationError:
            return  # the schema errors already say what is wrong with this field
        value = model.default if at_default else value
        if value is None or value == "today" or not model.is_input:
            return
        try:
            FIELD_TYPES[model.type].clean(model, value, _NO_VOCABULARIES)
        except LookupError:
            return  # choices come from a vocabulary; the municipality's list decides
        except Invalid as exc:
            self.add(
                (*path, "default") if at_default else path,
                f"the default {value!r} does not fit: {exc.message}",
            )

    def lookup(self, name: str, scopes: list[Scope]) -> dict[str, Any] | None:
        """The nearest field called ``name``: this level first, then the ones around it."""
        found = next((scope[name] for scope in scopes if name in scope), None)
        return found[1] if found else None

    def loops(self, fields: Scope) -> None:
        """Report show_if chains that come back to where they started."""
        target_of = {}
        for name, (_, spec) in fields.items():
            rule = spec.get("show_if")
            target = rule.get("field") if isinstance(rule, dict) else None
            if isinstance(target, str) and target in fields and target != name:
                target_of[name] = target
        reported: set[str] = set()
        for start in target_of:
            chain = [start]
            while chain[-1] in target_of and target_of[chain[-1]] not in chain:
                chain.append(target_of[chain[-1]])
            if chain[-1] in target_of and target_of[chain[-1]] == start and start not in reported:
                reported.update(chain)
                path = fields[start][0]
                self.add(
                    (*path, "show_if", "field"),
                    "show_if goes round in a circle: " + " → ".join([*chain, start]),
                )

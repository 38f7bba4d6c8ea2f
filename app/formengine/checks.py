"""Checks that need the whole form: names, references, loops, vocabularies and defaults.

They read the raw (parsed YAML) data defensively, so they still run, and report, when some
other part of the file does not fit the schema.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from flask_babel import gettext as _
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
                found.append(
                    ((*s_path, "name"), _("afsnitsnavnet '%(name)s' bruges to gange", name=name))
                )
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
            (
                (*path, "name"),
                _("feltnavnet '%(name)s' bruges to gange; navne skal være entydige", name=name),
            )
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
                _("ukendt liste '%(name)s'", name=choices_from)
                + (
                    did_you_mean(choices_from, self.vocabulary_names)
                    or " " + _("(kendte: %(known)s)", known=known)
                ),
            )
        if kind == "person" and self.scope == "municipality":
            self.add(
                (*path, "type"),
                _("personfelter kræver en sags kerneteam; denne formular har scope: municipality"),
            )
        if (
            spec.get("required") is True
            and spec.get("readonly") is True
            and spec.get("default") is None
        ):
            self.add(
                (*path, "readonly"),
                _(
                    "et påkrævet felt, der er skrivebeskyttet, skal have en standardværdi, "
                    "ellers kan ingen udfylde det"
                ),
            )
        if spec.get("required_message") is not None and spec.get("required") is not True:
            self.add(
                (*path, "required_message"),
                _("required_message vises kun for et påkrævet felt; tilføj required: true"),
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
            self.add(here, _("show_if kan ikke afhænge af feltet selv"))
            return
        target = self.lookup(target_name, scopes)
        if target is None:
            self.add(
                here,
                _(
                    "show_if henviser til '%(name)s', men der er intet felt med det navn",
                    name=target_name,
                )
                + did_you_mean(target_name, [n for scope in scopes for n in scope]),
            )
            return
        kind = _kind(target)
        if kind in ("heading", "help"):
            self.add(
                here,
                _("'%(name)s' er et %(type)s-felt og har ingen værdi", name=target_name, type=kind),
            )
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
            return _("'%(name)s' er en gentagelse; test den med not_empty: true", name=name)
        if kind == "boolean" and not isinstance(value, bool):
            return _("'%(name)s' er ja/nej: brug true eller false", name=name)
        if kind in NUMBER_TYPES | {"scale"} and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            return _("'%(name)s' indeholder et tal: sammenlign med et tal", name=name)
        choices = target.get("choices")
        if kind in ("select", "multiselect") and isinstance(choices, list):
            values = [c.get("value") for c in choices if isinstance(c, dict)]
            if value not in values:
                return _(
                    "'%(value)s' er ikke en af valgmulighederne i '%(name)s'",
                    value=value,
                    name=name,
                ) + did_you_mean(value, [str(v) for v in values])
        return None

    def date_rule(
        self, path: RawPath, spec: dict[str, Any], scopes: list[Scope], rule: str = "after"
    ) -> None:
        """Check that ``after``/``not_after`` names another date field."""
        here = (*path, rule)
        other = spec[rule]
        if other == spec.get("name"):
            self.add(here, _("%(rule)s kan ikke nævne feltet selv", rule=rule))
            return
        target = self.lookup(other, scopes)
        if target is None:
            dates = [n for scope in scopes for n, (_, s) in scope.items() if _kind(s) == "date"]
            self.add(
                here,
                _(
                    "%(rule)s henviser til '%(name)s', men der er intet felt med det navn",
                    rule=rule,
                    name=other,
                )
                + did_you_mean(other, dates),
            )
        elif _kind(target) != "date":
            self.add(
                here,
                _(
                    "%(rule)s skal nævne et datofelt; '%(name)s' er et %(type)s-felt",
                    rule=rule,
                    name=other,
                    type=target.get("type"),
                ),
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
                    _(
                        "sum_to henviser til kolonnen '%(name)s', men gentagelsen har ingen "
                        "kolonne med det navn",
                        name=name,
                    )
                    + did_you_mean(name, columns),
                )
            elif _kind(columns[name][1]) not in NUMBER_TYPES:
                self.add(
                    here,
                    _(
                        "sum_to kræver en talkolonne; '%(name)s' er et %(type)s-felt",
                        name=name,
                        type=columns[name][1].get("type"),
                    ),
                )
        self.unique_columns(path, spec, columns)
        if isinstance(spec.get("default"), list):
            self.default_rows((*path, "default"), spec, spec["default"])

    def unique_columns(self, path: RawPath, spec: dict[str, Any], columns: Scope) -> None:
        """Each column `unique` names exists and holds one value per row."""
        names = spec.get("unique")
        for index, name in enumerate(names if isinstance(names, list) else []):
            if not isinstance(name, str):
                continue
            here = (*path, "unique", index)
            if name not in columns:
                self.add(
                    here,
                    _(
                        "unique henviser til kolonnen '%(name)s', men gentagelsen har ingen "
                        "kolonne med det navn",
                        name=name,
                    )
                    + did_you_mean(name, columns),
                )
            elif _kind(columns[name][1]) == "repeat":
                self.add(here, _("unique kræver en kolonne med én værdi pr. række"))

    def default_rows(self, path: RawPath, spec: dict[str, Any], rows: list[Any]) -> None:
        """Check prefilled rows; a nested repeat's value in a row is a list of rows too."""
        columns = {name: column for name, (_, column) in _columns(spec).items()}
        max_rows = spec.get("max_rows")
        if isinstance(max_rows, int) and len(rows) > max_rows:
            self.add(
                path,
                _("har %(rows)s rækker, men max_rows er %(max)s", rows=len(rows), max=max_rows),
            )
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                continue  # the schema says rows are mappings
            for key, value in row.items():
                here = (*path, index, key)
                column = columns.get(key)
                if column is None:
                    self.add(
                        here,
                        _("række %(row)s har ingen kolonne '%(key)s'", row=index + 1, key=key)
                        + did_you_mean(key, columns),
                    )
                elif value is None:
                    continue
                elif _kind(column) != "repeat":
                    self.default(here, column, value, at_default=False)
                elif isinstance(value, list) and all(isinstance(r, dict) for r in value):
                    self.default_rows(here, column, value)
                else:
                    self.add(here, _("skal være en liste af rækker (mappings af kolonne: værdi)"))

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
                _(
                    "standardværdien %(value)s passer ikke: %(reason)s",
                    value=repr(value),
                    reason=exc.message,
                ),
            )

    def lookup(self, name: str, scopes: list[Scope]) -> dict[str, Any] | None:
        """The nearest field called ``name``: this level first, then the ones around it."""
        found = next((scope[name] for scope in scopes if name in scope), None)
        return found[1] if found else None

    def loops(self, fields: Scope) -> None:
        """Report show_if chains that come back to where they started."""
        target_of = {}
        for name, (_path, spec) in fields.items():
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
                    _("show_if går i ring: %(chain)s", chain=" → ".join([*chain, start])),
                )

"""The properties panel of the visual editor: what it shows for a field or a repeat's
column (`app.forms.panel_write` turns the posted values back into YAML).

Inputs are named ``p_<key>`` (``p_label_da``, ``p_min``…); a key without its input on the
page is left alone. A field is addressed by its path (`app.forms.columns`): ``goals`` or
``goals.title``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from app.formengine.schema import NUMBER_TYPES, SCALE_MAX, SCALE_MIN
from app.forms import columns as paths

TEXTS = {"heading": "label", "help": "text"}  # the text key of a block; fields use label
FILLED = "__filled__"  # the show_if value that means "is filled in"
KEEP = "__keep__"  # keep a show_if rule written in YAML as it is


@dataclass
class Panel:
    """What the properties panel shows for the selected field."""

    path: str  # what the panel edits: `goals` or `goals.title`
    kind: str
    spec: Mapping[str, Any]
    text_key: str
    targets: list[tuple[str, str]]  # (name, label) of fields a show_if may name
    values: dict[str, list[tuple[str, str]]]  # target name -> (value, label) it can test
    dates: list[tuple[str, str]]  # other date fields, for the date order
    columns: list[tuple[str, str]]  # number columns of a repeat, for the column sum
    lists: list[tuple[str, str]]  # shared lists (name, title)
    show_field: str = ""
    show_test: str = "equals"
    show_value: str = ""
    show_values: list[str] = field(default_factory=list)  # the values of a one_of rule
    show_kept: list[str] = field(default_factory=list)  # values of a rule kept as written
    defaults: list[tuple[str, str]] = field(default_factory=list)  # a default to pick from
    # A card's groups as (number, label): a repeat's own, and a column's table's with the
    # number of the group the column is in ('' for none).
    groups: list[tuple[str, str]] = field(default_factory=list)
    table_groups: list[tuple[str, str]] = field(default_factory=list)
    group: str = ""

    @property
    def name(self) -> str:
        """The field's own name (the last part of its path)."""
        return self.path.rpartition(paths.SEP)[2]

    @property
    def is_column(self) -> bool:
        """True for a column of a repeat."""
        return paths.is_column(self.path)

    def text(self, key: str, locale: str) -> str:
        """A LocalizedText key's value in one language ('' when absent)."""
        return _in_language(self.spec.get(key), locale)

    def value(self, key: str) -> str:
        """A plain key's value as the input shows it."""
        value = self.spec.get(key)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None or isinstance(value, Mapping | list) else str(value)

    def group_text(self, number: int, locale: str) -> str:
        """A repeat's group label in one language ('' when absent)."""
        groups = [g for g in self.spec.get("groups") or [] if isinstance(g, Mapping)]
        return _in_language(groups[number].get("label") if number < len(groups) else None, locale)

    def choices_text(self) -> str:
        """Inline choices, one a line: `value | Dansk | English`."""
        lines = []
        for choice in self.spec.get("choices") or []:
            if isinstance(choice, Mapping):
                label = choice.get("label")
                da = label.get("da") if isinstance(label, Mapping) else label
                en = label.get("en") if isinstance(label, Mapping) else None
                lines.append(" | ".join(str(p) for p in (choice.get("value"), da, en) if p))
        return "\n".join(lines)


def _in_language(value: Any, locale: str) -> str:
    """A LocalizedText in one language: `{da, en}`'s part, or plain text as the Danish."""
    if isinstance(value, Mapping):
        return str(value.get(locale) or "")
    return str(value) if value is not None and locale == "da" else ""


def _label(spec: Mapping[str, Any], locale: str) -> str:
    value = spec.get("label")
    if isinstance(value, Mapping):
        return str((value.get("en") if locale == "en" else None) or value.get("da") or "")
    return str(value or spec.get("name") or "")


def _groups(repeat: Mapping[str, Any], locale: str) -> list[tuple[str, str]]:
    groups = [g for g in repeat.get("groups") or [] if isinstance(g, Mapping)]
    return [(str(number), _label(g, locale)) for number, g in enumerate(groups)]


def testable_values(
    spec: Mapping[str, Any], vocabularies: Mapping[str, Any], locale: str
) -> list[tuple[str, str]]:
    """The values a show_if may compare this field with (empty: only "is filled in")."""
    kind = spec.get("type")
    if kind == "boolean":
        return [("true", _("Ja")), ("false", _("Nej"))]
    if kind == "scale":
        return [(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)]
    if kind not in ("select", "multiselect"):
        return []
    if isinstance(spec.get("choices"), list):
        return [
            (str(c.get("value")), _label(c, locale) or str(c.get("value")))
            for c in spec["choices"]
            if isinstance(c, Mapping)
        ]
    items = vocabularies.get(spec.get("choices_from")) or []
    return [
        (str(i["value"]), str((i.get("label_en") if locale == "en" else None) or i["label"]))
        for i in items
        if not i.get("retired")
    ]


def panel(
    data: Mapping[str, Any],
    path: str,
    vocabularies: Mapping[str, Any],
    list_titles: Mapping[str, str],
    locale: str = "da",
) -> Panel | None:
    """The panel of the field (or column) at ``path``; None when there is no such field.

    A show_if, an order of dates or a column sum names a field on the same level: a
    column's fellow columns, a top-level field's fellow fields."""
    spec = paths.spec_in(data, path)
    if spec is None:
        return None
    own = spec.get("name")
    others = [f for f in paths.siblings_in(data, path) if f is not spec and f.get("name") != own]
    others = [f for f in others if f.get("type") not in TEXTS]
    rule = spec.get("show_if") if isinstance(spec.get("show_if"), Mapping) else {}
    columns = [
        (str(c.get("name")), _label(c, locale))
        for c in spec.get("fields") or []
        if isinstance(c, Mapping) and c.get("type") in NUMBER_TYPES
    ]
    values = {str(f["name"]): testable_values(f, vocabularies, locale) for f in others}
    table = paths.spec_in(data, paths.parent(path)) if paths.is_column(path) else None
    group = paths.group_of(table, str(own)) if table is not None else None
    offered = [v for v, _text in values.get(str(rule.get("field")), [])]
    test, value, chosen, kept = "equals", "", [], []
    if rule.get("not_empty"):
        test = "not_empty"
    elif "one_of" in rule:
        test, chosen = "one_of", [_plain(v) for v in rule.get("one_of") or []]
        # A value the builder cannot offer (a number typed in YAML) keeps the rule as written
        # until the leader picks something else.
        kept = chosen if any(v not in offered for v in chosen) else []
    elif "equals" in rule and rule.get("equals") is not None:
        value = _plain(rule["equals"])
        kept = [value] if value not in offered else []
    return Panel(
        path=path,
        kind=str(spec.get("type")),
        spec=spec,
        text_key=TEXTS.get(str(spec.get("type")), "label"),
        targets=[(str(f["name"]), _label(f, locale)) for f in others],
        values=values,
        dates=[(str(f["name"]), _label(f, locale)) for f in others if f.get("type") == "date"],
        columns=columns,
        lists=[(n, str(list_titles.get(n, n))) for n in vocabularies],
        show_field=str(rule.get("field") or ""),
        show_test=test,
        show_value=KEEP if kept else value,
        show_values=chosen,
        show_kept=kept,
        defaults=testable_values(spec, vocabularies, locale),
        groups=_groups(spec, locale),
        table_groups=_groups(table or {}, locale),
        group="" if group is None else str(group),
    )


def condition_text(
    spec: Mapping[str, Any], data: Mapping[str, Any], locale: str, path: str = ""
) -> str:
    """ "Vises kun hvis …" in words, for the outline ('' without a show_if); ``path`` is the
    field's own, so a column's rule is read among its fellow columns."""
    rule = spec.get("show_if")
    if not isinstance(rule, Mapping) or not isinstance(rule.get("field"), str):
        return ""
    level = paths.siblings_in(data, path or str(spec.get("name")))
    target = next((f for f in level if f.get("name") == rule["field"]), {})
    label = _label(target, locale) if target else rule["field"]
    if rule.get("not_empty"):
        return _("Vises kun, hvis »%(field)s« er udfyldt", field=label)
    expected = [rule["equals"]] if "equals" in rule else list(rule.get("one_of") or [])
    shown = dict(testable_values(target, {}, locale)) if target else {}
    words = [shown.get(_plain(v), _plain(v)) for v in expected]
    return _("Vises kun, hvis »%(field)s« er %(values)s", field=label, values=" / ".join(words))


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)

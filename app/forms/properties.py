"""The properties panel of the visual editor: what it shows for a field, and how posted
values become YAML. Only keys whose posted value differs from the file's are written, so a
field nobody changed keeps its bytes.

Inputs are named ``p_<key>`` (``p_label_da``, ``p_min``…); a key without its input on the
page is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from app.formengine.schema import NAME_PATTERN, NUMBER_TYPES
from app.formengine.typenames import TYPE_NAMES
from app.forms import roundtrip as rt

TEXTS = {"heading": "label", "help": "text"}  # the text key of a block; fields use label
FILLED = "__filled__"  # the show_if value that means "is filled in"
KEEP = "__keep__"  # keep a show_if rule written in YAML as it is


@dataclass
class Panel:
    """What the properties panel shows for the selected field."""

    name: str
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
    show_kept: list[str] = field(default_factory=list)  # values of a rule kept as written
    errors: list[str] = field(default_factory=list)

    def text(self, key: str, locale: str) -> str:
        """A LocalizedText key's value in one language ('' when absent)."""
        value = self.spec.get(key)
        if isinstance(value, Mapping):
            return str(value.get(locale) or "")
        return str(value) if value is not None and locale == "da" else ""

    def value(self, key: str) -> str:
        """A plain key's value as the input shows it."""
        value = self.spec.get(key)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None or isinstance(value, Mapping | list) else str(value)

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


def _label(spec: Mapping[str, Any], locale: str) -> str:
    value = spec.get("label")
    if isinstance(value, Mapping):
        return str((value.get("en") if locale == "en" else None) or value.get("da") or "")
    return str(value or spec.get("name") or "")


def _input_fields(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [
        f
        for s in data.get("sections") or []
        if isinstance(s, Mapping)
        for f in s.get("fields") or []
        if isinstance(f, Mapping) and isinstance(f.get("name"), str)
    ]


def testable_values(
    spec: Mapping[str, Any], vocabularies: Mapping[str, Any], locale: str
) -> list[tuple[str, str]]:
    """The values a show_if may compare this field with (empty: only "is filled in")."""
    kind = spec.get("type")
    if kind == "boolean":
        return [("true", _("Ja")), ("false", _("Nej"))]
    if kind == "scale":
        return [(str(n), str(n)) for n in range(1, 11)]
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
    name: str,
    vocabularies: Mapping[str, Any],
    list_titles: Mapping[str, str],
    locale: str = "da",
) -> Panel | None:
    """The panel of the field called ``name``; None when there is no such field."""
    fields = _input_fields(data)
    spec = next((f for f in fields if f["name"] == name), None)
    if spec is None:
        return None
    others = [f for f in fields if f["name"] != name and f.get("type") not in TEXTS]
    rule = spec.get("show_if") if isinstance(spec.get("show_if"), Mapping) else {}
    value = FILLED if rule.get("not_empty") else rule.get("equals")
    if isinstance(value, bool):
        value = "true" if value else "false"
    columns = [
        (str(c.get("name")), _label(c, locale))
        for c in spec.get("fields") or []
        if isinstance(c, Mapping) and c.get("type") in NUMBER_TYPES
    ]
    values = {f["name"]: testable_values(f, vocabularies, locale) for f in others}
    # A rule the builder cannot offer (one_of, or a value typed in YAML such as a number) is
    # shown as it is and kept until the leader picks something else.
    kept = [_plain(v) for v in rule.get("one_of") or []]
    offered = [v for v, _text in values.get(str(rule.get("field")), [])]
    if "equals" in rule and value is not None and str(value) not in offered:
        kept = [str(value)]
    return Panel(
        name=name,
        kind=str(spec.get("type")),
        spec=spec,
        text_key=TEXTS.get(str(spec.get("type")), "label"),
        targets=[(f["name"], _label(f, locale)) for f in others],
        values=values,
        dates=[(f["name"], _label(f, locale)) for f in others if f.get("type") == "date"],
        columns=columns,
        lists=[(n, str(list_titles.get(n, n))) for n in vocabularies],
        show_field=str(rule.get("field") or ""),
        show_test="not_empty" if rule.get("not_empty") else "equals",
        show_value=KEEP if kept else "" if value is None else str(value),
        show_kept=kept,
    )


def condition_text(spec: Mapping[str, Any], data: Mapping[str, Any], locale: str) -> str:
    """ "Vises kun hvis …" in words, for the outline ('' without a show_if)."""
    rule = spec.get("show_if")
    if not isinstance(rule, Mapping) or not isinstance(rule.get("field"), str):
        return ""
    target = next((f for f in _input_fields(data) if f["name"] == rule["field"]), {})
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


# --- writing -----------------------------------------------------------------------------


def _number(text: str) -> Any:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text  # the check then says it must be a number, on this field
    # 37,5 in a whole-number field stays 37.5: the check says so, nothing is cut silently.
    return int(number) if number.is_integer() else number


def _date(text: str) -> Any:
    text = text.strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return text


def _choices(text: str) -> list[Any]:
    """`value | Dansk | English` lines (or just `Dansk`) as choice mappings."""
    choices = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not any(parts):
            continue
        if len(parts) == 1:
            parts = [rt.slug(parts[0], "valg"), parts[0]]
        value, da, en = (parts + ["", ""])[:3]
        choices.append(rt.flow_map([("value", value), ("label", rt.localized(da or value, en))]))
    return choices


def _same_choices(current: Any, new: list[Any]) -> bool:
    if not isinstance(current, list):
        return False
    plain = [{"value": str(c.get("value")), "label": c.get("label")} for c in current]
    wanted = [{"value": str(c["value"]), "label": _text_value(c["label"])} for c in new]
    return [{**p, "label": _text_value(p["label"])} for p in plain] == wanted


def _text_value(value: Any) -> Any:
    if value is None:
        return {"da": "", "en": ""}
    if isinstance(value, Mapping):
        return {"da": str(value.get("da")), "en": str(value.get("en") or "")}
    return {"da": str(value), "en": ""}


def _set(spec: Any, key: str, value: Any, current: Any) -> None:
    if value != current:
        rt.set_property(spec, key, value)


def apply(
    document: rt.Document,
    name: str,
    posted: Mapping[str, str],
    vocabularies: Mapping[str, Any],
    published: Collection[str] = (),
) -> str:
    """Write the posted properties of field ``name``; returns its (possibly new) name.

    A field added in this sitting (not in ``published``) that still has the palette's
    starting name is named after its Danish label, so data and Word templates read
    ``barnets_egne_ord`` rather than ``lang_tekst``."""
    spec = rt.field_spec(document, name)
    plain = _plain_spec(document, name)
    kind = str(plain.get("type"))
    text_key = TEXTS.get(kind, "label")
    wanted = posted.get("p_name", name).strip()
    if wanted == name and name not in published and _is_starting_name(name, kind):
        label = posted.get(f"p_{text_key}_da", "").strip()
        if label and label != str(TYPE_NAMES.get(kind)):
            wanted = rt.unique_name(document, rt.slug(label))
    for key in (text_key, "help", "required_message"):
        if f"p_{key}_da" in posted:
            da, en = posted[f"p_{key}_da"], posted.get(f"p_{key}_en", "")
            if _text_value(plain.get(key)) != {"da": da.strip(), "en": en.strip()}:
                if (da.strip() or en.strip()) or key in spec:
                    rt.set_text(spec, key, da or en, en)
    if "p_required_shown" in posted:
        _set(spec, "required", True if posted.get("p_required") else None, plain.get("required"))
    for key in ("min", "max"):
        if f"p_{key}" in posted:
            raw = posted[f"p_{key}"]
            value = _date(raw) if kind == "date" else _number(raw)
            _set(spec, key, value, plain.get(key))
    for key in ("max_length",):
        if f"p_{key}" in posted:
            _set(spec, key, _number(posted[f"p_{key}"]), plain.get(key))
    for key in ("after", "not_after", "widget"):
        if f"p_{key}" in posted:
            _set(spec, key, posted[f"p_{key}"].strip() or None, plain.get(key))
    if "p_choices_mode" in posted:
        _apply_choices(spec, plain, posted)
    if "p_sum_column" in posted:
        _apply_sum(spec, plain, posted)
    if "p_show_field" in posted:
        _apply_show_if(document, spec, plain, posted, vocabularies)
    return _rename(document, spec, name, wanted)


def _is_starting_name(name: str, kind: str) -> bool:
    """True for the name the palette gave a new field (`kort_tekst`, `kort_tekst_2`)."""
    start = rt.slug(str(TYPE_NAMES.get(kind, kind)), "felt")
    return re.fullmatch(rf"{re.escape(start)}(_\d+)?", name) is not None


def _plain_spec(document: rt.Document, name: str) -> Mapping[str, Any]:
    """The field as the app's loader reads it (YAML 1.1), for comparing posted values."""
    data = rt.app_reading(rt.dump(document)) or {}
    return next((f for f in _input_fields(data) if f["name"] == name), {})


def _apply_choices(spec: Any, plain: Mapping[str, Any], posted: Mapping[str, str]) -> None:
    if posted["p_choices_mode"] == "list":
        listed = posted.get("p_choices_from", "").strip()
        if listed and listed != plain.get("choices_from"):
            spec.pop("choices", None)
            rt.set_property(spec, "choices_from", listed)
        return
    choices = _choices(posted.get("p_choices", ""))
    if choices and not _same_choices(plain.get("choices"), choices):
        spec.pop("choices_from", None)
        rt.set_property(spec, "choices", choices)


def _apply_sum(spec: Any, plain: Mapping[str, Any], posted: Mapping[str, str]) -> None:
    column = posted["p_sum_column"].strip()
    current = plain.get("sum_to") if isinstance(plain.get("sum_to"), Mapping) else {}
    total = _number(posted.get("p_sum_total", ""))
    if not column:
        _set(spec, "sum_to", None, plain.get("sum_to"))
    elif column != current.get("column") or total != current.get("total", 100):
        pairs = [("column", column)] + ([("total", total)] if total not in (None, 100) else [])
        rt.set_property(spec, "sum_to", rt.flow_map(pairs))


def _apply_show_if(
    document: rt.Document,
    spec: Any,
    plain: Mapping[str, Any],
    posted: Mapping[str, str],
    vocabularies: Mapping[str, Any],
) -> None:
    target_name = posted["p_show_field"].strip()
    current = plain.get("show_if")
    if not target_name:
        _set(spec, "show_if", None, current)
        return
    data = rt.app_reading(rt.dump(document)) or {}
    target = next((f for f in _input_fields(data) if f["name"] == target_name), None)
    if target is None:
        return
    allowed = [v for v, _label in testable_values(target, vocabularies, "da")]
    value = posted.get("p_show_value", "")
    if posted.get("p_show_test") == "not_empty":
        value = FILLED
    elif value == KEEP and isinstance(current, Mapping) and current.get("field") == target_name:
        return
    if value != FILLED and value not in allowed:
        value = allowed[0] if allowed else FILLED  # the field changed: its first valid value
    if value == FILLED:
        rule = [("field", target_name), ("not_empty", True)]
    else:
        typed: Any = value
        if target.get("type") == "boolean":
            typed = value == "true"
        elif target.get("type") == "scale":
            typed = int(value)
        rule = [("field", target_name), ("equals", typed)]
    if current != dict(rule):
        rt.set_property(spec, "show_if", rt.flow_map(rule))


def _rename(document: rt.Document, spec: Any, name: str, wanted: str) -> str:
    if not wanted or wanted == name or not re.fullmatch(NAME_PATTERN, wanted):
        return name
    if wanted in rt.field_names(document) or wanted in rt.section_names(document):
        return name
    spec["name"] = wanted
    return wanted

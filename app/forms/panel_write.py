"""How the visual editor's properties panel becomes YAML: only keys whose posted value
differs from the file's are written, so a field (or column) nobody changed keeps its bytes.

Inputs are named ``p_<key>``; a key whose input is not on the page is left alone. Which keys
a field type accepts follows app/formengine/specs.py; the panel offers only those.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from app.formengine.schema import NAME_PATTERN, NUMBER_TYPES
from app.formengine.typenames import TYPE_NAMES
from app.forms import columns as paths
from app.forms import roundtrip as rt
from app.forms.properties import FILLED, KEEP, TEXTS, testable_values

# LocalizedText keys the panel edits as a Danish/English pair (when the type has them).
TEXT_PAIRS = (
    "help",
    "required_message",
    "low_label",
    "high_label",
    "unit",
    "pattern_message",
    "item_label",
    "add_label",
)
FLAGS = ("required", "readonly")  # checkboxes, posted with p_<key>_shown
NUMBERS = ("max_length", "min_rows", "max_rows")
WORDS = ("after", "not_after", "widget", "pattern")
# A posted value equal to the schema's default, for a key the file does not have: no change.
IMPLIED = {"layout": "table"}


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


def _default(kind: str, text: str) -> Any:
    """A posted default as the type's value (the check explains one that does not fit)."""
    text = text.strip()
    if not text:
        return None
    if kind in NUMBER_TYPES:
        return _number(text)
    if kind == "scale":
        return int(text) if text.isdigit() else text
    if kind == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if kind == "date":
        return text if text == "today" else _date(text)
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
    if value == IMPLIED.get(key) and current is None:
        return
    if value != current:
        rt.set_property(spec, key, value)


def apply(
    document: rt.Document,
    path: str,
    posted: Mapping[str, str],
    vocabularies: Mapping[str, Any],
    published: Collection[str] = (),
    data: Any = None,
) -> str:
    """Write the posted properties of the field (or column) at ``path``; returns its
    (possibly new) path. ``data`` is the app's reading of the unchanged document, when the
    caller has it (reading it again costs a round trip).

    A field added in this sitting (not in ``published``) that still has the palette's
    starting name is named after its Danish label, so data and Word templates read
    ``barnets_egne_ord`` rather than ``lang_tekst``."""
    spec = paths.spec_at(document, path)
    if data is None:
        data = rt.app_reading(rt.dump(document))
    data = data or {}
    plain = paths.spec_in(data, path) or {}
    kind = str(plain.get("type"))
    name = str(spec.get("name"))
    text_key = TEXTS.get(kind, "label")
    wanted = posted.get("p_name", name).strip()
    if wanted == name and path not in published and _is_starting_name(name, kind):
        label = posted.get(f"p_{text_key}_da", "").strip()
        if label and label != str(TYPE_NAMES.get(kind)):
            wanted = paths.free_name(document, paths.parent(path), rt.slug(label))
    for key in (text_key, *TEXT_PAIRS):
        if f"p_{key}_da" in posted:
            da, en = posted[f"p_{key}_da"], posted.get(f"p_{key}_en", "")
            if _text_value(plain.get(key)) != {"da": da.strip(), "en": en.strip()}:
                if (da.strip() or en.strip()) or key in spec:
                    rt.set_text(spec, key, da or en, en)
    for key in FLAGS:
        if f"p_{key}_shown" in posted:
            _set(spec, key, True if posted.get(f"p_{key}") else None, plain.get(key))
    for key in ("min", "max"):
        if f"p_{key}" in posted:
            raw = posted[f"p_{key}"]
            _set(spec, key, _date(raw) if kind == "date" else _number(raw), plain.get(key))
    for key in NUMBERS:
        if f"p_{key}" in posted:
            _set(spec, key, _number(posted[f"p_{key}"]), plain.get(key))
    for key in (*WORDS, "layout"):
        if f"p_{key}" in posted:
            _set(spec, key, posted[f"p_{key}"].strip() or None, plain.get(key))
    if "p_default" in posted:
        _set(spec, "default", _default(kind, posted["p_default"]), plain.get("default"))
    if "p_default_shown" in posted and kind == "multiselect":
        _apply_default_list(spec, plain, posted, vocabularies)
    if "p_choices_mode" in posted:
        _apply_choices(spec, plain, posted)
    if "p_sum_column" in posted:
        _apply_sum(spec, plain, posted)
    if "p_show_field" in posted:
        _apply_show_if(data, path, spec, plain, posted, vocabularies)
    _apply_groups(document, path, data, plain, posted)
    return _rename(document, path, wanted)


def _apply_groups(
    document: rt.Document,
    path: str,
    data: Mapping[str, Any],
    plain: Mapping[str, Any],
    posted: Mapping[str, str],
) -> None:
    """A card's groups: a repeat's group labels; a column's group ('' none, a number, or
    "new" with the new group's label)."""
    for number, group in enumerate(g for g in plain.get("groups") or [] if isinstance(g, Mapping)):
        da = posted.get(f"p_group_label_{number}_da", "").strip()
        en = posted.get(f"p_group_label_{number}_en", "").strip()
        if da and _text_value(group.get("label")) != {"da": da, "en": en}:
            paths.set_group_label(document, path, number, da, en)
    if "p_group" not in posted or not paths.is_column(path):
        return
    table = paths.spec_in(data, paths.parent(path)) or {}
    current = paths.group_of(table, str(plain.get("name")))
    chosen = posted["p_group"].strip()
    if chosen == "new":
        da = posted.get("p_group_new_da", "").strip()
        if da:
            paths.set_group(document, path, None, (da, posted.get("p_group_new_en", "").strip()))
    elif chosen == "" and current is not None:
        paths.set_group(document, path, None)
    elif chosen.isdigit() and int(chosen) != current:
        paths.set_group(document, path, int(chosen))


def _is_starting_name(name: str, kind: str) -> bool:
    """True for the name the palette gave a new field (`kort_tekst`, `kort_tekst_2`)."""
    start = rt.slug(str(TYPE_NAMES.get(kind, kind)), "felt")
    return re.fullmatch(rf"{re.escape(start)}(_\d+)?", name) is not None


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


def _apply_default_list(
    spec: Any, plain: Mapping[str, Any], posted: Mapping[str, str], vocabularies: Any
) -> None:
    """A multiselect's default: the ticked values among its choices (none: no default)."""
    allowed = [v for v, _label in testable_values(plain, vocabularies, "da")]
    ticked = set(_posted_list(posted, "p_default_values"))
    values = [v for v in allowed if v in ticked]
    current = plain.get("default")
    if sorted(map(str, current or [])) != sorted(values):
        rt.set_property(spec, "default", rt.flow_seq(values) if values else None)


def _posted_list(posted: Mapping[str, str], key: str) -> list[str]:
    """Every value of a repeated input (checkboxes): a MultiDict's list, or one value."""
    getlist = getattr(posted, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(key)]
    value = posted.get(key)
    return list(value) if isinstance(value, list | tuple) else ([value] if value else [])


def _typed(target: Mapping[str, Any], value: str) -> Any:
    """A value the builder offered, as the target field's type holds it."""
    if target.get("type") == "boolean":
        return value == "true"
    if target.get("type") == "scale":
        return int(value)
    return value


def _apply_show_if(
    data: Mapping[str, Any],
    path: str,
    spec: Any,
    plain: Mapping[str, Any],
    posted: Mapping[str, str],
    vocabularies: Mapping[str, Any],
) -> None:
    """Write the "vis kun hvis" rule: a field on the same level, then "har værdien" (one
    value), "er en af" (several) or "er udfyldt"."""
    target_name = posted["p_show_field"].strip()
    current = plain.get("show_if")
    if not target_name:
        _set(spec, "show_if", None, current)
        return
    level = paths.siblings_in(data, path)
    target = next((f for f in level if f.get("name") == target_name), None)
    if target is None or target is plain:
        return
    allowed = [v for v, _label in testable_values(target, vocabularies, "da")]
    test = posted.get("p_show_test", "equals")
    same_field = isinstance(current, Mapping) and current.get("field") == target_name
    chosen = [v for v in _posted_list(posted, "p_show_values") if v in allowed]
    if test == "one_of" and chosen:
        values = [_typed(target, v) for v in allowed if v in chosen]
        written = current.get("one_of") if same_field else None
        # The same values in another order are the same rule: the file keeps its order.
        same = isinstance(written, list) and sorted(map(str, written)) == sorted(map(str, values))
        if not same:
            rule = [("field", target_name), ("one_of", rt.flow_seq(values))]
            rt.set_property(spec, "show_if", rt.flow_map(rule))
        return
    if test == "one_of" and same_field:
        return  # nothing ticked: the rule stays until the leader picks values
    value = posted.get("p_show_value", "")
    if test == "not_empty":
        value = FILLED
    elif value == KEEP and same_field:
        return
    if value != FILLED and value not in allowed:
        value = allowed[0] if allowed else FILLED  # the field changed: its first valid value
    rule: list[tuple[str, Any]]
    if value == FILLED:
        rule = [("field", target_name), ("not_empty", True)]
    else:
        rule = [("field", target_name), ("equals", _typed(target, value))]
    if current != dict(rule):
        rt.set_property(spec, "show_if", rt.flow_map(rule))


def _rename(document: rt.Document, path: str, wanted: str) -> str:
    """Rename the field at ``path`` when ``wanted`` is a free, valid name; its new path."""
    name = path.rpartition(paths.SEP)[2]
    if not wanted or wanted == name or not re.fullmatch(NAME_PATTERN, wanted):
        return path
    repeat = paths.parent(path)
    if repeat:
        if wanted in paths.taken(document, repeat):
            return path
        paths.rename_column(document, path, wanted)
        return paths.join(repeat, wanted)
    if wanted in rt.field_names(document) or wanted in rt.section_names(document):
        return path
    rt.field_spec(document, name)["name"] = wanted
    return wanted

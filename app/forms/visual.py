"""The visual editor's page model and its operations, over the YAML round trip.

The page posts the whole YAML with every click (so it works without JavaScript): `apply`
takes the posted values, applies the selected field's properties and then the one operation
the button asked for, and returns the new YAML. `outline` turns YAML into the list of
sections and fields the page shows, with each problem placed on the field it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from app.formengine import Problem
from app.formengine.schema import FIELD_TYPES
from app.formengine.typenames import TYPE_EXPLANATIONS, TYPE_NAMES
from app.forms import properties
from app.forms import roundtrip as rt


@dataclass
class FieldRow:
    """One field in the outline."""

    name: str
    kind: str
    label: str
    first: bool
    last: bool
    condition: str = ""
    columns: list[str] = field(default_factory=list)  # a table's column labels
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def type_name(self) -> str:
        """The type as the palette names it."""
        return str(TYPE_NAMES.get(self.kind, self.kind))


@dataclass
class SectionRow:
    """One section with its fields."""

    name: str
    title: str
    first: bool
    last: bool
    fields: list[FieldRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Outline:
    """The sections and fields of a definition, the problems placed on them, the rest."""

    sections: list[SectionRow]
    general: list[Problem]  # problems that concern the whole form

    def field(self, name: str | None) -> FieldRow | None:
        """The row of a field, if any."""
        return next((f for s in self.sections for f in s.fields if f.name == name), None)


def palette() -> list[tuple[str, str, str]]:
    """(type, Danish name, one-line explanation) for every field type, in schema order."""
    return [(t, str(TYPE_NAMES[t]), str(TYPE_EXPLANATIONS[t])) for t in FIELD_TYPES]


def text_of(value: Any, locale: str = "da") -> str:
    """A LocalizedText as read from YAML (a text or a {da, en} mapping) in ``locale``."""
    if isinstance(value, Mapping):
        return str((value.get("en") if locale == "en" else None) or value.get("da") or "")
    return "" if value is None else str(value)


_PATH = re.compile(r"^sections\.(?P<section>[a-z][a-z0-9_]*)(?:\.fields\[(?P<index>\d+)\])?")


def _owner(problem: Problem, data: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(section, field) a problem's path points at; (None, None) for the whole form."""
    path = problem.path or ""
    match = _PATH.match(path)
    if match:
        section, index = match.group("section"), match.group("index")
        if index is None:
            return section, None
        return section, f"#{section}:{index}"
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    return None, head or None


def outline(
    data: Any,
    problems: Sequence[Problem] = (),
    warnings: Sequence[Problem] = (),
    locale: str = "da",
) -> Outline | None:
    """The outline of YAML data as the app reads it; None when it is not a form at all."""
    if not isinstance(data, Mapping) or not isinstance(data.get("sections"), list):
        return None
    sections = [s for s in data["sections"] if isinstance(s, Mapping)]
    rows: list[SectionRow] = []
    by_field: dict[str, FieldRow] = {}
    for s_index, section in enumerate(sections):
        row = SectionRow(
            str(section.get("name") or ""),
            text_of(section.get("title"), locale) or str(section.get("name") or ""),
            s_index == 0,
            s_index == len(sections) - 1,
        )
        specs = [f for f in section.get("fields") or [] if isinstance(f, Mapping)]
        for f_index, spec in enumerate(specs):
            name = str(spec.get("name") or f"#{row.name}:{f_index}")
            label = text_of(spec.get("label") or spec.get("text"), locale)
            item = FieldRow(
                name,
                str(spec.get("type") or ""),
                label or name,
                s_index == 0 and f_index == 0,
                s_index == len(sections) - 1 and f_index == len(specs) - 1,
                condition=properties.condition_text(spec, data, locale),
                columns=[
                    text_of(c.get("label"), locale) or str(c.get("name"))
                    for c in spec.get("fields") or []
                    if spec.get("type") == "repeat" and isinstance(c, Mapping)
                ],
            )
            row.fields.append(item)
            by_field[name] = item
        rows.append(row)
    by_section = {s.name: s for s in rows}
    general = []
    for problem in problems:
        section, name = _owner(problem, data)
        if name in by_field:
            by_field[name].problems.append(problem)
        elif section in by_section:
            by_section[section].problems.append(problem)
        else:
            general.append(problem)
    for warning in warnings:
        if warning.path in by_field:
            by_field[warning.path].warnings.append(warning)
    return Outline(rows, general)


# --- operations --------------------------------------------------------------------------


@dataclass
class Outcome:
    """What an operation did: the new YAML, what is selected now, and a message if any."""

    source: str
    selected: str = ""
    message: str = ""
    # Where the keyboard focus goes on the new page (autofocus, so without JavaScript too):
    # the pressed button again, or the new field's first property.
    focus: str = ""


def _new_field(document: rt.Document, kind: str) -> dict[str, Any]:
    """A new field of a type with a Danish starting label the leader then changes."""
    label = str(TYPE_NAMES[kind])
    name = rt.unique_name(document, rt.slug(label, "felt"))
    # Text blocks get a name too (optional in the schema), so they can be chosen and edited.
    if kind == "heading":
        return {"name": name, "type": kind, "label": rt.localized(label)}
    if kind == "help":
        return {"name": name, "type": kind, "text": rt.localized(_("Skriv vejledningen her."))}
    spec: dict[str, Any] = {"name": name, "type": kind, "label": rt.localized(label)}
    if kind in ("select", "multiselect"):
        spec["choices"] = [
            rt.flow_map([("value", "valg_1"), ("label", _("Valg 1"))]),
            rt.flow_map([("value", "valg_2"), ("label", _("Valg 2"))]),
        ]
    if kind == "repeat":
        spec["fields"] = [rt.flow_map([("name", "tekst"), ("type", "text"), ("label", _("Tekst"))])]
    return spec


def _selected_place(document: rt.Document, selected: str) -> tuple[str, int | None]:
    """(section, index) where a new field goes: after the selected field, or last in the
    selected (else last) section."""
    kind, _sep, name = selected.partition(":")
    if kind == "f":
        for section in document.sections():
            names = [f.get("name") for f in section.get("fields") or []]
            if name in names:
                return section["name"], names.index(name) + 1
    sections = rt.section_names(document)
    if kind == "s" and name in sections:
        return name, None
    return sections[-1], None


def apply(
    source: str,
    posted: Mapping[str, str],
    vocabularies: Mapping[str, Any],
    published: Collection[str] = (),
) -> Outcome:
    """Apply the posted properties and the one operation a button asked for; ``published``
    names the fields of the current version (those are never renamed automatically)."""
    document = rt.load(source)
    selected = posted.get("selected", "")
    kind, _sep, name = selected.partition(":")
    if kind == "f" and posted.get("p_for") == name:
        try:
            name = properties.apply(document, name, posted, vocabularies, published)
        except rt.EditError:
            name = ""
        selected = f"f:{name}" if name else ""
    outcome = _operate(document, posted, selected)
    changed = rt.dump(document)
    # Nothing changed: give back the text exactly as it came (whatever its formatting).
    outcome.source = source if _same(document, source) else changed
    return outcome


def asks_for_change(posted: Mapping[str, str]) -> bool:
    """True when a button asked for more than a check or publishing."""
    buttons = ("_up", "_down", "_remove", "_add", "_add_section", "_place", "_apply")
    return any(posted.get(b) for b in buttons)


def _same(document: rt.Document, source: str) -> bool:
    return rt.dump(document) == rt.dump(rt.load(source))


def _target(value: str) -> tuple[str, str]:
    kind, _sep, name = value.partition(":")
    return kind, name


def _operate(document: rt.Document, posted: Mapping[str, str], selected: str) -> Outcome:
    """The one operation of the pressed button."""
    outcome = Outcome("", selected)
    for button, delta in (("_up", -1), ("_down", 1)):
        if posted.get(button):
            kind, name = _target(posted[button])
            move = rt.move_field if kind == "f" else rt.move_section
            if not move(document, name, delta):
                outcome.message = _("Den kan ikke flyttes længere.")
            outcome.selected = posted[button]
            outcome.focus = f"{button}:{posted[button]}"
            return outcome
    if posted.get("_remove"):
        kind, name = _target(posted["_remove"])
        (rt.remove_field if kind == "f" else rt.remove_section)(document, name)
        outcome.selected = ""
        return outcome
    if posted.get("_select"):
        outcome.selected = posted["_select"]
        outcome.focus = f"_select:{posted['_select']}"
        return outcome
    if posted.get("_place") and posted.get("_place_to"):
        section, _sep, index = posted["_place_to"].partition(":")
        rt.place_field(document, posted["_place"], section, int(index or 0))
        outcome.selected = f"f:{posted['_place']}"
        return outcome
    kind = posted.get("_add", "")
    if kind in FIELD_TYPES:
        section, index = _selected_place(document, selected)
        spec = rt.add_field(document, section, _new_field(document, kind), index=index)
        outcome.selected = f"f:{spec['name']}" if "name" in spec else f"s:{section}"
        outcome.focus = "properties"
        return outcome
    if posted.get("_add_section"):
        title = (posted.get("new_section") or "").strip() or _("Nyt afsnit")
        name = rt.unique_name(document, rt.slug(title, "afsnit"))
        after = _selected_place(document, selected)[0] if selected else None
        rt.add_section(document, name, rt.localized(title), after=after)
        outcome.selected = f"s:{name}"
        outcome.focus = f"_select:s:{name}"
    elif posted.get("_apply"):
        outcome.focus = "_apply"
    return outcome

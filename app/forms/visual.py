"""The visual editor's page model and its operations, over the YAML round trip.

The page posts the whole YAML with every click (so it works without JavaScript): `apply`
takes the posted values, applies the selected field's properties and then the one operation
the button asked for, and returns the new YAML. `outline` turns YAML into the list of
sections and fields the page shows, with each problem placed on the field it concerns.

A field is addressed by its path (`app.forms.columns`): a repeat's columns are rows of the
outline too (``f:goals.title``), with the same buttons and properties panel.
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
from app.forms import columns as paths
from app.forms import panel_write, properties
from app.forms import roundtrip as rt


@dataclass
class FieldRow:
    """One field in the outline."""

    name: str  # the path: `wishes`, or `goals.title` for a column
    kind: str
    label: str
    first: bool
    last: bool
    condition: str = ""
    columns: list[FieldRow] = field(default_factory=list)  # a repeat's columns
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def type_name(self) -> str:
        """The type as the palette names it."""
        return str(TYPE_NAMES.get(self.kind, self.kind))

    @property
    def is_column(self) -> bool:
        """True for a column of a repeat."""
        return paths.is_column(self.name)

    def walk(self) -> list[FieldRow]:
        """This row and every column row below it."""
        return [self] + [row for column in self.columns for row in column.walk()]


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
        """The row of a field or a column (by path), if any."""
        rows = (r for s in self.sections for f in s.fields for r in f.walk())
        return next((r for r in rows if r.name == name), None)


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
    # The longest run of names that is a field: `goals.title.label` belongs to goals.title.
    owner = ""
    for part in path.split("."):
        name = part.split("[", 1)[0]
        candidate = paths.join(owner, name)
        if not name or paths.spec_in(data, candidate) is None:
            break
        owner = candidate
        if "[" in part:
            break
    return None, owner or path.split("[", 1)[0].split(".", 1)[0] or None


def _column_rows(
    spec: Mapping[str, Any], prefix: str, data: Mapping[str, Any], locale: str
) -> list[FieldRow]:
    """The rows of a repeat's named columns (and their own columns)."""
    if spec.get("type") != "repeat":
        return []
    specs = [c for c in spec.get("fields") or [] if isinstance(c, Mapping)]
    rows = []
    for index, column in enumerate(specs):
        path = paths.join(prefix, str(column.get("name") or f"#{index}"))
        rows.append(
            FieldRow(
                path,
                str(column.get("type") or ""),
                text_of(column.get("label"), locale) or str(column.get("name") or path),
                index == 0,
                index == len(specs) - 1,
                condition=properties.condition_text(column, data, locale, path),
                columns=_column_rows(column, path, data, locale),
            )
        )
    return rows


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
                condition=properties.condition_text(spec, data, locale, name),
                columns=_column_rows(spec, name, data, locale),
            )
            row.fields.append(item)
            by_field.update((r.name, r) for r in item.walk())
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
        owner = _owner(warning, data)[1]
        if owner in by_field:
            by_field[owner].warnings.append(warning)
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


def _new_field(document: rt.Document, kind: str, repeat: str | None = None) -> dict[str, Any]:
    """A new field (or a new column of ``repeat``) of a type, with a Danish starting label
    the leader then changes."""
    label = str(TYPE_NAMES[kind])
    name = paths.free_name(document, repeat or "", rt.slug(label, "felt"))
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
        name = paths.parts(name)[0] if name else name  # a column: its table's place
        for section in document.sections():
            names = [f.get("name") for f in section.get("fields") or []]
            if name in names:
                return section["name"], names.index(name) + 1
    sections = rt.section_names(document)
    if kind == "s" and name in sections:
        return name, None
    if not sections:
        raise rt.EditError("sections")
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
            reading = rt.app_reading(source)  # the file as it came: nothing changed yet
            name = panel_write.apply(document, name, posted, vocabularies, published, reading)
        except rt.EditError:
            name = ""
        selected = f"f:{name}" if name else ""
    outcome = _operate(document, posted, selected)
    changed = rt.dump(document)
    # Nothing changed: give back the text exactly as it came (whatever its formatting).
    outcome.source = source if _same(changed, source) else changed
    return outcome


def asks_for_change(posted: Mapping[str, str]) -> bool:
    """True when a button asked for more than a check or publishing."""
    buttons = ("_up", "_down", "_remove", "_add", "_add_section", "_place", "_apply")
    return any(posted.get(b) for b in buttons)


def _same(changed: str, source: str) -> bool:
    """True when the dumped document says what the source says (byte-equal, or equal after
    the same round trip when the source's own layout cannot be reproduced)."""
    return changed == source or changed == rt.dump(rt.load(source))


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
            if kind == "f" and paths.is_column(name):
                move = paths.move_column
            if not move(document, name, delta):
                outcome.message = _("Den kan ikke flyttes længere.")
            outcome.selected = posted[button]
            outcome.focus = f"{button}:{posted[button]}"
            return outcome
    if posted.get("_remove"):
        kind, name = _target(posted["_remove"])
        if kind == "f" and paths.is_column(name):
            if paths.remove_column(document, name):
                outcome.selected = f"f:{paths.parent(name)}"
            else:
                outcome.message = _("En tabel skal have mindst én kolonne.")
            return outcome
        (rt.remove_field if kind == "f" else rt.remove_section)(document, name)
        outcome.selected = ""
        return outcome
    if posted.get("_select"):
        outcome.selected = posted["_select"]
        outcome.focus = f"_select:{posted['_select']}"
        kind, name = _target(posted["_select"])
        if kind == "f" and paths.spec_in(document.data, name) is None:
            outcome.selected = outcome.focus = ""
            outcome.message = _("Det valgte felt findes ikke (længere). Vælg et andet.")
        return outcome
    if posted.get("_place") and posted.get("_place_to"):
        # "<section>:<index>" for a field, "<table path>:<index>" for a column.
        place, (where, _sep, index) = posted["_place"], posted["_place_to"].rpartition(":")
        if paths.is_column(place):
            paths.place_column(document, place, where, int(index or 0))
        else:
            rt.place_field(document, place, where, int(index or 0))
        outcome.selected = f"f:{place}"
        return outcome
    kind = posted.get("_add", "")
    if kind and selected[:2] == "f:" and paths.spec_in(document.data, selected[2:]) is None:
        outcome.selected = ""
        outcome.message = _("Det valgte felt findes ikke (længere). Vælg et andet.")
        return outcome
    repeat = paths.palette_target(document.data, selected[2:]) if selected[:2] == "f:" else None
    if kind in FIELD_TYPES and repeat:
        return _add_column(document, kind, repeat, selected[2:], outcome)
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


def _add_column(
    document: rt.Document, kind: str, repeat: str, selected: str, outcome: Outcome
) -> Outcome:
    """A new column of ``repeat`` after the selected column, or last."""
    if kind not in paths.column_kinds(repeat):
        outcome.message = _("Den felttype kan ikke være en kolonne i denne tabel.")
        return outcome
    index = None
    if paths.parent(selected) == repeat:
        index = paths.locate(document, selected)[1] + 1
    spec = paths.add_column(document, repeat, _new_field(document, kind, repeat), index=index)
    outcome.selected = f"f:{paths.join(repeat, spec['name'])}"
    outcome.focus = "properties"
    return outcome

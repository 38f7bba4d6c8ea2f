"""Fields by path, so the visual editor reaches a repeat's columns as well as the form's fields.

A path is a top-level field's name (``goals``), then the names of columns inside it, joined by
dots (``goals.title``, ``goals.subgoals.text``), the way the check names a column's problems.
Names never hold a dot, so the path is unambiguous. Column names are unique only within their
repeat (``goals.status`` and ``goals.subgoals.status`` are different fields).

Reading works on the data as the app reads it (plain mappings); changing works on the
round-trip document (`app.forms.roundtrip`), keeping every byte nobody changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from app.formengine.schema import COLUMN_TYPES, FIELD_TYPES
from app.forms import roundtrip as rt

SEP = "."
# Keys of a column that name a sibling column: renaming the column renames them too.
_SIBLING_REFERENCES = ("after", "not_after")


def parts(path: str) -> list[str]:
    """The names along a path (``goals.title`` → ``["goals", "title"]``)."""
    return path.split(SEP) if path else []


def parent(path: str) -> str:
    """The repeat a column belongs to ('' for a top-level field)."""
    return path.rpartition(SEP)[0]


def join(repeat: str, name: str) -> str:
    """The path of column ``name`` in ``repeat`` (or of a top-level field when repeat is '')."""
    return f"{repeat}{SEP}{name}" if repeat else name


def is_column(path: str) -> bool:
    """True for a column of a repeat."""
    return SEP in path


def _named(items: Any) -> list[Any]:
    return [f for f in items if isinstance(f, Mapping)] if isinstance(items, list) else []


def top_fields(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The form's named top-level fields, in page order."""
    return [
        f
        for s in _named(data.get("sections"))
        for f in _named(s.get("fields"))
        if isinstance(f.get("name"), str)
    ]


def spec_in(data: Any, path: str) -> Mapping[str, Any] | None:
    """The field at ``path`` in the app's reading of a definition; None when there is none."""
    if not isinstance(data, Mapping) or not path:
        return None
    level: list[Mapping[str, Any]] = top_fields(data)
    found: Mapping[str, Any] | None = None
    for name in parts(path):
        found = next((f for f in level if f.get("name") == name), None)
        if found is None:
            return None
        level = [c for c in _named(found.get("fields")) if found.get("type") == "repeat"]
    return found


def siblings_in(data: Any, path: str) -> list[Mapping[str, Any]]:
    """The named fields on the same level as ``path``: a column's fellow columns, or the
    form's top-level fields (``path`` itself included)."""
    if not is_column(path):
        return top_fields(data) if isinstance(data, Mapping) else []
    repeat = spec_in(data, parent(path))
    columns = _named(repeat.get("fields")) if repeat else []
    return [c for c in columns if isinstance(c.get("name"), str)]


def every_path(data: Any) -> list[str]:
    """Every named field's path, columns after their repeat, in page order."""
    found: list[str] = []

    def walk(prefix: str, fields: list[Mapping[str, Any]]) -> None:
        for spec in fields:
            if not isinstance(spec.get("name"), str):
                continue
            path = join(prefix, spec["name"])
            found.append(path)
            if spec.get("type") == "repeat":
                walk(path, _named(spec.get("fields")))

    walk("", top_fields(data) if isinstance(data, Mapping) else [])
    return found


def column_kinds(repeat: str) -> tuple[str, ...]:
    """The field types a new column of ``repeat`` may have: a repeat nests one level only."""
    return COLUMN_TYPES + (("repeat",) if not is_column(repeat) else ())


def palette_target(data: Any, path: str) -> str | None:
    """The repeat a new field from the palette goes into when ``path`` is selected: the
    selected repeat itself, or the repeat of a selected column; None for the form."""
    spec = spec_in(data, path)
    if spec is None:
        return None
    if spec.get("type") == "repeat":
        return path
    return parent(path) or None


def allowed_kinds(data: Any, path: str) -> tuple[str, ...]:
    """The palette's types that can be added where ``path`` is selected."""
    target = palette_target(data, path)
    return FIELD_TYPES if target is None else column_kinds(target)


# --- changing the round-trip document ----------------------------------------------------


def locate(document: rt.Document, path: str) -> tuple[CommentedSeq, int, CommentedMap]:
    """(the list holding it, its position, the field) for a path; EditError when the path
    points at nothing."""
    names = parts(path)
    if not names:
        raise rt.EditError(path)
    section, index, spec = rt.find_field(document, names[0])
    holder: CommentedSeq = section["fields"]
    for name in names[1:]:
        columns = spec.get("fields") if spec.get("type") == "repeat" else None
        if not isinstance(columns, list):
            raise rt.EditError(path)
        index, spec = next(
            (
                (i, c)
                for i, c in enumerate(columns)
                if isinstance(c, dict) and c.get("name") == name
            ),
            (-1, None),
        )
        if spec is None:
            raise rt.EditError(path)
        holder = columns
    return holder, index, spec


def spec_at(document: rt.Document, path: str) -> CommentedMap:
    """The field at a path in the round-trip document (EditError when there is none)."""
    return locate(document, path)[2]


def _repeat(document: rt.Document, path: str) -> CommentedMap:
    spec = spec_at(document, path)
    if spec.get("type") != "repeat" or not isinstance(spec.get("fields"), list):
        raise rt.EditError(path)
    return spec


def taken(document: rt.Document, repeat: str) -> set[str]:
    """The names a new column of ``repeat`` may not have."""
    return {str(c.get("name")) for c in _named(_repeat(document, repeat)["fields"])}


def free_name(document: rt.Document, repeat: str, wanted: str) -> str:
    """``wanted``, or ``wanted_2``…: free among the repeat's columns, or (``repeat`` '')
    among the form's fields and sections."""
    if not repeat:
        return rt.unique_name(document, wanted)
    return rt.first_free(wanted, taken(document, repeat))


def add_column(
    document: rt.Document, repeat: str, spec: Mapping[str, Any], *, index: int | None = None
) -> CommentedMap:
    """Insert a column into a repeat, at ``index`` or last; EditError for a type a column
    there may not have or a taken name."""
    target = _repeat(document, repeat)
    if spec.get("type") not in column_kinds(repeat) or spec.get("name") in taken(document, repeat):
        raise rt.EditError(repeat)
    columns = target["fields"]
    item = spec if isinstance(spec, CommentedMap) else CommentedMap(spec)
    columns.insert(len(columns) if index is None else max(0, min(index, len(columns))), item)
    return item


def move_column(document: rt.Document, path: str, delta: int) -> bool:
    """Move a column up (-1) or down (+1) within its repeat; False at the repeat's edge."""
    holder, index, spec = locate(document, path)
    if not 0 <= index + delta < len(holder):
        return False
    holder.pop(index)
    holder.insert(index + delta, spec)
    return True


def place_column(document: rt.Document, path: str, repeat: str, index: int) -> None:
    """Put a column at ``index`` of its own repeat (a drop in the outline: ``index`` counts
    the rows as shown, the dragged one included); EditError for another repeat, since a
    column's data belongs to its table."""
    if parent(path) != repeat:
        raise rt.EditError(path)
    holder, old, _spec = locate(document, path)
    rt.drop(holder, old, holder, index)


def remove_column(document: rt.Document, path: str) -> bool:
    """Remove a column and what of its repeat names it (groups, unique, sum_to); False when
    it is the repeat's last column (a repeat needs one)."""
    holder, index, spec = locate(document, path)
    if len(holder) == 1:
        return False
    holder.pop(index)
    _forget(_repeat(document, parent(path)), str(spec.get("name")))
    return True


def _forget(repeat: CommentedMap, name: str) -> None:
    """Drop a removed column's name from its repeat's groups, unique and sum_to."""
    _leave_groups(repeat, name)
    if isinstance(repeat.get("unique"), list) and name in repeat["unique"]:
        repeat["unique"].remove(name)
        if not repeat["unique"]:
            del repeat["unique"]
    if isinstance(repeat.get("sum_to"), dict) and repeat["sum_to"].get("column") == name:
        del repeat["sum_to"]


def _leave_groups(repeat: CommentedMap, name: str) -> None:
    """Take column ``name`` out of its group; a group left empty goes (a group needs a
    column), and so does an empty ``groups``."""
    for group in list(_named(repeat.get("groups"))):
        if isinstance(group.get("fields"), list) and name in group["fields"]:
            group["fields"].remove(name)
            if not group["fields"]:
                repeat["groups"].remove(group)
    if "groups" in repeat and repeat["groups"] == []:
        del repeat["groups"]


def group_of(repeat: Mapping[str, Any], name: str) -> int | None:
    """The position in ``groups`` of the group that holds column ``name``; None: none."""
    for number, group in enumerate(_named(repeat.get("groups"))):
        if isinstance(group.get("fields"), list) and name in group["fields"]:
            return number
    return None


def set_group(
    document: rt.Document, path: str, group: int | None, new: tuple[str, str] | None = None
) -> None:
    """Put a column in group number ``group`` of its repeat (None: in none), or with
    ``new`` (Danish and English label) in a new group after the others. In a group the
    columns keep the table's order; a group left without columns goes."""
    repeat = _repeat(document, parent(path))
    name = str(spec_at(document, path)["name"])
    groups = _named(repeat.get("groups"))
    if new is None and group is not None and not 0 <= group < len(groups):
        raise rt.EditError(path)
    if new is None and group == group_of(repeat, name):
        return  # already there
    target = groups[group] if new is None and group is not None else None
    _leave_groups(repeat, name)
    if new is not None:
        target = CommentedMap([("label", rt.localized(*new)), ("fields", rt.flow_seq([]))])
        if "groups" not in repeat:
            at = list(repeat).index("fields") if "fields" in repeat else len(repeat)
            repeat.insert(at, "groups", CommentedSeq())
        repeat["groups"].append(target)
    if target is None:
        return
    order = [str(c.get("name")) for c in _named(repeat["fields"])]
    members = target["fields"]
    place = sum(1 for m in members if m in order and order.index(m) < order.index(name))
    members.insert(place, name)


def set_group_label(document: rt.Document, repeat: str, group: int, da: str, en: str) -> None:
    """Give group number ``group`` of a repeat a new label (the layout of `{da, en}` kept)."""
    groups = _named(_repeat(document, repeat).get("groups"))
    if not 0 <= group < len(groups):
        raise rt.EditError(repeat)
    rt.set_text(groups[group], "label", da, en)


def rename_column(document: rt.Document, path: str, wanted: str) -> None:
    """Rename a column, and every place in its repeat that names it: groups, unique, sum_to,
    and its fellow columns' show_if and date order (answers belong to the name)."""
    spec = spec_at(document, path)
    old = spec["name"]
    repeat = _repeat(document, parent(path))
    spec["name"] = wanted
    for group in _named(repeat.get("groups")):
        _replace_in(group.get("fields"), old, wanted)
    _replace_in(repeat.get("unique"), old, wanted)
    if isinstance(repeat.get("sum_to"), dict) and repeat["sum_to"].get("column") == old:
        repeat["sum_to"]["column"] = wanted
    for column in _named(repeat["fields"]):
        rule = column.get("show_if")
        if isinstance(rule, dict) and rule.get("field") == old:
            rule["field"] = wanted
        for key in _SIBLING_REFERENCES:
            if column.get(key) == old:
                column[key] = wanted


def _replace_in(names: Any, old: str, new: str) -> None:
    if isinstance(names, list):
        for i, name in enumerate(names):
            if name == old:
                names[i] = new

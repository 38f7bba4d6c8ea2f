"""Edit a form definition's YAML without losing what people wrote: comments, key order,
quoting and layout survive (ruamel.yaml's round-trip mode), and only what an operation
changes is written anew.

Plain functions, no Flask: `load` a source into a `Document`, change it with the operations
below (sections and top-level fields: add, move, remove; set a property), and `dump` it.

YAML versions: ruamel reads YAML 1.2, the app's loader (PyYAML) YAML 1.1, where ``no``,
``on`` or ``0777`` are not text. The round trip never re-reads existing values (their bytes
are kept), and every text this module writes is quoted when PyYAML would read it as anything
but that text, so both readers agree on what the visual editor wrote.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

# Keys whose value is a LocalizedText: written as `{da: …, en: …}` (or a plain Danish text).
TEXT_KEYS = ("label", "help", "required_message", "text", "unit", "title", "add_label")
_RESOLVER = yaml.resolver.Resolver()
MAX_CHARS = 200_000  # as app.forms.definitions.MAX_SOURCE_CHARS
_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


class EditError(ValueError):
    """An operation that does not fit the definition (an unknown field, a taken name)."""


@dataclass
class Document:
    """A definition loaded for editing: the round-trip data and how it was indented."""

    data: CommentedMap
    mapping_indent: int
    sequence_indent: int  # where an item's content starts, from its parent key
    dash_offset: int  # where the dash stands, from its parent key
    blank_start: str = ""  # blank lines before the first key, which ruamel drops

    def sections(self) -> CommentedSeq:
        """The ``sections`` list (an EditError when the file has none)."""
        sections = self.data.get("sections") if isinstance(self.data, dict) else None
        if not isinstance(sections, list):
            raise EditError("sections")
        return sections


def _yaml(document: Document | None = None) -> YAML:
    """A round-trip YAML reader/writer set up like the text it reads."""
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # never fold a long line people wrote on one line
    if document:
        rt.indent(
            mapping=document.mapping_indent,
            sequence=document.sequence_indent,
            offset=document.dash_offset,
        )
    return rt


def load(source: str) -> Document:
    """Parse a definition for editing; EditError when it is not a YAML mapping (or longer
    than any definition may be: the check says so in its own words)."""
    if len(source) > MAX_CHARS:
        raise EditError("too long")
    try:
        _, sequence, offset = load_yaml_guess_indent(source)
        data = _yaml().load(source)
    except Exception as exc:  # any parser error: the YAML tab shows the real problem
        raise EditError(str(exc)) from None
    if not isinstance(data, CommentedMap):
        raise EditError("not a mapping")
    offset = offset if offset is not None else 2
    blank = source[: len(source) - len(source.lstrip("\n"))]
    return Document(data, _mapping_indent(source), sequence or offset + 2, offset, blank)


_KEY_ALONE = re.compile(r"^( *)[A-Za-z_][\w-]*:\s*(#.*)?$")
_KEY_LINE = re.compile(r"^( *)[A-Za-z_\"'][^:]*:")


def _mapping_indent(source: str) -> int:
    """How far a nested mapping is indented (2 unless the text shows otherwise)."""
    lines = [
        line for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    for line, following in zip(lines, lines[1:], strict=False):
        parent, child = _KEY_ALONE.match(line), _KEY_LINE.match(following)
        if parent and child and len(child.group(1)) > len(parent.group(1)):
            return len(child.group(1)) - len(parent.group(1))
    return 2


def dump(document: Document) -> str:
    """The definition as YAML text."""
    out = io.StringIO()
    _quote_cut_in_flow(document.data)
    _yaml(document).dump(document.data, out)
    text = out.getvalue()
    return text if text.startswith(document.blank_start) else document.blank_start + text


@functools.lru_cache(maxsize=16)
def is_lossless(source: str) -> bool:
    """True when loading and dumping gives the text back byte for byte (remembered: the
    editor asks again on every click, and a round trip of a long form takes a while)."""
    try:
        return dump(load(source)) == source
    except EditError:
        return False


def app_reading(source: str) -> Any:
    """The data as the app's loader (PyYAML, YAML 1.1) reads it; None when unreadable."""
    from app.formengine.loader import read_yaml

    try:
        return read_yaml(source)
    except yaml.YAMLError:
        return None


def safe_scalar(value: Any) -> Any:
    """A value to write: text that PyYAML would read as something else is quoted."""
    if not isinstance(value, str):
        return value
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag != "tag:yaml.org,2002:str" or value != value.strip():
        return DoubleQuotedScalarString(value)
    return value


# Inside `{…}` or `[…]` PyYAML (YAML 1.1, the app's reader) ends or refuses plain text that
# ruamel (YAML 1.2) writes plain: `{da: Hvad vil vi opnå?, en: …}`, `[:0]`. Whether PyYAML
# reads a text in brackets as that one text is asked of PyYAML's own parser. (What the text
# then means, `no` as false say, is safe_scalar's question, and the leader's own text keeps
# its bytes.)
@functools.lru_cache(maxsize=4096)
def _one_text_in_flow(text: str) -> bool:
    try:
        node = yaml.compose(f"[{text}]", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    return len(items) == 1 and isinstance(items[0], yaml.ScalarNode) and items[0].value == text


def _is_flow(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def _quote_cut_in_flow(node: Any, flow: bool = False) -> None:
    """Quote every plain text inside `{…}`/`[…]` (written so, or inside one that is) that
    PyYAML would not read back; text already quoted, and all text outside, is left as is."""
    flow = flow or _is_flow(node)
    if isinstance(node, dict):  # CommentedMap, or a plain dict an operation put in
        places: Iterable[Any] = list(node.keys())
    elif isinstance(node, list):
        places = range(len(node))
    else:
        return
    for place in places:
        value = node[place]
        if flow and type(value) is str and not _one_text_in_flow(value):
            node[place] = DoubleQuotedScalarString(value)
        else:
            _quote_cut_in_flow(value, flow)


def localized(da: str, en: str = "") -> Any:
    """A LocalizedText value: `{da: …, en: …}` in flow style, or the Danish text alone."""
    da, en = da.strip(), en.strip()
    if not en:
        return safe_scalar(da)
    text = CommentedMap([("da", safe_scalar(da)), ("en", safe_scalar(en))])
    text.fa.set_flow_style()
    return text


def flow_map(pairs: Iterable[tuple[str, Any]]) -> CommentedMap:
    """A small mapping written on one line (`{value: ja, label: Ja}`)."""
    mapping = CommentedMap((k, safe_scalar(v)) for k, v in pairs)
    mapping.fa.set_flow_style()
    return mapping


def flow_seq(values: Iterable[Any]) -> CommentedSeq:
    """A short list written on one line (`[glad, trist]`)."""
    seq = CommentedSeq(safe_scalar(v) for v in values)
    seq.fa.set_flow_style()
    return seq


def slug(text: str, fallback: str = "felt") -> str:
    """A technical name from a Danish text: `Barnets egne ord` → `barnets_egne_ord`."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE).lower())
    text = re.sub(r"[^a-z0-9]+", "_", text.encode("ascii", "ignore").decode()).strip("_")
    if not text or not text[0].isalpha():
        text = f"{fallback}_{text}".strip("_")
    return text[:60]


# --- reading -----------------------------------------------------------------------------


def field_names(document: Document) -> list[str]:
    """Every named top-level field, in page order."""
    return [
        f["name"]
        for s in _mappings(document.sections())
        for f in _mappings(s.get("fields"))
        if isinstance(f.get("name"), str)
    ]


def section_names(document: Document) -> list[str]:
    """Every section's name, in page order."""
    return [str(s.get("name")) for s in _mappings(document.sections())]


def first_free(wanted: str, taken: Collection[str]) -> str:
    """``wanted``, or ``wanted_2``, ``wanted_3``…: the first not in ``taken``."""
    name, number = wanted, 2
    while name in taken:
        name = f"{wanted}_{number}"
        number += 1
    return name


def unique_name(document: Document, wanted: str) -> str:
    """``wanted``, or ``wanted_2``, ``wanted_3``… when a field or section has the name."""
    return first_free(wanted, set(field_names(document)) | set(section_names(document)))


def _mappings(value: Any) -> list[CommentedMap]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _section(document: Document, name: str) -> tuple[int, CommentedMap]:
    for index, section in enumerate(document.sections()):
        if isinstance(section, dict) and section.get("name") == name:
            return index, section
    raise EditError(name)


def find_field(document: Document, name: str) -> tuple[CommentedMap, int, CommentedMap]:
    """(section, position in its fields, field) of a top-level field."""
    for section in _mappings(document.sections()):
        fields = section.get("fields")
        for index, spec in enumerate(fields if isinstance(fields, list) else []):
            if isinstance(spec, dict) and spec.get("name") == name:
                return section, index, spec
    raise EditError(name)


def field_spec(document: Document, name: str) -> CommentedMap:
    """A top-level field's mapping (EditError when there is none)."""
    return find_field(document, name)[2]


# --- sections ----------------------------------------------------------------------------


def add_section(
    document: Document, name: str, title: Any, *, after: str | None = None
) -> CommentedMap:
    """A new, still empty section after ``after`` (or last); the check asks for a field."""
    sections = document.sections()
    if name in section_names(document) or name in field_names(document):
        raise EditError(name)
    section = CommentedMap([("name", name), ("title", title), ("fields", CommentedSeq())])
    index = _section(document, after)[0] + 1 if after else len(sections)
    sections.insert(index, section)
    return section


def move_section(document: Document, name: str, delta: int) -> bool:
    """Move a section up (-1) or down (+1); False when it is already at that end."""
    sections = document.sections()
    index, section = _section(document, name)
    target = index + delta
    if not 0 <= target < len(sections):
        return False
    sections.pop(index)
    sections.insert(target, section)
    return True


def remove_section(document: Document, name: str) -> None:
    """Remove a section with its fields."""
    index, _ = _section(document, name)
    document.sections().pop(index)


# --- fields ------------------------------------------------------------------------------


def add_field(
    document: Document, section: str, spec: Mapping[str, Any], *, index: int | None = None
) -> CommentedMap:
    """Insert a field (its keys in the given order) into a section, at ``index`` or last."""
    name = spec.get("name")
    if name is not None and (name in field_names(document) or name in section_names(document)):
        raise EditError(name)
    _, target = _section(document, section)
    fields = target.get("fields")
    if not isinstance(fields, list):
        fields = target["fields"] = CommentedSeq()
    item = spec if isinstance(spec, CommentedMap) else CommentedMap(spec)
    fields.insert(len(fields) if index is None else max(0, min(index, len(fields))), item)
    return item


def move_field(document: Document, name: str, delta: int) -> bool:
    """Move a field up (-1) or down (+1); past a section's edge it goes to the next section.
    False when it is already first or last in the form."""
    section, index, spec = find_field(document, name)
    fields = section["fields"]
    if 0 <= index + delta < len(fields):
        fields.pop(index)
        fields.insert(index + delta, spec)
        return True
    sections = _mappings(document.sections())
    position = next(i for i, s in enumerate(sections) if s is section) + delta
    if not 0 <= position < len(sections) or len(fields) == 1:
        return False  # the form's edge, or the section would be left empty
    fields.pop(index)
    other = sections[position].setdefault("fields", CommentedSeq())
    other.insert(len(other) if delta < 0 else 0, spec)
    return True


def drop(holder: list[Any], old: int, target: list[Any], index: int) -> None:
    """Move item ``old`` of ``holder`` to where a drop in the outline puts it: ``index`` of
    ``target`` counts the rows as shown, the dragged one included."""
    item = holder.pop(old)
    if target is holder and index > old:
        index -= 1
    target.insert(max(0, min(index, len(target))), item)


def place_field(document: Document, name: str, section: str, index: int) -> None:
    """Move a field to a position in a section (drag and drop)."""
    source, old, _spec = find_field(document, name)
    _, target = _section(document, section)
    drop(source["fields"], old, target["fields"], index)


def remove_field(document: Document, name: str) -> None:
    """Remove a top-level field."""
    section, index, _ = find_field(document, name)
    section["fields"].pop(index)


def set_property(spec: CommentedMap, key: str, value: Any) -> None:
    """Set (or with None remove) one key of a field; a new key goes after the related ones."""
    if value is None or value == "" or value == []:
        spec.pop(key, None)
        return
    value = safe_scalar(value)
    if key in spec:
        spec[key] = value
        return
    anchor = {"label": "type", "help": "label", "required": "help", "required_message": "required"}
    before = anchor.get(key)
    keys = list(spec)
    if before in spec:
        spec.insert(keys.index(before) + 1, key, value)
    else:
        spec[key] = value


def set_text(spec: CommentedMap, key: str, da: str, en: str = "") -> None:
    """Set a LocalizedText key; an existing `{da, en}` mapping keeps its layout and comments."""
    da, en = da.strip(), en.strip()
    current = spec.get(key)
    if not da and not en:
        spec.pop(key, None)
    elif isinstance(current, dict):
        current["da"] = safe_scalar(da)
        if en:
            current["en"] = safe_scalar(en)
        else:
            current.pop("en", None)
    elif en:
        set_property(spec, key, localized(da, en))
    else:
        set_property(spec, key, da)

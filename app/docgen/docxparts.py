"""Read a .docx as XML parts, list its paragraphs with human locations, repair split tags.

Locations speak the language of a Word user: "afsnit 4", "tabel 2, række 3, celle 1",
"sidehoved 1, afsnit 1", each followed by the paragraph's text, because Word shows no
paragraph numbers and the text is what the user can search for.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from docxtpl import DocxTemplate
from flask_babel import gettext as _
from lxml import etree

from app.formatting import format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element."""
    return f"{{{W}}}{tag}"


_STORY = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
#: Typographic quotes Word's AutoFormat puts into tags, and what Jinja needs instead.
QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_SAFE_RUN_CHILDREN = {w("rPr"), w("t"), w("lastRenderedPageBreak")}
_SKIPPABLE_BETWEEN_RUNS = {w("proofErr"), w("bookmarkStart"), w("bookmarkEnd")}


MAX_PART_BYTES = 25 * 1024 * 1024  # uncompressed; a letter template is a few hundred kB
#: XML elements in all story parts together. The built-in plans have about 2,200; 600,000
#: empty paragraphs fit in 95 kB zipped and would cost a worker minutes to check and fill.
MAX_ELEMENTS = 200_000


class DocxTooLarge(ValueError):
    """A part of the package is implausibly large once unpacked (e.g. a zip bomb)."""


@dataclass
class Paragraph:
    """One paragraph of a story part: where it is, its text and its element."""

    part: str
    place: str
    text: str
    element: etree._Element
    in_cell: bool

    @property
    def location(self) -> str:
        """Place plus a snippet of the text, e.g. 'tabel 1, række 2, celle 1 »{{ x }}«'."""
        return f"{self.place} »{snippet(self.text)}«" if self.text.strip() else self.place


def snippet(text: str, limit: int = 70) -> str:
    """Shorten text for a message, keeping its start."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def jinja_lines(xml: str) -> list[str]:
    """A part's XML as docxtpl hands it to Jinja, one line per paragraph.

    docxtpl's own ``patch_xml`` cleans the tags, then ``render_xml_part`` starts a line at
    every ``<w:p``; doing the same here makes a Jinja line number point at a paragraph.
    """
    patched = DocxTemplate(io.BytesIO()).patch_xml(xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched).splitlines()


def line_text(line: str, between_tags: str = "") -> str:
    """The text of one line of XML: tags dropped (or replaced), entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", between_tags, line))


def read_story_parts(template: bytes) -> dict[str, etree._Element]:
    """Parse the parts docxtpl renders (body, headers, footers, footnotes), body first."""
    parts: dict[str, etree._Element] = {}
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        names = sorted((n for n in archive.namelist() if _STORY.match(n)), key=_part_order)
        for name in names:
            size = archive.getinfo(name).file_size
            if size > MAX_PART_BYTES:
                raise DocxTooLarge(
                    _(
                        "%(part)s fylder %(size)s byte udpakket (højst %(limit)s)",
                        part=name,
                        size=format_number(size),
                        limit=format_number(MAX_PART_BYTES),
                    )
                )
            parts[name] = etree.fromstring(archive.read(name), parser=_parser())
    elements = sum(sum(1 for _ in root.iter()) for root in parts.values())
    if elements > MAX_ELEMENTS:
        raise DocxTooLarge(
            _(
                "dokumentet består af %(count)s dele (afsnit, tekststykker, celler …); "
                "højst %(limit)s",
                count=format_number(elements),
                limit=format_number(MAX_ELEMENTS),
            )
        )
    if "word/document.xml" not in parts:
        raise ValueError(_("word/document.xml mangler"))
    return parts


def read_core_properties(template: bytes) -> dict[str, str]:
    """The core properties docxtpl renders through Jinja (title, subject, …), by label."""
    labels = {
        "title": "titel",
        "subject": "emne",
        "creator": "forfatter",
        "description": "kommentarer",
        "identifier": "id",
        "language": "sprog",
    }
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        if "docProps/core.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read("docProps/core.xml"), parser=_parser())
    found = {}
    for element in root:
        local = etree.QName(element).localname
        if local in labels and element.text:
            found[labels[local]] = element.text
    return found


def write_story_parts(template: bytes, parts: dict[str, etree._Element]) -> bytes:
    """A copy of `template` with the given parts replaced; other entries byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename in parts:
                data = etree.tostring(
                    parts[item.filename], xml_declaration=True, encoding="UTF-8", standalone=True
                )
            dst.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _parser() -> etree.XMLParser:
    """A parser that refuses entities and network access (uploaded files are untrusted)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _part_order(name: str) -> tuple[int, int]:
    """Body, then headers, footers and footnotes, each in numeric order."""
    kind = re.sub(r"\d+", "", name.rsplit("/", 1)[-1])
    number = int(re.sub(r"\D", "", name) or 0)
    order = ["document.xml", "header.xml", "footer.xml", "footnotes.xml"]
    return order.index(kind), number


def part_label(name: str) -> str:
    """Label of a part: '' for the body, 'sidehoved 1', 'sidefod 2', 'fodnoter' (translated)."""
    base = name.rsplit("/", 1)[-1]
    number = re.sub(r"\D", "", base)
    if base.startswith("header"):
        return _("sidehoved %(number)s", number=number or 1)
    if base.startswith("footer"):
        return _("sidefod %(number)s", number=number or 1)
    if base.startswith("footnotes"):
        return _("fodnoter")
    return ""


def own_text(paragraph: etree._Element) -> str:
    """The paragraph's text, without the text of text boxes nested inside it."""
    pieces: list[str] = []
    stack = list(reversed(list(paragraph)))
    while stack:
        element = stack.pop()
        if element.tag in (w("p"), w("txbxContent")):
            continue
        if element.tag == w("t") and element.text:
            pieces.append(element.text)
        elif element.tag == w("tab"):
            pieces.append("\t")
        stack.extend(reversed(list(element)))
    return "".join(pieces).replace("\n", " ")


def iter_paragraphs(name: str, root: etree._Element) -> Iterator[Paragraph]:
    """Every paragraph of a part in document order, with a Danish location."""
    label = part_label(name)
    prefix = f"{label}, " if label else ""
    # Keep the table elements alive: lxml hands out the same proxy only while one exists.
    tables = {t: i for i, t in enumerate(root.iter(w("tbl")), start=1)}
    count = 0
    for p in root.iter(w("p")):
        if any(a.tag == f"{{{MC}}}Fallback" for a in p.iterancestors()):
            continue  # the VML copy of a text box; its DrawingML twin is listed already
        cell = next((a for a in p.iterancestors() if a.tag == w("tc")), None)
        if cell is None:
            count += 1
            place = prefix + _("afsnit %(number)s", number=count)
        else:
            place = prefix + _cell_place(cell, p, tables)
        yield Paragraph(name, place, own_text(p), p, cell is not None)


def _cell_place(cell: etree._Element, p: etree._Element, tables: dict[etree._Element, int]) -> str:
    """'tabel 2, række 3, celle 1' (plus ', afsnit 2' in a cell with several paragraphs)."""
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    if row is None or table is None or row.tag != w("tr"):
        return _("tabel")
    row_no = row.getparent().findall(w("tr")).index(row) + 1
    cell_no = row.findall(w("tc")).index(cell) + 1 if cell in row.findall(w("tc")) else 1
    place = _(
        "tabel %(table)s, række %(row)s, celle %(cell)s",
        table=tables.get(table, 0),
        row=row_no,
        cell=cell_no,
    )
    paragraphs = cell.findall(w("p"))
    if len(paragraphs) > 1 and p in paragraphs:
        place += ", " + _("afsnit %(number)s", number=paragraphs.index(p) + 1)
    return place


def unclosed_tags(text: str) -> list[str]:
    """Tags opened in `text` but not closed in it (each as the text from its opener)."""
    problems = []
    pos = 0
    while True:
        starts = [(text.find(o, pos), o) for o in OPENERS if text.find(o, pos) >= 0]
        if not starts:
            return problems
        start, opener = min(starts)
        end = text.find(OPENERS[opener], start + 2)
        if end < 0:
            problems.append(text[start:])
            return problems
        pos = end + 2


def _run_text(run: etree._Element) -> str:
    """Concatenated w:t text of one run."""
    return "".join(t.text or "" for t in run.findall(w("t")))


def _set_run_text(run: etree._Element, text: str) -> None:
    """Replace a simple run's text with one preserved-space w:t."""
    for child in list(run):
        if child.tag in (w("t"), w("lastRenderedPageBreak")):
            run.remove(child)
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")


def repair_paragraph(paragraph: etree._Element) -> tuple[list[str], list[str]]:
    """Merge runs that split a tag and straighten quotes in tags; (repairs, unrepairable)."""
    repairs: list[str] = []
    failed: list[str] = []
    done: set[tuple[int, int]] = set()
    while True:
        runs = [r for r in paragraph if r.tag == w("r")]
        texts = [_run_text(r) for r in runs]
        offsets = [sum(len(t) for t in texts[:i]) for i in range(len(runs) + 1)]
        joined = "".join(texts)
        target = None
        for match in TAG.finditer(joined):
            first = max(i for i in range(len(runs)) if offsets[i] <= match.start())
            last = max(i for i in range(len(runs)) if offsets[i] < match.end())
            if first != last and (match.start(), match.end()) not in done:
                target = (match, first, last)
                break
        if target is None:
            break
        match, first, last = target
        done.add((match.start(), match.end()))
        if not _mergeable(runs[first : last + 1]):
            failed.append(match.group(0))
            continue
        _merge_runs(runs, texts, offsets, match, first, last)
        repairs.append(
            _(
                "Flettefeltet »%(tag)s« var delt over %(count)s tekststykker med hver sin "
                "formatering; de er lagt sammen.",
                tag=snippet(match.group(0)),
                count=last - first + 1,
            )
        )
    for run in (r for r in paragraph if r.tag == w("r")):
        text = _run_text(run)
        fixed = TAG.sub(lambda m: m.group(0).translate(QUOTES), text)
        if fixed != text and _mergeable([run]):
            _set_run_text(run, fixed)
            for old, new in zip(TAG.findall(text), TAG.findall(fixed), strict=True):
                if old != new:
                    repairs.append(
                        _(
                            "Typografiske anførselstegn eller hårde mellemrum i »%(old)s« er "
                            "rettet: »%(new)s«.",
                            old=snippet(old),
                            new=snippet(new),
                        )
                    )
    return repairs, failed


def _mergeable(runs: list[etree._Element]) -> bool:
    """True when the runs hold only text and nothing but proofing marks lies between them."""
    if any(child.tag not in _SAFE_RUN_CHILDREN for run in runs for child in run):
        return False
    if len(runs) == 1:
        return True
    parent = runs[0].getparent()
    index = {id(el): i for i, el in enumerate(parent)}
    lo, hi = index[id(runs[0])], index[id(runs[-1])]
    members = {id(r) for r in runs}
    between = [el for el in list(parent)[lo : hi + 1] if id(el) not in members]
    return all(el.tag in _SKIPPABLE_BETWEEN_RUNS for el in between)


def _merge_runs(
    runs: list[etree._Element],
    texts: list[str],
    offsets: list[int],
    match: re.Match[str],
    first: int,
    last: int,
) -> None:
    """Move the whole tag into the first run; later runs keep only text after the tag."""
    parent = runs[first].getparent()
    head = texts[first][: match.start() - offsets[first]]
    tail = texts[last][match.end() - offsets[last] :]
    # Bookmarks inside the tag move in front of it; proofing marks are dropped.
    lo = list(parent).index(runs[first])
    hi = list(parent).index(runs[last])
    for el in list(parent)[lo:hi]:
        if el.tag in (w("bookmarkStart"), w("bookmarkEnd")):
            parent.remove(el)
            runs[first].addprevious(el)
        elif el.tag == w("proofErr"):
            parent.remove(el)
    _set_run_text(runs[first], head + match.group(0))
    for run in runs[first + 1 : last]:
        parent.remove(run)
    if tail:
        _set_run_text(runs[last], tail)
    else:
        parent.remove(runs[last])

"""Build small .docx templates in tests and read rendered documents back."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from docx import Document
from docx.document import Document as DocumentObject

from app.word.samples import sample_png

ROOT = Path(__file__).resolve().parents[2]

Para = str | Sequence[str]  # a paragraph: its text, or its runs (to split tags on purpose)


def make_docx(
    *paragraphs: Para,
    table: Sequence[Sequence[Para]] | None = None,
    header: Sequence[Para] = (),
    footer: Sequence[Para] = (),
    after_table: Sequence[Para] = (),
) -> bytes:
    """A .docx with the given paragraphs, then an optional table and more paragraphs."""
    doc = Document()
    for para in paragraphs:
        _add(doc, para)
    if table is not None:
        grid = doc.add_table(rows=len(table), cols=max(len(r) for r in table))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                _fill(cell.paragraphs[0], value)
    for para in after_table:
        _add(doc, para)
    section = doc.sections[0]
    for target, paras in ((section.header, header), (section.footer, footer)):
        for i, para in enumerate(paras):
            _fill(target.paragraphs[0] if i == 0 else target.add_paragraph(), para)
    return to_bytes(doc)


def _add(doc: DocumentObject, para: Para) -> None:
    """Append one paragraph (text or runs)."""
    _fill(doc.add_paragraph(), para)


def _fill(paragraph, para: Para) -> None:  # noqa: ANN001 - python-docx paragraph
    """Write text or runs into a paragraph; runs alternate bold so Word keeps them apart."""
    runs = [para] if isinstance(para, str) else list(para)
    for i, text in enumerate(runs):
        run = paragraph.add_run(text)
        run.bold = len(runs) > 1 and i % 2 == 1


def to_bytes(doc: DocumentObject) -> bytes:
    """Save a python-docx document to bytes."""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def open_docx(data: bytes) -> DocumentObject:
    """Open rendered bytes with python-docx (fails if the package is broken)."""
    return Document(io.BytesIO(data))


def body_texts(data: bytes) -> list[str]:
    """Texts of the body paragraphs (outside tables)."""
    return [p.text for p in open_docx(data).paragraphs]


def table_texts(data: bytes, index: int = 0) -> list[list[str]]:
    """Cell texts of one body table."""
    return [[c.text for c in row.cells] for row in open_docx(data).tables[index].rows]


def part_xml(data: bytes, name: str = "word/document.xml") -> str:
    """Raw XML of one part of a .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def png_bytes(width: int = 40, height: int = 20) -> bytes:
    """A small valid PNG (solid blue) without needing Pillow."""
    return sample_png(width, height)


def load_builder() -> ModuleType:
    """Import scripts/build_doc_templates.py (scripts/ is not a package)."""
    name = "build_doc_templates"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

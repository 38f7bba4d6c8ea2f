"""Reading downloaded Word documents back: paragraphs, tables, header and footer."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: Text a coordinator might type that looks like template code or markup.
HOSTILE = "Brug {{ 7*7 }} og {% if %} <w:p> & <b>fed</b> 😀"
#: Danish month names, written out here so the tests check the formatter, not reuse it.
MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def danish(day: date) -> str:
    """A date as the documents print it, from the table above: 23. november 2026."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def open_docx(data: bytes) -> DocumentObject:
    """Open downloaded bytes with python-docx (fails if the package is broken)."""
    assert zipfile.is_zipfile(io.BytesIO(data)), data[:200]
    return Document(io.BytesIO(data))


def download_docx(web, url: str) -> tuple:
    """GET a Word download; (response, document), asserting it is one."""
    response = web.get(url)
    assert response.status_code == 200, response.status_code
    assert response.mimetype == DOCX_MIME
    return response, open_docx(response.data)


def paragraphs(doc: DocumentObject) -> list[str]:
    """The body paragraphs' texts (outside tables)."""
    return [p.text for p in doc.paragraphs]


def headings(doc: DocumentObject, level: int) -> list[str]:
    """The texts of the body's headings of one level."""
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def rows(table: Table) -> list[list[str]]:
    """A table's cell texts, row by row."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_starting(doc: DocumentObject, first_cell: str, index: int = 0) -> list[list[str]]:
    """The rows of the index-th body table whose first cell reads `first_cell`."""
    found = [t for t in doc.tables if t.rows and t.rows[0].cells[0].text == first_cell]
    assert len(found) > index, f"no table starting with {first_cell!r}: " + repr(
        [rows(t)[0] for t in doc.tables if t.rows]
    )
    return rows(found[index])


def key_values(doc: DocumentObject, first_label: str, index: int = 0) -> dict[str, str]:
    """A label/value table as a dict."""
    return dict((row[0], row[1]) for row in table_starting(doc, first_label, index))


def header_texts(doc: DocumentObject) -> list[str]:
    """Texts in the page header (the letterhead table's cells)."""
    header = doc.sections[0].header
    texts = [p.text for p in header.paragraphs]
    for table in header.tables:
        for row in table.rows:
            texts += [p.text for cell in row.cells for p in cell.paragraphs]
    return [t for t in texts if t]


def footer_texts(doc: DocumentObject) -> list[str]:
    """Texts in the page footer."""
    return [p.text for p in doc.sections[0].footer.paragraphs]


def has_logo(doc: DocumentObject) -> bool:
    """True when the letterhead holds a picture."""
    return bool(doc.sections[0].header._element.xpath(".//pic:pic"))

"""python-docx helpers for the default templates of the forms and the joint plan.

They add to `scripts/docx_building.py` (letterhead, footer, tables): a subtitle, the status line,
label/value tables whose rows repeat, compact tables, landscape pages and conditional
blocks. Used by `scripts/build_doc_templates.py`; the app itself never builds templates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx_building import HEADER_FILL, set_column_widths


def add_subtitle(doc: DocumentObject, text: str) -> None:
    """The document's own title under the form's name (e.g. "Sagsforløb 0–6 år")."""
    doc.add_paragraph(text, style="Subtitle")


def add_status_line(doc: DocumentObject) -> None:
    """Status, version and who saved the document last, in small print."""
    line = doc.add_paragraph(
        "Status: {{ dokument.status }} · version {{ dokument.version }}"
        "{% if dokument.gemt %} · gemt {{ dokument.gemt|dato }}{% endif %}"
        "{% if dokument.gemt_af %} af {{ dokument.gemt_af }}{% endif %}"
    )
    line.runs[0].font.size = Pt(9)


def add_loop_rows(
    doc: DocumentObject, cells: Sequence[str], loop: str, widths_mm: Sequence[float]
) -> Table:
    """A label/value table without a header whose one row repeats `{%tr for <loop> %}`."""
    table = doc.add_table(rows=3, cols=len(cells))
    table.style = doc.styles["Table Grid"]
    table.rows[0].cells[0].text = f"{{%tr for {loop} %}}"
    for index, (cell, text) in enumerate(zip(table.rows[1].cells, cells, strict=True)):
        cell.text = text
        if index == 0:
            cell.paragraphs[0].runs[0].bold = True
            shade(cell)
    table.rows[2].cells[0].text = "{%tr endfor %}"
    set_column_widths(table, widths_mm)
    return table


def shade(cell: Any, fill: str = HEADER_FILL) -> None:
    """Background colour of a label cell (as add_key_value_table does)."""
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


def compact(table: Any, size: float = 9.5) -> Any:
    """Smaller text in a wide table, and rows that never break across pages."""
    for row in table.rows:
        row_pr = row._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        row_pr.insert(0, keep)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(size)
    return table


def landscape(doc: DocumentObject) -> None:
    """Turn the (only) section to A4 landscape; call before adding the letterhead."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)


@contextmanager
def paragraphs_tag(doc: DocumentObject, opening: str, closing: str) -> Iterator[None]:
    """Wrap what is added inside the block in `{%p <opening> %}` … `{%p <closing> %}`."""
    doc.add_paragraph(f"{{%p {opening} %}}")
    yield
    doc.add_paragraph(f"{{%p {closing} %}}")


@contextmanager
def unless_empty(doc: DocumentObject, condition: str, empty_text: str) -> Iterator[None]:
    """What is added inside shows when `condition` holds; otherwise `empty_text` does."""
    doc.add_paragraph(f"{{%p if {condition} %}}")
    yield
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph(empty_text)
    doc.add_paragraph("{%p endif %}")


def note(doc: DocumentObject, text: str, size: float = 9) -> None:
    """A small-print paragraph (an explanation under a table)."""
    paragraph = doc.add_paragraph(text)
    paragraph.runs[0].font.size = Pt(size)
    paragraph.runs[0].italic = True

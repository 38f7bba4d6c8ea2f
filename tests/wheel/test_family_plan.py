"""The wheel in the family's plan: the month-by-month table and the picture in the Word
document; a municipality's own template without the wheel still renders."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document

from app.extensions import db
from app.word import services as documents
from app.word import store
from tests.wheel.support import CPH, meeting_at, save


def _table_rows(document) -> list[list[str]]:
    """The rows of the table headed "Måned" (the wheel's table)."""
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == ["Måned", "Hvad"]:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError("no wheel table in the document")


def test_the_family_plan_holds_the_wheel_table_and_picture(api_as, make_case):
    """Activities and a dated meeting by month, in wheel order, and the wheel as a picture."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    save(case)
    meeting_at(case, datetime(2027, 2, 9, 13, 15, tzinfo=CPH))
    answer = api.get(f"/cases/{case.id}/family-plan.docx")
    assert answer.status_code == 200
    document = Document(io.BytesIO(answer.data))
    rows = _table_rows(document)
    assert rows[0][:4] == [
        "November 2026",
        "Opfølgningsmøde",
        "Opfølgning: hvordan går det?",
        "Mor og far",
    ]
    assert rows[1][:3] == ["Januar 2027", "Netværksmøde", "Netværksmøde om skolen"]
    assert rows[2][0] == "Februar 2027" and rows[2][4] == "9. februar kl. 13.15"
    assert rows[3][:3] == ["Juni 2027", "Andet", "Sommerferiens aflastning"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Jeres årshjul" in text and "november 2026 – oktober 2027" in text
    pictures = [s for s in document.inline_shapes]
    assert len(pictures) == 1  # the wheel (the test municipality has no logo)
    internal = Document(io.BytesIO(api.get(f"/cases/{case.id}/plan.docx").data))
    assert not internal.inline_shapes  # the internal plan is not handed to the parents


def test_without_a_wheel_the_section_is_left_out(api_as, make_case):
    """Nothing planned: no empty wheel in the family's plan."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    document = Document(io.BytesIO(api.get(f"/cases/{case.id}/family-plan.docx").data))
    assert "Jeres årshjul" not in "\n".join(p.text for p in document.paragraphs)
    assert not document.inline_shapes


def test_a_municipal_template_without_the_wheel_still_renders(api_as, make_case, make_user):
    """A family's plan template made before the wheel existed renders as before."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user, reference="SAG-EGEN-SKABELON")
    save(case)
    own = Document()
    own.add_paragraph("Familiens plan for {{ sag.reference }}")
    buffer = io.BytesIO()
    own.save(buffer)
    target = documents.template_target(documents.FAMILY_PLAN)
    store.upload_template(
        make_user("admin"),
        target.name,
        "egen.docx",
        buffer.getvalue(),
        known_names=target.known_names(),
        sample_context=target.sample_context(),
    )
    db.session.commit()
    answer = api.get(f"/cases/{case.id}/family-plan.docx")
    assert answer.status_code == 200
    paragraphs = [p.text for p in Document(io.BytesIO(answer.data)).paragraphs]
    assert paragraphs == ["Familiens plan for SAG-EGEN-SKABELON"]

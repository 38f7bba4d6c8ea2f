"""`enindgang excel template OUT.xlsx`: the blank funding tool for this municipality."""

from __future__ import annotations

from app.extensions import db
from app.funding.services import funding_vocab
from app.vocabularies.services import save_vocabulary
from excel_tools import read_funding_workbook
from tests.funding.support import book


def test_excel_template_writes_the_blank_tool(runner, tmp_path, make_user):
    """The municipality's own departments are in it, and it reads back as no lines."""
    admin = make_user("admin")
    departments = [
        {"value": "boern", "label": "Børn og Unge"},
        {"value": "voksen", "label": "Voksen og Handicap"},
    ]
    save_vocabulary(admin, "departments", departments)
    db.session.commit()
    out = tmp_path / "skabelon.xlsx"
    result = runner.invoke(args=["excel", "template", str(out), "--year", "2027"])
    assert result.exit_code == 0, result.output
    assert "skabelon.xlsx" in result.output
    wb = book(out.read_bytes())
    names = [row[1] for row in wb["Afdelinger"].iter_rows(min_row=2, values_only=True) if row[1]]
    assert names == ["Børn og Unge", "Voksen og Handicap"]
    meta = {row[0]: row[1] for row in wb["_meta"].iter_rows(values_only=True) if row[0]}
    assert meta["year"] == 2027 and not meta.get("case_id")
    vocab = funding_vocab()
    lines = read_funding_workbook(
        out.read_bytes(),
        expected_case_id=None,
        departments=vocab.excel_departments(),
        interventions=vocab.excel_items("intervention"),
        paragraphs=vocab.excel_items("paragraph"),
    )
    assert lines == []


def test_excel_template_needs_a_path(runner):
    """Usage error, not a traceback."""
    result = runner.invoke(args=["excel", "template"])
    assert result.exit_code == 2 and "OUT" in result.output

"""A retired vocabulary item (SEL § 49 a): not offered on a new row, kept where it is stored."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from app.formengine import (
    DEFAULT_VOCABULARIES,
    build_form_class,
    form_data_from_submission,
    load_file,
    submission_from_form,
    validate_submission,
)
from tests.formengine.browser import Page, render

PLAN = load_file(Path(__file__).parents[2] / "forms" / "beslutningskompetence.yaml")
RETIRED = next(i for i in DEFAULT_VOCABULARIES["paragraphs"] if i.value == "sel_49a")


def _data(paragraphs: list[str]) -> dict:
    """A decision plan with one row tagged with ``paragraphs``."""
    row = {"intervention": "familievejledning", "paragraphs": paragraphs}
    return {
        "title": "Plan",
        "valid_from": "2026-01-01",
        "rows": [row | {"authority_level": "sagsbehandler"}],
    }


def _checkbox(html: str, value: str):
    """The first paragraphs checkbox posting ``value`` outside the row template, or None."""
    root = lxml.html.document_fromstring(html)
    for box in root.xpath(f'//input[@type="checkbox"][@value="{value}"]'):
        if not box.xpath("ancestor::template"):
            return box
    return None


def test_a_new_row_does_not_offer_a_retired_paragraph(jinja):
    """Rows without § 49 a get no § 49 a checkbox, nor does the template for new rows."""
    form = build_form_class(PLAN, DEFAULT_VOCABULARIES)(
        formdata=form_data_from_submission(PLAN, _data(["bl_81"]))
    )
    html = render(jinja, form)
    assert _checkbox(html, "bl_81") is not None and _checkbox(html, "bl_46") is not None
    assert _checkbox(html, "sel_49a") is None
    assert "sel_49a" not in html  # nor in the template for new rows


def test_a_stored_retired_paragraph_shows_its_label_and_survives_saving(jinja):
    """A row that has § 49 a keeps it checked, under its label, through a save."""
    stored = _data(["bl_81", "sel_49a"])
    form = build_form_class(PLAN, DEFAULT_VOCABULARIES)(
        formdata=form_data_from_submission(PLAN, stored)
    )
    html = render(jinja, form)
    box = _checkbox(html, "sel_49a")
    assert box is not None and box.checked
    assert RETIRED.label in html and "ikke længere en mulighed" not in html
    posted = submission_from_form(PLAN, Page(html).submit("_save"))
    result = validate_submission(PLAN, posted, final=False, vocabularies=DEFAULT_VOCABULARIES)
    assert result.errors == {}
    assert result.cleaned["rows"][0]["paragraphs"] == ["bl_81", "sel_49a"]

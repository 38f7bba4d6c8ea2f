"""A case's form as a Word document: the SMARTE goal sheet, a form without its own template."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from app.extensions import db
from app.forms import definitions as definitions
from tests.word.conftest import PLAN_DAY
from tests.word.helpers import (
    DOCX_MIME,
    HOSTILE,
    headings,
    key_values,
    open_docx,
    paragraphs,
    table_starting,
)


@pytest.fixture(autouse=True)
def _fixed_day(plan_day):
    """Documents are made on PLAN_DAY."""


def test_goal_sheet_document_over_the_web(family, goal_sheet, municipality, login_as):
    """Wishes, every goal's SMARTE rows, sub-goals and agreements under their goal."""
    web = login_as(family.coordinator)
    url = f"/sager/{family.id}/formularer/smarte_maal/dokument.docx"
    response = web.get(url)
    assert response.status_code == 200 and response.mimetype == DOCX_MIME
    assert (
        f'filename="smarte-maal_SAG-2026-0042_{PLAN_DAY.isoformat()}.docx"'
        in (response.headers["Content-Disposition"])
    )
    doc = open_docx(response.data)
    texts = paragraphs(doc)
    assert texts[0] == "SMARTE-målark" and texts[2] == "Familien Hansen"
    assert key_values(doc, "Sag")["Familiekoordinator"] == (
        "Karen Koordinator, tlf. 11 22 33 44, karen@testby.dk"
    )
    assert "Jeg vil lege i frikvarteret.\nOg sove hjemme. " + HOSTILE in texts
    assert headings(doc, 2)[:4] == [
        "Barnets ønsker med barnets egne ord",
        "Sådan er barnet blevet hørt",
        "Familiens ønsker",
        "Det langsigtede mål",
    ]
    assert len(table_starting(doc, "Nr.")) == 4
    second = key_values(doc, "Område", 1)
    assert second["Område"] == "Forældrekompetencer" and second["S – Specifikt"] == ""
    assert headings(doc, 2)[-2] == f"Mål 2: {HOSTILE}"
    agreements = table_starting(doc, "Hvad", 1)
    assert agreements == [
        ["Hvad", "Hvem", "Hvornår"],
        ["Kursus & netværk", "Mor", "1. februar 2027"],
    ]
    page = web.get(f"/sager/{family.id}/formularer/smarte_maal").get_data(as_text=True)
    assert url in page


def test_hostile_values_through_the_api_appear_literally(family, api_as, goal_sheet):
    """Template-looking text, markup, & and emoji saved through the API stay text."""
    api = api_as(family.coordinator)
    current = api.get(f"/cases/{family.id}/forms/smarte_maal").json
    data = dict(current["data"], long_term_goal="{% if %}{{ 7*7 }} <w:p>x</w:p> & 😀\nslut")
    saved = api.put(
        f"/cases/{family.id}/forms/smarte_maal",
        json={"version": current["version"], "status": "draft", "data": data},
    )
    assert saved.status_code == 200, saved.json
    response = api.get(f"/cases/{family.id}/forms/smarte_maal/document")
    assert response.status_code == 200
    texts = paragraphs(open_docx(response.data))
    assert "{% if %}{{ 7*7 }} <w:p>x</w:p> & 😀\nslut" in texts
    assert any(t.startswith("Status: Kladde · version 2") for t in texts)
    # 7*7 was not evaluated; the save time ("kl. 15.49") may contain 49 by the clock alone.
    assert "49" not in re.sub(r"kl\. \d\d\.\d\d", "kl. ", " ".join(texts))


def test_unsaved_form_and_unknown_form_are_404(family, login_as, api_as):
    """Nothing saved yet, or no such case form: not found."""
    web = login_as(family.coordinator)
    assert web.get(f"/sager/{family.id}/formularer/smarte_maal/dokument.docx").status_code == 404
    assert web.get(f"/sager/{family.id}/formularer/sagsforloeb/dokument.docx").status_code == 404
    api = api_as(family.coordinator)
    assert api.get(f"/cases/{family.id}/forms/smarte_maal/document").status_code == 404


def test_case_form_permissions(family, goal_sheet, login_as, api_as):
    """Stranger 404, controller 403, team member and leader 200, in the browser and the API."""
    url = f"/sager/{family.id}/formularer/smarte_maal/dokument.docx"
    api_url = f"/cases/{family.id}/forms/smarte_maal/document"
    assert login_as("coordinator").get(url).status_code == 404
    assert login_as("controller").get(url).status_code == 403
    assert api_as("coordinator").get(api_url).status_code == 404
    assert api_as("controller").get(api_url).status_code == 403
    member = family.members[0].user
    assert login_as(member).get(url).status_code == 200
    assert api_as("leader").get(api_url).status_code == 200


OWN_FORM = """
name: hjemmebesoeg
title: Hjemmebesøg
scope: case
sections:
  - name: main
    title: Besøget
    fields:
      - {name: visited_on, type: date, label: Besøgsdato}
      - {name: notes, type: textarea, label: Noter}
      - {name: cost, type: money, label: Udgift}
      - name: present
        type: repeat
        label: Til stede
        fields:
          - {name: who, type: text, label: Hvem}
          - {name: role, type: select, label: Rolle, choices_from: roles}
"""


def test_a_municipal_form_without_its_own_template_uses_the_generic_one(
    family, save_form, login_as, make_user
):
    """Every section with its fields as label and value, every table row as a small table."""
    definitions.publish(make_user("admin"), OWN_FORM)
    db.session.commit()
    save_form(
        family.coordinator,
        "hjemmebesoeg",
        {
            "visited_on": "2026-11-20",
            "notes": "Godt besøg & " + HOSTILE,
            "cost": 1234.5,
            "present": [
                {"who": "Mor", "role": "andet"},
                {"who": "Karen", "role": "familiekoordinator"},
            ],
        },
        case=family,
    )
    response = login_as(family.coordinator).get(
        f"/sager/{family.id}/formularer/hjemmebesoeg/dokument.docx"
    )
    doc = open_docx(response.data)
    texts = paragraphs(doc)
    assert texts[0] == "Hjemmebesøg" and "Besøget" in headings(doc, 1)
    assert key_values(doc, "Besøgsdato") == {
        "Besøgsdato": "20. november 2026",
        "Noter": "Godt besøg & " + HOSTILE,
        "Udgift": "1.234,50 kr.",
    }
    assert headings(doc, 3) == ["Til stede 1", "Til stede 2"]
    assert key_values(doc, "Hvem", 1) == {"Hvem": "Karen", "Rolle": "Familiekoordinator"}
    disposition = response.headers["Content-Disposition"]
    assert f'filename="hjemmebesoeg_SAG-2026-0042_{PLAN_DAY.isoformat()}.docx"' in disposition
    assert "filename*" not in unquote(disposition)

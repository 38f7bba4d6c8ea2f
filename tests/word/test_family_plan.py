"""The family's plan and the internal plan made from one case: the family's has none of the
internal sections (amounts per department, who may grant, warnings), the internal one has
them; in Word, in PDF, for the test family and for the demo case."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from app.demo import DEMO_CASE_REFERENCE, seed_demo
from app.extensions import db
from app.models import Case, User
from app.word import services as documents
from tests.helpers import PASSWORD
from tests.tools import require_soffice
from tests.word.conftest import PLAN_DAY
from tests.word.helpers import (
    HOSTILE,
    danish,
    download_docx,
    footer_texts,
    header_texts,
    headings,
    key_values,
    open_docx,
    paragraphs,
    rows,
    table_starting,
)

#: What only the internal plan may say: the sections, the authority answer and its warning,
#: amounts, percentages of a split and the departments' share table.
INTERNAL_MARKERS = (
    "Beslutninger og bevillinger",
    "Finansiering pr. afdeling",
    "Efter beslutningskompetenceplanen",
    "Hvem må bevilge",
    "niveau",
    "Bemærk",
    "grænsen",
    "Beslutningskompetenceplan",
    "Ikke dækket af planen",
    "Fordeling",
    "Intern plan",
)
AMOUNT = re.compile(r"\d[\d.]*(?:,\d+)?\s?kr\.|\bkr\.|\d+(?:,\d+)?\s?%")


@pytest.fixture(autouse=True)
def _fixed_day(plan_day):
    """Every plan here is made on PLAN_DAY."""


def all_text(doc) -> str:
    """Every text of a Word document: body, every table cell, header and footer."""
    texts = paragraphs(doc) + header_texts(doc) + footer_texts(doc)
    for table in doc.tables:
        texts += [cell for row in rows(table) for cell in row]
    return "\n".join(texts)


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def internal_parts(text: str) -> list[str]:
    """The internal markers and amounts found in a text (HOSTILE's own % taken out)."""
    text = text.replace(HOSTILE, "")
    found = [marker for marker in INTERNAL_MARKERS if marker.lower() in text.lower()]
    return found + [m.group(0) for m in AMOUNT.finditer(text)]


def family_plan(web, case):
    """Download the family's plan on the web; (response, document)."""
    return download_docx(web, f"/sager/{case.id}/familiens-plan.docx")


def test_family_plan_has_who_to_call_wishes_goals_agreements_and_dates(
    family, goal_sheet, decision_doc, funding_lines, municipality, login_as
):
    """The family's own words, the goals with sub-goals and agreements, the coordinator and
    the core team with phone numbers, and the next dates; in plain words."""
    response, doc = family_plan(login_as(family.coordinator), family)
    texts = paragraphs(doc)
    assert texts[:3] == [
        "Familiens plan",
        f"Dato: {danish(PLAN_DAY)}   ·   Sagsnr.: SAG-2026-0042",
        "Familien Hansen",
    ]
    assert texts[3].startswith("Det her er jeres plan.")
    assert "Planen er et udkast" not in "\n".join(texts)  # the goal sheet is final
    assert "Jeres familiekoordinator: Karen Koordinator, tlf. 11 22 33 44, karen@testby.dk" in (
        texts
    )
    assert table_starting(doc, "Navn") == [
        ["Navn", "Rolle", "Telefon", "E-mail"],
        ["Karen Koordinator", "Familiekoordinator", "11 22 33 44", "karen@testby.dk"],
        ["Per Psykolog", "PPR", "55 66 77 88", "per@testby.dk"],
    ]
    assert "Jeg vil lege i frikvarteret.\nOg sove hjemme. " + HOSTILE in texts
    assert "Ro om aftenen & én indgang." in texts
    assert headings(doc, 1) == [
        "Hvem kan I kontakte?",
        "Det ønsker I",
        "Jeres mål",
        "Aftalt på møderne",  # issue 10: open agreements from meetings
        "Næste datoer",
    ]
    assert headings(doc, 2)[-3:] == [
        "Mål 1: Emma går i skole hver dag",
        f"Mål 2: {HOSTILE}",
        "Mål 3: Mor er i praktik",
    ]
    assert key_values(doc, "Det betyder") == {
        "Det betyder": "Møder til første time.",
        "Sådan kan vi se det": "Hele skoledage pr. uge: 5 af 5 dage",
        "Senest": "30. juni 2027",
        "Hvem har ansvaret": "Karen Koordinator (familiekoordinator)",
        "Hvor langt er vi": "I gang",
    }
    assert table_starting(doc, "Delmål") == [
        ["Delmål", "Senest", "Hvor langt er vi"],
        ["Fast morgenrutine", "15. januar 2027", "I gang"],
        ["Kontaktperson", "15. december 2026", "Nået"],
    ]
    assert table_starting(doc, "Hvad") == [
        ["Hvad", "Hvem", "Hvornår"],
        ["Bestille aflastning", "Karen", "1. december 2026"],
        ["Møde med skolen", "Forældrene", "10. januar 2026"],
    ]
    dates = table_starting(doc, "Dato")
    assert dates[1] == ["1. december 2026", "Aftale: Bestille aflastning", "Karen"]
    whats = [row[1] for row in dates[1:]]
    assert "Bevillingen udløber: Aflastning" in whats
    assert not any(w.startswith("Hvornår") for w in whats)
    assert header_texts(doc) == ["Testby Kommune"]
    assert response.headers["Content-Disposition"].startswith(
        f'attachment; filename="familiens-plan_SAG-2026-0042_{PLAN_DAY.isoformat()}.docx"'
    )


def test_family_plan_holds_nothing_internal_and_the_internal_plan_does(
    family, goal_sheet, decision_doc, funding_lines, municipality, login_as, api_as
):
    """No amounts, shares, authority answer or warning in the family's plan (web and API);
    the internal plan of the same case has every one of those sections."""
    _response, family_doc = family_plan(login_as(family.coordinator), family)
    assert internal_parts(all_text(family_doc)) == []
    api_doc = api_as(family.coordinator).get(f"/cases/{family.id}/family-plan.docx")
    assert api_doc.status_code == 200
    assert internal_parts(all_text(open_docx(api_doc.data))) == []
    internal = open_docx(api_as(family.coordinator).get(f"/cases/{family.id}/plan.docx").data)
    found = internal_parts(all_text(internal))
    for marker in ("Beslutninger og bevillinger", "Finansiering pr. afdeling", "Intern plan"):
        assert marker in found
    # The authority analysis (the fixture's respite line has no size, so it is answered but not
    # flagged; tests/word/test_joint_plan.py checks a real "lavere niveau" flag).
    assert "Efter beslutningskompetenceplanen" in found
    assert "96.000,00 kr." in found and "60 %" in found


def test_the_context_of_the_family_plan_has_no_internal_names(family, goal_sheet, funding_lines):
    """A municipality's own template cannot print what the context does not hold."""
    context = documents.family_plan_context(family)
    assert "beslutninger" not in context and "finansiering" not in context
    internal = documents.plan_context(family)
    assert internal["beslutninger"] and internal["finansiering"]["afdelinger"]


def test_a_draft_plan_says_so_and_an_empty_case_is_honest(family, login_as):
    """No goal sheet: the family's plan says what is missing; nothing is invented."""
    _response, doc = family_plan(login_as(family.coordinator), family)
    texts = paragraphs(doc)
    for sentence in (
        "Planen er et udkast, som vi stadig arbejder på sammen med jer.",
        "Vi har ikke skrevet mål sammen endnu.",
        "Der er ingen datoer i planen endnu.",
    ):
        assert sentence in texts


def demo_case() -> Case:
    """The demo municipality's case, seeded as `make run` seeds it."""
    seed_demo()
    db.session.commit()
    return db.session.query(Case).filter_by(reference=DEMO_CASE_REFERENCE).one()


def demo_coordinator() -> User:
    """The demo coordinator, with the tests' password so `login_as` can log in."""
    user = db.session.query(User).filter_by(email="koordinator@demo.enindgang.dk").one()
    user.set_password(PASSWORD)
    db.session.commit()
    return user


def test_demo_family_plan_shows_the_coordinator_phone_and_nothing_internal(app, login_as):
    """The demo case: the family's plan has the coordinator's phone, no amounts, no
    authority answer; its internal plan has the decisions and the funding."""
    case = demo_case()
    web = login_as(demo_coordinator())
    _response, doc = family_plan(web, case)
    text = all_text(doc)
    assert internal_parts(text) == []
    assert "Aftale: Søvndagbog" in text and "Hvornår: Søvndagbog" not in text
    assert "tlf. " + demo_coordinator().phone in text
    internal = open_docx(web.get(f"/sager/{case.id}/intern-plan.docx").data)
    assert "Finansiering pr. afdeling" in all_text(internal)
    assert "120.000,00 kr." in all_text(internal)


@pytest.mark.libreoffice
def test_pdf_of_the_family_plan_holds_nothing_internal(
    app, family, goal_sheet, decision_doc, funding_lines, login_as, api_as
):
    """The PDF copies read like the Word documents: the family's without internal parts."""
    app.config["ENINDGANG_SOFFICE"] = require_soffice()
    family_pdf = login_as(family.coordinator).get(f"/sager/{family.id}/familiens-plan.pdf")
    assert family_pdf.status_code == 200 and family_pdf.mimetype == "application/pdf"
    text = pdf_text(family_pdf.data)
    assert "Familiens plan" in text and "11 22 33 44" in text
    assert internal_parts(text) == []
    internal_pdf = api_as(family.coordinator).get(f"/cases/{family.id}/plan.pdf")
    internal = pdf_text(internal_pdf.data)
    assert "Finansiering pr. afdeling" in internal and "96.000,00 kr." in internal


@pytest.mark.libreoffice
def test_pdf_of_the_demo_family_plan_holds_nothing_internal(app, login_as):
    """The demo case's family's plan as PDF."""
    app.config["ENINDGANG_SOFFICE"] = require_soffice()
    case = demo_case()
    response = login_as(demo_coordinator()).get(f"/sager/{case.id}/familiens-plan.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Emma sover hele natten" in text and internal_parts(text) == []

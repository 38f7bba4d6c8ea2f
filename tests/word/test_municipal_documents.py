"""The case-flow template and the decision-competence plan as Word documents, over HTTP."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.word.conftest import PLAN_DAY
from tests.word.helpers import (
    DOCX_MIME,
    HOSTILE,
    danish,
    footer_texts,
    has_logo,
    header_texts,
    headings,
    key_values,
    open_docx,
    paragraphs,
    table_starting,
)

#: Documents are dated PLAN_DAY (not the day the module was imported, which another clock
#: or a run across midnight would make a different day from the document's).
TODAY = PLAN_DAY
pytestmark = pytest.mark.usefixtures("plan_day")


def test_case_flow_document_has_every_value_in_place(flow_doc, municipality, login_as):
    """Header facts in the facts table, each phase in the overview and in its own section."""
    web = login_as("coordinator")
    response = web.get(f"/dokumenter/sagsforloeb/{flow_doc.id}/dokument.docx")
    assert response.status_code == 200 and response.mimetype == DOCX_MIME
    doc = open_docx(response.data)
    texts = paragraphs(doc)
    assert texts[0] == "Skabelon for sagsforløb"
    assert texts[1] == f"Dato: {danish(TODAY)}"
    assert "Sagsforløb 0–6 år" in texts
    assert any(
        t.startswith("Status: Endelig · version 1 · gemt ") and t.endswith("af Lise Leder")
        for t in texts
    )
    assert key_values(doc, "Model") == {
        "Model": "Én familie – én indgang",
        "Målgruppe": "Familier med børn 0–6 år",
        "Team eller enhed": "Handicapteamet Nord",
        "Ejer af skabelonen": "Lise Leder",
        "Gælder fra": "1. februar 2026",
    }
    assert "Første linje\nAnden linje med " + HOSTILE in texts
    overview = table_starting(doc, "Nr.")
    assert overview[0] == [
        "Nr.",
        "Fase",
        "Ansvarlig",
        "Frist eller kadence",
        "Kilde",
        "Med familien",
    ]
    assert overview[1] == [
        "1",
        "Henvendelse & visitation",
        "Rådgiver / sagsbehandler",
        "<b>Samme uge</b>",
        "Kommunens eget valg & <i>lokalt</i>",
        "Ja",
    ]
    assert overview[3][1] == "Tilbud om familievejledning"
    assert overview[3][4] == "Barnets lov § 81, stk. 4"
    assert overview[6] == [
        "6",
        "Analysemøde",
        "Familiekoordinator",
        "Før indsatserne sættes i gang",
        "Én familie – én indgang, modelbeskrivelse 2019, s. 4",
        "Nej",
    ]
    assert len(overview) == 16  # header + the model's 15 phases
    assert headings(doc, 2)[1:3] == ["1. Henvendelse & visitation", "2. Screening"]
    first = key_values(doc, "Fase-id", 0)
    assert first["Fase-id"] == "henvendelse"
    assert first["Aktiviteter"] == "Linje 1\nLinje 2 {{ 7*7 }}"
    assert first["Metoder og redskaber"] == ""
    assert first["Kilde til frist eller kadence"] == "Kommunens eget valg & <i>lokalt</i>"
    preparation = key_values(doc, "Fase-id", 3)
    assert preparation["Metoder og redskaber"] == "Netværkskort, Børnesamtale, Hjemmebesøg"
    assert preparation["Deltagere"] == "Familiekoordinator"
    assessment = key_values(doc, "Fase-id", 4)
    assert assessment["Lovgrundlag"].startswith("Barnets lov § 19")
    assert assessment["Kilde til frist eller kadence"] == "Barnets lov § 20, stk. 3"
    assert header_texts(doc) == ["Testby Kommune"] and has_logo(doc)
    assert footer_texts(doc)[0] == "Testby Kommune"


def test_decision_plan_document_has_every_row_in_place(decision_doc, municipality, api_as):
    """Every row of the plan in the table; thresholds in Danish number format with unit."""
    api = api_as("coordinator")
    response = api.get(f"/municipal/beslutningskompetence/{decision_doc.id}/document")
    assert response.status_code == 200 and response.mimetype == DOCX_MIME
    doc = open_docx(response.data)
    assert "Beslutningskompetenceplan 2026" in paragraphs(doc)
    assert key_values(doc, "Enhed") == {
        "Enhed": "Børn og Familie",
        "Gælder fra": "1. januar 2026",
        "Godkendt af": "Børne- og Ungeudvalget",
    }
    table = table_starting(doc, "Indsats")
    assert table[1] == [
        "Dækning af merudgifter / kompensationsydelse",
        "Barnets lov § 86 (tidl. SEL § 41) – kompensationsydelse (tidl. merudgifter)",  # L 201
        "Sagsbehandler / familiekoordinator",
        "30.000 kr. om året",
        "Teamleder",
        "Ja",
        "Ydelsescenter (økonomiske ydelser)",
        "",
    ]
    assert table[2][3:5] == ["10,5 timer om måneden", "Visitationsudvalg"]
    assert table[2][7] == "Kerneteamet enstemmigt & " + HOSTILE
    assert table[3][0] == "Familievejledning" and table[3][3:6] == ["", "", "Nej"]
    assert table[3][1].count("Barnets lov") == 2
    assert len(table) == 4


def test_download_names_are_safe_and_meaningful(flow_doc, login_as):
    """<form>_<title or reference>_<date>.docx, ASCII in filename, UTF-8 in filename*."""
    web = login_as("leader")
    response = web.get(f"/dokumenter/sagsforloeb/{flow_doc.id}/dokument.docx")
    disposition = response.headers["Content-Disposition"]
    ascii_name = f"sagsforloeb_Sagsforloeb-0-6-aar_{TODAY.isoformat()}.docx"
    assert f'filename="{ascii_name}"' in disposition
    utf8 = unquote(disposition.split("filename*=UTF-8''")[1])
    assert utf8 == f"sagsforloeb_Sagsforløb-0–6-år_{TODAY.isoformat()}.docx"


def test_municipal_document_form_page_offers_the_download(flow_doc, login_as):
    """The document page links to its Word document."""
    html = login_as("coordinator").get(f"/dokumenter/sagsforloeb/{flow_doc.id}").get_data(True)
    assert f"/dokumenter/sagsforloeb/{flow_doc.id}/dokument.docx" in html


def test_unknown_or_mismatched_documents_are_404(flow_doc, login_as, api_as):
    """Another form's name, a missing id or a case form's URL: not found."""
    web = login_as("leader")
    assert (
        web.get(f"/dokumenter/beslutningskompetence/{flow_doc.id}/dokument.docx").status_code == 404
    )
    assert web.get("/dokumenter/sagsforloeb/99999/dokument.docx").status_code == 404
    api = api_as("leader")
    assert api.get("/municipal/sagsforloeb/99999/document").status_code == 404
    assert api.get(f"/municipal/sagsforloeb/{flow_doc.id}/document?format=xls").status_code == 400

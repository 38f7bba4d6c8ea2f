"""One message policy: the main error paths speak the UI's language, English or Danish.

The UI is switched with POST /sprog, then each error path is triggered as a person would:
a final save of SMARTE-mål with required fields empty, funding lines with a bad amount and
shares that do not sum to 100, a workbook with one bad cell, the form designer's check of a
YAML file with a tab and with the field type 'dropdown', a Word template with an unknown
merge field, and the "who may grant this?" reason on the case's funding. The messages shown
(alerts, problem lists, field errors, the reason) are read with a real HTML parser and
checked by the small language detectors below; the reverse is checked in Danish.

What is quoted is data, not our sentence: text in »…« or '…' (a cell value, a sheet or plan
title, a name typed in a file, a parser's own words) and Jinja tags are left out. So are the
names of Danish laws and institutions, which stay Danish in both languages.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from decimal import Decimal

import pytest
from flask_babel import force_locale
from lxml import html as lxml_html

from app.formengine import DefinitionError, load_definition
from app.web.i18n import NOTE_RESTORED, stored_note, translate
from excel_tools import Department, WorkbookBuildError
from excel_tools.messages import Message, translated
from excel_tools.prepare import prepare
from excel_tools.values import ValueProblem, as_decimal
from tests.docgen.helpers import make_docx
from tests.forms.conftest import GOALS_V1, goals_form, publish  # noqa: F401  (fixtures)
from tests.forms.test_decisions import plan  # noqa: F401  (fixture)
from tests.funding.support import YEAR, api_lines, book, put, saved
from tests.word.test_templates_admin import upload as upload_template

# Words that are frequent in Danish sentences and are not English words.
DANISH_WORDS = frozenset(
    "og er ikke skal til af et det der på med som har kan må eller fra være højst mindst "
    "ved hvis kun findes mangler vælg skriv udfyld summerer række rækker feltet filen teksten "
    "regnearket linje ugyldig ukendt mente mellem før efter denne dette skabelonen".split()
)
# Words that are frequent in English sentences and are not Danish words.
ENGLISH_WORDS = frozenset(
    "the is are must should not and with cannot unknown field file value missing number "
    "choose enter least most did you mean error syntax between before after this does "
    "has there been be".split()
)
# Names that stay Danish in both languages (laws, institutions, our sheet names).
DANISH_NAMES = (
    "Barnets lov",
    "Serviceloven",
    "Pædagogisk Psykologisk Rådgivning",
    "Børn og Familie",
    "Indsatser",
    "Fordeling",
    "Afdelinger",
)
_QUOTED = re.compile(r"»[^«]*«|'[^']*'|\{[{%].*?[%}]\}")
_WORD = re.compile(r"[^\W\d_]+")
# Where a page puts the messages people read.
MESSAGE_PLACES = (
    "//*[contains(concat(' ', @class, ' '), ' alert ')]"
    " | //*[contains(concat(' ', @class, ' '), ' form-error-message ')]"
    " | //*[@data-testid='problems' or @data-testid='import-problems'"
    " or @data-testid='who-may-grant']"
)


def _running_text(text: str) -> str:
    """The text without quoted data and names that are Danish in any language."""
    text = _QUOTED.sub(" ", text)
    for name in DANISH_NAMES:
        text = text.replace(name, " ")
    return text


def is_danish(text: str) -> bool:
    """True for a Danish sentence: æ, ø or å in running text, or two Danish words."""
    words = [w.lower() for w in _WORD.findall(_running_text(text))]
    if any(letter in word for word in words for letter in "æøå"):
        return True
    return sum(word in DANISH_WORDS for word in words) >= 2


def is_english(text: str) -> bool:
    """True for an English sentence: two frequent English words in running text."""
    words = [w.lower() for w in _WORD.findall(_running_text(text))]
    return sum(word in ENGLISH_WORDS for word in words) >= 2


def messages(page: str) -> list[str]:
    """Every message on a page: alerts, problem lists, field errors, decision reasons."""
    tree = lxml_html.fromstring(page)
    found = []
    for element in tree.xpath(MESSAGE_PLACES):
        for line in element.xpath(".//li | .//p | .//span | self::*"):
            text = " ".join(line.text_content().split())
            if text:
                found.append(text)
    return found


def test_the_detectors_tell_the_languages_apart():
    """The detectors are precise enough to mean something, both ways."""
    assert is_danish("Feltet skal udfyldes.")
    assert is_danish("andelene summerer til 120 %, skal være 100 %")
    assert is_danish("YAML-syntaksfejl: et tabulatortegn; ryk ind med mellemrum i stedet")
    assert not is_danish("This field is required.")
    assert not is_danish("»Ønsker« is not a known department (known: Børn og Familie, PPR).")
    assert not is_danish("Barnets lov § 90 – the plan sets no limit for the intervention")
    assert is_english("unknown field type 'dropdown'")
    assert is_english("The shares add up to 120 %; they must come to 100 %.")
    assert not is_english("ukendt felttype 'dropdown'")
    assert not is_english("Skabelonen bruger »the field is missing« fra Word.")


def _language(web, lang: str) -> None:
    """Switch the UI language as the header's switch does."""
    response = web.post_form("/sprog", {"lang": lang, "next": "/"}, page="/")
    assert response.status_code == 302


def _error_pages(web, admin, api, case) -> dict[str, tuple[int, str]]:
    """(status, HTML) of every main error path, in the clients' current language."""
    pages = {}
    form_url = f"/sager/{case.id}/formularer/smarte_maal"
    final = {"_version": "", "_save_final": "1", "goals-0-_row": "1"}
    response = web.post_form(form_url, final, page=form_url)
    pages["form validation"] = (response.status_code, response.get_data(as_text=True))

    funding = f"/sager/{case.id}/finansiering?year={YEAR}"
    rows = {
        "lines-0-intervention": "aflastning",
        "lines-0-paragraph": "bl_90",
        "lines-0-amount": "mange penge",
        "lines-0-start": "2026-01-01",
        "lines-0-share-ppr": "100",
        "lines-1-intervention": "aflastning",
        "lines-1-paragraph": "bl_90",
        "lines-1-amount": "1000",
        "lines-1-start": "2026-01-01",
        "lines-1-share-ppr": "70",
    }
    response = web.post_form(funding, {"_version": "1", **rows}, page=funding)
    pages["funding lines"] = (response.status_code, response.get_data(as_text=True))

    workbook = book(api.get(f"/cases/{case.id}/funding.xlsx?year={YEAR}").data)
    workbook["Indsatser"]["E3"] = "mange"  # the amount of the first line, typed as text
    sent = {"file": (io.BytesIO(saved(workbook)), "f.xlsx"), "_version": "1"}
    funding_page = f"/sager/{case.id}/finansiering"
    response = web.post_form(f"{funding_page}/regneark", sent, page=funding_page)
    pages["workbook import"] = (response.status_code, response.get_data(as_text=True))

    edit = "/formularer/test_goals/rediger"
    for name, source in (
        ("definition check: tab", GOALS_V1.replace("scope: case", "scope: case\n\tbad: 1")),
        ("definition check: dropdown", GOALS_V1.replace("type: textarea", "type: dropdown")),
    ):
        response = admin.post_form(edit, {"source": source, "_check": "1"}, page=edit)
        pages[name] = (response.status_code, response.get_data(as_text=True))

    response = upload_template(admin, make_docx("Plan: {{ titel }}"))
    pages["template lint"] = (response.status_code, response.get_data(as_text=True))

    response = web.get(f"/sager/{case.id}/finansiering/versioner/1")
    pages["decision reason"] = (response.status_code, response.get_data(as_text=True))
    return pages


@pytest.fixture
def situation(login_as, make_case, api_as, goals_form, plan):  # noqa: F811
    """(coordinator's web client, admin's web client, API client, case) with funding v1."""
    web = login_as("coordinator")
    admin = login_as("admin")
    case = make_case(coordinator=web.user)
    api = api_as(web.user)
    assert put(api, case.id, api_lines()).status_code == 200
    return web, admin, api, case


EXPECTED = {
    "form validation": (422, "Write the goal in plain words.", "Skriv målet med almindelige ord."),
    "funding lines": (422, "must come to 100", "skal være 100"),
    "workbook import": (422, "is text, not a number", "er tekst, ikke et tal"),
    "definition check: tab": (422, "a tab character", "et tabulatortegn"),
    "definition check: dropdown": (422, "unknown field type", "ukendt felttype"),
    "template lint": (422, "Unknown merge field", "Ukendt flettefelt"),
    "decision reason": (200, "of »Beslutningskompetenceplan 2026«", "i »Beslutningskompetenceplan"),
}


@pytest.mark.parametrize("lang", ["en", "da"])
def test_error_paths_speak_the_ui_language(situation, lang):
    """In English no Danish sentence appears in the messages; in Danish no English one."""
    web, admin, api, case = situation
    _language(web, lang)
    _language(admin, lang)
    assert_in_language(_error_pages(web, admin, api, case), EXPECTED, lang, messages)


def assert_in_language(answers: dict, expected: dict, lang: str, read) -> None:
    """Each answer has its status and expected message, and no sentence in the other language.

    ``answers`` maps a path to (status, page or JSON); ``read`` finds the messages in one.
    """
    wrong = is_danish if lang == "en" else is_english
    for path, (status, answer) in answers.items():
        expected_status, english, danish = expected[path]
        assert status == expected_status, (path, status)
        shown = read(answer)
        assert shown, f"{path}: no message found"
        assert any((english if lang == "en" else danish) in text for text in shown), (path, shown)
        foreign = [text for text in shown if wrong(text)]
        assert foreign == [], f"{path} ({lang}): {foreign}"


DROPDOWN = GOALS_V1.replace("type: textarea", "type: dropdown")


def _dropdown_problem() -> str:
    """The designer's problem for a field of type 'dropdown', as the form engine words it."""
    with pytest.raises(DefinitionError) as caught:
        load_definition(DROPDOWN, "<test>")
    return caught.value.problems[0].message


# Issue 14: the check suggests the type people meant, named as the designer's palette names it.
DROPDOWN_DA = "ukendt felttype 'dropdown' — mente du 'select' (Valgliste)?"
DROPDOWN_EN = "unknown field type 'dropdown' — did you mean 'select' (Choice list)?"


def _workbook_problem() -> Message:
    """The reader's message for an amount typed as text."""
    with pytest.raises(ValueProblem) as caught:
        as_decimal("mange", minimum=Decimal(0), maximum=Decimal(100))
    return caught.value.message


def test_pure_libraries_speak_the_danish_source_without_an_app():
    """No app, no request (the CLI's case): the form engine and excel_tools print Danish."""
    assert _dropdown_problem() == DROPDOWN_DA
    with pytest.raises(DefinitionError) as caught:
        load_definition("name: x\ntitle: y\nscope: case\nsections:\n\t- name: a\n")
    (tab,) = caught.value.problems
    assert tab.line == 5 and tab.message.startswith("YAML-syntaksfejl: et tabulatortegn; ryk ind")
    assert str(_workbook_problem()) == "»mange« er tekst, ikke et tal; skriv kun tallet"
    assert translated(_workbook_problem(), lambda msgid: msgid) == str(_workbook_problem())


def test_pure_libraries_speak_the_request_language_in_the_app(app):
    """Inside a request the same messages come out in the UI's language."""
    with app.test_request_context(), force_locale("en"):
        assert _dropdown_problem() == DROPDOWN_EN
        assert (
            translate(_workbook_problem()) == "»mange« is text, not a number; enter only the number"
        )
        assert translate("already text") == "already text"
    with app.test_request_context():  # Danish by default
        assert _dropdown_problem() == DROPDOWN_DA
        assert translate(_workbook_problem()) == str(_workbook_problem())


def test_stored_notes_are_danish_and_shown_in_the_ui_language(app):
    """A version note is stored in Danish and translated only when it is shown."""
    note = str(Message(NOTE_RESTORED, version=3))
    assert note == "Gendannet fra version 3"
    with app.test_request_context(), force_locale("en"):
        assert stored_note(note) == "Restored from version 3"
        assert stored_note("Min egen note") == "Min egen note"
    with app.test_request_context():
        assert stored_note(note) == note


def test_workbook_build_problems_are_keys_too(app):
    """excel_tools' build-time problems print Danish and translate at the app's edge."""
    with pytest.raises(WorkbookBuildError) as caught:
        prepare(
            None, [Department("a", "A")], [], [], None, [], year=1800, made_at=datetime(2026, 1, 2)
        )
    (problem,) = caught.value.messages
    assert problem.startswith("Året skal ligge mellem") and problem.endswith("ikke 1800")
    with app.test_request_context(), force_locale("en"):
        assert translate(problem).startswith("The year must be between")


# The API: a program with a token asks for English with Accept-Language; a browser session
# keeps the language of the header switch.
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}


def api_messages(body: dict) -> list[str]:
    """Every message of a JSON error answer: error, errors by path, problems' messages."""
    found = [body["error"]] if body.get("error") else []
    for texts in (body.get("errors") or {}).values():
        found += texts
    found += [problem["message"] for problem in body.get("problems") or []]
    return found


def _api_error_answers(api, case, headers: dict) -> dict[str, tuple[int, dict]]:
    """(status, JSON) of the API's main error paths, sent with ``headers``."""
    answers = {}
    bad_token = api.client.get(
        f"/api/v1/cases/{case.id}", headers={"Authorization": "Bearer wrong", **headers}
    )
    answers["bad token"] = (bad_token.status_code, bad_token.get_json())
    bad_lines = [{**api_lines()[0], "annual_cost": "mange penge"}]
    response = put(api, case.id, bad_lines, version=1, headers=headers)
    answers["bad body"] = (response.status_code, response.get_json())
    response = api.post("/cases", json={"reference": ""}, headers=headers)
    answers["bad new case"] = (response.status_code, response.get_json())
    workbook = book(api.get(f"/cases/{case.id}/funding.xlsx?year={YEAR}").data)
    workbook["Indsatser"]["E3"] = "mange"
    sent = {"file": (io.BytesIO(saved(workbook)), "f.xlsx"), "version": "1"}
    response = api.post(f"/cases/{case.id}/funding.xlsx", data=sent, headers=headers)
    answers["bad workbook"] = (response.status_code, response.get_json())
    response = api.post(f"/cases/{case.id}/funding.xlsx", data={}, headers=headers)
    answers["no workbook"] = (response.status_code, response.get_json())
    response = api.get(f"/cases/{case.id}/forms/no_such_form", headers=headers)
    answers["no form"] = (response.status_code, response.get_json())
    response = api.get(f"/cases/{case.id}/forms/smarte_maal/document?format=odt", headers=headers)
    answers["bad format"] = (response.status_code, response.get_json())
    soffice = api.client.application.config.get("ENINDGANG_SOFFICE")
    api.client.application.config["ENINDGANG_SOFFICE"] = "/nonexistent/soffice"
    try:
        response = api.get(f"/cases/{case.id}/plan.pdf", headers=headers)
    finally:
        api.client.application.config["ENINDGANG_SOFFICE"] = soffice
    answers["no pdf"] = (response.status_code, response.get_json())
    return answers


API_EXPECTED = {
    "bad token": (401, "Missing, invalid or revoked API key.", "Manglende, ugyldig"),
    "bad body": (422, "must be a number", "kunne ikke godkendes"),
    "bad new case": (422, "The case could not be created.", "Sagen kunne ikke oprettes."),
    "bad workbook": (422, "is text, not a number", "er tekst, ikke et tal"),
    "no workbook": (422, "multipart field »file«", "multipart-feltet »file«"),
    "no form": (404, "The form does not exist on cases.", "Formularen findes ikke på sager."),
    "bad format": (400, "format must be »docx« or »pdf«.", "format skal være »docx« eller »pdf«."),
    "no pdf": (503, "because LibreOffice is not installed", "fordi LibreOffice ikke er installeret"),
}


@pytest.mark.parametrize("lang", ["en", "da"])
def test_api_errors_speak_the_accept_language_of_a_token_call(situation, lang):
    """A token call in English gets no Danish sentence; without the header it is Danish."""
    _web, _admin, api, case = situation
    answers = _api_error_answers(api, case, ENGLISH if lang == "en" else {})
    assert_in_language(answers, API_EXPECTED, lang, api_messages)


def test_api_in_a_browser_session_follows_the_header_switch(situation):
    """A browser always sends Accept-Language; the session's chosen language wins."""
    web, _admin, _api, case = situation
    url = f"/api/v1/cases/{case.id}/forms/no_such_form"
    danish_browser = {"Accept-Language": "da"}
    _language(web, "en")
    body = web.get(url, headers=danish_browser).get_json()
    assert body["error"] == "The form does not exist on cases."
    _language(web, "da")
    body = web.get(url, headers=ENGLISH).get_json()
    assert body["error"] == "Formularen findes ikke på sager."


def test_a_token_call_falls_back_to_danish_for_other_languages(situation):
    """Accept-Language for a language we do not have gives the default, Danish."""
    _web, _admin, api, case = situation
    response = api.get(f"/cases/{case.id}/forms/no_such_form", headers={"Accept-Language": "de"})
    assert response.get_json()["error"] == "Formularen findes ikke på sager."


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (ENGLISH, "The file is too large. A workbook may be at most 0.02 MB."),
        ({}, "Filen er for stor. Et regneark må højst fylde 0,02 MB."),
    ],
)
def test_api_too_large_upload_speaks_and_counts_in_the_language(
    situation, app, monkeypatch, headers, expected
):
    """The 413 of a token call: the sentence and the number both follow Accept-Language."""
    _web, _admin, api, case = situation
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 20_000)
    sent = {"file": (io.BytesIO(b"PK" + b"\x00" * 30_000), "f.xlsx")}
    response = api.post(f"/cases/{case.id}/funding.xlsx", data=sent, headers=headers)
    assert response.status_code == 413
    assert api_messages(response.get_json())[1:] == [expected]

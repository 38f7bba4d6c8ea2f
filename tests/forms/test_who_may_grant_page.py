"""The page "Hvem må bevilge?" and the API's decision endpoint with the richer answer."""

from __future__ import annotations

from datetime import date

from lxml import html as lxml_html

from app.extensions import db
from tests.forms.test_decisions import plan  # noqa: F401  (fixture: the built-in plan, 2026)

PAGE = "/dokumenter/hvem-maa-bevilge"


def _text(html: str, testid: str) -> str:
    """The text of the element with this data-testid ("" when absent)."""
    found = lxml_html.fromstring(html).xpath(f"//*[@data-testid='{testid}']")
    return " ".join(found[0].text_content().split()) if found else ""


def _ask(web, **values):
    """Post the page's form with CSRF."""
    fields = {"intervention": "", "paragraph": "", "on": "2026-03-01"} | values
    return web.post_form(PAGE, fields, page=PAGE)


def test_every_staff_user_finds_the_page_in_the_menu(plan, login_as):  # noqa: F811
    """The empty page has the form, today's date and a menu item; no answer yet."""
    for role in ("coordinator", "controller", "leader"):
        response = login_as(role).get(PAGE)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert f'href="{PAGE}"' in html and 'aria-current="page"' in html
        assert f'value="{date.today().isoformat()}"' in html
        assert 'data-testid="grant-answer"' not in html


def test_post_answers_with_reason_row_conditions_appeal_and_payer(plan, login_as):  # noqa: F811
    """Respite, 3 døgn a month: the core team, with the row's conditions and payer."""
    response = _ask(login_as("coordinator"), intervention="aflastning", days_per_month="3")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kerneteam (enstemmigt)" in _text(html, "grant-answer")
    assert "3 døgn om måneden er inden for grænsen på 4 døgn om måneden" in _text(
        html, "grant-reason"
    )
    assert _text(html, "grant-row") == "3"
    assert "Op til og med 4 døgn om måneden beslutter" in _text(html, "grant-threshold")
    assert _text(html, "grant-conditions") == "Kerneteamet enstemmigt, ellers visitationsudvalget."
    assert "Ankestyrelsen inden 4 uger" in _text(html, "grant-appeal")
    assert _text(html, "grant-payer") == "Børnehandicap (specialområdet)"
    assert 'data-testid="grant-indefinite"' not in html


def test_get_with_the_fields_in_the_query_answers_too(plan, login_as):  # noqa: F811
    """A link can ask: hours a month against the weekly limit, converted and said."""
    query = "?intervention=tabt_arbejdsfortjeneste&hours_per_month=200&on=2026-05-01"
    html = login_as("coordinator").get(PAGE + query).get_data(as_text=True)
    assert "Visitationsudvalg" in _text(html, "grant-answer")
    assert "52/12 uger om måneden" in _text(html, "grant-conversion")
    assert "200 timer om måneden svarer til 46,15 timer om ugen" in _text(html, "grant-reason")


def test_without_the_size_the_page_says_what_it_depends_on(plan, login_as):  # noqa: F811
    """No size: the higher level, and a note on what to give for a definite answer."""
    html = _ask(login_as("coordinator"), intervention="aflastning").get_data(as_text=True)
    assert "Visitationsudvalg" in _text(html, "grant-answer")
    assert "angiv døgn pr. måned" in _text(html, "grant-indefinite")


def test_the_plan_in_force_on_the_date_asked_answers(plan, login_as):  # noqa: F811
    """Before the plan's valid_from there is no plan to answer from."""
    html = _ask(login_as("coordinator"), intervention="aflastning", on="2025-12-31").get_data(
        as_text=True
    )
    assert "Ikke dækket af planen" in _text(html, "grant-answer")
    assert "ingen gældende beslutningskompetenceplan pr. 31. dec. 2025" in html


def test_bad_input_gets_a_message_and_keeps_what_was_typed(plan, login_as):  # noqa: F811
    """Bad numbers, an unknown intervention and a bad date: 422, messages, values kept."""
    web = login_as("coordinator")
    response = _ask(web, intervention="nope", kr_per_year="mange", months="-2", on="32-13-2026")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = _text(html, "error-summary")
    assert "Vælg en indsats fra listen." in summary
    assert "Skriv et tal, fx 18.500 eller 2,5." in summary
    assert "Skriv en dato, fx 2026-03-01." in summary
    assert 'value="mange"' in html and 'value="32-13-2026"' in html
    assert 'data-testid="grant-answer"' not in html
    response = _ask(web, intervention="", kr_per_year="18.500")
    assert response.status_code == 422 and "Vælg indsatsen." in response.get_data(as_text=True)


def test_a_post_without_csrf_is_refused(plan, login_as):  # noqa: F811
    """The page's form is CSRF-protected like every post."""
    web = login_as("coordinator")
    response = web.post(PAGE, data={"intervention": "aflastning", "on": "2026-03-01"})
    assert response.status_code == 400


def test_the_page_in_english(plan, login_as):  # noqa: F811
    """In English the labels, the answer's sentences and the numbers are English."""
    web = login_as("coordinator")
    web.post_form("/sprog", {"lang": "en", "next": PAGE}, page=PAGE)
    html = _ask(web, intervention="merudgifter", kr_per_year="18500").get_data(as_text=True)
    assert "Who may grant this?" in html
    reason = _text(html, "grant-reason")
    assert "DKK 18,500 is within the limit of DKK 30,000 a year" in reason
    assert "Benefits centre" in _text(html, "grant-payer")
    assert "can be appealed" in _text(html, "grant-appeal")
    bad = _ask(web, intervention="merudgifter", kr_per_year="many")
    assert "Enter a number" in bad.get_data(as_text=True)


def test_api_takes_the_same_inputs_and_answers_richer(plan, api_as):  # noqa: F811
    """GET /decision-authority: every measure, paragraph and date; the new fields."""
    api = api_as("coordinator")
    query = "intervention=aflastning&paragraph=bl_90&days_per_month=3&on=2026-02-01"
    answer = api.get(f"/decision-authority?{query}").json
    assert answer["authority_level"]["value"] == "kerneteam" and answer["definite"] is True
    assert answer["on"] == "2026-02-01" and answer["row"] == 3
    assert answer["threshold"] == {
        "value": "4",
        "unit": {"value": "days_per_month", "label": "døgn pr. måned"},
        "text": "4 døgn om måneden",
    }
    assert answer["conditions"] == "Kerneteamet enstemmigt, ellers visitationsudvalget."
    assert answer["appealable"] is True and "Ankestyrelsen" in answer["appeal_note"]
    assert answer["default_payer"]["value"] == "boernehandicap"
    assert answer["paragraph_note"] is None and answer["conversion"] is None
    converted = api.get(
        "/decision-authority?intervention=tabt_arbejdsfortjeneste&hours_per_month=100"
    ).json
    assert "52/12" in converted["conversion"]
    assert converted["authority_level"]["value"] == "teamleder"
    one_off = api.get("/decision-authority?intervention=boligaendring&kr_one_off=60000").json
    assert one_off["authority_level"]["value"] == "afdelingsleder"
    early = api.get("/decision-authority?intervention=aflastning&on=2025-06-01").json
    assert early["covered"] is False and early["plan"] is None
    bad = api.get("/decision-authority?intervention=aflastning&on=i-morgen&days_per_month=x")
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"on", "days_per_month"}
    db.session.rollback()

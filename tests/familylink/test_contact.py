"""The contact agreement: edited by who may edit the case's content, versioned (409 keeps the
typed text), refused with 422 keeping the text, shown on the case and in the family's plan."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import select

from app.extensions import db
from app.family import contact
from app.models import AuditEvent, ContactAgreement
from app.word import services as documents
from app.word import store
from tests.familylink.support import family_case
from tests.word.helpers import download_docx, paragraphs, rows

FORM = {
    "channels": ["phone", "sms"],
    "frequency": "Hver 14. dag",
    "coordinated_by": "adviser",
    "best_times": "Hverdage kl. 9–14",
    "notes": "Ring ikke om aftenen",
    "version": "0",
}


def _url(case) -> str:
    return f"/sager/{case.id}/kontaktaftale"


@pytest.fixture
def made(app, make_case, make_user):
    """A family case."""
    return family_case(make_case, make_user)


def test_the_coordinator_saves_the_agreement_and_the_case_shows_it(login_as, made):
    """Saved with version 1, audited, and shown on the case page."""
    web = login_as(made.case.coordinator)
    url = _url(made.case)
    assert web.post_form(url, FORM, page=url).status_code == 302
    agreement = contact.agreement_of(made.case)
    assert agreement.version == 1 and agreement.channels == ["phone", "sms"]
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "contact_agreement_saved")
    )
    assert event.details == {"version": 1} and event.actor_id == made.case.coordinator_id
    html = web.get(f"/sager/{made.case.id}").get_data(as_text=True)
    for text in ("Telefon, SMS", "Hver 14. dag", "Familiekoordinatoren", "Hverdage kl. 9–14"):
        assert text in html


def test_a_lost_race_answers_409_and_keeps_what_was_typed(login_as, made):
    """Two people open the agreement; the second save is refused with both texts shown."""
    web = login_as(made.case.coordinator)
    url = _url(made.case)
    assert web.post_form(url, FORM, page=url).status_code == 302
    late = dict(FORM, frequency="Hver uge – min tekst", version="0")
    response = web.post_form(url, late, page=url)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Hver uge – min tekst" in html and "Hver 14. dag" in html
    assert 'name="version" type="hidden" value="1"' in html
    db.session.expire_all()
    assert contact.agreement_of(made.case).frequency == "Hver 14. dag"
    again = dict(late, version="1")
    assert web.post_form(url, again, page=url).status_code == 302
    db.session.expire_all()
    stored = contact.agreement_of(made.case)
    assert (stored.frequency, stored.version) == ("Hver uge – min tekst", 2)


def test_bad_input_answers_422_and_keeps_the_text(login_as, made):
    """An unknown channel and a CPR number are refused; nothing is stored."""
    web = login_as(made.case.coordinator)
    url = _url(made.case)
    bad = dict(FORM, channels=["pigeon"], notes="Mors cpr 010203-1234 og mere tekst")
    response = web.post_form(url, bad, page=url)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Hver 14. dag" in html and "Vælg kontaktformer fra listen." in html
    assert "Skriv ikke CPR-numre her" in html
    assert db.session.scalar(select(ContactAgreement.id)) is None


def test_the_familys_plan_prints_the_agreement(login_as, made):
    """The family's plan (Word) has the agreement under "Sådan holder vi kontakt"."""
    web = login_as(made.case.coordinator)
    url = _url(made.case)
    web.post_form(url, FORM, page=url)
    _response, doc = download_docx(web, f"/sager/{made.case.id}/familiens-plan.docx")
    assert "Sådan holder vi kontakt" in paragraphs(doc)
    cells = [cell for table in doc.tables for row in rows(table) for cell in row]
    for text in ("Telefon, SMS", "Hver 14. dag", "Familiekoordinatoren", "Ring ikke om aftenen"):
        assert text in cells, text


def test_the_familys_plan_without_an_agreement_leaves_the_part_out(login_as, made):
    """No agreement yet: no empty heading."""
    web = login_as(made.case.coordinator)
    _response, doc = download_docx(web, f"/sager/{made.case.id}/familiens-plan.docx")
    assert "Sådan holder vi kontakt" not in paragraphs(doc)


def test_a_municipal_template_without_the_new_name_still_renders(login_as, made):
    """A municipality's own family plan written before the agreement existed keeps working."""
    old = Document()
    old.add_paragraph("Plan for {{ sag.reference }}: {{ maal.family_wishes }}")
    buffer = io.BytesIO()
    old.save(buffer)
    target = documents.template_target(documents.FAMILY_PLAN)
    leader = made.case.coordinator
    store.upload_template(
        leader,
        target.name,
        "egen.docx",
        buffer.getvalue(),
        known_names=target.known_names(),
        sample_context=target.sample_context(),
    )
    db.session.commit()
    web = login_as(made.case.coordinator)
    web.post_form(_url(made.case), FORM, page=_url(made.case))
    _response, doc = download_docx(web, f"/sager/{made.case.id}/familiens-plan.docx")
    assert paragraphs(doc) == [f"Plan for {made.case.reference}: Vi vil have roligere aftener"]

"""The consent pages and what an uncovered member gets on the web, the API, Word and Excel."""

from __future__ import annotations

from datetime import date, timedelta

from flask import url_for
from sqlalchemy import select

from app.consent import services as consent
from app.extensions import db
from app.models import Consent
from tests.consent.support import give, team_case
from tests.helpers import save_draft


def _url(app, endpoint: str, **values) -> str:
    """A URL of the served app."""
    with app.test_request_context():
        return url_for(endpoint, **values)


def test_an_uncovered_member_gets_no_family_content_anywhere(
    app, login_as, api_as, make_user, make_case
):
    """The school member (not covered) sees the case by number and neutral title only, and
    403 on the forms, plans, Word and PDF documents, the API's content and the funding."""
    team = team_case(make_user, make_case)
    save_draft(team.coordinator, "smarte_maal", team.case)
    db.session.commit()
    give(team, ["ppr"])
    case_id = team.case.id
    web = login_as(team.school)
    page = web.get(f"/sager/{case_id}").get_data(as_text=True)
    assert "Familien Hemmelig" not in page and "Sofie" not in page
    assert f"Sag {team.case.reference}" in page
    listing = web.get("/").get_data(as_text=True)
    assert team.case.reference in listing and "Familien Hemmelig" not in listing
    assert "Familien Hemmelig" not in web.get("/?q=Hemmelig").get_data(as_text=True)
    forbidden = [
        _url(app, "submissions.case_edit", case_id=case_id, form_name="smarte_maal"),
        _url(app, "word.family_plan_document", case_id=case_id, kind="docx"),
        _url(app, "word.plan_document", case_id=case_id, kind="docx"),
        _url(app, "word.case_form_document", case_id=case_id, form_name="smarte_maal", kind="docx"),
        _url(app, "funding.edit", case_id=case_id),
        _url(app, "funding.download", case_id=case_id),
    ]
    for url in forbidden:
        assert web.get(url).status_code == 403, url
    api = api_as(team.school)
    assert api.get(f"/cases/{case_id}").json["title"] == f"Sag {team.case.reference}"
    assert "family" not in api.get(f"/cases/{case_id}").json
    assert [c["title"] for c in api.get("/cases").json["cases"]] == [f"Sag {team.case.reference}"]
    paths = ("/facts", "/forms/smarte_maal", "/family-plan.docx", "/plan.docx", "/meetings")
    for path in (*paths, "/funding", "/funding.xlsx"):
        assert api.get(f"/cases/{case_id}{path}").status_code == 403, path
    portfolio = api.get("/funding/portfolio.xlsx")
    assert team.case.reference.encode() not in portfolio.data
    # The covered PPR member gets the content, but never the funding: not its page, and not
    # the internal plan, which holds the funding split (web and API).
    ppr = login_as(team.ppr)
    html = ppr.get(f"/sager/{case_id}").get_data(as_text=True)
    assert "Familien Hemmelig" in html and 'data-testid="family-plan-downloads"' in html
    assert 'data-testid="internal-plan-downloads"' not in html
    assert ppr.get(forbidden[0]).status_code == 200
    assert ppr.get(forbidden[2]).status_code == 403  # the internal plan
    assert ppr.get(forbidden[-2]).status_code == 403  # the funding page
    assert api_as(team.ppr).get(f"/cases/{case_id}/plan.docx").status_code == 403


def test_record_a_consent_on_its_page_and_see_the_status(login_as, make_user, make_case):
    """A refused post keeps what was typed with the messages; a good one shows on the case
    with its status per department, and in "Hvem kan se hvad"."""
    team = team_case(make_user, make_case)
    web = login_as(team.coordinator)
    page = f"/sager/{team.case.id}/samtykker/ny"
    assert web.get(page).status_code == 200
    refused = web.post_form(page, {"purpose": "Samarbejde", "given_on": ""}, page=page)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Vælg mindst én afdeling eller samarbejdspartner." in html and "Samarbejde" in html
    today = date.today()
    data = {
        "given_by_id": str(team.mother_id),
        "categories": ["plans", "meetings"],
        "departments": ["ppr"],
        "purpose": "Samarbejde om skolegangen",
        "given_on": today.isoformat(),
        "expires_on": (today + timedelta(days=20)).isoformat(),
    }
    assert web.post_form(page, data, page=page).status_code == 302
    html = web.get(f"/sager/{team.case.id}").get_data(as_text=True)
    assert 'data-status="expiring"' in html and "Udløber inden for 30 dage" in html
    assert 'data-key="ppr" data-status="expiring"' in html
    assert 'data-key="skole_dagtilbud" data-status="none"' in html
    assert "Intet gyldigt samtykke dækker brugerens afdeling." in html
    (row,) = db.session.scalars(select(Consent)).all()
    assert row.departments == ["ppr"] and row.categories == ["plans", "meetings"]


def test_expiring_consents_show_on_the_coordinators_mine_sager(login_as, make_user, make_case):
    """Within 30 days: listed with the case number; later or withdrawn: not listed."""
    team = team_case(make_user, make_case)
    give(team, ["ppr"], days_left=200)
    web = login_as(team.coordinator)
    assert 'data-testid="expiring-consents"' not in web.get("/").get_data(as_text=True)
    soon = give(team, ["sundhed"], days_left=12)
    html = web.get("/").get_data(as_text=True)
    assert 'data-testid="expiring-consents"' in html and team.case.reference in html
    assert consent.expiring_for(team.coordinator) == [soon]
    consent.withdraw(team.coordinator, team.case, soon, "")
    db.session.commit()
    assert consent.expiring_for(team.coordinator) == []
    assert consent.expiring_for(team.ppr) == []  # members coordinate nothing


def test_withdrawing_a_consent_someone_already_withdrew_answers_409_and_keeps_the_note(
    login_as, make_user, make_case
):
    """A page read before a colleague's withdrawal: the second withdrawal is not written
    (the first one's date and note stay), the answer is 409 saying who withdrew it, and the
    note this person typed is shown back, not lost."""
    team = team_case(make_user, make_case)
    row = give(team, ["ppr"])
    colleague = make_user("coordinator")
    consent.withdraw(colleague, team.case, row, "Mor ringede mandag.")
    db.session.commit()
    web = login_as(team.coordinator)
    answer = web.post_form(
        f"/sager/{team.case.id}/samtykker/{row.id}/tilbagekald",
        data={"note": "Far skrev i Digital Post."},
        page="/",
    )
    assert answer.status_code == 409
    html = answer.get_data(as_text=True)
    assert colleague.name in html and "Far skrev i Digital Post." in html
    assert "Mor ringede mandag." in html
    db.session.expire_all()
    stored = db.session.get(Consent, row.id)
    assert (stored.withdrawn_by_id, stored.withdrawal_note) == (colleague.id, "Mor ringede mandag.")

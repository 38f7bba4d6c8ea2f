"""The referral date (set when a case opens, edited with the case's facts) and the plan date
(the first final save of the joint plan)."""

from __future__ import annotations

from datetime import date, timedelta

from app.cases import services as cases
from app.extensions import db
from app.models import Case
from app.models.case import local_today
from tests.goals.support import full_goal, save_sheet


def test_a_new_case_is_referred_today_in_local_time(make_user):
    """The default referral date is the local day the case was opened."""
    case = cases.create_case(make_user("coordinator"), "REF-1", "Familien Dato")
    db.session.commit()
    assert case.referred_on == local_today()
    assert case.plan_first_final_on is None


def test_the_referral_date_is_edited_with_the_facts(login_as, make_case):
    """A Danish date is saved and shown; a future or garbled date is refused with a message;
    the CPR check on the title still holds in the same form."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user, reference="REF-2")
    url = f"/sager/{case.id}/rediger"
    assert 'name="referred_on"' in web.get(url).get_data(as_text=True)
    facts = {"reference": "REF-2", "title": "Familien Hansen", "neutral_title": ""}
    response = web.post_form(url, facts | {"referred_on": "02-11-2026"}, page=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).referred_on == date(2026, 11, 2)
    assert "2. nov. 2026" in web.get(f"/sager/{case.id}").get_data(as_text=True)
    tomorrow = (local_today() + timedelta(days=1)).strftime("%d-%m-%Y")
    for typed, message in (
        (tomorrow, "Henvisningsdatoen ligger i fremtiden."),
        ("31-02-2026", "Skriv datoen som dd-mm-åååå."),
        ("", "Angiv henvisningsdatoen."),
        ("01-01-1990", "Henvisningsdatoen ligger mere end 20 år tilbage."),
    ):
        response = web.post_form(url, facts | {"referred_on": typed}, page=url)
        assert response.status_code == 422, typed
        assert message in response.get_data(as_text=True), typed
    cpr = facts | {"title": "0102031234", "referred_on": "03-11-2026"}
    response = web.post_form(url, cpr, page=url)
    assert response.status_code == 422
    assert "ligner et CPR-nummer" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).referred_on == date(2026, 11, 2)  # nothing saved


def test_the_api_reads_and_patches_the_referral_date(api_as, make_case):
    """GET facts has referred_on; PATCH takes an ISO date with the same checks."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    assert api.get(f"/cases/{case.id}/facts").json["referred_on"] == local_today().isoformat()
    answer = api.patch(f"/cases/{case.id}/facts", json={"referred_on": "2026-10-01"})
    assert answer.status_code == 200, answer.json
    assert answer.json["referred_on"] == "2026-10-01"
    refused = api.patch(f"/cases/{case.id}/facts", json={"referred_on": "2099-01-01"})
    assert refused.status_code == 422
    assert "fremtiden" in refused.json["errors"]["referred_on"][0]
    assert api.patch(f"/cases/{case.id}/facts", json={"referred_on": 5}).status_code == 422


def test_the_plan_date_is_the_first_final_save_and_stays(make_case):
    """A draft sets nothing; the first final save sets the local day; later saves keep it."""
    case = make_case()
    goal = full_goal(str(case.coordinator_id))
    sheet = save_sheet(case, [goal], status="draft")
    assert case.plan_first_final_on is None
    sheet = save_sheet(case, [goal], status="final", submission=sheet)
    assert case.plan_first_final_on == local_today()
    case.plan_first_final_on = local_today() - timedelta(days=9)  # as if made final earlier
    db.session.commit()
    sheet = save_sheet(case, [goal], status="draft", submission=sheet)
    save_sheet(case, [goal], status="final", submission=sheet)
    assert case.plan_first_final_on == local_today() - timedelta(days=9)

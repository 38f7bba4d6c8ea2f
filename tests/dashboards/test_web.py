"""The dashboard page (/oversigt): who sees it, what it says, where its counts link; the
caseload threshold and users' departments on the admin pages."""

from __future__ import annotations

from datetime import timedelta

import lxml.html

from app.admin.services import get_settings
from app.extensions import db
from app.models import Case, MunicipalitySettings
from app.models.case import local_today


def _page(web, url="/oversigt"):
    response = web.get(url)
    assert response.status_code == 200, response.status_code
    return lxml.html.document_fromstring(response.get_data(as_text=True))


def test_leaders_and_admins_see_the_dashboard_coordinators_and_controllers_do_not(login_as):
    """Leaders and admins get the page and the menu entry; others 403 and no entry."""
    for role in ("leader", "admin"):
        web = login_as(role)
        assert web.get("/oversigt").status_code == 200
        assert 'href="/oversigt"' in web.get("/").get_data(as_text=True)
    for role in ("coordinator", "controller"):
        web = login_as(role)
        assert web.get("/oversigt").status_code == 403
        assert 'href="/oversigt"' not in web.get("/").get_data(as_text=True)


def test_the_page_marks_coordinators_over_the_threshold_in_words(login_as, make_user, make_case):
    """Over the threshold is said in text; the threshold and its source are on the page;
    a coordinator without cases is listed; counts link to the filtered case list."""
    busy = make_user("coordinator", name="Birgit Travl")
    idle = make_user("coordinator", name="Ib Ledig")
    busy.department = "Børn Nord"
    get_settings().caseload_threshold = 2
    db.session.commit()
    for _ in range(3):
        make_case(coordinator=busy)
    web = login_as("leader")
    doc = _page(web)
    caseload = doc.xpath('//table[@data-testid="caseload"]')[0]
    assert caseload.xpath("caption")[0].text_content().strip().endswith("(grænse: 2)")
    assert caseload.xpath(".//th[@scope='col']")  # a real table with column headers
    row = caseload.xpath(f".//tr[@data-coordinator='{busy.id}']")[0]
    assert "Over grænsen med 1" in row.text_content()
    assert row.xpath("th[@scope='row']")[0].text_content().strip() == "Birgit Travl"
    link = row.xpath(".//a")[0].get("href")
    assert f"coordinator={busy.id}" in link and "status=open" in link
    idle_row = caseload.xpath(f".//tr[@data-coordinator='{idle.id}']")[0]
    assert "Inden for grænsen" in idle_row.text_content()
    assert idle_row.xpath(".//a")[0].text_content() == "0"
    assert (
        "kommunens eget valg"
        in doc.xpath('//*[@data-testid="caseload-threshold"]')[0].text_content()
    )
    # The link shows exactly the three cases.
    html = web.get(link).get_data(as_text=True)
    assert "3 sager" in html and "Kun sager for familiekoordinator Birgit Travl" in html


def test_the_default_threshold_names_its_source(login_as):
    """Unset, the page says 25 is the product default from the pilots, not the model's rule."""
    text = _page(login_as("leader")).xpath('//*[@data-testid="caseload-threshold"]')[0]
    text = text.text_content()
    assert "Grænse: 25" in text and "standardværdi" in text
    assert "Passende sagstal" in text and "overlader sagstallet til kommunen" in text


def test_team_counts_link_to_the_lists_they_count(login_as, make_user, make_case):
    """The overdue and upcoming counts of a team open "Mine sager" filtered the same way."""
    nord = make_user("coordinator", name="Nanna Nord")
    nord.department = "Børn Nord"
    loose = make_user("coordinator", name="Uffe Uden")
    db.session.commit()
    today = local_today()
    for days, who in ((-2, nord), (-1, nord), (5, nord), (40, nord), (-4, loose)):
        case = make_case(coordinator=who)
        case.next_follow_up = today + timedelta(days=days)
    db.session.commit()
    web = login_as("leader")
    doc = _page(web)
    row = doc.xpath('//table[@data-testid="team-follow-ups"]//tr[@data-team="Børn Nord"]')[0]
    cells = [td.text_content().strip() for td in row.xpath("td")]
    assert cells == ["4", "2", "1", "0"]
    overdue, upcoming = row.xpath(".//a")[1].get("href"), row.xpath(".//a")[2].get("href")
    assert "2 sager" in web.get(overdue).get_data(as_text=True)
    assert "1 sag<" in web.get(upcoming).get_data(as_text=True)
    none_row = doc.xpath('//table[@data-testid="team-follow-ups"]//tr[@data-team=""]')[0]
    assert none_row.xpath("th")[0].text_content() == "Uden afdeling"
    none_overdue = none_row.xpath(".//a")[1].get("href")
    assert "department=-" in none_overdue
    assert "1 sag<" in web.get(none_overdue).get_data(as_text=True)


def test_the_plan_table_shows_median_and_waiting(login_as, make_case):
    """A plan 12 days after the referral and one case waiting 30 days."""
    today = local_today()
    planned, waiting = make_case(), make_case()
    planned.referred_on, planned.plan_first_final_on = (
        today - timedelta(days=20),
        today - timedelta(days=8),
    )
    waiting.referred_on = today - timedelta(days=30)
    db.session.commit()
    doc = _page(login_as("admin"))
    total = doc.xpath('//table[@data-testid="plan-times"]//tr[@data-team="all"]')[0]
    cells = [td.text_content().strip() for td in total.xpath("td")]
    assert cells == ["1", "12", "12", "1", "30", "30"]


def test_admins_set_the_caseload_threshold_within_1_to_200(login_as):
    """The setting takes 1..200, refuses anything else with a message, empty = default."""
    web = login_as("admin")
    page = "/admin/kommune"
    assert "Passende sagstal" in web.get(page).get_data(as_text=True)
    response = web.post_form("/admin/kommune/sagstal", {"threshold": "22"}, page=page)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(MunicipalitySettings.caseload_threshold)) == 22
    for bad in ("0", "201", "abc", "2,5"):
        response = web.post_form("/admin/kommune/sagstal", {"threshold": bad}, page=page)
        assert response.status_code == 422, bad
        assert "Skriv et helt tal fra 1 til 200" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(db.select(MunicipalitySettings.caseload_threshold)) == 22
    web.post_form("/admin/kommune/sagstal", {"threshold": ""}, page=page)
    db.session.expire_all()
    assert db.session.scalar(db.select(MunicipalitySettings.caseload_threshold)) is None


def test_a_leader_cannot_set_the_threshold(login_as):
    """The settings are the administrators'."""
    web = login_as("leader")
    response = web.post_form("/admin/kommune/sagstal", {"threshold": "5"}, page="/")
    assert response.status_code == 403


def test_admins_set_a_users_department(login_as, make_user, make_case):
    """The department (a key of the departments list, as the consent gate compares keys) is
    the team the dashboard groups by and names by its label; an unknown one is refused and
    changes nothing; empty removes it."""
    web = login_as("admin")
    user = make_user("coordinator")
    make_case(coordinator=user)
    url = f"/admin/brugere/{user.id}/afdeling"
    assert web.post_form(url, {"department": "ppr"}, page="/admin/brugere").status_code == 302
    db.session.refresh(user)
    assert user.department == "ppr"
    assert "PPR (Pædagogisk Psykologisk Rådgivning)" in web.get("/oversigt").get_data(as_text=True)
    web.post_form(url, {"department": "Børn Syd"}, page="/admin/brugere")
    db.session.refresh(user)
    assert user.department == "ppr"
    web.post_form(url, {"department": ""}, page="/admin/brugere")
    db.session.refresh(user)
    assert user.department is None


def test_case_list_filters_by_coordinator_and_department_only_for_caseworkers(
    login_as, make_user, make_case
):
    """?coordinator= and ?department= narrow the list; controllers' lists ignore them."""
    anna = make_user("coordinator", name="Anna Filter")
    anna.department = "Team A"
    db.session.commit()
    make_case(coordinator=anna)
    make_case()
    no_coordinator = make_case()
    no_coordinator.coordinator_id = None
    db.session.commit()
    leader = login_as("leader")
    assert "1 sag<" in leader.get(f"/?coordinator={anna.id}").get_data(as_text=True)
    assert "1 sag<" in leader.get("/?department=Team+A").get_data(as_text=True)
    assert "1 sag<" in leader.get("/?coordinator=none").get_data(as_text=True)
    assert "2 sager" in leader.get("/?department=-").get_data(as_text=True)
    assert leader.get("/?coordinator=abc").status_code == 200  # ignored, not a 500
    controller = login_as("controller")
    assert "3 sager" in controller.get(f"/?coordinator={anna.id}").get_data(as_text=True)
    assert db.session.query(Case).count() == 3

"""The SMARTE page: a refused final plan, progress charts and readings; the setting page;
the Word sheet with readings, siblings, other plans and the family's acceptance."""

from __future__ import annotations

from datetime import date, timedelta

import lxml.html
from sqlalchemy import select

from app.admin.services import get_settings
from app.extensions import db
from app.family import services as family
from app.goals import readings
from app.models import GoalReading
from tests.goals.support import full_goal, save_sheet
from tests.word.helpers import headings, open_docx, paragraphs, table_starting

PAGE = "/sager/{case}/formularer/smarte_maal"


def _final_post(goal_title="Far arbejder"):
    """The posted form of a final plan whose one goal has only a title."""
    return {
        "_version": "",
        "_save_final": "1",
        "goals-0-_row": "1",
        "goals-0-title": goal_title,
        "goals-0-status": "ikke_startet",
    }


def test_a_refused_final_plan_names_each_criterion_links_it_and_keeps_the_typing(
    login_as, make_case
):
    """422, seven messages in the summary, each linking to its field; the title is kept."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = PAGE.format(case=case.id)
    response = web.post_form(page, _final_post("Far arbejder 20 timer"), page=page)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    tree = lxml.html.document_fromstring(html)
    summary = {a.get("href"): a.text_content() for a in tree.xpath("//a[@href]")}
    assert any(
        href == "#goals-0-specific" and "Mål 1: Skriv, hvad der skal være anderledes" in text
        for href, text in summary.items()
    ), summary
    for message in (
        "Mål 1: Skriv, hvordan I kan se, at forandringen er sket (M – målbart).",
        "Mål 1: Vælg, hvem der er ansvarlig for målet.",
        "Mål 1: Skriv, hvornår målet skal være nået (T – tidsbestemt).",
    ):
        assert message in html
    assert 'value="Far arbejder 20 timer"' in html
    # Issue 13: the web form keeps the refused final plan's text as a draft.
    kept = readings.sheet_of(case)
    assert kept.status == "draft" and kept.data["goals"][0]["title"] == "Far arbejder 20 timer"


def test_a_draft_may_be_incomplete_over_the_web(login_as, make_case):
    """The same post as a draft is saved."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = PAGE.format(case=case.id)
    data = _final_post() | {"_save_draft": "1"}
    del data["_save_final"]
    assert web.post_form(page, data, page=page).status_code == 302
    assert readings.sheet_of(case).status == "draft"


def test_the_smarte_page_shows_a_chart_and_a_table_per_goal(login_as, make_case):
    """An SVG with a title and a text description, and the readings as a table."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    sheet = save_sheet(case, [full_goal(str(web.user.id))])
    key = sheet.data["goals"][0]["key"]
    for days, value in ((30, 2), (10, 4)):
        readings.add_reading(web.user, case, key, measured_on=date.today() - timedelta(days=days),
                             value=value, note="Søvndagbog", who="Mor")  # fmt: skip
    db.session.commit()
    tree = lxml.html.document_fromstring(web.get(PAGE.format(case=case.id)).get_data(as_text=True))
    section = tree.xpath(f'//*[@data-testid="progress-{key}"]')[0]
    svg = section.xpath(".//svg")[0]
    assert svg.get("role") == "img"
    desc = section.xpath(".//desc")[0].text_content()
    assert "2 målinger" in desc and "seneste 4" in desc and "Mål 7." in desc
    assert len(svg.xpath(".//circle")) == 2
    rows = section.xpath(f'.//table[@data-testid="readings-{key}"]//tbody/tr')
    assert [r.xpath("./td")[1].text_content() for r in rows] == ["2", "4"]
    assert section.xpath(f'.//form[@data-testid="add-reading-{key}"]')


def test_add_a_reading_on_the_page(login_as, make_case):
    """The form posts to the SMARTE page; a refused reading is shown again with its typing."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    mother = family.add_member(web.user, case, {"name": "Sofie", "relation": "mother"})
    db.session.commit()
    sheet = save_sheet(case, [full_goal(str(web.user.id))])
    key = sheet.data["goals"][0]["key"]
    page = PAGE.format(case=case.id)
    today = date.today().isoformat()
    posted = {"_add_reading": "1", "goal": key, "measured_on": today, "value": "6",
              "note": "Bedre uge", "who": family.person_value(mother)}  # fmt: skip
    response = web.post_form(page, posted, page=page)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#fremskridt-{key}")
    stored = db.session.scalars(select(GoalReading)).all()
    assert [(r.value, r.note, r.given_by) for r in stored] == [(6, "Bedre uge", "Sofie")]
    assert readings.sheet_of(case).version == sheet.version  # the plan itself is not saved
    refused = web.post_form(page, posted | {"value": "12", "note": "Næsten"}, page=page)
    assert refused.status_code == 422
    tree = lxml.html.document_fromstring(refused.get_data(as_text=True))
    form = tree.xpath(f'//form[@data-testid="add-reading-{key}"]')[0]
    assert "Vælg et tal fra 1 til 10." in form.getparent().text_content()
    assert form.xpath('.//input[@name="note"]/@value') == ["Næsten"]
    assert form.xpath('.//select[@name="who"]/option[@selected]/@value') == [
        family.person_value(mother)
    ]
    summary = tree.xpath('//*[@data-testid="error-summary"]//a/@href')
    assert summary == [f"#reading-{key}-value"]
    assert len(db.session.scalars(select(GoalReading)).all()) == 1


def test_controllers_may_not_add_readings(login_as, make_case):
    """Family content: a controller gets 403."""
    case = make_case()
    web = login_as("controller")
    page = PAGE.format(case=case.id)
    assert web.post_form(page, {"_add_reading": "1", "goal": "m1"}, page="/").status_code == 403


def test_the_settings_page_changes_what_a_final_plan_needs(login_as, make_case):
    """Administrators tick the criteria; a leader may not; the choice is stored in order."""
    admin = login_as("admin")
    tree = lxml.html.document_fromstring(admin.get("/admin/kommune").get_data(as_text=True))
    boxes = tree.xpath('//form[@data-testid="smarte-criteria"]//input[@type="checkbox"]')
    assert [(b.get("value"), b.get("checked") is not None) for b in boxes] == [
        (key, True) for key in ("S", "M", "A", "R", "T", "E", "responsible", "deadline_not_past")
    ]
    url = "/admin/kommune/smarte-kriterier"
    response = admin.post_form(url, {"criteria": ["T", "S"]}, page="/admin/kommune")
    assert response.status_code == 302
    db.session.expire_all()
    assert get_settings().smarte_final_criteria == ["S", "T"]
    assert admin.post_form(url, {"criteria": ["X"]}, page="/admin/kommune").status_code == 400
    assert login_as("leader").post_form(url, {"criteria": []}, page="/").status_code == 403


def test_the_api_refuses_a_final_plan_with_the_same_messages(api_as, make_case):
    """PUT with status final: 422 and the messages by field path."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    url = f"/cases/{case.id}/forms/smarte_maal"
    body = {"version": None, "status": "final",
            "data": {"goals": [{"title": "Ro om aftenen", "subgoals": [], "agreements": []}]}}  # fmt: skip
    response = api.put(url, json=body)
    assert response.status_code == 422
    errors = response.json["errors"]
    assert errors["goals[0].specific"] == [
        "Mål 1: Skriv, hvad der skal være anderledes (S – specifikt)."
    ]
    assert len(errors) == 7


def test_the_word_sheet_has_readings_siblings_other_plans_and_acceptance(login_as, make_case):
    """Opened with python-docx: a readings table per goal with a bar, and the new parts."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    today = date.today()
    sheet = save_sheet(
        case,
        [full_goal(str(web.user.id), title="Emma sover hele natten")],
        siblings="Noah savner tid med mor.",
        other_plans=[{"plan": "Jobplan for far", "department": "jobcenter",
                      "plan_date": "2026-10-01"}],
        family_accepted_on=(today - timedelta(days=2)).isoformat(),
        family_accepted_how="moede",
    )  # fmt: skip
    key = sheet.data["goals"][0]["key"]
    readings.add_reading(web.user, case, key, measured_on=today - timedelta(days=5), value=4,
                         note="Tre gode nætter", who="Mor")  # fmt: skip
    db.session.commit()
    response = web.get(f"/sager/{case.id}/formularer/smarte_maal/dokument.docx")
    assert response.status_code == 200
    doc = open_docx(response.data)
    assert "Fremskridt" in headings(doc, 1)
    assert "Mål 1: Emma sover hele natten" in headings(doc, 2)
    table = table_starting(doc, "Dato")
    assert table[1][1:] == ["4", "■■■■□□□□□□", "Tre gode nætter", "Mor"]
    text = paragraphs(doc)
    assert "Noah savner tid med mor." in text
    assert any(p.startswith("Familien accepterede planen") and "(på et møde)" in p for p in text)
    assert table_starting(doc, "Plan")[1][:2] == ["Jobplan for far", "Jobcenter og beskæftigelse"]


def test_a_mistyped_reading_is_removed_and_another_cases_is_not_found(login_as, make_case):
    """The remove button takes the reading away; a reading of another case answers 404."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    other = make_case(coordinator=web.user)
    keys = [
        save_sheet(c, [full_goal(str(web.user.id))]).data["goals"][0]["key"] for c in (case, other)
    ]
    mine, theirs = (
        readings.add_reading(web.user, c, k, measured_on=date.today(), value=3, who="Mor")
        for c, k in zip((case, other), keys, strict=True)
    )
    db.session.commit()
    mine_id, theirs_id = mine.id, theirs.id
    page = PAGE.format(case=case.id)
    html = web.get(page).get_data(as_text=True)
    assert f"/sager/{case.id}/maal/maalinger/{mine_id}/fjern" in html
    wrong = web.post_form(f"/sager/{case.id}/maal/maalinger/{theirs_id}/fjern", page=page)
    assert wrong.status_code == 404
    removed = web.post_form(f"/sager/{case.id}/maal/maalinger/{mine_id}/fjern", page=page)
    assert removed.status_code == 302
    db.session.expire_all()
    assert [r.id for r in db.session.scalars(select(GoalReading))] == [theirs_id]


def test_the_page_says_what_the_municipality_requires_of_a_final_plan(login_as, make_case):
    """The hint under the save buttons follows the setting."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = PAGE.format(case=case.id)
    tree = lxml.html.document_fromstring(web.get(page).get_data(as_text=True))
    hint = tree.xpath('//*[@data-testid="final-criteria"]')[0].text_content()
    assert "S – specifikt" in hint and "En ansvarlig for målet" in hint
    get_settings().smarte_final_criteria = ["T"]
    db.session.commit()
    tree = lxml.html.document_fromstring(web.get(page).get_data(as_text=True))
    hint = tree.xpath('//*[@data-testid="final-criteria"]')[0].text_content()
    assert "T – tidsbestemt" in hint and "S – specifikt" not in hint


def test_removing_a_goal_with_sub_goals_asks_first_without_javascript(login_as, make_case):
    """The no-JS remove button of a goal whose sub-goal holds text shows a question (nothing
    removed, nothing stored); "no" keeps it, "yes" removes it; a goal without sub-goal text
    goes at once."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = PAGE.format(case=case.id)
    typed = {
        "_version": "",
        "goals-0-_row": "1",
        "goals-0-title": "Med delmål",
        "goals-0-subgoals-0-_row": "1",
        "goals-0-subgoals-0-text": "Et delmål",
        "goals-1-_row": "1",
        "goals-1-title": "Uden delmål",
    }
    html = web.post_form(page, typed | {"_remove__goals__0": "1"}, page=page).get_data(as_text=True)
    assert 'data-testid="confirm-remove"' in html and 'value="Et delmål"' in html
    assert 'name="_remove__goals__0" value="bekraeftet"' in html
    assert readings.sheet_of(case) is None
    html = web.post_form(page, typed | {"_keep_row": "1"}, page=page).get_data(as_text=True)
    assert 'data-testid="confirm-remove"' not in html and 'value="Et delmål"' in html
    html = web.post_form(page, typed | {"_remove__goals__0": "bekraeftet"}, page=page).get_data(
        as_text=True
    )
    assert 'value="Et delmål"' not in html and 'value="Uden delmål"' in html
    html = web.post_form(page, typed | {"_remove__goals__1": "1"}, page=page).get_data(as_text=True)
    assert 'data-testid="confirm-remove"' not in html and 'value="Uden delmål"' not in html
    assert readings.sheet_of(case) is None

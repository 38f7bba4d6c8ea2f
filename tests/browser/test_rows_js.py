"""Repeat rows with JavaScript: added and removed in the page, stored like the no-JS buttons."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from app.demo import DEMO_CASE_REFERENCE
from app.extensions import db
from app.models import Case
from app.submissions.services import find_case_submission
from tests.browser.test_mine_sager import log_in


def _stored_goals(live_server, case_id: int) -> list[dict]:
    with live_server.app.app_context():
        try:
            submission = find_case_submission(db.session.get(Case, case_id), "smarte_maal")
            return list(submission.data["goals"])
        finally:
            db.session.remove()


def _goal_rows(page: Page):
    # The SMARTE goals are cards (issue 13): one card per goal, the same rows.js markup.
    return page.locator('[data-rows-body="goals"] > .fe-card[data-row]')


def test_rows_are_added_and_removed_without_a_page_load(page: Page, live_server):
    log_in(page)
    page.get_by_test_id("case-list").get_by_role("link", name=DEMO_CASE_REFERENCE).click()
    expect(page).to_have_url(re.compile(r"/sager/\d+$"))
    case_id = int(page.url.rsplit("/", 1)[1])
    url = f"/sager/{case_id}/formularer/smarte_maal"
    before = _stored_goals(live_server, case_id)
    n = len(before)
    assert n >= 1  # the demo plan has goals

    page.goto(url)
    live = page.locator("[data-rows-live]")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(_goal_rows(page)).to_have_count(n)
    page.evaluate("window.__rowsTestNoReload = true")  # gone if the page is loaded again
    add_goal = page.locator('button[name="_add__goals"]')

    # Two new goals: each copied from the template, focused and announced.
    add_goal.click()
    expect(_goal_rows(page)).to_have_count(n + 1)
    expect(page.locator(f"#goals-{n}-area")).to_be_focused()
    expect(live).to_have_text(f"Mål {n + 1} tilføjet")  # a card is named by its heading
    expect(page.locator(f"#goals-{n}-status")).to_have_value("ikke_startet")  # the default
    page.locator(f"#goals-{n}-title").fill("Mål der fjernes igen")
    add_goal.click()
    expect(page.locator(f"#goals-{n + 1}-area")).to_be_focused()
    expect(live).to_have_text(f"Mål {n + 2} tilføjet")
    page.locator(f"#goals-{n + 1}-title").fill("Emma cykler selv i skole")
    page.locator(f"#goals-{n + 1}-indicator").fill("Dage om ugen")
    page.locator(f"#goals-{n + 1}-baseline-2").check()  # 3 on the scale

    # A sub-goal in the second new goal, found by its screen-reader label.
    page.locator(f'button[name="_add__goals-{n + 1}-subgoals"]').click()
    sub = page.locator(f"#goals-{n + 1}-subgoals-0-text")
    expect(sub).to_be_focused()
    expect(live).to_have_text(f"Delmål 1 for mål {n + 2} tilføjet")
    expect(page.get_by_label(f"Delmål (Delmål 1 for mål {n + 2})")).to_have_count(1)
    sub.fill("Øver ruten med far")

    # Remove the first new goal: the one after it moves up and is renumbered.
    page.locator(f'button[name="_remove__goals__{n}"]').click()
    expect(_goal_rows(page)).to_have_count(n + 1)
    expect(live).to_have_text(f"Mål {n + 1} fjernet")
    expect(page.locator(f"#goals-{n}-area")).to_be_focused()  # the next row's first input
    expect(page.locator(f"#goals-{n}-title")).to_have_value("Emma cykler selv i skole")
    expect(page.locator(f"#goals-{n}-baseline-2")).to_be_checked()
    expect(page.locator(f"#goals-{n}-subgoals-0-text")).to_have_value("Øver ruten med far")
    expect(page.locator(f"#goals-{n + 1}-title")).to_have_count(0)
    expect(page.get_by_label(f"Delmål (Delmål 1 for mål {n + 1})")).to_have_count(1)
    remove_sub = page.locator(f'button[name="_remove__goals-{n}-subgoals__0"]')
    expect(remove_sub).to_contain_text(f"Delmål 1 for mål {n + 1}")
    expect(page.locator(f'button[name="_add__goals-{n}-subgoals"]')).to_be_enabled()

    # Remove and re-add a sub-goal: focus goes to the add button, the same text is heard.
    remove_sub.click()
    expect(page.locator(f'button[name="_add__goals-{n}-subgoals"]')).to_be_focused()
    expect(live).to_have_text(f"Delmål 1 for mål {n + 1} fjernet")
    page.locator(f'button[name="_add__goals-{n}-subgoals"]').click()
    expect(live).to_have_text(f"Delmål 1 for mål {n + 1} tilføjet")
    page.locator(f"#goals-{n}-subgoals-0-text").fill("Øver ruten med far")

    assert page.evaluate("window.__rowsTestNoReload") is True  # no page load so far
    assert page.locator("template").count() > 0  # still there for the next row

    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladde", exact=True).click()
    # The demo plan is final: turning it into a draft asks first (issue 13), text kept.
    expect(page.get_by_test_id("confirm-draft")).to_be_visible()
    expect(page.locator(f"#goals-{n}-subgoals-0-text")).to_have_value("Øver ruten med far")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, gem som kladde").click()
    expect(page.get_by_test_id("error-summary")).to_have_count(0)
    assert page.evaluate("window.__rowsTestNoReload === undefined")  # saved: a new page

    page.goto(url)
    expect(_goal_rows(page)).to_have_count(n + 1)
    expect(page.locator(f"#goals-{n}-title")).to_have_value("Emma cykler selv i skole")
    expect(page.locator(f"#goals-{n}-subgoals-0-text")).to_have_value("Øver ruten med far")

    after = _stored_goals(live_server, case_id)
    assert after[:n] == before  # the goals that were there are untouched
    new = after[n]
    assert new["title"] == "Emma cykler selv i skole"
    assert new["indicator"] == "Dage om ugen"
    assert new["baseline"] == 3
    assert new["status"] == "ikke_startet"
    assert new["subgoals"] == [{"text": "Øver ruten med far", "deadline": None, "status": None}]
    assert new["agreements"] == []
    assert len(after) == n + 1

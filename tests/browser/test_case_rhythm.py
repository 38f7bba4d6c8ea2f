"""The case's rhythm in a browser, as a coordinator lives it: a new case moves through the
first phases, gets a goal, a follow-up meeting is planned and then recorded with a progress
reading, and "Mine sager" shows the next follow-up the held meeting set."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

from babel.dates import format_date
from playwright.sync_api import Page, expect

from tests.browser.test_mine_sager import log_in
from tests.browser.test_phases import new_case_in_its_flow

#: Demo Kommune's own status-meeting interval for Én familie – én indgang cases (app/demo.py).
DEMO_STATUS_WEEKS = 6


def test_coordinator_runs_a_case_from_creation_to_the_next_follow_up(page: Page, tmp_path):
    """Create → flow started and moved on → a goal → follow-up planned → recorded with a
    reading → the next follow-up (held day + the interval) on the case and in Mine sager."""
    reference = f"RYTME-{uuid.uuid4().hex[:6].upper()}"
    today = date.today()  # the test clock's local day, as the server sees it
    log_in(page)
    # The case follows Én familie – én indgang and moves through its first two phases.
    steps = new_case_in_its_flow(page, reference, "Familien Rytme")
    case_url = page.url.split("#")[0]
    page.get_by_role("button", name=re.compile("Gå til næste fase")).click()
    expect(steps.locator('[aria-current="step"]')).to_contain_text("Screening")

    # One goal on the SMARTE sheet (a draft is enough to take readings of it).
    page.goto(case_url + "/formularer/smarte_maal")
    title = page.locator('[name="goals-0-title"]')
    if not title.count():
        page.get_by_role("button", name="Tilføj mål").first.click()
    title.fill("Ro ved sengetid")
    page.get_by_role("button", name="Gem kladde").first.click()
    expect(page.locator(".alert-success")).to_be_visible()

    # Plan a follow-up meeting today with the coordinator.
    page.goto(case_url)
    page.get_by_test_id("plan-meeting").click()
    page.get_by_label("Mødetype").select_option(label="Opfølgningsmøde")
    page.get_by_label("Dato", exact=True).fill(today.isoformat())
    page.locator('[name="starts_time"]').fill("09:00")
    page.get_by_label("Sted").fill("Familiens hjem")
    page.get_by_test_id("meeting-form").locator('input[name="team"]').first.check()
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Mødet er planlagt.")

    # Record it as held, with minutes, a reading of the goal and the next meeting's date.
    page.get_by_role("link", name="Ret eller skriv referat").click()
    page.get_by_label("Holdt den").fill(today.isoformat())
    page.get_by_label("Referent").select_option(index=1)
    page.get_by_label("Referat", exact=True).fill("Aftenerne er roligere tre dage om ugen.")
    page.locator('[name="readings-0-value"]').select_option("6")
    page.locator('[name="readings-0-who"]').select_option(index=1)  # the coordinator
    following = today + timedelta(weeks=DEMO_STATUS_WEEKS)
    page.get_by_label("Næste møde", exact=True).fill(following.isoformat())
    page.screenshot(path=tmp_path / "referat.png", full_page=True)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Mødet er gemt.")
    expect(page.get_by_test_id("meeting-readings")).to_contain_text("Ro ved sengetid: 6")

    # The held meeting set the next follow-up: on the case, and in Mine sager.
    due = format_date(today + timedelta(weeks=DEMO_STATUS_WEEKS), "short", locale="da")
    page.goto(case_url)
    long = format_date(today + timedelta(weeks=DEMO_STATUS_WEEKS), "long", locale="da")
    expect(page.get_by_test_id("follow-up-date")).to_contain_text(long)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine sager").click()
    page.get_by_label("Søg", exact=True).fill(reference)
    page.get_by_role("button", name="Søg").click()
    row = page.get_by_test_id("case-list").get_by_role("row").filter(has_text=reference)
    expect(row.get_by_test_id("next-follow-up")).to_have_text(due)
    expect(row).to_contain_text("Screening")

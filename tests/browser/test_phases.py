"""A coordinator moves a new case through the first phases of its case flow in a browser."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.browser.test_mine_sager import log_in


def new_case_in_its_flow(page: Page, reference: str, title: str):
    """On Mine sager (logged in): create a case, let it follow Én familie – én indgang and
    start the flow; the step indicator, now in the first phase."""
    page.get_by_label("Sagsnummer").fill(reference)
    page.get_by_label("Titel").fill(title)
    page.get_by_role("button", name="Opret sag").click()
    expect(page).to_have_url(re.compile(r"/sager/\d+$"))
    page.get_by_test_id("edit-case").click()
    page.get_by_label("Sagsforløb").select_option(label="Sagsforløb – Én familie – én indgang")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_role("button", name="Start sagsforløbet").click()
    steps = page.get_by_test_id("phase-steps")
    expect(steps.locator('[aria-current="step"]')).to_contain_text("Henvendelse")
    return steps


def test_coordinator_starts_the_flow_and_moves_on_twice(page: Page, tmp_path):
    """Create a case, choose the Én familie – én indgang flow, start it, move on twice with a
    note; the indicator, the history and Mine sager all say where the case is."""
    reference = f"FASE-{uuid.uuid4().hex[:6].upper()}"
    log_in(page)
    steps = new_case_in_its_flow(page, reference, "Familien Fase")

    page.get_by_label("Note til kerneteamet (valgfri)").fill("Familien er ringet op.")
    page.get_by_role("button", name=re.compile("Gå til næste fase")).click()
    expect(steps.locator('[aria-current="step"]')).to_contain_text("Screening")
    page.get_by_role("button", name=re.compile("Gå til næste fase")).click()
    current = steps.locator('[aria-current="step"]')
    expect(current).to_contain_text("Tilbud om familievejledning")
    expect(steps.locator("li[data-state=done]")).to_have_count(2)
    expect(page.get_by_test_id("phase-deadline")).to_contain_text("Barnets lov § 81, stk. 4")
    expect(page.get_by_test_id("case-history")).to_contain_text("Familien er ringet op.")
    page.screenshot(path=tmp_path / "fase.png", full_page=True)

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine sager").click()
    row = page.get_by_test_id("case-list").get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Tilbud om familievejledning")

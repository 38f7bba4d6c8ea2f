"""A controller splits the demo case's funding in a real browser, with live totals."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS
from tests.browser.test_mine_sager import log_in

CONTROLLER = next(u for u in DEMO_USERS if u.email == "controller@demo.enindgang.dk")


def _open_editor(page: Page) -> int:
    """Log in as the controller, open the demo case's funding editor; the number of lines.

    Waits for the page's scripts: a click on "Tilføj linje" before funding.js and rows.js
    have run posts the form (the no-JavaScript path), and a select changed before
    decision_hint.js has run gets no default payer (a flaky CI run showed exactly that).
    """
    log_in(page, CONTROLLER.email, CONTROLLER.password)
    # A controller's list is "Sager" (number and neutral title), not "Mine sager" (issue 10).
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Sager").click()
    page.get_by_role("link", name=DEMO_CASE_REFERENCE).click()
    page.get_by_role("link", name="Rediger finansiering").click()
    expect(page).to_have_url(re.compile(r"/finansiering$"))
    page.wait_for_load_state("load")
    return page.locator("tbody[data-line]").count()


def _add_line(page: Page, count: int) -> None:
    """Add a line in the browser (no page load) and wait until the table has `count` lines."""
    page.get_by_role("button", name="Tilføj linje").click()
    expect(page.locator("tbody[data-line]")).to_have_count(count)
    expect(page).to_have_url(re.compile(r"/finansiering$"))  # rows.js, not a post


def _fill_line(page: Page, number: int, cost: str, shares: dict[str, str]) -> None:
    """Fill one line of the editor table by its position."""
    line = page.locator("tbody[data-line]").nth(number - 1)
    line.get_by_label(f"Linje {number}: Indsats").select_option("aflastning")
    # The decision plan's default payer gets 100 % when the intervention is chosen (issue 9);
    # this test types its own split, so it clears that share first.
    payer = line.get_by_label("Børnehandicap (specialområdet)", exact=True)
    expect(payer).to_have_value("100")
    payer.fill("")
    line.get_by_label(f"Linje {number}: Paragraf").select_option("bl_90")
    line.get_by_label(f"Linje {number}: Beløb (kr.)").fill(cost)  # cost kind: yearly
    # The whole of the year the page totals (this year by the server's clock, which is
    # the test's clock: the server runs in this process).
    year = date.today().year
    line.get_by_label(f"Linje {number}: Startdato").fill(f"{year}-01-01")
    line.get_by_label(f"Linje {number}: Slutdato").fill(f"{year}-12-31")
    for label, value in shares.items():
        line.get_by_label(label, exact=True).fill(value)


def test_controller_splits_funding_with_live_totals(page: Page, tmp_path):
    """Add lines without a page load, watch the sum check and totals, remove one, save."""
    before = _open_editor(page)
    _add_line(page, before + 1)
    _add_line(page, before + 2)
    number = before + 1
    _fill_line(page, number, "120.000", {"PPR (Pædagogisk Psykologisk Rådgivning)": "70"})
    line = page.locator("tbody[data-line]").nth(number - 1)
    expect(line.locator("[data-share-sum]")).to_contain_text("70 %")
    expect(line.locator("[data-share-sum]")).to_contain_text("skal være 100 %")
    line.get_by_label("Kultur og fritid", exact=True).fill("30")
    expect(line.locator("[data-share-sum]")).to_contain_text("✓ i orden")
    totals = page.get_by_test_id("department-totals")
    expect(totals.locator('[data-total-year="fritid"]')).to_have_text(re.compile(r"36\.000,00"))

    page.locator("tbody[data-line]").nth(number).get_by_role("button", name="Fjern").click()
    expect(page.locator("tbody[data-line]")).to_have_count(before + 1)
    page.screenshot(path=tmp_path / "editor.png", full_page=True)

    page.get_by_role("button", name="Gem finansiering").click()
    expect(page.get_by_role("status").first).to_contain_text("gemt som version")
    expect(page.get_by_test_id("pie")).to_be_visible()
    expect(page.get_by_test_id("pie-legend")).to_contain_text("Kultur og fritid")


def test_one_off_and_hourly_lines_are_booked_live_as_the_server_books_them(page: Page):
    """Typing a one-off line puts its whole amount in its year; an hourly line rate x hours."""
    before = _open_editor(page)
    _add_line(page, before + 1)
    number = before + 1
    _fill_line(page, number, "24.000", {"Kultur og fritid": "100"})
    line = page.locator("tbody[data-line]").nth(number - 1)
    totals = page.get_by_test_id("department-totals")
    line.get_by_label(f"Linje {number}: Startdato").fill(f"{date.today().year}-12-01")
    expect(line.locator("[data-line-amount]")).to_have_text("2.000,00")  # yearly: December
    before = totals.locator('[data-total-year="*"]').inner_text()
    line.get_by_label(f"Linje {number}: Udgiftstype").select_option("one_off")
    expect(line.locator("[data-line-amount]")).to_have_text("24.000,00")  # all in December
    expect(totals.locator('[data-total-year="*"]')).not_to_have_text(before)
    line.get_by_label(f"Linje {number}: Udgiftstype").select_option("hourly")
    line.get_by_label(f"Linje {number}: Beløb (kr.)").fill("300")
    expect(line.locator("[data-line-amount]")).to_have_text("–")  # hours still missing
    line.get_by_label("Omfang, linje").first.fill("3")
    line.get_by_label("Omfang målt i, linje").first.select_option("hours_per_week")
    # 300 kr. x 3 hours a week x 52/12 weeks in December
    expect(line.locator("[data-line-amount]")).to_have_text("3.900,00")
    page.get_by_role("button", name="Opdater beregning").click()
    server = page.locator("tbody[data-line]").nth(number - 1).locator("[data-line-amount]")
    expect(server).to_have_text("3.900,00")  # the server books it the same way

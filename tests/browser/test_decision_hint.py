"""The funding editor answers "Hvem må bevilge?" beside the line being typed, readable at
1366 px, and a new line's shares start at 100 % to the plan's default payer."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from app.demo import DEMO_CASE_REFERENCE
from tests.browser.test_mine_sager import log_in

WIDTH = 1366


def _editor(page: Page) -> None:
    """The demo case's funding editor, as its coordinator, on a 1366 px wide screen."""
    page.set_viewport_size({"width": WIDTH, "height": 768})
    log_in(page)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine sager").click()
    page.get_by_role("link", name=DEMO_CASE_REFERENCE).click()
    page.get_by_role("link", name="Rediger finansiering").click()
    expect(page).to_have_url(re.compile(r"/finansiering$"))
    # The scripts must have run: a select changed before decision_hint.js gets no payer.
    page.wait_for_load_state("load")


def test_the_answer_beside_the_line_and_the_default_payer(page: Page, tmp_path):
    """Choose an intervention: 100 % to its payer; type the cost: the answer follows."""
    _editor(page)
    respite = page.locator("tbody[data-line]").first
    hint = respite.locator("[data-line-decision]")
    expect(hint).to_be_visible()
    # The demo's respite states 3 døgn a month: within the core team's limit of 4.
    expect(hint).to_contain_text("3 døgn om måneden er inden for grænsen på 4 døgn om måneden")
    expect(hint).to_contain_text("Kerneteam (enstemmigt)")
    expect(hint.locator("[data-decision-flag]")).to_be_hidden()  # core team: no false flag

    page.get_by_role("button", name="Tilføj linje").click()
    line = page.locator("tbody[data-line]").last
    number = page.locator("tbody[data-line]").count()
    line.get_by_label(f"Linje {number}: Indsats").select_option("merudgifter")
    expect(line.get_by_label("Ydelsescenter (økonomiske ydelser)", exact=True)).to_have_value("100")
    expect(line.locator("[data-share-sum]")).to_contain_text("✓ i orden")
    # Until touched, the payer's share is the rest of 100 % as other shares are typed.
    line.get_by_label("PPR (Pædagogisk Psykologisk Rådgivning)", exact=True).fill("40")
    expect(line.get_by_label("Ydelsescenter (økonomiske ydelser)", exact=True)).to_have_value("60")
    expect(line.locator("[data-share-sum]")).to_contain_text("✓ i orden")
    line.get_by_label("PPR (Pædagogisk Psykologisk Rådgivning)", exact=True).fill("")
    expect(line.get_by_label("Ydelsescenter (økonomiske ydelser)", exact=True)).to_have_value("100")

    line.get_by_label(f"Linje {number}: Paragraf").select_option("bl_86")
    line.get_by_label(f"Linje {number}: Startdato").fill("2026-03-01")
    line.get_by_label(f"Bevilget af, linje {number}").select_option("sagsbehandler")
    line.get_by_label(f"Linje {number}: Beløb (kr.)").fill("18.500")
    hint = line.locator("[data-line-decision]")
    expect(hint).to_contain_text("18.500 kr. er inden for grænsen på 30.000 kr. om året")
    expect(hint).to_contain_text("Betaler som udgangspunkt: Ydelsescenter")
    expect(hint.locator("[data-decision-flag]")).to_be_hidden()

    line.get_by_label(f"Linje {number}: Beløb (kr.)").fill("45.000")
    expect(hint).to_contain_text("Teamleder")
    expect(hint.locator("[data-decision-flag]")).to_be_visible()
    hint.scroll_into_view_if_needed()
    box = hint.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    page.screenshot(path=tmp_path / "decision-hint.png", full_page=True)

    # A share typed by hand is never overwritten by a later choice of intervention.
    line.get_by_label("Ydelsescenter (økonomiske ydelser)", exact=True).fill("")
    line.get_by_label("PPR (Pædagogisk Psykologisk Rådgivning)", exact=True).fill("100")
    line.get_by_label(f"Linje {number}: Indsats").select_option("aflastning")
    expect(hint).to_contain_text("Kerneteam")
    expect(line.get_by_label("Børnehandicap (specialområdet)", exact=True)).to_have_value("")


def test_the_page_at_meeting_width(page: Page):
    """The page "Hvem må bevilge?" answers from the menu, within 1366 px."""
    page.set_viewport_size({"width": WIDTH, "height": 768})
    log_in(page)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Hvem må bevilge?"
    ).click()
    page.get_by_label("Indsats").select_option("aflastning")
    page.get_by_label("Døgn pr. måned").fill("3")
    page.get_by_label("Bevillingens startdato").fill("2026-03-01")
    page.get_by_role("button", name="Hvem må bevilge?").click()
    answer = page.get_by_test_id("grant-answer")
    expect(answer).to_contain_text("Kerneteam (enstemmigt)")
    expect(page.get_by_test_id("grant-payer")).to_have_text("Børnehandicap (specialområdet)")
    box = answer.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDTH

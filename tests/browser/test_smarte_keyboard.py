"""A coordinator fills a SMARTE plan with two goals, sub-goals and agreements by keyboard
alone, on a phone (390 px) and on a desktop (issue 13): goal cards, the ruler's arrow keys,
a bounded number of Tab presses per goal, the save bar in view, focus after saving."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_mine_sager import log_in
from tests.browser.test_rows_js import _stored_goals

# Tab presses from a goal's first field to its last button: its fields, the two radio
# groups (one stop each), three date inputs (three stops each in Chromium) and the buttons.
TABS_PER_GOAL = 45

_ACTIVE = """() => {
  const el = document.activeElement;
  return {id: el.id || '', name: el.getAttribute('name') || '', type: el.type || '',
          value: el.value || '', focusOnLoad: el.hasAttribute('data-focus-on-load')};
}"""


def _new_case(page: Page) -> str:
    """A new case of the coordinator's own (an empty plan); its path."""
    page.goto("/")
    page.get_by_label("Sagsnummer").fill(f"KB-{uuid.uuid4().hex[:8].upper()}")
    page.get_by_label("Titel").fill("Familien Tastatur")
    page.get_by_role("button", name="Opret sag").click()
    page.wait_for_url(re.compile(r"/sager/\d+$"))
    return urlsplit(page.url).path


def _tab_to(page: Page, wanted, limit: int) -> int:
    """Press Tab until the focused element matches ``wanted``; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if wanted(page.evaluate(_ACTIVE)):
            return presses
    raise AssertionError(f"not reached in {limit} Tab presses; at {page.evaluate(_ACTIVE)}")


def _named(name: str):
    return lambda active: active["name"] == name


def _fill_goal(page: Page, g: int, title: str) -> int:
    """Fill goal ``g`` from its first field by keyboard; the Tab presses it took."""
    expect(page.locator(f"#goals-{g}-area")).to_be_focused()
    tabs = _tab_to(page, _named(f"goals-{g}-title"), 3)
    page.keyboard.type(title)
    tabs += _tab_to(page, _named(f"goals-{g}-indicator"), 4)
    page.keyboard.type("Aftener pr. uge")
    # The ruler: one Tab stop; Space picks 1, the arrow keys move along it.
    tabs += _tab_to(page, _named(f"goals-{g}-baseline"), 2)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#goals-{g}-baseline-2")).to_be_checked()
    tabs += _tab_to(page, _named(f"goals-{g}-target"), 2)
    page.keyboard.press("Space")
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    expect(page.locator(f"#goals-{g}-target-6")).to_be_checked()
    # The save bar stays in view while the coordinator works inside the card.
    expect(page.get_by_test_id("save-bar")).to_be_in_viewport()
    tabs += _tab_to(page, _named(f"_add__goals-{g}-subgoals"), TABS_PER_GOAL)
    page.keyboard.press("Enter")
    expect(page.locator(f"#goals-{g}-subgoals-0-text")).to_be_focused()
    page.keyboard.type(f"Delmål for {title}")
    tabs += _tab_to(page, _named(f"_add__goals-{g}-agreements"), 12)
    page.keyboard.press("Enter")
    expect(page.locator(f"#goals-{g}-agreements-0-what")).to_be_focused()
    page.keyboard.type("Aftenrutine på køleskabet")
    tabs += _tab_to(page, _named("_add__goals"), 12)
    return tabs


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_coordinator_fills_two_goals_by_keyboard(page: Page, live_server, size) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    log_in(page)
    case = _new_case(page)
    page.goto(f"{case}/formularer/smarte_maal")
    # From the top of the page to "Tilføj mål" by keyboard.
    _tab_to(page, _named("_add__goals"), 80)
    titles = ["Emma sover hele natten", "Far arbejder 20 timer om ugen"]
    for g, title in enumerate(titles):
        page.keyboard.press("Enter")
        tabs = _fill_goal(page, g, title)
        assert tabs <= TABS_PER_GOAL, f"goal {g + 1} took {tabs} Tab presses"
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    _tab_to(page, lambda a: a["name"] == "_save_draft" and a["type"] == "submit", 60)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Focus is on the message that the draft was saved, not at the top of the page.
    assert page.evaluate(_ACTIVE)["focusOnLoad"]
    expect(page.locator(":focus")).to_have_text("Kladden er gemt.")

    goals = _stored_goals(live_server, int(case.rsplit("/", 1)[1]))
    assert [g["title"] for g in goals] == titles
    assert [(g["baseline"], g["target"]) for g in goals] == [(3, 7), (3, 7)]
    assert [g["subgoals"][0]["text"] for g in goals] == [f"Delmål for {t}" for t in titles]
    assert all(g["agreements"][0]["what"] == "Aftenrutine på køleskabet" for g in goals)


def test_a_refused_save_puts_focus_on_the_linked_error_summary(page: Page, page_problems) -> None:
    """ "Gem som endelig" with a goal without a title: focus on the summary, whose link
    leads to the field marked invalid."""
    log_in(page)
    case = _new_case(page)
    page.goto(f"{case}/formularer/smarte_maal")
    page.locator('button[name="_add__goals"]').click()
    with page.expect_navigation():
        page.get_by_role("button", name="Gem som endelig").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(re.compile(r"Ret (dette problem|disse \d+ problemer)"))
    link = summary.get_by_role("link", name=re.compile("Målet med almindelige ord"))
    target = link.get_attribute("href").lstrip("#")
    expect(page.locator(f"#{target}")).to_have_attribute("aria-invalid", "true")
    link.click()
    expect(page.locator(f"#{target}")).to_be_focused()
    page_problems.clear()  # the browser logs the refused save's 422, provoked on purpose

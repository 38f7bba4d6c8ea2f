"""The demo family's year wheel in a browser at 320 px: the picture scales and nothing of the
wheel's page (picture, list, form) reaches past the screen's edge."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from app.demo import DEMO_CASE_REFERENCE
from tests.browser.test_mine_sager import log_in

#: Elements of the wheel's parts whose right edge lies past the viewport (the site header's
#: own overflow menu is the base layout's business, not the wheel's).
OVERFLOWING = """(width) => Array.from(document.querySelectorAll(
    '[data-testid=wheel-picture] *, [data-testid=wheel-list] *, [data-testid=wheel-form] *'))
  .filter(e => e.getBoundingClientRect().right > width + 0.5)
  .map(e => e.tagName + ' ' + (e.id || e.getAttribute('data-month') || ''))"""


def test_the_wheel_fits_a_320_px_screen(page: Page):
    """On a phone-sized screen the wheel's picture, list and form stay inside 320 px."""
    page.set_viewport_size({"width": 320, "height": 720})
    log_in(page)
    page.get_by_role("link", name=DEMO_CASE_REFERENCE).first.click()
    page.get_by_test_id("wheel-page").click()
    picture = page.get_by_test_id("wheel-picture").locator("svg")
    expect(picture).to_have_attribute("role", "img")
    expect(picture.locator("g.wheel-month")).to_have_count(12)
    expect(page.get_by_test_id("wheel-list").locator("> li")).to_have_count(12)
    expect(page.get_by_test_id("wheel-form")).to_be_visible()
    assert 200 < picture.bounding_box()["width"] <= 320
    assert page.evaluate(OVERFLOWING, 320) == []

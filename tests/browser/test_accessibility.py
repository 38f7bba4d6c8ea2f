"""axe-core on the app's pages: zero violations of any impact (WCAG 2.1 A/AA + best practice)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations


def test_login_page_has_no_axe_violations(page: Page) -> None:
    """The first page everyone sees passes axe, at desktop and phone width."""
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/login")
        assert_no_axe_violations(page, f"/login at {width} px")

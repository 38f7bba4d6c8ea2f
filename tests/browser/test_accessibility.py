"""axe-core on the app's pages: zero violations of any impact (WCAG 2.1 A/AA + best practice),
at desktop and phone width, and no page scrolls sideways at 320 px (WCAG 1.4.10, issue 13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser import pages
from tests.browser.axe import axe_violations


def _check(page: Page, urls: list[str]) -> list[str]:
    """Every page at 1366 and 390 px through axe, and at 320 px for reflow: the problems."""
    problems: list[str] = []
    for url in urls:
        assert url, "a page type was not found on the demo's pages"
        for width, height in (pages.WIDE, pages.PHONE):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(url)
            for v in axe_violations(page):
                problems.append(
                    f"{url} at {width} px: {v['id']} ({v['impact']}): {v['help']} "
                    f"at {', '.join(v['targets'])}"
                )
        page.set_viewport_size({"width": pages.NARROW[0], "height": pages.NARROW[1]})
        page.goto(url)
        if why := pages.sideways_overflow(page):
            problems.append(f"{url} at 320 px scrolls sideways: {why}")
    return problems


def test_login_page_has_no_axe_violations(page: Page) -> None:
    """The first page everyone sees passes axe, at desktop and phone width, and reflows."""
    assert _check(page, ["/login", "/tilgaengelighed"]) == []


@pytest.mark.parametrize("who", ["coordinator", "leader", "admin"])
def test_every_page_type_passes_axe_and_reflows(page: Page, page_problems, who: str) -> None:
    """Case list, case, each built-in form (edit and read view), funding, designer, lists,
    templates, users, settings and the error pages: no axe violation, no sideways scroll."""
    urls = getattr(pages, f"{who}_pages")(page)
    problems = _check(page, urls)
    # The 403 and 404 pages are visited on purpose: their console errors are expected.
    page_problems.console_errors[:] = [
        m for m in page_problems.console_errors if "404" not in m and "403" not in m
    ]
    assert problems == [], "\n".join(problems)


def test_the_case_overview_and_forms_print_without_menus_or_buttons(page: Page) -> None:
    """On paper: no menu, no buttons, no save bar; the goal cards and their values stay."""
    pages.sign_in(page, "koordinator@demo.enindgang.dk")
    case = pages.demo_case_url(page)
    page.emulate_media(media="print")
    for url in (
        case,
        f"{case}/formularer/smarte_maal",
        f"{case}/formularer/smarte_maal?vis=dokument",
    ):
        page.goto(url)
        assert not page.locator("nav.navigation-menu").is_visible(), url
        assert page.locator("main .button:visible, main button:visible").count() == 0, url
        assert page.locator("h1").is_visible(), url
    page.goto(f"{case}/formularer/smarte_maal")
    assert not page.get_by_test_id("save-bar").is_visible()
    assert page.locator(".fe-card").first.is_visible()
    assert page.locator("#goals-0-title").input_value()

"""`make screenshots`: desktop and phone screenshots of the main pages into docs/screenshots/.

Not part of `make test` (the file name does not start with test_, so pytest only runs it
when named). It uses the browser tests' live server with the demo data, so the pictures show
what `make run` shows. JPEG at quality 75 keeps the files small enough for the repository.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser import pages

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def _shoot(page: Page, name: str, url: str, anchor: str | None = None) -> None:
    """``name``-desktop.jpg and ``name``-phone.jpg of ``url`` (scrolled to ``anchor``)."""
    OUT.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        if anchor:
            page.locator(anchor).first.evaluate("el => el.scrollIntoView({block: 'start'})")
            page.evaluate("window.scrollBy(0, -16)")
        page.screenshot(path=str(OUT / f"{name}-{size}.jpg"), type="jpeg", quality=75)


def test_screenshots(page: Page) -> None:
    """The pages a newcomer sees first, as the coordinator and the leader."""
    _shoot(page, "login", "/login")
    pages.sign_in(page, "koordinator@demo.enindgang.dk")
    case = pages.demo_case_url(page)
    _shoot(page, "case-list", "/")
    _shoot(page, "case", case)
    plan = f"{case}/formularer/smarte_maal"
    _shoot(page, "smarte-goal-card", plan, "#goals")
    _shoot(page, "smarte-document", f"{plan}?vis=dokument", "#doc-goals_section")
    _shoot(page, "funding", f"{case}/finansiering")
    pages.sign_in(page, "leder@demo.enindgang.dk")
    _shoot(page, "designer", "/formularer/smarte_maal/rediger")
    flow = pages.first_link(page, "/dokumenter", "/dokumenter/sagsforloeb/")
    _shoot(page, "case-flow-timeline", f"{flow}/forloeb")

"""Every page type of the app, for the accessibility and reflow checks (issue 13).

Pages are found the way people find them (links on the demo's pages), so a renamed route or
a changed demo shows up here as a clear failure instead of a silently skipped page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS
from tests.browser.test_mine_sager import log_in

WIDE, PHONE, NARROW = (1366, 900), (390, 844), (320, 720)

# The elements that stick out to the right of the viewport and are not inside a box that
# scrolls or clips them (the deepest such element of each branch): what makes a page scroll
# sideways.
_OVERFLOW = """
(width) => {
  const out = [];
  function contained(el) {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX !== 'visible' || style.clipPath !== 'none') return true;
    }
    return false;
  }
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right > width + 1 && !contained(el)) {
      const deeper = Array.from(el.children).some(c => c.getBoundingClientRect().right > width + 1);
      if (!deeper) out.push(el.outerHTML.slice(0, 160));
    }
  }
  return out.slice(0, 5);
}
"""


def user(email: str):
    """The demo user with that e-mail address."""
    return next(u for u in DEMO_USERS if u.email == email)


def sign_in(page: Page, email: str) -> None:
    """Log out whoever is signed in and log in as the demo user ``email``."""
    page.context.clear_cookies()
    demo = user(email)
    log_in(page, demo.email, demo.password)


def demo_case_url(page: Page) -> str:
    """The demo case's page, found in the case list."""
    page.goto("/")
    page.get_by_test_id("case-list").get_by_role("link", name=DEMO_CASE_REFERENCE).click()
    page.wait_for_url("**/sager/*")
    return urlsplit(page.url).path


def first_link(page: Page, url: str, href_part: str) -> str:
    """The first link on ``url`` whose address contains ``href_part``."""
    page.goto(url)
    return page.locator(f'main a[href*="{href_part}"]').first.get_attribute("href") or ""


def coordinator_pages(page: Page) -> list[str]:
    """The coordinator's page types: case list, case, the case's forms, funding, errors."""
    sign_in(page, "koordinator@demo.enindgang.dk")
    case = demo_case_url(page)
    return [
        "/",
        case,
        f"{case}/formularer/smarte_maal",
        f"{case}/formularer/smarte_maal?vis=dokument",
        f"{case}/formularer/smarte_maal/historik",
        f"{case}/finansiering",
        f"{case}/finansiering/historik",
        f"{case}/rediger",
        f"{case}/moeder/ny",
        f"{case}/opfoelgning",
        f"{case}/aarshjul",
        "/dokumenter",
        "/dokumenter/hvem-maa-bevilge",
        "/profil",
        "/findes-ikke",  # the 404 page
        "/admin/brugere",  # the 403 page
    ]


def leader_pages(page: Page) -> list[str]:
    """The municipality's built-in forms (edit and read view), the designer, lists, …"""
    sign_in(page, "leder@demo.enindgang.dk")
    pages = []
    for form in ("beslutningskompetence", "sagsforloeb"):
        document = first_link(page, "/dokumenter", f"/dokumenter/{form}/")
        if document and "/ny" not in document:
            pages += [document, f"{document}?vis=dokument"]
        if form == "sagsforloeb" and document:
            pages.append(f"{document}/forloeb")
    vocabulary = first_link(page, "/lister", "/lister/")
    template = first_link(page, "/skabeloner", "/skabeloner/")
    return pages + [
        "/formularer",
        "/formularer/smarte_maal",
        "/formularer/smarte_maal/rediger",
        "/lister",
        vocabulary,
        "/skabeloner",
        template,
        "/oversigt",
        "/revision",
        "/okonomi",
    ]


def admin_pages(page: Page) -> list[str]:
    """Users and the municipality's settings."""
    sign_in(page, "admin@demo.enindgang.dk")
    return ["/admin/brugere", "/admin/kommune"]


def sideways_overflow(page: Page) -> str:
    """Why the page scrolls sideways ('' when it does not)."""
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll <= width:
        return ""
    return f"scrollWidth {scroll} > {width}: {page.evaluate(_OVERFLOW, width)}"

"""The coordinator's first steps in a real browser: log in, open a case, find it again."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS

COORDINATOR = next(u for u in DEMO_USERS if u.email == "koordinator@demo.enindgang.dk")


def log_in(page: Page, email: str = COORDINATOR.email, password: str = COORDINATOR.password):
    """Log in through the login form."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind", exact=True).click()


def test_coordinator_creates_case_and_finds_it_in_mine_sager(page: Page, tmp_path):
    reference = f"BT-{uuid.uuid4().hex[:8].upper()}"
    title = "Familien Browser – Oskar (5 år)"

    log_in(page)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Mine sager", level=1)).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_text(COORDINATOR.name)

    page.get_by_label("Sagsnummer").fill(reference)
    page.get_by_label("Titel").fill(title)
    page.get_by_role("button", name="Opret sag").click()

    expect(page).to_have_url(re.compile(r"/sager/\d+$"))
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_test_id("case-reference")).to_have_text(reference)
    expect(page.get_by_role("status")).to_contain_text(f"Sagen {reference} er oprettet.")

    menu_link = page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Mine sager"
    )
    menu_link.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(menu_link).to_have_attribute("aria-current", "page")
    cases = page.get_by_test_id("case-list")
    row = cases.get_by_role("row").filter(has_text=reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(title)
    expect(row).to_contain_text(COORDINATOR.name)
    expect(cases.get_by_role("link", name=DEMO_CASE_REFERENCE)).to_be_visible()

    page.screenshot(path=tmp_path / "mine-sager.png", full_page=True)

    row.get_by_role("link", name=reference).click()
    expect(page.get_by_test_id("case-reference")).to_have_text(reference)


def test_wrong_password_shows_error_and_keeps_email(page: Page):
    log_in(page, password="not-the-password")

    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "E-mail eller adgangskode er forkert."
    )
    expect(page.get_by_label("E-mail")).to_have_value(COORDINATOR.email)
    expect(page.get_by_label("Adgangskode")).to_have_value("")
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_pages_load_design_system_without_console_errors_or_csp_violations(
    page: Page, page_problems
):
    page.goto("/login")
    _expect_scripts_loaded(page)

    log_in(page)
    expect(page.get_by_role("heading", name="Mine sager", level=1)).to_be_visible()
    _expect_scripts_loaded(page)

    page.get_by_test_id("case-list").get_by_role("link", name=DEMO_CASE_REFERENCE).click()
    expect(page.get_by_test_id("case-reference")).to_have_text(DEMO_CASE_REFERENCE)
    _expect_scripts_loaded(page)

    assert page_problems.csp_violations == []
    assert page_problems.all() == []


def _expect_scripts_loaded(page: Page) -> None:
    """The design system's and the app's files loaded, DKFDS ran, its font is in use."""
    page.wait_for_load_state("load")
    loaded = page.evaluate(
        """() => performance.getEntriesByType("resource")
            .filter((e) => !e.responseStatus || e.responseStatus < 400)
            .map((e) => new URL(e.name).pathname)"""
    )
    for path in (
        "/static/vendor/dkfds/js/dkfds.min.js",
        "/static/js/app.js",
        "/static/vendor/dkfds/css/dkfds.min.css",
        "/static/css/app.css",
    ):
        assert path in loaded, f"{path} was not loaded: {loaded}"
    assert page.evaluate("typeof window.DKFDS") == "object"
    assert page.evaluate("typeof window.DKFDS.init") == "function"
    assert page.evaluate(
        """async () => {
            await document.fonts.ready;
            return [...document.fonts].some(
                (f) => f.family.replace(/"/g, "") === "IBM Plex Sans" && f.status === "loaded");
        }"""
    ), "the design system's font IBM Plex Sans did not load"


def test_csp_blocks_inline_script_and_the_violation_is_seen(page: Page, page_problems):
    """Guards the guard: an injected inline script must not run and must be reported."""
    page.goto("/login")
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            """() => {
                const s = document.createElement("script");
                s.textContent = "window.__inlineRan = true;";
                document.body.appendChild(s);
            }"""
        )
    assert page.evaluate("window.__inlineRan === undefined")
    assert page_problems.csp_violations, page_problems.all()
    page_problems.clear()


def test_logout_ends_the_session(page: Page):
    log_in(page)
    expect(page.get_by_test_id("current-user")).to_be_visible()

    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("status")).to_contain_text("Du er logget ud.")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    expect(page.get_by_role("heading", name="Log ind", level=1)).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_count(0)

"""List rows with JavaScript: rows.js adds and removes them in the page, named as the server
would have named them after pressing the buttons (rows-0-…, rows-1-…, with no gap)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from app.demo import DEMO_USERS
from tests.browser.test_mine_sager import log_in

ADMIN = next(u for u in DEMO_USERS if u.email == "admin@demo.enindgang.dk")
FORM = 'form[action$="/lister/authority_levels"]'
POSTED = f"Array.from(new FormData(document.querySelector('{FORM}')).entries())"


def test_rows_are_added_and_removed_without_a_page_load(page: Page):
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/lister/authority_levels")
    rows = page.locator('tbody[data-rows-body="rows"] > tr[data-row]')
    n = rows.count()
    assert n >= 1
    page.evaluate("window.__noReload = true")

    add = page.get_by_role("button", name="Tilføj række")
    add.click()
    expect(rows).to_have_count(n + 1)
    expect(page.locator(f"#rows-{n}-value")).to_be_focused()
    page.locator(f"#rows-{n}-value").fill("bt_first")
    add.click()
    page.locator(f"#rows-{n + 1}-value").fill("bt_second")
    page.locator(f"#rows-{n + 1}-label").fill("Anden")
    expect(page.get_by_label(f"Nøgle, række {n + 2}")).to_have_value("bt_second")

    rows.nth(n).get_by_role("button", name="Fjern").click()
    expect(rows).to_have_count(n + 1)
    expect(page.locator("[data-rows-live]")).to_have_text(f"Række {n + 1} fjernet")
    # The row after the removed one took its number, its label and its remove button's value.
    expect(page.locator(f"#rows-{n}-value")).to_have_value("bt_second")
    expect(page.get_by_label(f"Tekst (dansk), række {n + 1}")).to_have_value("Anden")
    expect(rows.nth(n).get_by_role("button", name="Fjern")).to_have_attribute("value", str(n))
    names = [name for name, _value in page.evaluate(POSTED) if name.startswith("rows-")]
    numbers = sorted({int(name.split("-")[1]) for name in names})
    assert numbers == list(range(n + 1))
    assert f"rows-{n + 1}-value" not in names
    assert page.evaluate("window.__noReload") is True

"""The visual editor in a real browser, beyond the "Barnets egne ord" runs: a new form begun
on the start page, the live preview following the leader's typing, and a SMARTE goal's
column edited in the properties panel (axe clean at 1024 px)."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_designer_visual import ADMIN
from tests.browser.test_mine_sager import log_in


def test_a_new_form_starts_in_the_visual_editor_and_the_preview_follows_typing(page: Page):
    title = f"Samtale {uuid.uuid4().hex[:6]}"
    page.set_viewport_size({"width": 1024, "height": 900})
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/formularer")
    page.get_by_role("link", name="Opret ny formular").click()
    page.get_by_label("Formularens titel").fill(title)
    page.get_by_role("button", name="Åbn i den visuelle editor").click()
    expect(page.get_by_role("heading", name="Afsnit og felter")).to_be_visible()
    expect(page.get_by_test_id("outline")).to_contain_text("Første afsnit")

    page.get_by_test_id("palette").get_by_role("button", name="Kort tekst").click()
    properties = page.get_by_test_id("properties")
    frame = page.get_by_test_id("preview-frame")
    expect(frame.get_by_label("Kort tekst")).to_be_visible()
    page.wait_for_load_state("load")  # designer-visual.js listens to the panel
    # Typing alone (no button) redraws the preview after a short pause.
    label = properties.get_by_label("Dansk").first
    label.select_text()
    label.press_sequentially("Hvad siger barnet?", delay=10)
    expect(frame.get_by_label("Hvad siger barnet?")).to_be_visible()
    expect(frame.get_by_label("Kort tekst")).to_have_count(0)
    expect(page.get_by_test_id("outline")).not_to_contain_text("Hvad siger barnet?")  # unsaved
    assert_no_axe_violations(page, "new form in the visual editor, live preview")

    properties.get_by_role("button", name="Anvend").click()
    page.get_by_label("Note til versionen").fill("Første udgave")
    page.get_by_role("button", name="Udgiv", exact=True).click()
    expect(page).to_have_url(re.compile(r"/formularer/samtale_[0-9a-f]{6}$"))


def test_a_smarte_goal_column_is_edited_in_the_properties_panel(page: Page):
    page.set_viewport_size({"width": 1024, "height": 900})
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/formularer/smarte_maal/visuel")
    outline = page.get_by_test_id("outline")
    title = outline.get_by_test_id("field-goals.title")
    title.get_by_role("button", name=re.compile("^Målet med almindelige ord")).click()
    properties = page.get_by_test_id("properties")
    expect(properties.get_by_test_id("column-hint")).to_be_visible()
    expect(properties.get_by_label("Dansk").first).to_have_value("Målet med almindelige ord")
    expect(page.get_by_test_id("palette-column-target")).to_contain_text("»Mål«")
    page.wait_for_load_state("load")  # the menu is laid out by its script and stylesheet
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    assert_no_axe_violations(page, "visual editor, a SMARTE column selected")

    # "Vis kun hvis" among the goal's own columns: "er en af" offers the status values.
    page.wait_for_load_state("load")
    properties.get_by_label("Felt", exact=True).select_option(label="Status")
    properties.get_by_label("Betingelse").select_option("one_of")
    properties.get_by_label("I gang").check()
    properties.get_by_label("Nået").check()
    properties.get_by_role("button", name="Anvend").click()
    row = outline.get_by_test_id("field-goals.title")
    expect(row).to_contain_text("Vises kun, hvis »Status« er I gang / Nået")

    # Move it down and up again by its buttons: the YAML is the published text again.
    page.get_by_role("button", name="Flyt ned Målet med almindelige ord i Mål").click()
    expect(outline.get_by_test_id("field-goals.title")).to_contain_text("Vises kun")
    page.get_by_role("button", name="Flyt op Målet med almindelige ord i Mål").click()
    up = page.get_by_role("button", name="Flyt op Målet med almindelige ord i Mål")
    expect(up).to_be_focused()


def test_the_preview_adds_rows_before_and_after_it_follows_typing(page: Page):
    """The preview's tables answer as on a case: "Tilføj mål" adds a goal card without a page
    load, on the first load and in a preview swapped in while the leader types."""
    page.set_viewport_size({"width": 1024, "height": 900})
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/formularer/smarte_maal/visuel")
    page.wait_for_load_state("load")  # designer-visual.js enables the preview
    frame = page.get_by_test_id("preview-frame")
    page.evaluate("window.__previewNoReload = true")  # gone if the page is loaded again
    goals = frame.locator('[data-rows-body="goals"] > .fe-card[data-row]')
    shown = goals.count()  # the rows the server draws
    frame.locator('button[name="_add__goals"]').click()
    expect(goals).to_have_count(shown + 1)  # one row per click: rows.js enhanced it once

    title = page.get_by_test_id("outline").get_by_test_id("field-goals.title")
    with page.expect_navigation(wait_until="load"):  # choosing a field posts the editor
        title.get_by_role("button", name=re.compile("^Målet med almindelige ord")).click()
    page.evaluate("window.__previewNoReload = true")
    label = page.get_by_test_id("properties").get_by_label("Dansk").first
    expect(label).to_have_value("Målet med almindelige ord")
    frame.locator("form").evaluate("form => form.setAttribute('data-before-typing', '')")
    label.select_text()
    # A question mark inside the YAML's {da: …, en: …}: it must be quoted for the app's reader.
    label.press_sequentially("Hvad vil vi opnå?", delay=10)
    expect(frame.get_by_test_id("preview-unreadable")).to_have_count(0)
    expect(frame.locator("form[data-before-typing]")).to_have_count(0)  # swapped in
    expect(goals).to_have_count(shown)  # a new preview, as the server draws it
    frame.locator('button[name="_add__goals"]').click()
    expect(goals).to_have_count(shown + 1)
    expect(goals.last).to_contain_text("Hvad vil vi opnå?")  # the typed label, in a new row
    frame.locator('button[name="_add__goals"]').click()
    expect(goals).to_have_count(shown + 2)
    assert page.evaluate("window.__previewNoReload === true")


def test_a_column_is_dragged_within_its_table(page: Page):
    """A sub-goal's status column dragged above its text column: the outline and the YAML
    follow (a column is dragged within its own table; the buttons do the same by keyboard)."""
    page.set_viewport_size({"width": 1024, "height": 900})
    log_in(page, ADMIN.email, ADMIN.password)
    page.goto("/formularer/smarte_maal/visuel")
    page.wait_for_load_state("load")  # designer-visual.js makes the rows draggable
    outline = page.get_by_test_id("outline")
    status = outline.get_by_test_id("field-goals.subgoals.status")
    text = outline.get_by_test_id("field-goals.subgoals.text")
    with page.expect_navigation(wait_until="load"):  # the drop posts the editor
        status.drag_to(text, target_position={"x": 20, "y": 3})  # the text row's top half
    rows = outline.locator('ol[data-table="goals.subgoals"] > li')
    expect(rows.nth(0)).to_have_attribute("data-column", "goals.subgoals.status")
    expect(rows.nth(1)).to_have_attribute("data-column", "goals.subgoals.text")
    expect(page.get_by_test_id("properties").locator('input[name="p_for"]')).to_have_value(
        "goals.subgoals.status"
    )  # the dropped column is chosen
    goals = outline.locator('ol[data-section="goals_section"] > li[data-field]')
    expect(goals.first).to_have_attribute("data-field", "goals")  # the table stayed put

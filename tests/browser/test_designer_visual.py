"""The visual form editor in a real browser: the "Barnets egne ord" change built by pointing
(mouse, with drag and drop) and by keyboard alone, published, and seen on a case."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_mine_sager import log_in

ADMIN = next(u for u in DEMO_USERS if u.email == "admin@demo.enindgang.dk")
COORDINATOR = next(u for u in DEMO_USERS if u.email == "koordinator@demo.enindgang.dk")
ASKED = "Hvad fortalte barnet familiekoordinatoren?"


def _base_yaml(name: str) -> str:
    return (
        f"name: {name}\n"
        "title: {da: Samtale med barnet, en: Talking with the child}\n"
        "scope: case\n"
        "# The municipality's own form, written by hand before the visual editor.\n"
        "sections:\n"
        "  - name: main\n"
        "    title: Indhold\n"
        "    fields:\n"
        "      - name: wishes\n"
        "        type: textarea\n"
        "        label: Familiens ønsker  # what the family says first\n"
    )


def _publish_base(page: Page, name: str) -> None:
    """Publish the starting version through the YAML editor."""
    page.goto("/formularer/opret-ny")
    page.get_by_label("YAML-definition").fill(_base_yaml(name))
    page.get_by_role("button", name="Udgiv", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/formularer/{name}$"))


def _field_row(page: Page, label: str):
    return page.get_by_test_id("outline").locator("li[data-field]").filter(has_text=label)


def _sees_it_on_a_case(page: Page, name: str) -> None:
    """A coordinator opens the new form on the demo case: the section, the select from the
    shared list, and the field shown only for one choice."""
    page.context.clear_cookies()
    log_in(page, COORDINATOR.email, COORDINATOR.password)
    page.get_by_test_id("case-list").get_by_role("link", name=DEMO_CASE_REFERENCE).click()
    case_url = re.sub(r"[?#].*$", "", page.url)
    page.goto(f"{case_url}/formularer/{name}")
    expect(page.get_by_role("heading", name="Barnets egne ord")).to_be_visible()
    expect(page.get_by_label("Med barnets egne ord")).to_be_visible()
    talked = page.get_by_label("Hvem talte barnet med?")
    expect(talked).to_be_visible()
    expect(page.get_by_label(ASKED)).to_be_hidden()
    talked.select_option("familiekoordinator")
    expect(page.get_by_label(ASKED)).to_be_visible()


def test_barnets_egne_ord_by_mouse(page: Page, tmp_path):
    name = f"bv_{uuid.uuid4().hex[:8]}"
    page.set_viewport_size({"width": 1024, "height": 900})
    log_in(page, ADMIN.email, ADMIN.password)
    _publish_base(page, name)
    page.get_by_role("link", name="Rediger formularen").click()
    expect(page.get_by_role("heading", name="Afsnit og felter")).to_be_visible()

    page.get_by_label("Nyt afsnit").fill("Barnets egne ord")
    page.get_by_role("button", name="Tilføj afsnit").click()
    palette = page.get_by_test_id("palette")
    palette.get_by_role("button", name="Lang tekst").click()
    properties = page.get_by_test_id("properties")
    properties.get_by_label("Dansk").first.fill("Med barnets egne ord")
    properties.get_by_role("button", name="Anvend").click()

    palette.get_by_role("button", name="Valgliste").click()
    properties.get_by_label("Dansk").first.fill("Hvem talte barnet med?")
    properties.get_by_label("Skal udfyldes").check()
    properties.get_by_label("Brug en fælles liste").check()
    properties.get_by_label("Fælles liste", exact=True).select_option(label="Roller i kerneteamet")
    properties.get_by_role("button", name="Anvend").click()
    expect(_field_row(page, "Hvem talte barnet med?")).to_contain_text("Valgliste")

    palette.get_by_role("button", name="Kort tekst").click()
    properties.get_by_label("Dansk").first.fill(ASKED)
    page.wait_for_load_state("load")  # designer-visual.js has run (it fills the value list)
    properties.get_by_label("Felt", exact=True).select_option(label="Hvem talte barnet med?")
    # The value list now offers exactly the shared list's roles (designer-visual.js).
    value = properties.get_by_label("Værdi", exact=True)
    expect(value.locator("option", has_text="Familiekoordinator")).to_have_count(1)
    value.select_option("familiekoordinator")
    properties.get_by_role("button", name="Anvend").click()
    expect(_field_row(page, ASKED)).to_contain_text("Vises kun, hvis »Hvem talte barnet med?«")

    # Drag the long text below the select, then back above it (once the page's script, which
    # makes the rows draggable, has run: a loaded machine can be slower than the test).
    page.wait_for_load_state("load")
    _field_row(page, "Med barnets egne ord").drag_to(_field_row(page, ASKED))
    order = page.get_by_test_id("outline").locator("li[data-field]")
    expect(order.nth(1)).to_contain_text("Hvem talte barnet med?")
    expect(order.nth(2)).to_contain_text("Med barnets egne ord")
    page.get_by_role("button", name="Flyt op Med barnets egne ord").click()
    expect(order.nth(1)).to_contain_text("Med barnets egne ord")

    # The live preview follows, also at phone width; the impact is said before publishing.
    preview = page.get_by_test_id("preview")
    expect(preview.get_by_label("Hvem talte barnet med?")).to_be_visible()
    page.wait_for_load_state("load")  # the width buttons work through designer-visual.js
    preview.get_by_role("button", name="Telefon").click()
    expect(preview.get_by_role("button", name="Telefon")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("impact")).to_contain_text("Nyt felt »Med barnets egne ord«")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    assert_no_axe_violations(page, "visual editor at 1024 px")
    page.screenshot(path=tmp_path / "designer-visual.png", full_page=True)

    page.get_by_label("Note til versionen").fill("Barnets egne ord")
    page.get_by_role("button", name="Udgiv", exact=True).click()
    expect(page.get_by_test_id("version-2").get_by_test_id("current-marker")).to_be_visible()
    page.get_by_role("link", name="Hent gældende YAML")  # the YAML keeps the hand comments
    page.goto(f"/formularer/{name}/version/2")
    expect(page.locator("body")).to_contain_text("# what the family says first")

    _sees_it_on_a_case(page, name)


def test_barnets_egne_ord_by_keyboard_only(page: Page):
    name = f"bk_{uuid.uuid4().hex[:8]}"
    page.set_viewport_size({"width": 1024, "height": 900})
    log_in(page, ADMIN.email, ADMIN.password)
    _publish_base(page, name)
    page.goto(f"/formularer/{name}/visuel")
    keys = page.keyboard

    def press(locator, key: str = "Enter") -> None:
        locator.focus()
        keys.press(key)

    def type_into(locator, text: str) -> None:
        locator.focus()
        keys.press("Control+A")
        keys.type(text)

    type_into(page.get_by_label("Nyt afsnit"), "Barnets egne ord")
    press(page.get_by_role("button", name="Tilføj afsnit"))
    palette = page.get_by_test_id("palette")
    properties = page.get_by_test_id("properties")
    press(palette.get_by_role("button", name="Lang tekst"))
    # The new field's label has the focus (autofocus: no script needed), ready to type.
    expect(properties.get_by_label("Dansk").first).to_be_focused()
    type_into(properties.get_by_label("Dansk").first, "Med barnets egne ord")
    keys.press("Enter")  # Enter in a text box applies the properties (and checks)
    expect(_field_row(page, "Med barnets egne ord")).to_be_visible()

    press(palette.get_by_role("button", name="Valgliste"))
    type_into(properties.get_by_label("Dansk").first, "Hvem talte barnet med?")
    press(properties.get_by_label("Skal udfyldes"), "Space")
    press(properties.get_by_label("Brug en fælles liste"), "Space")
    properties.get_by_label("Fælles liste", exact=True).focus()
    keys.type("Roller")  # type-ahead picks "Roller i kerneteamet"
    press(properties.get_by_role("button", name="Anvend"))
    expect(_field_row(page, "Hvem talte barnet med?")).to_contain_text("Valgliste")

    press(palette.get_by_role("button", name="Kort tekst"))
    type_into(properties.get_by_label("Dansk").first, ASKED)
    page.wait_for_load_state("load")  # designer-visual.js fills the value list
    properties.get_by_label("Felt", exact=True).focus()
    keys.type("Hvem")
    properties.get_by_label("Værdi", exact=True).focus()
    keys.type("Familiekoord")
    press(properties.get_by_role("button", name="Anvend"))
    expect(_field_row(page, ASKED)).to_contain_text("Vises kun, hvis »Hvem talte barnet med?«")

    # Flyt op/ned are real buttons: move the long text down and up again by keyboard.
    press(page.get_by_role("button", name="Flyt ned Med barnets egne ord"))
    order = page.get_by_test_id("outline").locator("li[data-field]")
    expect(order.nth(2)).to_contain_text("Med barnets egne ord")
    # The pressed button has the focus again; Shift+Tab reaches "Flyt op" of the same field.
    expect(page.get_by_role("button", name="Flyt ned Med barnets egne ord")).to_be_focused()
    keys.press("Shift+Tab")
    keys.press("Enter")
    expect(order.nth(1)).to_contain_text("Med barnets egne ord")
    expect(page.get_by_role("button", name="Flyt op Med barnets egne ord")).to_be_focused()
    assert_no_axe_violations(page, "visual editor, keyboard run")

    type_into(page.get_by_label("Note til versionen"), "Barnets egne ord")
    press(page.get_by_role("button", name="Udgiv", exact=True))
    expect(page.get_by_test_id("version-2").get_by_test_id("current-marker")).to_be_visible()

    _sees_it_on_a_case(page, name)


def test_leaving_the_visual_editor_with_unpublished_changes_asks_first(page: Page):
    """Each button of the visual editor posts and shows the page again, so the question
    before leaving is about the changes not yet published, not only what was typed since."""
    name = f"bv_{uuid.uuid4().hex[:8]}"
    log_in(page, ADMIN.email, ADMIN.password)
    _publish_base(page, name)
    questions: list[str] = []
    page.on("dialog", lambda dialog: (questions.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Rediger formularen").click()
    page.get_by_role("link", name="Formularer").first.click()
    expect(page).to_have_url(re.compile(r"/formularer$"))
    assert questions == []  # nothing changed: no question
    page.goto(f"/formularer/{name}/visuel")
    page.get_by_label("Nyt afsnit").fill("Barnets egne ord")
    page.get_by_role("button", name="Tilføj afsnit").click()
    expect(page.get_by_test_id("outline")).to_contain_text("Barnets egne ord")
    page.wait_for_load_state("load")  # the page's scripts (autosave-guard.js) have run
    page.get_by_role("link", name="Formularer").first.click()
    for _ in range(50):  # the question arrives asynchronously
        if questions:
            break
        page.wait_for_timeout(100)
    assert questions == ["beforeunload"]
    expect(page).to_have_url(re.compile(rf"/formularer/{name}/visuel"))

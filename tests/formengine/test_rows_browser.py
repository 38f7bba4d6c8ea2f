"""Repeat rows in a real browser: rows.js posts what the no-JS buttons would have."""

from __future__ import annotations

import shutil

import pytest
from werkzeug.datastructures import MultiDict

from app.formengine import apply_row_buttons, build_form_class, form_data_from_submission
from tests.formengine.browser import render
from tests.formengine.conftest import PEOPLE
from tests.formengine.test_nesting_validation import SMARTE
from tests.formengine.test_nesting_web import STORED
from tests.formengine.test_showif_browser import SCRIPT, base_url, browser_type_launch_args

pytestmark = pytest.mark.browser
__all__ = ["base_url", "browser_type_launch_args"]  # the fixtures, for this module too

# What the browser would post now (FormData leaves out submit buttons, as a save would).
POSTED = "Array.from(new FormData(document.forms[0]).entries())"


@pytest.fixture
def smarte(page, tmp_path, jinja):
    """The SMARTE sheet with STORED's two goals as a local page, with formengine.js and rows.js."""
    body = render(
        jinja,
        build_form_class(SMARTE, {}, PEOPLE)(formdata=form_data_from_submission(SMARTE, STORED)),
    )
    shutil.copy(SCRIPT, tmp_path / "formengine.js")
    shutil.copy(SCRIPT.with_name("rows.js"), tmp_path / "rows.js")
    scripts = '<script src="formengine.js"></script><script src="rows.js"></script>'
    html = f"<!doctype html><html><head>{scripts}</head><body>{body}"
    (tmp_path / "page.html").write_text(html + "</body></html>", encoding="utf-8")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((tmp_path / "page.html").as_uri())
    page.evaluate("window.__noReload = true")
    yield page
    assert page.evaluate("window.__noReload") is True
    assert errors == []


def press(formdata: MultiDict, button: str, **typed: str) -> MultiDict:
    """The no-JS way: post with ``button`` pressed; the page comes back with this data."""
    pairs = [(k, v) for k, v in formdata.items(multi=True) if k not in typed]
    change = apply_row_buttons(SMARTE, MultiDict([*pairs, *typed.items(), (button, "1")]))
    assert change is not None
    return change.formdata


def test_adding_and_removing_posts_what_the_server_would_have_shown(smarte):
    page = smarte
    page.click('button[name="_add__goals"]')
    page.fill("#goals-2-title", "Nyt mål")
    page.click('button[name="_add__goals-2-subgoals"]')
    page.fill("#goals-2-subgoals-0-text", "Nyt delmål")
    page.click('button[name="_remove__goals-1-subgoals__0"]')
    page.click('button[name="_remove__goals__0"]')
    page.fill("#goals-1-subgoals-0-deadline", "2026-05-01")
    posted = sorted(tuple(pair) for pair in page.evaluate(POSTED))

    expected = form_data_from_submission(SMARTE, STORED)
    expected = press(expected, "_add__goals")
    expected = press(expected, "_add__goals-2-subgoals", **{"goals-2-title": "Nyt mål"})
    expected = press(
        expected, "_remove__goals-1-subgoals__0", **{"goals-2-subgoals-0-text": "Nyt delmål"}
    )
    expected = press(expected, "_remove__goals__0")
    expected["goals-1-subgoals-0-deadline"] = "2026-05-01"
    assert posted == sorted(expected.items(multi=True))
    assert ("goals-1-subgoals-0-text", "Nyt delmål") in posted
    assert page.locator("#goals-1-subgoals-0-deadline").evaluate(
        "e => e === document.activeElement"
    )


def test_a_sub_goal_added_to_an_existing_goal_uses_the_shared_template(smarte):
    """Goal 2's sub-goals have no template of their own (one per kind, inside the goal's
    template): the script numbers the shared one for goal 2, and the page posts exactly what
    the server's add button gives, labelled and announced for goal 2."""
    page = smarte
    assert page.locator('template[data-rows-template="goals-1-subgoals"]').count() == 0
    page.click('button[name="_add__goals-1-subgoals"]')
    page.fill("#goals-1-subgoals-1-text", "Nyt delmål til mål 2")
    posted = sorted(tuple(pair) for pair in page.evaluate(POSTED))
    expected = press(
        form_data_from_submission(SMARTE, STORED),
        "_add__goals-1-subgoals",
    )
    expected["goals-1-subgoals-1-text"] = "Nyt delmål til mål 2"
    assert posted == sorted(expected.items(multi=True))
    assert not any("__index__" in name for name, _value in posted)
    label = page.locator('label[for="goals-1-subgoals-1-text"]').text_content()
    assert "mål 2" in " ".join(label.split())
    page.wait_for_function(
        "document.querySelector('[data-rows-live]').textContent === 'Delmål 2 for mål 2 tilføjet'"
    )


def test_show_if_works_in_new_rows(smarte):
    page = smarte
    page.click('button[name="_add__goals"]')
    agreements = page.locator("#goals-2-agreements")
    assert agreements.is_hidden()  # "Fælles mål" not answered in the new goal
    page.check("#goals-2-shared-0")
    assert agreements.is_visible()
    note = page.locator("#goals-2-agreements-0-note-group")  # the default agreement row
    assert note.is_hidden()
    page.select_option("#goals-2-agreements-0-who", "anna")
    assert note.is_visible()
    # Renumbered rows keep their rules: goal 3 becomes goal 2.
    page.click('button[name="_remove__goals__1"]')
    assert page.locator("#goals-1-agreements").is_visible()
    assert page.locator("#goals-1-agreements-0-note-group").is_visible()
    page.check("#goals-1-shared-1")  # Nej
    assert page.locator("#goals-1-agreements").is_hidden()


def test_the_add_button_stops_at_max_rows_and_focus_follows(smarte):
    page = smarte
    add = page.locator('button[name="_add__goals"]')
    add.click()  # the third and last goal
    assert add.is_disabled()
    assert page.locator("#goals-2-title").evaluate("e => e === document.activeElement")
    page.click('button[name="_remove__goals__2"]')  # the last row: focus goes to add
    assert add.is_enabled()
    assert add.evaluate("e => e === document.activeElement")
    full = page.locator('button[name="_add__goals-0-subgoals"]')
    assert full.is_disabled()  # goal 1 has its two sub-goals
    page.click('button[name="_remove__goals-0-subgoals__0"]')
    assert full.is_enabled()
    assert page.locator("#goals-0-subgoals-0-text").input_value() == "A2"  # renumbered
    page.wait_for_function(
        "document.querySelector('[data-rows-live]').textContent === 'Delmål 1 for mål 1 fjernet'"
    )

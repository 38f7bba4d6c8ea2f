"""show_if in a real browser: formengine.js hides and shows fields as the user answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.formengine import build_form_class, form_data_from_submission
from tests.formengine.browser import render
from tests.formengine.conftest import PEOPLE
from tests.formengine.test_nesting_validation import SMARTE
from tests.tools import require_chromium

pytestmark = pytest.mark.browser
SCRIPT = Path(__file__).parents[2] / "app" / "static" / "js" / "formengine.js"


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """The system Chromium, as in tests/browser."""
    return {
        "executable_path": require_chromium(),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }


@pytest.fixture(scope="session")
def base_url() -> None:
    """No server: the page is a local file (replaces pytest-base-url's fixture)."""
    return None


def test_show_if_follows_the_answers(page, tmp_path, rich, vocab, people, jinja):
    form_class = build_form_class(rich, vocab, people)
    body = render(jinja, form_class(formdata=form_data_from_submission(rich, None)))
    shutil.copy(SCRIPT, tmp_path / "formengine.js")
    html = f'<!doctype html><html><head><script src="formengine.js"></script></head><body>{body}'
    (tmp_path / "page.html").write_text(html + "</body></html>", encoding="utf-8")
    page.goto((tmp_path / "page.html").as_uri())

    note = page.locator("#consent_note-group")
    assert note.is_hidden()  # consent not answered yet
    page.check("#consent-1")  # Nej
    assert note.is_visible()
    page.check("#consent-0")  # Ja
    assert note.is_hidden()

    reason = page.locator("#closing_reason-group")
    assert reason.is_hidden()  # status starts as "open"
    page.check("#status-2")  # Lukket
    assert reason.is_visible()

    comment = page.locator("#wellbeing_comment-group")
    assert comment.is_hidden()
    page.check("#wellbeing-6")
    assert comment.is_visible()

    assert page.locator("#funding-0-department").input_value() == "boern_familie"


def test_show_if_in_nested_rows(page, tmp_path, jinja):
    form_class = build_form_class(SMARTE, {}, PEOPLE)
    body = render(jinja, form_class(formdata=form_data_from_submission(SMARTE, None)))
    shutil.copy(SCRIPT, tmp_path / "formengine.js")
    html = f'<!doctype html><html><head><script src="formengine.js"></script></head><body>{body}'
    (tmp_path / "page.html").write_text(html + "</body></html>", encoding="utf-8")
    page.goto((tmp_path / "page.html").as_uri())

    agreements = page.locator("#goals-1-agreements")
    assert agreements.is_hidden()  # "Fælles mål" of goal 2 not answered
    page.check("#goals-0-shared-0")  # goal 1: Ja
    assert agreements.is_hidden() and page.locator("#goals-0-agreements").is_visible()
    page.check("#goals-1-shared-0")
    assert agreements.is_visible()

    note = page.locator("#goals-1-agreements-0-note-group")
    assert note.is_hidden()
    page.select_option("#goals-1-agreements-0-who", "bo")
    assert note.is_visible() and page.locator("#goals-0-agreements-0-note-group").is_hidden()

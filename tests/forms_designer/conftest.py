"""Fixtures for the form designer: the forms tests' sample definitions and publish helper."""

from __future__ import annotations

import html
import re

import pytest

from tests.forms.conftest import goals_form, publish  # noqa: F401  (fixtures)

_TEXTAREA = re.compile(r'<textarea[^>]*id="designer-source"[^>]*>(.*?)</textarea>', re.S)


def editor_text(page: str) -> str:
    """The YAML in the editor's textarea as a browser shows it (one leading newline dropped)."""
    match = _TEXTAREA.search(page)
    assert match, "no YAML editor on the page"
    text = html.unescape(match.group(1))
    return text[2:] if text.startswith("\r\n") else text.removeprefix("\n")


@pytest.fixture
def admin(login_as):
    """A logged-in administrator's web client."""
    return login_as("admin")

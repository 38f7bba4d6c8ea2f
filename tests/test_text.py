"""app.text: one clean_text for forms, JSON, documents and workbooks."""

from __future__ import annotations

import pytest

from app.text import clean_data, clean_text, has_unwanted


@pytest.mark.parametrize(
    "unwanted",
    ["\x00", "\x07", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f", "\ud800", "\ufffe", "\uffff"],
)
def test_controls_surrogates_and_non_characters_go(unwanted):
    """C0 (but tab and line breaks), DEL, C1, lone surrogates and U+FFFE/U+FFFF are removed."""
    assert clean_text(f"a{unwanted}b") == "ab"
    assert has_unwanted(f"a{unwanted}b")


def test_tab_line_breaks_and_ordinary_text_stay():
    """Typed text keeps its tabs, line breaks, Danish letters and emoji."""
    text = "Æble\tøl\r\nåen 😀 § 32 «citat» \u00a0–"
    assert clean_text(text) == text
    assert not has_unwanted(text)


def test_line_endings_can_be_unified():
    """Documents and YAML want \\n only: \\r\\n and a lone \\r become \\n."""
    assert clean_text("a\r\nb\rc\x00", unify_newlines=True) == "a\nb\nc"


def test_clean_data_cleans_keys_and_nested_values():
    """Every string in JSON-like data, keys included; other values untouched."""
    data = {"a\x01": ["x\x02", {"k\x7f": "\x1fv"}], "n": 3, "f": None}
    assert clean_data(data) == {"a": ["x", {"k": "v"}], "n": 3, "f": None}

"""Compiled templates kept by the app process (app/docgen/compiled.py): a child compiles a
template once and sends the code back; the next child renders without compiling; a change
of the template or of the environment compiles anew; an error is never kept."""

from __future__ import annotations

import os

import pytest

from app.docgen import TemplateRenderError, compiled, render_docx
from app.docgen.environment import make_environment
from tests.docgen.helpers import body_texts, make_docx

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (Linux/macOS)")


@pytest.fixture
def learned(monkeypatch):
    """What the app process learns from each rendering's child, one list per rendering."""
    compiled.forget()
    seen: list[dict[str, bytes]] = []
    original = compiled.learn

    def spy(entries):
        seen.append(dict(entries))
        original(entries)

    monkeypatch.setattr(compiled, "learn", spy)
    yield seen
    compiled.forget()


def test_the_second_child_renders_without_compiling(learned):
    template = make_docx("Kære {{ navn }}", header=["Plan for {{ navn }}"])
    first = render_docx(template, {"navn": "Emma & Ali"})
    assert learned[0] and compiled.size() == len(learned[0])  # body and header parts
    again = render_docx(template, {"navn": "Emil"})
    assert learned[1] == {}  # everything was in the cache the child inherited
    assert body_texts(first)[0] == "Kære Emma & Ali" and body_texts(again)[0] == "Kære Emil"


def test_a_changed_template_or_environment_compiles_anew(learned):
    render_docx(make_docx("Hej {{ navn }}"), {"navn": "A"})
    changed = render_docx(make_docx("Farvel {{ navn }}"), {"navn": "A"})
    assert learned[1] and body_texts(changed)[0] == "Farvel A"
    source = "{{ navn|upper }}"
    plain, other = make_environment(), make_environment()
    other.trim_blocks = True
    assert compiled.key_of(source, plain._compile_settings()) != compiled.key_of(
        source, other._compile_settings()
    )


def test_a_template_that_does_not_compile_is_reported_and_not_kept(learned):
    with pytest.raises(TemplateRenderError, match="Syntaksfejl"):
        render_docx(make_docx("Hej {{ navn "), {"navn": "A"})
    assert compiled.size() == 0


def test_the_cache_keeps_the_most_recently_used(monkeypatch):
    compiled.forget()
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 2)
    env = make_environment()
    keys = [compiled.key_of(f"{{{{ {n} }}}}", env._compile_settings()) for n in (1, 2, 3)]
    for key, n in zip(keys, (1, 2, 3), strict=True):
        compiled.remember(key, env.compile(f"{{{{ {n} }}}}"))
        if n == 2:
            assert compiled.lookup(keys[0]) is not None  # 1 becomes the most recent
    assert compiled.lookup(keys[1]) is None and compiled.lookup(keys[0]) is not None
    assert env.from_string("{{ 3 }}").render() == "3"
    compiled.forget()

"""Templates are bounded: filters and formats that build huge strings, chained powers and
amplifying replaces are refused at once; a rendering that runs too long is stopped."""

from __future__ import annotations

import threading
import time

import pytest

from app.docgen import TemplateRenderError, render_docx
from app.docgen.render import TemplateSecurityError
from tests.docgen.helpers import body_texts, make_docx

HOSTILE = [
    "{{ 'x'|center(999999999) }}",
    "{{ 'x'.center(999999999) }}",
    "{{ 'x'.ljust(999999999) }}",
    "{{ 'x'|indent(999999999) }}",
    "{{ 'ab'|wordwrap(99999999) }}",
    "{{ '%999999999s' % 'x' }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{{ ((9**64)**64)**64 }}",
    "{{ ('x' * 1000)|replace('x', 'y' * 1000) }}",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_expressions_are_refused_at_once(source):
    """Each is refused within a fraction of a second, before it builds anything big."""
    started = time.perf_counter()
    with pytest.raises(TemplateSecurityError, match="over grænsen"):
        render_docx(make_docx(source), {})
    assert time.perf_counter() - started < 2


def test_ordinary_use_of_the_same_filters_still_works():
    """Modest widths, formats, powers and replaces render as before."""
    source = "{{ 'x'|center(5) }}|{{ '%3s' % 'y' }}|{{ 2**10 }}|{{ 'a b'|replace('a', 'c') }}"
    assert body_texts(render_docx(make_docx(source), {}))[0] == "  x  |  y|1024|c b"


def test_a_rendering_that_runs_too_long_is_stopped():
    """Nested loops the sandbox allows (10,000 × 10,000) stop at the time limit with a
    message; the timer is gone afterwards (a later rendering is not interrupted)."""
    assert threading.current_thread() is threading.main_thread()
    loops = "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}x"
    started = time.perf_counter()
    with pytest.raises(TemplateRenderError, match="tog over 0.5 sekunder"):
        render_docx(make_docx(loops), {}, seconds=0.5)
    assert time.perf_counter() - started < 5
    time.sleep(0.6)
    assert body_texts(render_docx(make_docx("{{ v }}"), {"v": "ok"}))[0] == "ok"

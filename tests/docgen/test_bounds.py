"""Templates are bounded: filters and formats that build huge strings, chained powers and
amplifying replaces are refused at once; a rendering that runs too long is stopped."""

from __future__ import annotations

import io
import threading
import time
import zipfile

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


def _flooded_docx(paragraphs: int) -> bytes:
    """A small template whose body holds `paragraphs` empty paragraphs (zips to ~100 kB)."""
    base = make_docx("{{ navn }}")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * paragraphs, 1)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_template_of_600000_empty_paragraphs_is_refused_quickly(app):
    """The attack file of the security review (95 kB, 600,000 paragraphs, 16 minutes of a
    worker) is refused by the upload check in seconds, with a message saying why."""
    from app.word import store

    data = _flooded_docx(600_000)
    assert len(data) < 200_000
    started = time.perf_counter()
    with app.app_context():
        report = store.check_template(
            data, "flood.docx", known_names={"navn": None}, sample_context={"navn": "x"}
        )
    assert time.perf_counter() - started < 20
    assert not report.ok
    assert "højst 200.000" in str(report)


def test_the_whole_check_is_bounded_by_the_rendering_limits(app):
    """Whatever part of the check is slow (here: reading 150,000 paragraphs, under the
    cap), the check stops at three renderings' time and says so."""
    from app.word import store

    data = _flooded_docx(150_000)
    app.config.update(RENDER_SECONDS=0.2)
    started = time.perf_counter()
    with app.app_context():
        report = store.check_template(
            data, "slow.docx", known_names={"navn": None}, sample_context={"navn": "x"}
        )
    assert time.perf_counter() - started < 3
    assert [p.code for p in report.errors] == ["too-costly"]
    assert "tog over 0.6 sekunder" in report.errors[0].message

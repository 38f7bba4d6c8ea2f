"""Rendering runs in a forked child with hard limits: what a template does there (loop,
allocate, crash) never harms the worker, and the worker answers within the deadline."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from app.docgen import TemplateRenderError, render_docx
from app.docgen.isolation import (
    IsolationCrashed,
    IsolationOutOfMemory,
    IsolationTimeout,
    Limits,
    run_isolated,
)
from app.docgen.render import TemplateSecurityError
from tests.docgen.helpers import body_texts, make_docx

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (Linux/macOS)")

_TOUCHED: list[str] = []


def _touch_and_return() -> int:
    _TOUCHED.append("child")
    return os.getpid()


def test_the_work_runs_in_another_process_and_returns_its_result():
    """The result comes back; what the child changed stays in the child."""
    child_pid = run_isolated(_touch_and_return, Limits(seconds=5, memory_mb=64))
    assert child_pid != os.getpid()
    assert _TOUCHED == []


def test_an_exception_in_the_child_is_raised_in_the_parent_with_its_details():
    """A render error crosses the process boundary with its message and location."""

    def fail() -> None:
        raise TemplateSecurityError("afvist", location="dokumentet")

    with pytest.raises(TemplateSecurityError) as caught:
        run_isolated(fail, Limits(seconds=5, memory_mb=64))
    assert (caught.value.message, caught.value.location) == ("afvist", "dokumentet")


def test_a_child_past_its_deadline_is_killed():
    """Work that ignores every timer (here: blocks all signals but SIGKILL) ends at the
    deadline; the parent waits no longer than that."""

    def stubborn() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGXCPU})
        time.sleep(30)

    started = time.perf_counter()
    with pytest.raises(IsolationTimeout):
        run_isolated(stubborn, Limits(seconds=0.5, memory_mb=64))
    assert time.perf_counter() - started < 2


def test_a_child_that_allocates_too_much_is_stopped():
    """Allocating beyond the allowance fails in the child, not in the worker."""
    with pytest.raises(IsolationOutOfMemory):
        run_isolated(lambda: len(bytearray(400 * 1024 * 1024)), Limits(seconds=10, memory_mb=64))


def test_a_child_that_dies_without_an_answer_is_reported():
    """A crash (here: killed by a signal) is an error, not a hang or an empty document."""
    with pytest.raises(IsolationCrashed):
        run_isolated(lambda: os.kill(os.getpid(), signal.SIGKILL), Limits(5, 64))


def test_a_template_building_huge_text_is_refused_by_the_memory_limit():
    """100 million loop iterations writing text: refused with the memory message, quickly."""
    source = (
        "{% for a in range(10000) %}{% for b in range(10000) %}xxxxxxxx{% endfor %}{% endfor %}"
    )
    started = time.perf_counter()
    with pytest.raises(TemplateRenderError, match="mere end 64 MB hukommelse"):
        render_docx(make_docx(source), {}, seconds=20, memory_mb=64)
    assert time.perf_counter() - started < 15


def test_limits_come_from_the_app_settings(app):
    """ENINDGANG_RENDER_SECONDS / _MEMORY_MB reach the rendering of downloads and checks."""
    loops = "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}x"
    app.config.update(RENDER_SECONDS=0.4, RENDER_MEMORY_MB=256)
    with app.app_context(), pytest.raises(TemplateRenderError, match="tog over 0.4 sekunder"):
        render_docx(make_docx(loops), {})


def test_the_time_limit_holds_outside_the_main_thread_too():
    """The threaded development server renders in worker threads, where no timer signal
    reaches: the child process still stops at the limit."""
    loops = "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}x"
    outcome: dict[str, object] = {}

    def in_thread() -> None:
        started = time.perf_counter()
        try:
            render_docx(make_docx(loops), {}, seconds=0.5)
        except TemplateRenderError as exc:
            outcome["error"] = exc.message
        outcome["elapsed"] = time.perf_counter() - started

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join(30)
    assert "tog over 0.5 sekunder" in str(outcome.get("error"))
    assert outcome["elapsed"] < 5


def test_ordinary_renderings_are_unchanged_and_leave_no_child_behind():
    """Many renderings in a row: correct text, and no zombie processes accumulate."""
    for number in range(20):
        assert body_texts(render_docx(make_docx("{{ v }}"), {"v": number}))[0] == str(number)
    assert _zombie_children() == []


def _zombie_children() -> list[int]:
    """Children of this process that ended but were never waited for (Linux /proc)."""
    zombies = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            zombies.append(int(stat.parent.name))
    return zombies

"""The template check bounds loops statically (hidden behind conditions too) and renders a
big case as well as the happy path."""

from __future__ import annotations

import time

import pytest

from app.docgen.environment import MAX_RANGE, make_environment
from app.docgen.lint import lint_template
from app.docgen.loopbounds import MAX_REPEATS, MAXIMAL_ROWS, UNBOUNDED, widened, worst_case
from tests.docgen.helpers import make_docx

KNOWN = {"flag": None, "goals": [{"title": None, "subgoals": [{"text": None}]}]}
SAMPLE = {"flag": False, "goals": [{"title": "Skole", "subgoals": [{"text": "Morgen"}]}]}


def repeats(source: str) -> int:
    """The worst case of a template's text as the check computes it."""
    return worst_case(make_environment().parse(source)).repeats


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("plain text {{ flag }}", 1),
        ("{% for i in range(7) %}x{% endfor %}", 7),
        ("{% for i in range(2, 12, 2) %}x{% endfor %}", 5),
        ("{% for i in range(n) %}x{% endfor %}", MAX_RANGE),
        ("{% for i in range(99999999) %}x{% endfor %}", MAX_RANGE),
        ("{% for g in goals %}{% for s in g.subgoals %}x{% endfor %}{% endfor %}", 25 * 25),
        ("{% for g in goals|sort(attribute='title') %}x{% endfor %}", MAXIMAL_ROWS),
        ("{% for c in 'ab' * 9 %}x{% endfor %}", 100_000),
        ("{% for x in [1, 2, 3] %}{% for y in (1, 2) %}x{% endfor %}{% endfor %}", 6),
        # Loops in turn add nothing up; the larger one counts.
        ("{% for i in range(3) %}{% endfor %}{% for j in range(9) %}{% endfor %}", 9),
        # A condition does not hide a loop: both branches count.
        (
            "{% if flag %}{% for a in range(100) %}{% for b in range(100) %}x"
            "{% endfor %}{% endfor %}{% else %}y{% endif %}",
            10_000,
        ),
        # A macro costs what its body costs where it is called.
        (
            "{% macro m() %}{% for a in range(100) %}x{% endfor %}{% endmacro %}"
            "{% for b in range(50) %}{{ m() }}{% endfor %}",
            5_000,
        ),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", UNBOUNDED),
        ("{% for g in goals recursive %}{{ loop(g.subgoals) }}{% endfor %}", UNBOUNDED),
    ],
)
def test_worst_case_counts(source: str, expected: int) -> None:
    """Each construct counts as documented in app/docgen/loopbounds.py."""
    assert repeats(source) == expected


HIDDEN = (
    "{% if flag %}{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
    "x{% endfor %}{% endfor %}{% endfor %}{% endif %}Ok"
)


def test_hidden_nested_loops_are_refused_at_the_check_in_a_blink() -> None:
    """The sample data skips the branch (flag is false), yet the check refuses it at once,
    pointing at the loops, and never renders it."""
    started = time.perf_counter()
    report = lint_template(
        make_docx("Indledning", HIDDEN), known_names=KNOWN, sample_context=SAMPLE
    )
    assert time.perf_counter() - started < 3
    assert [p.code for p in report.errors] == ["loops"]
    assert "range(1000)" in report.errors[0].location
    assert f"{MAX_REPEATS:,}".replace(",", ".") in report.errors[0].message


def test_loops_within_the_bound_pass() -> None:
    """Goals × sub-goals and a modest range are what templates do; they pass."""
    source = (
        "{% for g in goals %}{{ g.title }}{% for s in g.subgoals %}{{ s.text }}{% endfor %}"
        "{% endfor %}{% for i in range(12) %}{{ i }}{% endfor %}"
    )
    report = lint_template(make_docx(source), known_names=KNOWN, sample_context=SAMPLE)
    assert report.ok, str(report)


def test_a_template_slow_only_on_a_big_case_is_refused_by_the_maximal_rendering(app) -> None:
    """Four loops over the goals write 900 characters per turn: 16 turns with the two-row
    sample, 390,625 with the big case (25 rows) — within the static bound, but the big
    case's rendering passes the limits and the check says so."""
    source = (
        "{% for a in goals %}{% for b in goals %}{% for c in goals %}{% for d in goals %}"
        "{{ 'x' * 900 }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
    )
    goals = [{"title": "A", "subgoals": []}, {"title": "B", "subgoals": []}]
    small = {"flag": False, "goals": goals}
    big = {"flag": False, "goals": widened(goals)}
    app.config.update(RENDER_SECONDS=3, RENDER_MEMORY_MB=256)
    with app.app_context():
        ordinary = lint_template(make_docx(source), known_names=KNOWN, sample_context=small)
        assert ordinary.ok, str(ordinary)
        report = lint_template(
            make_docx(source), known_names=KNOWN, sample_context=small, maximal_context=big
        )
    assert [p.code for p in report.errors] == ["render"]
    assert f"{MAXIMAL_ROWS} rækker i hver liste" in report.errors[0].message


def test_widened_repeats_rows_up_to_the_big_case() -> None:
    """Rows repeat in order; an empty list stays empty; a longer list is kept whole."""
    assert widened([1, 2], 5) == [1, 2, 1, 2, 1]
    assert widened([], 5) == []
    assert widened(list(range(30)), 25) == list(range(30))


def test_every_target_has_a_big_case_sample(app) -> None:
    """The sample the upload check renders second has MAXIMAL_ROWS goals (at most a repeat's
    max_rows: 20 sub-goals), grants and meeting agreements."""
    from app.word import services

    with app.app_context():
        plan = services.template_target("faelles_plan").sample_context(maximal=True)
        goals = plan["maal"]["goals"]
        assert len(goals) == MAXIMAL_ROWS
        assert {len(goal["subgoals"]) for goal in goals} == {20}  # the form's max_rows
        assert len(plan["beslutninger"]) == MAXIMAL_ROWS
        form = services.template_target("smarte_maal").sample_context(maximal=True)
        assert len(form["felter"]["goals"]) == MAXIMAL_ROWS
        minutes = services.template_target("moedereferat").sample_context(maximal=True)
        assert len(minutes["moede"]["aftaler"]) == MAXIMAL_ROWS
        ordinary = services.template_target("faelles_plan").sample_context()
        assert len(ordinary["maal"]["goals"]) == 2

"""Property tests: whatever validation accepts re-validates identically, on the API and the web."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from app.formatting import format_number, parse_date
from app.formengine import (
    DEFAULT_VOCABULARIES,
    form_data_from_submission,
    load_file,
    submission_from_form,
    validate_submission,
)
from tests.formengine.conftest import DEFINITIONS, PEOPLE, complete_data

RICH = load_file(DEFINITIONS / "rich.yaml")
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

one_line = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=40
)
lines = st.lists(one_line, min_size=1, max_size=3).map("\n".join)
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


def amounts(low: float, high: float) -> st.SearchStrategy:
    """Numbers in range as JSON numbers, Danish text or English text."""
    exact = st.decimals(min_value=Decimal(str(low)), max_value=Decimal(str(high)), places=2)
    return st.one_of(
        exact.map(float),
        exact.map(lambda d: format_number(d, group=False)),
        exact.map(lambda d: format_number(d)),
        exact.map(str),
    )


def choices(spec) -> list[str]:
    """The values a choosing field accepts."""
    if spec.type == "person":
        return [p["value"] for p in PEOPLE]
    if spec.choices is not None:
        return [c.value for c in spec.choices]
    return [item.value for item in DEFAULT_VOCABULARIES[spec.choices_from]]


def valid_value(spec) -> st.SearchStrategy:
    """Values a draft must accept for one field (dates ignore ``after``: handled below)."""
    kind = spec.type
    if kind == "text":
        if spec.pattern:
            return st.from_regex(r"\A[A-Z]{2}-[0-9]{4}\Z")
        return one_line.map(lambda t: t[: spec.max_length or 1000])
    if kind == "textarea":
        return lines
    if kind == "integer":
        low, high = spec.min if spec.min is not None else -1000, spec.max or 1000
        return st.integers(int(low), int(high)) | st.integers(int(low), int(high)).map(str)
    if kind in ("decimal", "money", "percent"):
        low = spec.min if spec.min is not None else (0 if kind == "percent" else -10_000)
        high = spec.max if spec.max is not None else (100 if kind == "percent" else 10_000_000)
        return amounts(low, high)
    if kind == "date":
        return days.map(date.isoformat) | days.map(lambda d: d.strftime("%d-%m-%Y"))
    if kind == "boolean":
        return st.booleans() | st.sampled_from(["true", "false", "Ja", "nej"])
    if kind in ("select", "person"):
        return st.sampled_from(choices(spec))
    if kind == "multiselect":
        return st.lists(st.sampled_from(choices(spec)), max_size=4)
    if kind == "scale":
        return st.integers(1, 10) | st.integers(1, 10).map(str)
    if kind == "repeat":
        row = st.fixed_dictionaries({}, optional={c.name: valid_value(c) for c in spec.fields})
        return st.lists(row, max_size=spec.max_rows or 5).map(_dates_in_order)
    raise AssertionError(kind)


def _dates_in_order(rows: list[dict]) -> list[dict]:
    for row in rows:
        _order(row, "from", "to")
        _order(row, "begin", "deadline")  # a subgoal row (rows of the nested repeat)
    return rows


def _order(data: dict, first: str, then: str) -> None:
    """Make ``then`` at least a day after ``first`` when both are given."""
    if data.get(first) is not None and data.get(then) is not None:
        start = parse_date(data[first])
        data[then] = (start + timedelta(days=1 + abs(hash(str(data[then]))) % 400)).isoformat()


def _valid_form(data: dict) -> dict:
    _order(data, "start", "end")
    return data


valid_submissions = st.fixed_dictionaries(
    {}, optional={spec.name: valid_value(spec) for spec in RICH.input_fields()}
).map(_valid_form)


def _complete(generated: dict) -> dict:
    """Generated values over a complete submission, keeping what a final needs."""
    data = {**complete_data(), **generated}
    data["goals"] = [
        dict(
            g,
            title=g.get("title") or "Mål",
            subgoals=[dict(s, text=s.get("text") or "Delmål") for s in g.get("subgoals", [])],
        )
        for g in data["goals"]
    ] or complete_data()["goals"]
    if not data.get("child_name", "").strip():
        data["child_name"] = "Sofie"
    data["consent_note"] = data.get("consent_note") or "Begrundelse"
    data["funding"] = complete_data()["funding"]
    data["start"] = "2026-01-01"
    _order(data, "start", "end")
    return data


complete_submissions = valid_submissions.map(_complete)

junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def mixed_value(spec) -> st.SearchStrategy:
    """Mostly plausible values, sometimes anything at all."""
    if spec.type == "repeat":
        row = st.fixed_dictionaries({}, optional={c.name: mixed_value(c) for c in spec.fields})
        return st.lists(row | junk, max_size=4) | junk
    return valid_value(spec) | st.sampled_from(["", "  ", "x", "0", "-1", "31-02-2026"]) | junk


mixed_submissions = (
    st.fixed_dictionaries(
        {}, optional={spec.name: mixed_value(spec) for spec in RICH.input_fields()}
    )
    | complete_submissions
    | junk
)


def validate(data, final: bool):
    return validate_submission(
        RICH, data, final=final, vocabularies=DEFAULT_VOCABULARIES, people=PEOPLE
    )


@SETTINGS
@given(valid_submissions)
def test_valid_drafts_are_accepted_and_revalidate_identically(data):
    first = validate(data, final=False)
    note(f"errors: {first.errors}")
    assert first.ok
    again = validate(first.cleaned, final=False)
    assert again.ok and again.cleaned == first.cleaned


@SETTINGS
@given(mixed_submissions, st.booleans())
def test_whatever_is_accepted_revalidates_identically(data, final):
    first = validate(data, final)
    if not first.ok:
        assert all(isinstance(m, str) and m for ms in first.errors.values() for m in ms)
        return
    again = validate(first.cleaned, final)
    assert again.errors == {}
    assert again.cleaned == first.cleaned
    assert json.loads(json.dumps(first.cleaned, allow_nan=False)) == first.cleaned


@SETTINGS
@given(valid_submissions | complete_submissions, st.booleans())
def test_accepted_data_survives_the_web_form_unchanged(data, final):
    first = validate(data, final)
    if not first.ok:
        return
    formdata = form_data_from_submission(RICH, first.cleaned)
    posted = submission_from_form(RICH, formdata)
    second = validate(posted, final)
    assert second.errors == {}
    assert second.cleaned == first.cleaned
    assert form_data_from_submission(RICH, second.cleaned) == formdata

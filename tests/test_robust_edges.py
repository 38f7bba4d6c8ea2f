"""Bad input at the edges answers 4xx, never 500: JSON nested beyond reason, ids beyond what
a database column holds, lone surrogates in text."""

from __future__ import annotations

import json

from app.api.util import MAX_JSON_DEPTH, json_depth
from app.extensions import db
from app.models import Case

HUGE = "99999999999999999999"


def test_json_nested_too_deeply_is_a_400_not_a_crash(api_as, make_case):
    """100,000 nested lists (a RecursionError in the parser) and a modest 40 levels: 400."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    url = f"/cases/{case.id}/forms/smarte_maal"
    headers = {"Content-Type": "application/json"}
    for body in ("[" * 100_000 + "]" * 100_000, json.dumps({"data": _nested(40)})):
        answer = api.put(url, data=body, headers=headers)
        assert answer.status_code == 400
        assert "indlejret for dybt" in answer.json["error"]
    fine = api.put(url, json={"version": None, "status": "draft", "data": {}})
    assert fine.status_code == 200


def test_json_depth_counts_without_recursion():
    """The depth of a body is measured iteratively and stops past the limit."""
    assert json_depth({"a": [1, {"b": []}]}) == 4
    assert json_depth(_nested(10_000)) == MAX_JSON_DEPTH + 1
    assert json_depth("text") == 0


def test_ids_beyond_a_column_are_404(api_as, login_as, make_case):
    """A case or meeting id no column can hold is simply not found, on web and API."""
    api = api_as("coordinator")
    web = login_as(api.user)
    case = make_case(coordinator=api.user)
    assert api.get(f"/cases/{HUGE}").status_code == 404
    assert api.get(f"/cases/{case.id}/meetings/{HUGE}").status_code == 404
    assert api.get(f"/cases/{2**31}").status_code == 404
    assert api.get(f"/cases/{case.id}").status_code == 200
    assert web.get(f"/sager/{HUGE}").status_code == 404
    assert web.get(f"/sager/{case.id}/moeder/{HUGE}").status_code == 404


def test_lone_surrogates_are_removed_not_stored(api_as):
    """A title with a lone surrogate (valid JSON, not valid text) is stored without it."""
    api = api_as("coordinator")
    created = api.post(
        "/cases",
        data='{"reference": "SUR-1\\ud800", "title": "Familien\\udc00 Hansen"}',
        headers={"Content-Type": "application/json"},
    )
    assert created.status_code == 201
    case = db.session.get(Case, created.json["id"])
    assert (case.reference, case.title) == ("SUR-1", "Familien Hansen")


def _nested(depth: int):
    """A dict nested ``depth`` levels deep."""
    value: dict = {}
    for _ in range(depth - 1):
        value = {"x": value}
    return value

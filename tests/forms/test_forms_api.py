"""The forms API: definitions, case forms, municipal documents, vocabularies."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.forms.conftest import MUNICIPAL

RICH = (Path(__file__).parents[1] / "formengine" / "definitions" / "rich.yaml").read_text()


def test_list_and_describe_forms(goals_form, api_as):
    """GET /forms and GET /forms/<name> give the flat field list with choices and repeats."""
    api = api_as("coordinator")
    forms = api.get("/forms").json["forms"]
    assert {
        "name": "test_goals",
        "version": 1,
        "scope": "case",
        "title": "Mål for familien",
    } in forms
    definition = api.get("/forms/test_goals").json
    fields = {f["name"]: f for f in definition["fields"]}
    assert fields["wishes"]["type"] == "textarea" and fields["wishes"]["required"] is True
    assert {"value": "ppr", "label": "PPR (Pædagogisk Psykologisk Rådgivning)"} in (
        fields["department"]["choices"]
    )
    assert [c["name"] for c in fields["goals"]["fields"]] == ["title", "deadline"]
    english = api.get("/forms/test_goals?lang=en").json
    assert english["title"] == "Goals for the family"
    assert api.get("/forms/nope").status_code == 404
    assert api.get("/forms/test_goals?version=7").status_code == 404


def test_vocabulary_endpoint(api_as):
    """GET /vocabularies/<name> lists value/label pairs."""
    api = api_as("controller")
    departments = api.get("/vocabularies/departments").json
    assert {"value", "label"} == set(departments[0])
    assert api.get("/vocabularies/unknown").status_code == 404


def test_case_form_round_trip_with_locking(goals_form, api_as, make_case):
    """GET gives starting values; PUT saves; a stale version answers 409; bad data 422."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    url = f"/cases/{case.id}/forms/test_goals"
    fresh = api.get(url).json
    assert fresh["version"] is None and fresh["definition_version"] == 1
    body = {"version": None, "status": "draft", "data": {"wishes": "Ro", "goals": []}}
    saved = api.put(url, json=body)
    assert saved.status_code == 200, saved.json
    assert (saved.json["version"], saved.json["status"]) == (1, "draft")
    assert saved.json["updated_by"]["id"] == api.user.id
    assert api.get(url).json["data"]["wishes"] == "Ro"
    stale = api.put(url, json=body)
    assert stale.status_code == 409 and stale.json["current"]["version"] == 1
    final = api.put(url, json={"version": 1, "status": "final", "data": {"goals": [{}]}})
    assert final.status_code == 422
    assert set(final.json["errors"]) == {"wishes", "goals[0].title"}
    for bad in (
        {"status": "draft", "data": {}},
        {"version": "1", "data": {}},
        {"version": 1, "status": "done", "data": {}},
        {"version": 1, "data": []},
    ):
        response = api.put(url, json=bad)
        assert response.status_code == 422, bad
        assert response.json["errors"]
    unknown_field = api.put(url, json={"version": 1, "data": {"nope": 1}})
    assert unknown_field.status_code == 422 and "nope" in unknown_field.json["errors"]


def test_case_form_access(goals_form, api_as, make_case):
    """Strangers get 404, controllers 403; both as JSON."""
    case = make_case()
    url = f"/cases/{case.id}/forms/test_goals"
    assert api_as("coordinator").get(url).status_code == 404
    controller = api_as("controller")
    assert controller.get(url).status_code == 403
    assert controller.put(url, json={"version": None, "data": {}}).status_code == 403


def test_municipal_documents_api(publish, api_as):
    """POST creates (201 with id), GET lists and reads, PUT saves; coordinators only read."""
    publish(MUNICIPAL)
    leader = api_as("leader")
    created = leader.post(
        "/municipal/test_flow",
        json={
            "version": None,
            "status": "draft",
            "data": {"title": "Sagsforløb 0–6 år", "phases": [{"name": "Henvendelse"}]},
        },
    )
    assert created.status_code == 201, created.json
    doc_id = created.json["id"]
    listed = leader.get("/municipal/test_flow").json["documents"]
    assert [d["title"] for d in listed] == ["Sagsforløb 0–6 år"]
    updated = leader.put(
        f"/municipal/test_flow/{doc_id}",
        json={
            "version": 1,
            "status": "final",
            "data": {"title": "Sagsforløb 0–6 år", "phases": [{"name": "Henvendelse"}]},
        },
    )
    assert updated.status_code == 200 and updated.json["status"] == "final"
    coordinator = api_as("coordinator")
    assert coordinator.get(f"/municipal/test_flow/{doc_id}").json["version"] == 2
    assert (
        coordinator.put(
            f"/municipal/test_flow/{doc_id}", json={"version": 2, "data": {}}
        ).status_code
        == 403
    )
    assert (
        coordinator.post("/municipal/test_flow", json={"version": None, "data": {}}).status_code
        == 403
    )
    assert (
        leader.post("/municipal/test_goals", json={"version": None, "data": {}}).status_code == 404
    )


def test_web_and_api_share_one_submission(goals_form, api_as, login_as, make_case):
    """What the API saves is what the web form shows, and vice versa."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    api.put(
        f"/cases/{case.id}/forms/test_goals",
        json={"version": None, "data": {"wishes": "Fra API'et"}},
    )
    web = login_as(api.user)
    html = web.get(f"/sager/{case.id}/formularer/test_goals").get_data(as_text=True)
    assert "Fra API&#39;et" in html or "Fra API'et" in html


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["2026-11-23", "2026-02-30", "ppr", "school", "a", "1"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["title", "kind", "from", "to", "share", "department", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=8,
)
DATES = st.dates().map(lambda d: d.isoformat())
TEXT = st.text(max_size=60)
MONEY = st.decimals(0, 10**6, places=2, allow_nan=False).map(float)
DEPARTMENTS = st.sampled_from(["boern_familie", "skole_dagtilbud", "ppr", "jobcenter"])


def _mostly(valid):
    """Nine times in ten a plausible value, otherwise anything JSON can hold."""
    return st.integers(0, 9).flatmap(lambda n: JSONISH if n == 0 else valid)


GOAL_ROW = st.fixed_dictionaries(
    {},
    optional={
        "title": TEXT,
        "kind": st.sampled_from(["child", "family"]),
        "note": TEXT,
        "from": DATES,
        "to": DATES,
        "done": st.booleans(),
        "progress": st.integers(1, 10),
        "tags": st.lists(st.sampled_from(["a", "b"]), unique=True),
        "count": st.integers(-5, 5),
        "budget": MONEY,
        "rate": MONEY,
    },
)
FUNDING_ROW = st.fixed_dictionaries(
    {"department": DEPARTMENTS, "share": st.sampled_from([0, 25, 50, 75, 100, 33.33])}
)
RICH_FIELDS = {
    "child_name": TEXT,
    "reference": st.from_regex(r"[A-Z]{2}-[0-9]{4}", fullmatch=True),
    "own_words": TEXT,
    "age": st.integers(0, 25),
    "hours": st.integers(0, 168),
    "annual_cost": MONEY,
    "share": st.integers(0, 100),
    "start": DATES,
    "end": DATES,
    "consent": st.booleans(),
    "consent_note": TEXT,
    "status": st.sampled_from(["open", "paused", "closed"]),
    "closing_reason": TEXT,
    "department": DEPARTMENTS,
    "topics": st.lists(st.sampled_from(["school", "health", "leisure"]), unique=True),
    "wellbeing": st.integers(1, 10),
    "wellbeing_comment": TEXT,
    "goals": st.lists(GOAL_ROW, min_size=1, max_size=3),
    "funding": st.lists(FUNDING_ROW, max_size=3),
}
RICH_DATA = st.fixed_dictionaries({}, optional={k: _mostly(v) for k, v in RICH_FIELDS.items()})


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=RICH_DATA, final=st.booleans())
def test_whatever_the_api_accepts_revalidates_identically(publish_once, data, final):
    """Accepted data read back and sent again is accepted unchanged (property test)."""
    api, url = publish_once
    current = api.get(url).json["version"]
    first = api.put(
        url, json={"version": current, "status": "final" if final else "draft", "data": data}
    )
    assert first.status_code in (200, 422), first.json
    if first.status_code != 200:
        assert first.json["errors"]
        return
    stored = first.json
    second = api.put(
        url, json={"version": stored["version"], "status": stored["status"], "data": stored["data"]}
    )
    assert second.status_code == 200, second.json
    assert second.json["data"] == stored["data"]


def _publish_rich(publish):
    """Publish the engine's everything-at-once definition as a case form."""
    return publish(RICH)


@pytest.fixture
def publish_once(publish, api_as, make_case):
    """The rich form published and an API client on a case with a core team."""
    _publish_rich(publish)
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    return api, f"/cases/{case.id}/forms/rich"


def test_law_paragraphs_carry_their_source_and_status(api_as):
    """Built-in paragraphs say where they were checked and whether they were found there."""
    api = api_as("controller")
    paragraphs = {item["value"]: item for item in api.get("/vocabularies/paragraphs").json}
    assert paragraphs["bl_46"]["confirmed"] is True
    assert paragraphs["bl_46"]["source"].endswith("/bekendtgørelse-af-barnets-lov/46")
    assert paragraphs["sel_97"]["confirmed"] is False
    assert paragraphs["sel_49a"]["retired"] is True and "retired" not in paragraphs["bl_46"]

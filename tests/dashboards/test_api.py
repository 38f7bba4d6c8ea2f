"""GET /api/v1/dashboard: the page's figures for leaders and admins, 403 for others."""

from __future__ import annotations

from app.extensions import db


def test_the_api_gives_the_dashboards_figures(api_as, make_user, make_case):
    """Same counts as the page; the default threshold says where it comes from."""
    busy = make_user("coordinator", name="Api Travl")
    busy.department = "Team API"
    db.session.commit()
    for _ in range(2):
        make_case(coordinator=busy)
    body = api_as("leader").get("/dashboard").json
    assert body["caseload"]["threshold"] == 25
    assert body["caseload"]["threshold_source"] == "default"
    row = next(c for c in body["caseload"]["coordinators"] if c["user_id"] == busy.id)
    assert (row["open_cases"], row["over_threshold"], row["department"]) == (2, False, "Team API")
    team = next(t for t in body["teams"] if t["department"] == "Team API")
    assert (team["open_cases"], team["overdue"], team["without_next_follow_up"]) == (2, 0, 2)
    assert body["referral_to_plan"]["waiting_days"]["count"] == 2
    assert body["referral_to_plan"]["days_to_plan"] == {
        "count": 0,
        "median": None,
        "p90": None,
        "longest": None,
    }
    assert api_as("admin").get("/dashboard").status_code == 200


def test_coordinators_and_controllers_get_403(api_as):
    """The figures are for leaders and admins."""
    for role in ("coordinator", "controller"):
        answer = api_as(role).get("/dashboard")
        assert answer.status_code == 403
        assert answer.json["error"]

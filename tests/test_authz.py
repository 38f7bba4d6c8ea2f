"""Who may see and do what to a case: one module decides, web and API agree."""

from __future__ import annotations

import pytest

from app.authz import Action, can, visible_cases
from app.extensions import db


def test_coordinator_cannot_see_another_coordinators_case_on_the_web(login_as, make_case):
    """Someone else's case is 404 (its existence is not revealed) and not listed."""
    web = login_as("coordinator")
    other = make_case(reference="ANDEN-1", title="Familien Skjult")
    assert web.get(f"/sager/{other.id}").status_code == 404
    assert "ANDEN-1" not in web.get("/").get_data(as_text=True)


def test_coordinator_cannot_see_another_coordinators_case_in_the_api(api_as, make_case):
    """The API answers 404 JSON and leaves the case out of the list."""
    api = api_as("coordinator")
    other = make_case(reference="ANDEN-2")
    response = api.get(f"/cases/{other.id}")
    assert response.status_code == 404
    assert response.is_json and "error" in response.json
    assert all(c["id"] != other.id for c in api.get("/cases").json["cases"])


def test_own_case_and_team_case_are_visible(login_as, make_case, make_user):
    """Coordinators see cases they coordinate and cases where they are on the core team."""
    web = login_as("coordinator")
    own = make_case(coordinator=web.user, reference="EGEN-1")
    team = make_case(reference="TEAM-1", team=[web.user])
    html = web.get("/").get_data(as_text=True)
    assert "EGEN-1" in html and "TEAM-1" in html
    assert web.get(f"/sager/{own.id}").status_code == 200
    assert web.get(f"/sager/{team.id}").status_code == 200


@pytest.mark.parametrize("role", ["leader", "admin"])
def test_leaders_and_admins_see_all_cases(login_as, make_case, role):
    """Leaders and administrators see every case with its content."""
    web = login_as(role)
    case = make_case(reference="ALLE-1")
    assert "ALLE-1" in web.get("/").get_data(as_text=True)
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "Kerneteam" in html


def test_controller_sees_cases_for_funding_but_not_family_content(login_as, make_case):
    """Controllers open every case, but only its money side."""
    web = login_as("controller")
    case = make_case(reference="OKO-1")
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "OKO-1" in html
    assert "Kerneteam" not in html
    assert "ikke til familiens oplysninger" in html


def test_controller_cannot_create_cases(login_as, api_as):
    """Opening cases is casework, not control."""
    web = login_as("controller")
    response = web.post_form("/sager", {"reference": "X-1", "title": "x"}, page="/")
    assert response.status_code == 403
    api = api_as("controller")
    assert api.post("/cases", json={"reference": "X-2", "title": "x"}).status_code == 403


def test_permission_matrix(app, make_user, make_case):
    """The rules of authz.can for every role and action."""
    coordinator = make_user("coordinator")
    member = make_user("coordinator")
    stranger = make_user("coordinator")
    case = make_case(coordinator=coordinator, team=[member])
    everything = set(Action)
    # Issue 11: the team and the funding split stay with the case's own coordinator; a
    # caseworker on the core team reads and fills the family's content and reads the funding.
    expected = {
        coordinator: everything,
        member: {Action.VIEW, Action.VIEW_CONTENT, Action.EDIT_CONTENT, Action.VIEW_FUNDING},
        stranger: set(),
        make_user("leader"): everything,
        make_user("admin"): everything,
        make_user("controller"): {Action.VIEW, Action.VIEW_FUNDING, Action.EDIT_FUNDING},
    }
    for user, allowed in expected.items():
        actual = {action for action in Action if can(user, action, case)}
        assert actual == allowed, user.role
        listed = case.id in {c.id for c in db.session.scalars(visible_cases(user))}
        assert listed == (Action.VIEW in allowed), user.role


def test_deactivated_user_may_do_nothing(app, make_user, make_case):
    """A deactivated account loses every right at once."""
    from app.auth.services import set_active

    coordinator = make_user("coordinator")
    case = make_case(coordinator=coordinator)
    set_active(coordinator, False)
    db.session.commit()
    assert not any(can(coordinator, action, case) for action in Action)
    assert list(db.session.scalars(visible_cases(coordinator))) == []

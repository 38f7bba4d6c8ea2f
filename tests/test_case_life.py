"""A case's life: a new coordinator with a handover note, close, reopen, hand over."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Case, CaseEvent


def _events(action: str) -> list[AuditEvent]:
    """The audit events of one action, oldest first."""
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_coordinator_hands_the_case_to_a_colleague_with_a_note(login_as, make_case, make_user):
    """The new coordinator gets the case and the note; the old one, no longer on it, lands on
    the list; the step is audited with ids only."""
    web = login_as("coordinator")
    colleague = make_user("coordinator", name="Bente Ny")
    case = make_case(coordinator=web.user, reference="LIFE-1", team=[colleague])
    page = f"/sager/{case.id}"
    response = web.post_form(
        f"/sager/{case.id}/koordinator",
        {"coordinator_id": str(colleague.id), "note": "Mor foretrækker møder om formiddagen."},
        page=page,
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")  # no longer on the case
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.coordinator_id == colleague.id
    assert case.members == []  # the new coordinator is not listed twice
    html = login_as(colleague).get(page).get_data(as_text=True)
    assert "Mor foretrækker møder om formiddagen." in html
    assert "Ny familiekoordinator: Bente Ny" in html
    (event,) = _events("case_coordinator_changed")
    assert event.details == {"from_user_id": web.user.id, "to_user_id": colleague.id}
    assert web.get(page).status_code == 404


def test_close_reopen_and_hand_over_are_one_action_each(login_as, make_case):
    """Each step needs a reason, changes the status, shows in the history and is audited."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user, reference="LIFE-2")
    page = f"/sager/{case.id}"
    steps = [
        ("luk", {"closed-note": "Forløbet er afsluttet."}, "closed"),
        ("genaabn", {"reopened-note": "Ny underretning."}, "open"),
        (
            "overdrag",
            {
                "handed_over-note": "Overgang til voksenhandicap.",
                "handed_over-effective_on": "01-03-2027",
            },
            "handed_over",
        ),
    ]
    for word, data, status in steps:
        response = web.post_form(f"/sager/{case.id}/{word}", data, page=page)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        db.session.expire_all()
        assert db.session.get(Case, case.id).status == status
    html = web.get(page).get_data(as_text=True)
    assert "Overdraget til voksenområdet pr. 1. marts 2027" in html
    assert "Ny underretning." in html and "Forløbet er afsluttet." in html
    reads = [e for e in _events("content_read") if e.details.get("what") == "case_history"]
    assert reads and reads[-1].object_id == case.id  # the notes are family content: audited
    assert [e.details["step"] for e in _events("case_status_changed")] == [
        "closed",
        "reopened",
        "handed_over",
    ]
    assert "Overgang" not in str([e.details for e in _events("case_status_changed")])
    assert web.get("/?status=handed_over").get_data(as_text=True).count("LIFE-2") == 1


def test_a_step_without_a_reason_keeps_the_page_and_changes_nothing(login_as, make_case):
    """A missing reason or a bad date: 422 with the message, the typed text kept, no change."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user, reference="LIFE-3")
    page = f"/sager/{case.id}"
    response = web.post_form(f"/sager/{case.id}/luk", {"closed-note": " "}, page=page)
    assert response.status_code == 422
    assert "Skriv en begrundelse." in response.get_data(as_text=True)
    response = web.post_form(
        f"/sager/{case.id}/overdrag",
        {"handed_over-note": "Overgang", "handed_over-effective_on": "31-02-2027"},
        page=page,
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Skriv datoen som dd-mm-åååå." in html and 'value="31-02-2027"' in html
    response = web.post_form(f"/sager/{case.id}/genaabn", {"reopened-note": "x"}, page=page)
    assert response.status_code == 422  # an open case cannot be reopened
    response = web.post_form(
        f"/sager/{case.id}/koordinator",
        {"coordinator_id": "abc", "note": "Husk tolken til møderne"},
        page=page,
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vælg en aktiv medarbejder som ny koordinator." in html
    assert "Husk tolken til møderne</textarea>" in html  # the note typed is kept
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "open"
    assert db.session.scalar(select(CaseEvent)) is None


def test_only_the_coordinator_leaders_and_admins_manage_the_case(login_as, make_case, make_user):
    """Core-team members and controllers get 403 on the life steps; a leader may close."""
    member = make_user("coordinator")
    case = make_case(reference="LIFE-4", team=[member])
    page = f"/sager/{case.id}"
    for who in (member, "controller"):
        web = login_as(who)
        response = web.post_form(f"/sager/{case.id}/luk", {"closed-note": "x"}, page=page)
        assert response.status_code == 403
    html = login_as(member).get(page).get_data(as_text=True)
    assert 'data-testid="step-closed"' not in html  # no forms the user cannot use
    leader = login_as("leader")
    response = leader.post_form(
        f"/sager/{case.id}/luk", {"closed-note": "Lukket af leder"}, page=page
    )
    assert response.status_code == 302

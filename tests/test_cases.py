"""Mine sager: listing and opening cases in the browser."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Case


def test_create_case_from_my_cases(login_as):
    """A coordinator opens a case and becomes its coordinator; the event is audited."""
    web = login_as("coordinator")
    response = web.post_form(
        "/sager", {"reference": "27.15.00-G01-1-26", "title": "Familien Berg"}, page="/"
    )
    assert response.status_code == 302
    case = db.session.scalar(select(Case).where(Case.reference == "27.15.00-G01-1-26"))
    assert case.coordinator_id == web.user.id
    assert response.headers["Location"].endswith(f"/sager/{case.id}")
    page = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sagen 27.15.00-G01-1-26 er oprettet." in page
    assert "Familien Berg" in web.get("/").get_data(as_text=True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_created"))
    assert (event.actor_id, event.object_id) == (web.user.id, case.id)
    assert "Familien Berg" not in str(event.details)  # no case text in the audit trail


def test_failed_create_keeps_what_was_typed(login_as):
    """A missing title gives a summary linking to the field and keeps the reference typed."""
    web = login_as("coordinator")
    response = web.post_form("/sager", {"reference": "SAG-77", "title": "   "}, page="/")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'href="#title"' in html
    assert "Angiv en titel." in html
    assert 'value="SAG-77"' in html
    assert db.session.scalar(select(Case)) is None


def test_duplicate_reference_is_refused_with_the_reason(login_as, make_case):
    """Two cases cannot share a reference; the title typed is kept."""
    make_case(reference="DUP-1")
    web = login_as("coordinator")
    response = web.post_form("/sager", {"reference": "DUP-1", "title": "Familien To"}, page="/")
    assert response.status_code == 409  # as the API: the number is taken (a conflict)
    html = response.get_data(as_text=True)
    assert "Der findes allerede en sag med det sagsnummer." in html
    assert 'value="Familien To"' in html


def test_hostile_text_is_escaped(login_as):
    """Text is shown as text, never as markup."""
    web = login_as("coordinator")
    web.post_form(
        "/sager", {"reference": "ESC-1", "title": "<script>alert(1)</script> & co"}, page="/"
    )
    html = web.get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_unknown_case_is_404_page_in_danish(login_as):
    """A missing case shows the Danish 404 page."""
    web = login_as("coordinator")
    response = web.get("/sager/999999")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.get_data(as_text=True)


def test_pages_require_login(client, make_case):
    """Anonymous visitors are sent to the login page."""
    case = make_case()
    for url in ("/", f"/sager/{case.id}", "/admin/brugere"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_coordinator_puts_a_colleague_on_the_core_team_who_then_sees_the_case(
    login_as, make_user, make_case
):
    """Adding someone to the core team gives them the case; removing takes it away."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user, reference="TEAM-9")
    colleague = login_as("coordinator")
    assert colleague.get(f"/sager/{case.id}").status_code == 404
    response = web.post_form(
        f"/sager/{case.id}/kerneteam",
        {"user_id": str(colleague.user.id), "team_role": "PPR-psykolog"},
        page=f"/sager/{case.id}",
    )
    assert response.status_code == 302
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "PPR-psykolog" in html and "Kerneteamet er opdateret." in html
    assert "TEAM-9" in colleague.get("/").get_data(as_text=True)
    member = db.session.scalar(select(Case).where(Case.id == case.id)).members[0]
    web.post_form(f"/sager/{case.id}/kerneteam/{member.id}/fjern", page=f"/sager/{case.id}")
    assert colleague.get(f"/sager/{case.id}").status_code == 404
    events = [e.action for e in db.session.scalars(select(AuditEvent))]
    assert "case_member_added" in events and "case_member_removed" in events


def test_bad_core_team_posts_are_refused_clearly(login_as, make_user, make_case):
    """Unknown users, the coordinator again and strangers get a message or 404, never 500."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = f"/sager/{case.id}"
    for data in ({"user_id": "99999"}, {"user_id": str(web.user.id)}, {"user_id": "abc"}, {}):
        response = web.post_form(f"/sager/{case.id}/kerneteam", data, page=page)
        assert response.status_code == 302
        assert "Vælg en aktiv medarbejder" in web.get(page).get_data(as_text=True)
    stranger = login_as("coordinator")
    response = stranger.post_form(
        f"/sager/{case.id}/kerneteam", {"user_id": str(stranger.user.id)}, page="/"
    )
    assert response.status_code == 404
    controller = login_as("controller")
    response = controller.post_form(
        f"/sager/{case.id}/kerneteam", {"user_id": str(controller.user.id)}, page="/"
    )
    assert response.status_code == 403
    assert web.post_form(f"/sager/{case.id}/kerneteam/424242/fjern", page=page).status_code == 404

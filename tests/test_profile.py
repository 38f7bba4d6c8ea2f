"""A user's own name and phone (/profil) and an administrator setting anyone's phone: CSRF,
validation that keeps what was typed, an audit event, and the phone in the family's plan."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.profile import clean_phone
from app.auth.services import UserError
from app.extensions import db
from app.models import AuditEvent, User
from tests.word.helpers import open_docx, paragraphs


def _reload(user: User) -> User:
    """The user as stored."""
    db.session.expire_all()
    return db.session.get(User, user.id)


def _events(action: str) -> list[AuditEvent]:
    """Every audit event of one action."""
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("12345678", "12345678"),
        ("  12 34  56 78 ", "12 34 56 78"),
        ("+45 12 34 56 78", "+45 12 34 56 78"),
        ("(045) 1234-5678", "(045) 1234-5678"),
        ("", None),
    ],
)
def test_phone_numbers_are_cleaned(typed, stored):
    """Spaces collapse; empty is no phone; digits with the usual separators are kept."""
    assert clean_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["ring til mig", "1234", "1" * 16, "12 34 56 78 ext. 9", "(+45) 12345678"]
)
def test_what_is_not_a_phone_number_is_refused(typed):
    """Letters, too few or too many digits: a message for the person."""
    with pytest.raises(UserError):
        clean_phone(typed)


def test_user_edits_own_name_and_phone(login_as):
    """The page shows the stored values; saving stores them and records who changed what."""
    web = login_as("coordinator")
    page = web.get("/profil").get_data(as_text=True)
    assert f'value="{web.user.name}"' in page and 'name="phone"' in page
    response = web.post_form(
        "/profil", {"name": "  Karen   Koordinator ", "phone": "11 22 33 44"}, page="/profil"
    )
    assert response.status_code == 302
    user = _reload(web.user)
    assert (user.name, user.phone) == ("Karen Koordinator", "11 22 33 44")
    [event] = _events("user_profile_changed")
    assert event.actor_id == user.id and event.object_id == user.id
    assert event.details["fields"] == ["name", "phone"]
    assert "Dine oplysninger er gemt." in web.get("/profil").get_data(as_text=True)


def test_a_wrong_phone_keeps_what_was_typed(login_as):
    """422 with the message beside the field; the typed text stays; nothing is stored."""
    web = login_as("leader")
    response = web.post_form(
        "/profil", {"name": "Lis Leder", "phone": "ring efter kl. 9"}, page="/profil"
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Skriv telefonnummeret med tal" in html
    assert 'value="ring efter kl. 9"' in html and 'value="Lis Leder"' in html
    assert _reload(web.user).phone is None and _events("user_profile_changed") == []


def test_an_empty_name_is_refused(login_as):
    """A name is needed (the plans print it)."""
    web = login_as("coordinator")
    response = web.post_form("/profil", {"name": " ", "phone": "12345678"}, page="/profil")
    assert response.status_code == 422 and "Skriv dit navn." in response.get_data(as_text=True)


def test_profile_post_without_csrf_is_refused(login_as):
    """No CSRF token, no change."""
    web = login_as("coordinator")
    response = web.post(
        "/profil",
        data={"name": "Ny", "phone": "12345678"},
        headers={"Referer": "https://localhost/profil"},
    )
    assert response.status_code == 400 and _reload(web.user).phone is None


def test_the_header_links_to_the_profile(login_as):
    """The user's name in the header opens /profil."""
    html = login_as("coordinator").get("/").get_data(as_text=True)
    assert 'href="/profil"' in html


def test_admin_sets_a_users_phone(login_as, make_user):
    """The user list has a phone field per user; saving stores it with an audit event."""
    target = make_user("coordinator", email="per@kommune.dk")
    admin = login_as("admin")
    assert f'id="phone-{target.id}"' in admin.get("/admin/brugere").get_data(as_text=True)
    response = admin.post_form(
        f"/admin/brugere/{target.id}/telefon", {"phone": "55 66 77 88"}, page="/admin/brugere"
    )
    assert response.status_code == 302
    assert _reload(target).phone == "55 66 77 88"
    [event] = _events("user_phone_changed")
    assert event.actor_id == admin.user.id and event.object_id == target.id
    page = admin.get("/admin/brugere").get_data(as_text=True)
    assert "Telefonnummeret for per@kommune.dk er gemt." in page
    assert 'value="55 66 77 88"' in page
    admin.post_form(f"/admin/brugere/{target.id}/telefon", {"phone": ""}, page="/admin/brugere")
    assert _reload(target).phone is None  # empty removes it


def test_admin_phone_validation_keeps_input(login_as, make_user):
    """A wrong number: 422, the message and the typed text in that user's row."""
    target = make_user("coordinator", email="per@kommune.dk")
    target.phone = "11111111"
    db.session.commit()
    admin = login_as("admin")
    response = admin.post_form(
        f"/admin/brugere/{target.id}/telefon", {"phone": "12 ab"}, page="/admin/brugere"
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Skriv telefonnummeret med tal" in html and 'value="12 ab"' in html
    assert _reload(target).phone == "11111111" and _events("user_phone_changed") == []


def test_only_admins_set_other_users_phones(login_as, make_user):
    """A leader cannot set someone's phone."""
    target = make_user("coordinator", email="per@kommune.dk")
    leader = login_as("leader")
    response = leader.post_form(
        f"/admin/brugere/{target.id}/telefon", {"phone": "12345678"}, page="/profil"
    )
    assert response.status_code == 403 and _reload(target).phone is None


def test_the_phone_reaches_the_family_plan(login_as, make_case):
    """What the coordinator saves on /profil is what the family's plan prints."""
    web = login_as("coordinator")
    web.post_form("/profil", {"name": "Karen K", "phone": "+45 99 88 77 66"}, page="/profil")
    case = make_case(coordinator=_reload(web.user), reference="SAG-1", title="Familien A")
    response = web.get(f"/sager/{case.id}/familiens-plan.docx")
    texts = paragraphs(open_docx(response.data))
    assert "Jeres familiekoordinator: Karen K, tlf. +45 99 88 77 66, " + web.user.email in texts
    page = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "+45 99 88 77 66" in page  # the core team on the case page

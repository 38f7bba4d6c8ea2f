"""User administration for administrators."""

from __future__ import annotations

import pytest
from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, User
from tests.docgen.helpers import png_bytes
from tests.helpers import PASSWORD


def _user(email):
    """Reload a user by e-mail from the database."""
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_only_admins_reach_user_administration(login_as):
    """Coordinators, leaders and controllers get 403."""
    for role in ("coordinator", "leader", "controller"):
        assert login_as(role).get("/admin/brugere").status_code == 403
    assert login_as("admin").get("/admin/brugere").status_code == 200


def test_admin_creates_a_user_who_can_log_in(login_as, client):
    """A new account works at once."""
    admin = login_as("admin")
    response = admin.post_form(
        "/admin/brugere",
        {
            "email": "ny@kommune.dk",
            "name": "Ny Koordinator",
            "role": "coordinator",
            "password": "et-godt-kodeord",
        },
        page="/admin/brugere",
    )
    assert response.status_code == 302
    assert "Brugeren ny@kommune.dk er oprettet." in admin.get("/admin/brugere").get_data(
        as_text=True
    )
    client.login("ny@kommune.dk", "et-godt-kodeord")
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user_created"))


def test_failed_create_keeps_typed_values_but_not_the_password(login_as):
    """A short password is refused; e-mail and name stay in the form."""
    admin = login_as("admin")
    response = admin.post_form(
        "/admin/brugere",
        {"email": "kort@kommune.dk", "name": "Kort Kode", "role": "leader", "password": "kort"},
        page="/admin/brugere",
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "mindst 10 tegn" in html
    assert 'value="kort@kommune.dk"' in html and 'value="Kort Kode"' in html
    assert 'value="kort"' not in html
    assert _user("kort@kommune.dk") is None


def test_duplicate_email_is_refused(login_as, make_user):
    """Two accounts cannot share an e-mail address."""
    existing = make_user("coordinator")
    admin = login_as("admin")
    response = admin.post_form(
        "/admin/brugere",
        {
            "email": existing.email.upper(),
            "name": "Dublet",
            "role": "coordinator",
            "password": "et-godt-kodeord",
        },
        page="/admin/brugere",
    )
    assert response.status_code == 422
    assert "findes allerede" in response.get_data(as_text=True)


def test_deactivate_logs_the_user_out_and_reactivate_restores(login_as, make_user):
    """Deactivation ends the user's session at once."""
    victim = login_as("coordinator")
    admin = login_as("admin")
    response = admin.post_form(
        f"/admin/brugere/{victim.user.id}/aktiv", {"active": "0"}, page="/admin/brugere"
    )
    assert response.status_code == 302
    assert _user(victim.user.email).active is False
    assert victim.get("/").status_code == 302
    admin.post_form(
        f"/admin/brugere/{victim.user.id}/aktiv", {"active": "1"}, page="/admin/brugere"
    )
    assert _user(victim.user.email).active is True


def test_reset_password(login_as, client, make_user):
    """The new password works and the old one does not."""
    target = make_user("coordinator")
    admin = login_as("admin")
    admin.post_form(
        f"/admin/brugere/{target.id}/adgangskode",
        {"password": "helt-nyt-kodeord"},
        page="/admin/brugere",
    )
    response = client.post_form("/login", {"email": target.email, "password": PASSWORD})
    assert "forkert" in response.get_data(as_text=True)
    client.login(target.email, "helt-nyt-kodeord")


def test_reset_password_too_short_shows_error(login_as, make_user):
    """A short new password is refused with a message next to the field."""
    target = make_user("coordinator")
    admin = login_as("admin")
    response = admin.post_form(
        f"/admin/brugere/{target.id}/adgangskode", {"password": "x"}, page="/admin/brugere"
    )
    assert response.status_code == 422
    assert "mindst 10 tegn" in response.get_data(as_text=True)


def test_change_role(login_as, make_user):
    """A coordinator becomes a leader."""
    target = make_user("coordinator")
    admin = login_as("admin")
    admin.post_form(f"/admin/brugere/{target.id}/rolle", {"role": "leader"}, page="/admin/brugere")
    assert _user(target.email).role == "leader"


def test_unknown_role_is_refused(login_as, make_user):
    """Only the four roles exist."""
    target = make_user("coordinator")
    admin = login_as("admin")
    response = admin.post_form(
        f"/admin/brugere/{target.id}/rolle", {"role": "superuser"}, page="/admin/brugere"
    )
    assert response.status_code == 422
    assert _user(target.email).role == "coordinator"


def test_admin_cannot_lock_themselves_out(login_as):
    """The last administrator cannot demote or deactivate themselves."""
    admin = login_as("admin")
    response = admin.post_form(
        f"/admin/brugere/{admin.user.id}/aktiv", {"active": "0"}, page="/admin/brugere"
    )
    assert response.status_code == 302
    assert "mindst én aktiv administrator" in admin.get("/admin/brugere").get_data(as_text=True)
    admin.post_form(
        f"/admin/brugere/{admin.user.id}/rolle", {"role": "coordinator"}, page="/admin/brugere"
    )
    assert _user(admin.user.email).role == "admin"


def test_unknown_user_is_404(login_as):
    """Acting on a user id that does not exist is a 404."""
    admin = login_as("admin")
    response = admin.post_form(
        "/admin/brugere/99999/rolle", {"role": "leader"}, page="/admin/brugere"
    )
    assert response.status_code == 404


PNG = png_bytes(120, 40)


def test_admin_sets_municipality_name_and_logo(login_as):
    """The name shows in the header; the logo is decoded, stored again and served."""
    import io

    admin = login_as("admin")
    response = admin.post_form(
        "/admin/kommune",
        {"name": "Ørsted Kommune", "logo": (io.BytesIO(PNG + b"trailing junk"), "logo.png")},
        page="/admin/kommune",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert "Ørsted Kommune" in admin.get("/").get_data(as_text=True)
    logo = admin.get("/admin/kommune/logo")
    assert (logo.status_code, logo.mimetype) == (200, "image/png")
    with Image.open(io.BytesIO(logo.data)) as stored:
        assert (stored.format, stored.size) == ("PNG", (120, 40))
    assert b"trailing junk" not in logo.data  # encoded again: only the picture is kept
    admin.post_form(
        "/admin/kommune", {"name": "Ørsted Kommune", "remove_logo": "y"}, page="/admin/kommune"
    )
    assert admin.get("/admin/kommune/logo").status_code == 404


@pytest.mark.parametrize(
    "broken, message",
    [
        (PNG[: len(PNG) // 2], "kunne ikke læses som et billede"),  # truncated: the old 500
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG- eller JPEG-fil"),  # a signature only
        (b"GIF89a" + b"\x00" * 20, "PNG- eller JPEG-fil"),
    ],
)
def test_a_broken_logo_is_refused_at_upload_and_documents_still_render(
    login_as, api_as, make_case, broken, message
):
    """Only the first bytes of a PNG used to be checked: a truncated one was stored and every
    Word and PDF document of the municipality answered 500. Now it is refused with a reason
    and the joint plan still renders."""
    import io

    admin = login_as("admin")
    response = admin.post_form(
        "/admin/kommune",
        {"name": "Ny Kommune", "logo": (io.BytesIO(broken), "l.png")},
        page="/admin/kommune",
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert admin.get("/admin/kommune/logo").status_code == 404
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    assert api.get(f"/cases/{case.id}/plan.docx").status_code == 200


def test_logo_that_is_not_an_image_is_refused_and_name_kept(login_as):
    """A renamed script is not a logo; the typed name stays in the form."""
    import io

    admin = login_as("admin")
    response = admin.post_form(
        "/admin/kommune",
        {"name": "Ny Kommune", "logo": (io.BytesIO(b"<svg onload=x>"), "l.png")},
        page="/admin/kommune",
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "PNG- eller JPEG-fil" in html and 'value="Ny Kommune"' in html
    assert "Ny Kommune" not in admin.get("/").get_data(as_text=True)


def test_settings_page_is_for_admins_only(login_as):
    """Leaders and coordinators cannot change the municipality settings."""
    for role in ("leader", "coordinator", "controller"):
        assert login_as(role).get("/admin/kommune").status_code == 403


def test_a_broken_logo_stored_before_uploads_were_checked_is_left_out(api_as, make_case):
    """An installation may hold a truncated logo from before: documents leave it out."""
    from app.admin.services import get_settings

    settings = get_settings()
    settings.logo, settings.logo_mimetype = PNG[: len(PNG) // 2], "image/png"
    db.session.commit()
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    plan = api.get(f"/cases/{case.id}/plan.docx")
    assert plan.status_code == 200 and plan.mimetype.endswith("wordprocessingml.document")

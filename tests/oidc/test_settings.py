"""ENINDGANG_SIGN_IN on the pages and commands: the login page, the password forms (gone with
OIDC only), the administrator's new-user form, `enindgang users create`, and API tokens."""

from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import select

from app.auth import services as auth
from app.extensions import db
from app.models import User
from tests.helpers import PASSWORD

OIDC_BUTTON = "Log ind med kommunens konto"


def test_local_only_has_no_oidc(app, client):
    """The default: the password form, no button, the OIDC routes answer 404."""
    html = client.get("/login").get_data(as_text=True)
    assert OIDC_BUTTON not in html and 'name="password"' in html
    assert client.get("/login/oidc").status_code == 404
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404


def test_oidc_and_local_shows_the_button_first_and_the_form_below(oidc_app, client, make_user):
    """Both: the municipality's account is the main action; passwords still work."""
    oidc_app.config["SIGN_IN"] = "oidc+local"
    html = client.get("/login").get_data(as_text=True)
    assert OIDC_BUTTON in html and 'name="password"' in html
    assert html.index(OIDC_BUTTON) < html.index('name="password"')
    assert 'class="button button-primary" data-testid="oidc-login"' in html
    client.login(make_user("coordinator"))
    assert client.get("/").status_code == 200


def test_oidc_only_removes_the_password_login(oidc_app, client, make_user):
    """OIDC only: the page has only the button, and a posted password answers 404."""
    user = make_user("coordinator")
    html = client.get("/login").get_data(as_text=True)
    assert OIDC_BUTTON in html and 'name="password"' not in html
    token = client.csrf_token("/login")  # the language switch carries one
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 404
    assert client.get("/").status_code == 302


def test_oidc_only_admin_makes_users_without_password_and_resets_none(
    oidc_app, login_as, provider, account
):
    """The users page has no password fields; a new user signs in through the provider."""
    admin = login_as("admin")  # through the test provider (tests/helpers.py WebClient.login)
    page = admin.get("/admin/brugere").get_data(as_text=True)
    assert 'type="password"' not in page and 'data-testid="oidc-users-note"' in page
    response = admin.post_form(
        "/admin/brugere",
        {"email": "ny@kommune.dk", "name": "Ny Kollega", "role": "coordinator"},
        page="/admin/brugere",
    )
    assert response.status_code == 302
    db.session.expire_all()
    new = db.session.scalar(select(User).where(User.email == "ny@kommune.dk"))
    assert new.password_hash is None and not new.has_password
    reset = admin.post_form(
        f"/admin/brugere/{new.id}/adgangskode", {"password": "x" * 12}, page="/admin/brugere"
    )
    assert reset.status_code == 404
    # The new user signs in with the municipality's account: the pre-made account is used.
    from tests.oidc.flow import sign_in

    sub = account(email="ny@kommune.dk", roles=["grp-coord"])
    web = oidc_app.test_client()
    assert sign_in(web, sub).status_code == 302
    db.session.expire_all()
    assert new.oidc_subject.endswith(" " + sub)


def test_with_both_methods_the_admin_may_leave_the_password_empty(oidc_app, login_as):
    """oidc+local: an empty password makes a user who signs in only with the municipality's
    account; a typed one must still be long enough (and keeps the form's other values)."""
    oidc_app.config["SIGN_IN"] = "oidc+local"
    admin = login_as("admin")
    page = admin.get("/admin/brugere").get_data(as_text=True)
    new_user_form = page.split('action="/admin/brugere"', 1)[1].split("</form>", 1)[0]
    (password_input,) = re.findall(r"<input[^>]*type=\"password\"[^>]*>", new_user_form)
    assert "required" not in password_input and "Lad feltet stå tomt" in new_user_form
    made = admin.post_form(
        "/admin/brugere",
        {"email": "kun-sso@kommune.dk", "name": "Kun SSO", "role": "member", "password": ""},
        page="/admin/brugere",
    )
    assert made.status_code == 302
    db.session.expire_all()
    assert not db.session.scalar(select(User).where(User.email == "kun-sso@kommune.dk")).has_password
    short = admin.post_form(
        "/admin/brugere",
        {"email": "kort@kommune.dk", "name": "Kort Kode", "role": "member", "password": "kort"},
        page="/admin/brugere",
    )
    assert short.status_code == 422
    html = short.get_data(as_text=True)
    assert "Adgangskoden skal have mindst" in html and 'value="kort@kommune.dk"' in html
    with_password = admin.post_form(
        "/admin/brugere",
        {"email": "begge@kommune.dk", "name": "Begge Dele", "role": "member", "password": PASSWORD},
        page="/admin/brugere",
    )
    assert with_password.status_code == 302
    assert auth.authenticate("begge@kommune.dk", PASSWORD) is not None


def test_a_user_without_password_cannot_use_the_password_form(app, client):
    """Where passwords are on, an OIDC-only account still has no password to guess."""
    user = auth.create_user("sso@kommune.dk", "Sso", "coordinator", None)
    db.session.commit()
    assert auth.authenticate(user.email, "") is None
    assert auth.authenticate(user.email, "anything-at-all") is None


def test_cli_creates_oidc_only_users_when_passwords_are_off(oidc_app, runner):
    """`enindgang users create` asks for no password with OIDC only, and refuses one."""
    result = runner.invoke(args=["users", "create", "cli@kommune.dk", "--role", "leader"])
    assert result.exit_code == 0, result.output
    assert "signs in with the municipality's account" in result.output
    user = auth.find_user("cli@kommune.dk")
    assert user.role == "leader" and not user.has_password
    refused = runner.invoke(
        args=["users", "create", "pw@kommune.dk", "--role", "leader", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert refused.exit_code != 0 and "Passwords are off" in refused.output
    assert auth.find_user("pw@kommune.dk") is None


def test_cli_no_password_needs_oidc(app, runner, oidc_app):
    """--no-password makes an OIDC-only user beside passwords; with passwords only it
    would make an account nobody can use, and is refused."""
    current_app.config["SIGN_IN"] = "oidc+local"  # the CLI runs on the test side's app
    ok = runner.invoke(
        args=["users", "create", "a@kommune.dk", "--role", "member", "--no-password"]
    )
    assert ok.exit_code == 0 and not auth.find_user("a@kommune.dk").has_password
    current_app.config["SIGN_IN"] = "local"
    refused = runner.invoke(
        args=["users", "create", "b@kommune.dk", "--role", "member", "--no-password"]
    )
    assert refused.exit_code != 0 and "could never sign in" in refused.output


def test_api_tokens_work_with_oidc_only(oidc_app, api_as):
    """Integrations keep their personal API tokens."""
    api = api_as("coordinator")
    assert api.get("/cases").status_code == 200

"""Logging in and out: messages, rate limiting, sessions that really end, cookie flags."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.auth.session_loader import SEEN
from app.database import utcnow
from app.extensions import db
from app.models import AuditEvent, LoginSession
from tests.helpers import PASSWORD

WRONG = "E-mail eller adgangskode er forkert."


def test_login_page_is_danish_and_has_csrf(client):
    """The login page renders in Danish with a CSRF token."""
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert "Adgangskode" in html
    assert 'name="csrf_token"' in html


def test_login_success_redirects_to_my_cases(client, make_user):
    """A correct login lands on Mine sager and is audited."""
    user = make_user("coordinator")
    response = client.post_form("/login", {"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")
    assert "Mine sager" in client.get("/").get_data(as_text=True)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login")).all()
    assert [e.actor_id for e in events] == [user.id]


def test_wrong_password_and_unknown_email_give_the_same_message(client, make_user):
    """The answer never reveals whether an e-mail exists."""
    user = make_user("coordinator")
    known = client.post_form("/login", {"email": user.email, "password": "wrong-password"})
    unknown = client.post_form("/login", {"email": "nobody@example.dk", "password": "x"})
    for response in (known, unknown):
        assert response.status_code == 200
        assert WRONG in response.get_data(as_text=True)
    # The e-mail typed is kept; the password is not echoed.
    assert f'value="{user.email}"' in known.get_data(as_text=True)
    assert "wrong-password" not in known.get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "", "password": ""},
        {"email": "x" * 5000, "password": "y" * 5000},
        {"email": "\x00\x01<script>", "password": "ÆØÅ 🙂"},
        {"email": ["a@b.dk", "c@d.dk"], "password": ["1", "2"]},
    ],
)
def test_empty_or_garbage_login_posts_get_a_clear_message(client, data):
    """Bad input re-renders the form with messages, never a 500."""
    response = client.post_form("/login", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # issue 13: the summary's heading counts the problems ("Ret disse 2 problemer").
    assert re.search(r"Ret (dette problem|disse \d+ problemer)<", html)


def test_login_post_without_csrf_token_is_refused_clearly(client, make_user):
    """A missing CSRF token answers 400 with a plain explanation."""
    user = make_user("coordinator")
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 400
    assert "sikkerhedsnøglen" in response.get_data(as_text=True)


def test_invalid_utf8_in_form_is_a_clear_message(client):
    """Bytes that are not UTF-8 in the form body are treated as bad input, not a crash."""
    token = client.csrf_token()
    body = f"csrf_token={token}&email=%ff%fe%00&password=%c3%28".encode()
    response = client.post(
        "/login",
        data=body,
        content_type="application/x-www-form-urlencoded",
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code in (200, 400)
    html = response.get_data(as_text=True)
    # issue 13: the summary's heading counts the problems.
    assert (
        re.search(r"Ret (dette problem|disse \d+ problemer)<", html) or response.status_code == 400
    )


def test_non_form_body_never_500(client):
    """A JSON or binary body to the login form is just an incomplete form."""
    token = client.csrf_token()
    response = client.post(
        "/login?csrf_token=" + token,
        data=b"\xff\xfe garbage",
        content_type="application/octet-stream",
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 400


def test_nth_failed_login_in_a_minute_is_refused_with_429(app, client, make_user):
    """After the configured number of failures the next attempt gets 429 in Danish."""
    user = make_user("coordinator")
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit):
        assert (
            client.post_form("/login", {"email": user.email, "password": "bad"}).status_code == 200
        )
    response = client.post_form("/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "For mange forsøg" in response.get_data(as_text=True)


def test_successful_logins_do_not_count_towards_the_limit(app, make_user, client):
    """Only failures are limited: a busy office logging in is not locked out."""
    user = make_user("coordinator")
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit + 2):
        client.login(user)
        client.logout()


def test_session_cookie_flags(client, make_user):
    """The session cookie is HttpOnly, SameSite=Lax and Secure (production settings)."""
    user = make_user("coordinator")
    response = client.post_form("/login", {"email": user.email, "password": PASSWORD})
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("enindgang_session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" in cookie


def test_logout_really_ends_the_session(app, login_as):
    """A copy of the cookie taken before logout no longer works afterwards."""
    web = login_as("coordinator")
    user = web.user
    stolen = web.get_cookie("enindgang_session").value
    assert web.logout().status_code == 302
    assert web.get("/").status_code == 302  # back to the login page

    thief = app.test_client()
    thief.set_cookie("enindgang_session", stolen, domain="localhost")
    response = thief.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    ended = db.session.scalar(select(LoginSession).where(LoginSession.user_id == user.id))
    assert ended.ended_at is not None
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "logout")).actor_id
        == user.id
    )


def _set_last_seen(web, when) -> None:
    """Set the idle clock the browser's signed session cookie carries."""
    with web.session_transaction() as cookie:
        cookie[SEEN] = int(when.timestamp())


def test_idle_session_times_out(app, login_as):
    """A session unused for longer than the idle timeout needs a new login."""
    web = login_as("coordinator")
    assert web.get("/").status_code == 200
    _set_last_seen(web, utcnow() - timedelta(minutes=app.config["IDLE_TIMEOUT_MINUTES"] + 1))
    response = web.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    with web.session_transaction() as cookie:
        assert "sid" not in cookie  # the stale cookie's content is dropped


def test_a_cookie_without_idle_clock_is_refused(app, login_as):
    """A cookie carrying a live session id but no idle clock does not log anyone in."""
    web = login_as("coordinator")
    with web.session_transaction() as cookie:
        del cookie[SEEN]
    assert web.get("/").status_code == 302


def test_activity_keeps_the_session_alive(app, login_as):
    """Use within the idle window slides the window forward (in the signed cookie)."""
    web = login_as("coordinator")
    _set_last_seen(web, utcnow() - timedelta(minutes=app.config["IDLE_TIMEOUT_MINUTES"] - 1))
    assert web.get("/").status_code == 200
    with web.session_transaction() as cookie:
        assert utcnow().timestamp() - cookie[SEEN] < 60


def test_an_idle_clock_forged_without_the_key_is_refused(app, login_as):
    """The idle clock cannot be moved by editing the cookie: the signature breaks."""
    web = login_as("coordinator")
    cookie = web.get_cookie("enindgang_session").value
    payload, _dot, signature = cookie.rpartition(".")
    web.set_cookie("enindgang_session", payload + "." + signature[::-1], domain="localhost")
    assert web.get("/").status_code == 302


def test_deactivated_user_cannot_log_in_and_is_logged_out(app, login_as, client):
    """Deactivation ends running sessions and blocks new logins."""
    from app.auth.services import set_active

    web = login_as("coordinator")
    set_active(web.user, False)
    db.session.commit()
    assert web.get("/").status_code == 302
    response = client.post_form("/login", {"email": web.user.email, "password": PASSWORD})
    assert WRONG in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil", "javascript:alert(1)"]
)
def test_login_never_redirects_off_site(client, make_user, target):
    """The next parameter only takes local paths."""
    user = make_user("coordinator")
    token = client.csrf_token()
    response = client.post(
        "/login?next=" + target,
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", "https://localhost/")


def test_login_follows_a_local_next(client, make_user, make_case):
    """After login the user lands where they were going."""
    user = make_user("coordinator")
    case = make_case(coordinator=user)
    token = client.csrf_token()
    response = client.post(
        f"/login?next=/sager/{case.id}",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
        headers={"Referer": "https://localhost/login"},
    )
    assert response.headers["Location"] == f"/sager/{case.id}"


def test_passwords_are_stored_with_the_configured_method(app, make_user):
    """Users get the configured hash (scrypt in production, see test_config)."""
    user = make_user("coordinator")
    assert user.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"].split(":")[0])
    with app.app_context():
        app.config["PASSWORD_HASH_METHOD"] = "scrypt"
        from app.models import User

        scrypt_user = User(email="s@x.dk", name="S", role="coordinator")
        scrypt_user.set_password("correct-horse-battery")
        assert scrypt_user.password_hash.startswith("scrypt:")
        assert scrypt_user.check_password("correct-horse-battery")

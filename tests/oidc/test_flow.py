"""The whole OpenID Connect sign-in against a real provider over HTTP (tests/oidc/provider.py):
real discovery, PKCE, token exchange, RS256 signatures from a JWKS, and the end-session
endpoint. Nothing of Authlib or the app is mocked."""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from app.auth.session_loader import SEEN
from app.database import utcnow
from app.extensions import db
from app.models import AuditEvent, LoginSession, User
from tests.oidc.flow import at_provider, back_at_app, sign_in, start, with_params


def _user(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def _events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def _problem(response) -> str:
    """The reason code on the problem page."""
    html = response.get_data(as_text=True)
    assert 'data-testid="oidc-problem"' in html, html[:1000]
    return html.split('data-reason="', 1)[1].split('"', 1)[0]


def test_first_sign_in_creates_the_user_with_role_and_department(
    oidc_app, client, account, provider
):
    """The first sign-in makes the account from the claims; the provider saw PKCE."""
    sub = account(
        name="Ida Holm", roles=["grp-coord"], department="Pædagogisk Psykologisk Rådgivning"
    )
    response = sign_in(client, sub)
    assert response.status_code == 302 and response.location.endswith("/")
    user = _user(provider.accounts[sub]["email"])
    assert (user.name, user.role, user.department) == ("Ida Holm", "coordinator", "ppr")
    assert user.password_hash is None and user.oidc_subject == f"{provider.issuer} {sub}"
    assert _signed_in(client)
    assert "Ida Holm" in client.get("/").get_data(as_text=True)
    # PKCE: the token request carried the verifier the provider checked against the challenge.
    assert provider.token_requests[-1]["code_verifier"]
    created = _events("user_created")[-1]
    assert created.object_id == user.id and created.details == {
        "role": "coordinator",
        "source": "oidc",
    }
    login = _events("login")[-1]
    assert login.actor_id == user.id and login.details == {"method": "oidc"}


def test_the_next_sign_in_brings_role_and_department_up_to_date(
    oidc_app, client, account, provider
):
    """The directory decides: a changed group and department apply at the next sign-in."""
    sub = account(roles=["grp-coord"], department="ppr")
    sign_in(client, sub)
    client.logout()
    provider.accounts[sub].update(roles=["grp-leader"], department="Skole og dagtilbud")
    assert sign_in(client, sub).status_code == 302
    user = _user(provider.accounts[sub]["email"])
    assert (user.role, user.department) == ("leader", "skole_dagtilbud")
    change = _events("user_role_changed")[-1]
    assert change.object_id == user.id
    assert change.details == {"from": "coordinator", "to": "leader", "source": "oidc"}
    assert _events("user_department_changed")[-1].details["department"] == "skole_dagtilbud"
    # A leader now: the leaders' overview opens.
    assert client.get("/oversigt").status_code == 200


def test_several_groups_give_the_strongest_role_and_member_is_mappable(
    oidc_app, client, account, provider
):
    """Groups for member and admin: admin (the documented precedence); member alone: member."""
    both = account(roles=["grp-ppr", "grp-admin"])
    sign_in(client, both)
    assert _user(provider.accounts[both]["email"]).role == "admin"
    client.logout()
    member = account(roles=["grp-ppr"])
    sign_in(client, member)
    assert _user(provider.accounts[member]["email"]).role == "member"


def test_a_person_whose_groups_map_to_no_role_is_refused(oidc_app, client, account, provider):
    """No mapped group: a clear page, no account, an audit event, nobody logged in."""
    sub = account(roles=["grp-kantine"])
    response = sign_in(client, sub)
    assert response.status_code == 403 and _problem(response) == "no_role"
    assert "ikke tildelt en rolle i enindgang" in response.get_data(as_text=True)
    assert _user(provider.accounts[sub]["email"]) is None
    refused = _events("login_refused")[-1]
    assert refused.details == {"method": "oidc", "reason": "no_role"} and refused.actor_id is None
    assert not _signed_in(client)


def test_an_existing_user_who_lost_the_group_is_refused(oidc_app, client, account, provider):
    """An account whose directory groups no longer map is refused, and the event names it."""
    sub = account(roles=["grp-coord"])
    sign_in(client, sub)
    client.logout()
    provider.accounts[sub]["roles"] = []
    response = sign_in(client, sub)
    assert response.status_code == 403 and _problem(response) == "no_role"
    user = _user(provider.accounts[sub]["email"])
    assert _events("login_refused")[-1].object_id == user.id
    assert user.role == "coordinator"  # untouched: the refusal changes nothing


def test_a_deactivated_user_stays_out(oidc_app, client, account, provider, make_user):
    """The provider lets them in; enindgang does not."""
    user = make_user("coordinator", email="gone@kommune.dk")
    user.active = False
    db.session.commit()
    sub = account(email="gone@kommune.dk", roles=["grp-coord"])
    response = sign_in(client, sub)
    assert response.status_code == 403 and _problem(response) == "deactivated"
    assert "deaktiveret" in response.get_data(as_text=True)
    assert _events("login_refused")[-1].details["reason"] == "deactivated"
    assert not _signed_in(client)


def test_an_existing_password_user_is_linked_on_the_first_sign_in(
    oidc_app, client, account, provider, make_user
):
    """A user made before OIDC (same e-mail) becomes the provider's subject's account."""
    user = make_user("leader", email="Lone@Kommune.dk")
    sub = account(email="lone@kommune.dk", roles=["grp-leader"])
    assert sign_in(client, sub).status_code == 302
    db.session.expire_all()
    assert user.oidc_subject == f"{provider.issuer} {sub}" and user.role == "leader"
    # Another subject with the same e-mail is not let into that account.
    impostor = account(email="lone@kommune.dk", roles=["grp-admin"])
    client.logout()
    response = sign_in(client, impostor)
    assert response.status_code == 403 and _problem(response) == "subject_mismatch"
    db.session.expire_all()
    assert user.role == "leader"


def test_a_tampered_state_is_refused(oidc_app, client, account):
    """The state that comes back must be the one this browser started with."""
    sub = account(roles=["grp-coord"])
    callback = at_provider(start(client), sub)
    response = back_at_app(client, with_params(callback, state="forged-state"))
    assert response.status_code == 400 and _problem(response) == "state"
    assert _events("login_failed")[-1].details == {"method": "oidc", "reason": "state"}
    assert not _signed_in(client)


def test_a_callback_cannot_be_replayed(oidc_app, client, account):
    """A used callback URL (its state spent) logs nobody in a second time."""
    sub = account(roles=["grp-coord"])
    callback = at_provider(start(client), sub)
    assert back_at_app(client, callback).status_code == 302
    client.logout()
    response = back_at_app(client, callback)
    assert response.status_code == 400 and _problem(response) == "state"


def test_a_token_for_another_nonce_is_refused(oidc_app, client, account):
    """An ID token minted for another request's nonce (an injected one) is refused."""
    sub = account(roles=["grp-coord"])
    authorize = with_params(start(client), nonce="an-attackers-nonce")
    response = back_at_app(client, at_provider(authorize, sub))
    assert response.status_code == 400 and _problem(response) == "id_token"
    assert not _signed_in(client)


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"exp": -3600, "iat": -7200}, id="expired"),
        pytest.param({"aud": "another-client"}, id="wrong-audience"),
        pytest.param({"iss": "http://127.0.0.1:9/not-the-issuer"}, id="wrong-issuer"),
    ],
)
def test_a_token_with_wrong_claims_is_refused(oidc_app, client, account, provider, claims):
    """Expired, for another client, or from another issuer: refused and audited."""
    now = int(time.time())
    provider.misbehave(**{k: now + v if k in ("exp", "iat") else v for k, v in claims.items()})
    response = sign_in(client, account(roles=["grp-coord"]))
    assert response.status_code == 400 and _problem(response) == "id_token"
    assert _events("login_failed")[-1].details == {"method": "oidc", "reason": "id_token"}
    assert not _signed_in(client)


def test_a_token_signed_with_another_key_is_refused(oidc_app, client, account, provider):
    """A signature the provider's JWKS does not verify (same kid, other key) is refused."""
    provider.forge_next()
    response = sign_in(client, account(roles=["grp-coord"]))
    assert response.status_code == 400 and _problem(response) == "id_token"


def test_a_cancelled_sign_in_at_the_provider_is_a_clear_page(oidc_app, client):
    """The provider answers with an error (here: no such person): the problem page."""
    response = back_at_app(client, at_provider(start(client), "nobody-at-all"))
    assert response.status_code == 400 and _problem(response) == "provider_error"


def test_sign_out_ends_the_session_here_and_at_the_provider(oidc_app, client, account, provider):
    """Logout ends the local session and sends the browser to the provider's end-session
    endpoint with the ID token as hint; the provider sends it back to the login page."""
    sub = account(roles=["grp-coord"])
    sign_in(client, sub)
    response = client.logout()
    assert response.status_code == 302
    assert response.location.startswith(provider.issuer + "/logout?")
    query = parse_qs(urlsplit(response.location).query)
    assert query["post_logout_redirect_uri"] == ["https://localhost/login"]
    assert not _signed_in(client)  # ended here before the provider is even asked
    assert _events("logout")[-1].details == {"provider": True}
    db.session.expire_all()
    assert all(row.id_token is None for row in db.session.scalars(select(LoginSession)))
    back = requests.get(response.location, allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"].startswith(
        "https://localhost/login"
    )
    assert provider.logouts[-1]["sub"] == sub
    assert "Du er logget ud" in client.get("/login").get_data(as_text=True)


def test_local_sign_out_where_passwords_are_on_too(oidc_app, login_as, provider):
    """With OIDC and passwords, a password login logs out here only."""
    oidc_app.config["SIGN_IN"] = "oidc+local"
    web = login_as("coordinator")
    response = web.logout()
    assert response.status_code == 302 and response.location.endswith("/login")
    assert provider.logouts == []


def test_the_idle_timeout_applies_to_an_oidc_sign_in(oidc_app, client, account):
    """Unused for longer than the idle timeout: back to the login page."""
    sign_in(client, account(roles=["grp-coord"]))
    assert _signed_in(client)
    idle = timedelta(minutes=oidc_app.config["IDLE_TIMEOUT_MINUTES"] + 1)
    with client.session_transaction() as cookie:
        cookie[SEEN] = int((utcnow() - idle).timestamp())
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.location


def test_the_way_back_is_kept_through_the_sign_in(oidc_app, client, account):
    """?next= on the login link brings the person back to the page they asked for; a
    foreign address is dropped."""
    sub = account(roles=["grp-leader"])
    response = back_at_app(client, at_provider(start(client, "/oversigt"), sub))
    assert response.location.endswith("/oversigt")
    client.logout()
    response = back_at_app(client, at_provider(start(client, "https://evil.example/"), sub))
    assert response.location.endswith("/")


def test_pages_may_post_to_the_provider(oidc_app, client):
    """The CSP's form-action lets the logout button's redirect reach the provider."""
    csp = client.get("/login").headers["Content-Security-Policy"]
    assert f"form-action 'self' {oidc_app.config['OIDC_ISSUER']}" in csp


def test_a_provider_that_sends_no_name_keeps_the_name(
    oidc_app, client, account, provider, make_user
):
    """No name claim: the name enindgang has stays (a new user gets the e-mail as name)."""
    make_user("coordinator", email="navnlos@kommune.dk", name="Nina Navn")
    sub = account(email="navnlos@kommune.dk", roles=["grp-coord"])
    del provider.accounts[sub]["name"]
    assert sign_in(client, sub).status_code == 302
    assert _user("navnlos@kommune.dk").name == "Nina Navn"
    client.logout()
    new = account(email="ny.uden.navn@kommune.dk", roles=["grp-coord"])
    del provider.accounts[new]["name"]
    sign_in(client, new)
    assert _user("ny.uden.navn@kommune.dk").name == "ny.uden.navn@kommune.dk"


def test_a_token_without_the_email_claim_is_a_clear_failure(oidc_app, client, account, provider):
    """The provider is set up without the e-mail claim: refused as such, audited."""
    sub = account(roles=["grp-coord"])
    del provider.accounts[sub]["email"]
    response = sign_in(client, sub)
    assert response.status_code == 400 and _problem(response) == "claims"
    assert _events("login_failed")[-1].details == {"method": "oidc", "reason": "claims"}


def test_an_unreachable_provider_is_a_clear_page(oidc_app, client):
    """Discovery cannot be read (nothing listens): 503 and a page that says so."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    oidc_app.config["OIDC_ISSUER"] = f"http://127.0.0.1:{port}"
    response = client.get("/login/oidc")
    assert response.status_code == 503 and _problem(response) == "provider_unreachable"


def test_discovery_for_another_issuer_is_refused(oidc_app, client, account, provider):
    """The discovery document must name exactly the configured issuer (Discovery 1.0 §4.3)."""
    oidc_app.config["OIDC_ISSUER"] = provider.issuer + "/"  # same document, other issuer
    response = sign_in(client, account(roles=["grp-coord"]))
    assert response.status_code == 400 and _problem(response) == "issuer_mismatch"
    assert not _signed_in(client)

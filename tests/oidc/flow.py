"""The browser's part of an OpenID Connect sign-in, step by step, against tests/oidc/provider.

The Flask test client plays the browser on enindgang's side; ``requests`` plays it on the
provider's side (a real HTTP request to the provider's thread). Each step returns what the
browser would see, so a test can tamper with it in between (the state, the nonce).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests

from app.auth import services as auth
from app.auth.oidc_claims import parse_role_map
from tests.oidc.provider import running


def start(client, next_url: str | None = None) -> str:
    """Click "Log ind med kommunens konto": the provider's authorization URL."""
    response = client.get("/login/oidc" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.location


def with_params(url: str, **params: str) -> str:
    """The URL with these query parameters set (added or replaced)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(params)
    return urlunsplit(parts._replace(query=urlencode(query)))


def at_provider(authorize_url: str, sub: str) -> str:
    """Sign in at the provider as ``sub``: where the provider sends the browser back."""
    response = requests.get(
        with_params(authorize_url, login_as=sub), allow_redirects=False, timeout=10
    )
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def back_at_app(client, callback_url: str):
    """Follow the provider's redirect back to enindgang's callback."""
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def sign_in(client, sub: str, next_url: str | None = None):
    """The whole sign-in as ``sub``: the app's answer to the callback."""
    return back_at_app(client, at_provider(start(client, next_url), sub))


def sign_in_user(client, user_or_email):
    """Sign an existing enindgang user in through the provider, whose account for them says
    what enindgang says (e-mail, name, role), so the sign-in changes nothing about them."""
    user = auth.find_user(getattr(user_or_email, "email", user_or_email))
    assert user is not None, user_or_email
    role_map = parse_role_map(client.application.config.get("OIDC_ROLE_MAP", ""))
    groups = [value for value, role in role_map.items() if role == user.role][:1]
    sub = running().add_account(f"sub-{user.email}", email=user.email, name=user.name, roles=groups)
    return sign_in(client, sub)

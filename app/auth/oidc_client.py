"""The identity provider seen through Authlib: discovery, the authorization code flow with
PKCE (S256), ID-token checks, and the provider's sign-out URL.

Authlib does the protocol: it makes ``state``, ``nonce`` and the PKCE verifier and keeps them
in the (signed) session cookie, exchanges the code at the token endpoint, fetches the JWKS
and checks the ID token's signature, ``iss`` (the configured issuer), ``aud`` (our client id),
``exp``/``iat`` and ``nonce``. This module only builds the client from the configuration and
turns every way the flow can fail into one SignInFailed with a reason code for the audit.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from flask import current_app
from joserfc.errors import JoseError

from app.auth.oidc_claims import OidcSettings

_EXTENSION = "enindgang.oidc"
#: A host[:port] safe to write into a header (no spaces, semicolons or quotes).
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?")
#: Seconds of clock difference tolerated between us and the provider for exp/iat.
LEEWAY = 60


class SignInFailed(Exception):
    """The sign-in did not complete; ``reason`` is a code for the audit trail."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def settings() -> OidcSettings:
    """The OIDC settings of the current app."""
    return OidcSettings.from_config(current_app.config)


def client() -> FlaskOAuth2App:
    """The Authlib client for the current configuration (discovery is fetched once and kept,
    like the JWKS, which Authlib fetches again when a token names an unknown key)."""
    conf = settings()
    key = (conf.issuer, conf.client_id, conf.client_secret, conf.scopes, conf.timeout)
    clients = current_app.extensions.setdefault(_EXTENSION, {})
    if key not in clients:
        clients.clear()  # a changed configuration replaces the old client
        clients[key] = FlaskOAuth2App(
            FlaskIntegration("oidc"),
            "oidc",
            client_id=conf.client_id,
            client_secret=conf.client_secret,
            server_metadata_url=conf.discovery_url,
            client_kwargs={
                "scope": conf.scopes,
                "code_challenge_method": "S256",
                "default_timeout": conf.timeout,
            },
        )
    return clients[key]


def authorization_redirect(redirect_uri: str):
    """The redirect to the provider's authorization endpoint (state, nonce and PKCE kept in
    the session); SignInFailed("provider_unreachable") when discovery fails."""
    try:
        return client().authorize_redirect(redirect_uri)
    except (requests.RequestException, ValueError, RuntimeError):
        current_app.logger.warning("OIDC discovery failed", exc_info=True)
        raise SignInFailed("provider_unreachable") from None


def finish() -> tuple[dict[str, Any], str]:
    """Complete the flow on the callback request: (validated ID-token claims, raw ID token).

    SignInFailed with the reason: ``state`` (missing or not ours), ``provider_error`` (the
    provider answered with an error, e.g. the person cancelled), ``id_token`` (signature,
    issuer, audience, expiry or nonce wrong, or no ID token), ``provider_unreachable``.
    """
    conf = settings()
    oidc = client()
    try:
        metadata = oidc.load_server_metadata()
        if metadata.get("issuer") != conf.issuer:  # Discovery 1.0 §4.3: must be identical
            raise SignInFailed("issuer_mismatch")
        token = oidc.authorize_access_token(
            claims_options={"iss": {"essential": True, "values": [conf.issuer]}},
            leeway=LEEWAY,
        )
    except MismatchingStateError:
        raise SignInFailed("state") from None
    except JoseError:
        raise SignInFailed("id_token") from None
    except OAuthError:
        raise SignInFailed("provider_error") from None
    except AuthlibBaseError:
        raise SignInFailed("id_token") from None
    except (requests.RequestException, ValueError):
        current_app.logger.warning("OIDC token exchange failed", exc_info=True)
        raise SignInFailed("provider_unreachable") from None
    claims = token.get("userinfo")
    if not claims or not token.get("id_token"):
        raise SignInFailed("id_token")
    return dict(claims), token["id_token"]


def logout_url(id_token: str | None, come_back_to: str) -> str | None:
    """The provider's end-session URL (RP-initiated logout) bringing the person back to
    ``come_back_to``; None when the provider offers none or cannot be reached."""
    oidc = client()
    try:
        metadata = oidc.load_server_metadata()
    except (requests.RequestException, ValueError):
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    return oidc.create_logout_url(
        post_logout_redirect_uri=come_back_to,
        id_token_hint=id_token,
        client_id=settings().client_id,
    )["url"]


def form_action_origins() -> list[str]:
    """Origins a form on our pages may lead to: the logout button ends in a redirect to the
    provider's end-session endpoint, which the Content-Security-Policy's form-action must
    allow. With OIDC on, the issuer's origin always and the endpoints' once discovery has
    been fetched; nothing otherwise."""
    from app.auth import methods

    if not methods.oidc_on():
        return []
    urls = [settings().issuer]
    clients = current_app.extensions.get(_EXTENSION) or {}
    for oidc in clients.values():
        metadata = oidc.server_metadata
        urls += [metadata.get("authorization_endpoint"), metadata.get("end_session_endpoint")]
    origins = []
    for url in filter(None, urls):
        parts = urlsplit(url)
        if parts.scheme in ("https", "http") and _HOST.fullmatch(parts.netloc):
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(origins))

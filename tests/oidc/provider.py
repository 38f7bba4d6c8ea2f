"""A real OpenID provider for the tests, served over HTTP on 127.0.0.1 in a thread.

It speaks what enindgang uses of OpenID Connect, for real: discovery, the authorization
endpoint (code flow; PKCE with S256 required), the token endpoint (client_secret_basic or
client_secret_post; code, redirect URI and PKCE verifier checked, codes used once), RS256 ID
tokens signed with joserfc and published as a JWKS, and an end-session endpoint
(RP-initiated logout). Nothing in the app or in Authlib is mocked: the app fetches and
checks all of it over HTTP.

The person signing in is named by ``login_as=<sub>`` on the authorization request: the test
plays the person typing their credentials at the provider. ``misbehave(**claims)`` makes
the next ID token carry other claims (wrong ``aud``, ``iss``, an old ``exp``) and
``forge_next()`` signs the next one with a key the JWKS does not hold.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

CLIENT_ID = "enindgang-test"
CLIENT_SECRET = "test-client-secret-9f3a"
#: Where the app under test sends people back (the Flask test client's host; the tests
#: run as production does, over HTTPS).
APP_BASE = "https://localhost"
ID_TOKEN_SECONDS = 300


@dataclass
class Provider:
    """The provider's state: its keys, registered client, accounts, codes and what it saw."""

    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    logouts: list[dict[str, Any]] = field(default_factory=list)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)
    forge: bool = False
    issuer: str = ""
    app_base: str = APP_BASE

    def __post_init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key-1"}, private=True)
        # Same kid, other key: a forger's signature that only the math can tell apart.
        self.forger = RSAKey.generate_key(2048, parameters={"kid": "test-key-1"}, private=True)
        self.redirect_uris = {self.app_base + "/login/oidc/callback"}
        self.post_logout_uris = {self.app_base + "/login"}
        self._lock = threading.Lock()

    # -- what the tests call ------------------------------------------------------------
    def add_account(self, sub: str, **claims: Any) -> str:
        """Register (or replace) the account ``sub`` with its claims; returns sub."""
        with self._lock:
            self.accounts[sub] = dict(claims)
        return sub

    def misbehave(self, **claims: Any) -> None:
        """The next ID token gets these claims instead of the right ones."""
        self.overrides = dict(claims)

    def forge_next(self) -> None:
        """The next ID token is signed with a key the JWKS does not publish."""
        self.forge = True

    def reset(self) -> None:
        """Forget what the last test did (accounts stay: subs are unique per test)."""
        self.overrides, self.forge = {}, False
        self.logouts.clear()
        self.token_requests.clear()

    def metadata(self) -> dict[str, Any]:
        """The discovery document."""
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "end_session_endpoint": self.issuer + "/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        }

    # -- the endpoints --------------------------------------------------------------------
    def __call__(self, environ, start_response):
        """The WSGI application."""
        request = Request(environ)
        routes = {
            "/.well-known/openid-configuration": lambda r: _json(self.metadata()),
            "/jwks": lambda r: _json(KeySet([self.key]).as_dict(private=False)),
            "/authorize": self._authorize,
            "/token": self._token,
            "/logout": self._logout,
        }
        handler = routes.get(request.path)
        response = handler(request) if handler else Response("not found", status=404)
        return response(environ, start_response)

    def _authorize(self, request: Request) -> Response:
        args = request.args
        if args.get("client_id") != CLIENT_ID or args.get("redirect_uri") not in self.redirect_uris:
            return Response("unknown client or redirect_uri", status=400)
        back = args["redirect_uri"]
        problem = None
        if args.get("response_type") != "code":
            problem = "unsupported_response_type"
        elif "openid" not in args.get("scope", "").split():
            problem = "invalid_scope"
        elif args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
            problem = "invalid_request"  # PKCE is required
        elif "login_as" not in args:
            return self._chooser(request)  # a person at the keyboard (make run-oidc)
        elif args.get("login_as") not in self.accounts:
            problem = "access_denied"
        if problem:
            return _redirect(back, error=problem, state=args.get("state"))
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "sub": args["login_as"],
            "redirect_uri": back,
            "nonce": args.get("nonce"),
            "challenge": args["code_challenge"],
        }
        return _redirect(back, code=code, state=args.get("state"))

    def _chooser(self, request: Request) -> Response:
        """The provider's "login page" for a person trying the demo: one link per account."""
        items = "".join(
            f'<li><a href="{escape(request.full_path)}&amp;login_as={quote(sub)}">'
            f"{escape(claims.get('name', sub))}</a> ({escape(', '.join(claims.get('roles', [])) or '–')})</li>"
            for sub, claims in self.accounts.items()
        )
        page = (
            "<!doctype html><html lang=en><title>Test OpenID provider</title>"
            "<h1>Test OpenID provider (not for real use)</h1>"
            f"<p>Sign in as:</p><ul>{items}</ul></html>"
        )
        return Response(page, mimetype="text/html")

    def _token(self, request: Request) -> Response:
        form = request.form
        self.token_requests.append(dict(form))
        client_id, secret = _client_credentials(request)
        if client_id != CLIENT_ID or secret != CLIENT_SECRET:
            return _json({"error": "invalid_client"}, 401)
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or form.get("redirect_uri") != grant["redirect_uri"]
            or challenge.rstrip(b"=").decode() != grant["challenge"]
        ):
            return _json({"error": "invalid_grant"}, 400)
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant["sub"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + ID_TOKEN_SECONDS,
            "auth_time": now,
            **({"nonce": grant["nonce"]} if grant["nonce"] else {}),
            **self.accounts[grant["sub"]],
        }
        claims.update(self.overrides)
        self.overrides = {}
        key, self.forge = (self.forger if self.forge else self.key), False
        id_token = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
        return _json(
            {
                "access_token": secrets.token_urlsafe(24),
                "token_type": "Bearer",
                "expires_in": ID_TOKEN_SECONDS,
                "id_token": id_token,
            }
        )

    def _logout(self, request: Request) -> Response:
        args = request.args
        seen: dict[str, Any] = {"client_id": args.get("client_id"), "sub": None}
        hint = args.get("id_token_hint")
        if hint:
            try:
                seen["sub"] = jwt.decode(hint, self.key).claims["sub"]
            except (JoseError, ValueError):
                return Response("bad id_token_hint", status=400)
        self.logouts.append(seen)
        back = args.get("post_logout_redirect_uri")
        if back in self.post_logout_uris:
            return _redirect(back, state=args.get("state"))
        return Response("You are signed out.", status=200)


def _json(body: dict, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _redirect(url: str, **params: str | None) -> Response:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return Response(status=302, headers={"Location": f"{url}?{query}"})


def _client_credentials(request: Request) -> tuple[str | None, str | None]:
    """client_secret_basic (the Authorization header) or client_secret_post (the form)."""
    if request.authorization and request.authorization.type == "basic":
        return request.authorization.username, request.authorization.password
    return request.form.get("client_id"), request.form.get("client_secret")


class _QuietHandler(WSGIRequestHandler):
    """No access log: the URLs carry codes and tokens, and the test output stays readable."""

    def log_request(self, *args, **kwargs) -> None:
        pass


_running: Provider | None = None
_start_lock = threading.Lock()


def serve(provider: Provider, port: int = 0):
    """Serve the provider on 127.0.0.1 (port 0: any free one); its issuer is set. The server."""
    server = make_server("127.0.0.1", port, provider, threaded=True, request_handler=_QuietHandler)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    return server


def running() -> Provider:
    """The provider of this test process, started on first use (a daemon thread)."""
    global _running
    with _start_lock:
        if _running is None:
            provider = Provider()
            threading.Thread(target=serve(provider).serve_forever, daemon=True).start()
            _running = provider
    return _running


def main() -> None:
    """`make run-oidc`: the provider for the demo's people (and one with no role), so that a
    newcomer can try the sign-in with the municipality's account on their own machine."""
    import argparse

    from app.demo import DEMO_USERS

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--app", default="http://127.0.0.1:5000", help="enindgang's address")
    options = parser.parse_args()
    provider = Provider(app_base=options.app.rstrip("/"))
    for user in DEMO_USERS:
        provider.add_account(user.email, email=user.email, name=user.name, roles=[user.role.value])
    provider.add_account(
        "nobody", email="uden.rolle@demo.enindgang.dk", name="Ulla Uden Rolle", roles=[]
    )
    server = serve(provider, options.port)
    print(
        f"Test OpenID provider on {provider.issuer} for {options.app} (Ctrl+C stops it)", flush=True
    )
    server.serve_forever()


if __name__ == "__main__":
    main()


def app_config(provider: Provider, sign_in: str = "oidc", **extra: str) -> dict[str, Any]:
    """The app configuration that points enindgang at this provider."""
    return {
        "SIGN_IN": sign_in,
        "OIDC_ISSUER": provider.issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_SCOPES": "openid email profile",
        "OIDC_EMAIL_CLAIM": "email",
        "OIDC_NAME_CLAIM": "name",
        "OIDC_ROLES_CLAIM": "roles",
        "OIDC_ROLE_MAP": "",
        "OIDC_DEPARTMENT_CLAIM": "",
        **extra,
    }

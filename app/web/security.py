"""HTTP security headers, proxy handling and the per-request login check."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


#: Where else a form on our pages may lead (besides 'self'); the root installs the sign-in's
#: answer (app/__init__.py), so that this shared module imports no feature.
_form_action_sources: Callable[[], list[str]] = list


def set_form_action_sources(sources: Callable[[], list[str]]) -> None:
    """Install the function that names extra form-action origins for the current request
    (with OIDC on: the identity provider, where the logout button's redirect ends)."""
    global _form_action_sources
    _form_action_sources = sources


def _content_security_policy() -> str:
    """The policy, with the installed extra form-action origins."""
    origins = " ".join(_form_action_sources())
    if not origins:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("form-action 'self'", f"form-action 'self' {origins}")


def init_app(app: Flask) -> None:
    """Install the security headers and, if configured, trust X-Forwarded-* from proxies."""
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", _content_security_policy())
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if not request.path.startswith("/static/"):
            # Pages and downloads about children must not linger in any cache: set, not
            # defaulted, because send_file marks files "no-cache" (stored, revalidated).
            headers["Cache-Control"] = "no-store"
        return response

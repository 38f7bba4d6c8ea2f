"""Security headers, no inline script, no sensitive data in logs."""

from __future__ import annotations

import logging
import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "app"


def test_security_headers_on_pages(client):
    """Every page carries a strict CSP and the usual hardening headers."""
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_api_gets_headers_too(client):
    """JSON answers are hardened and not cached either."""
    response = client.get("/api/v1/cases")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_downloads_with_family_content_are_never_stored(api_as, make_case):
    """Word, Excel and JSON about a case: no-store (send_file's no-cache would let a shared
    browser or proxy keep a copy); static files may be cached."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    for path in (f"/cases/{case.id}/plan.docx", f"/cases/{case.id}/funding.xlsx"):
        response = api.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    static = api.client.get("/static/css/app.css")
    assert static.status_code == 200
    assert static.headers.get("Cache-Control") != "no-store"


def test_no_inline_script_or_handlers_in_templates():
    """The CSP forbids inline script, so templates must not contain any."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    style_attr = re.compile(r"\sstyle\s*=", re.I)
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (inline_script, handler, style_attr):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern.pattern}")
    assert offenders == []


def test_vendored_design_system_is_served_with_licence(client):
    """DKFDS CSS, JS and fonts are served from our own origin, with version and licence."""
    for asset in (
        "css/dkfds.min.css",
        "js/dkfds.min.js",
        "fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2",
    ):
        response = client.get(f"/static/vendor/dkfds/{asset}")
        assert response.status_code == 200, asset
        response.close()
    vendor = TEMPLATES / "static" / "vendor" / "dkfds"
    assert (vendor / "LICENSE.md").read_text().strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", (vendor / "VERSION").read_text().strip())


def test_failed_requests_do_not_log_typed_text(client, login_as, caplog):
    """Case text and CPR-like numbers typed into forms never reach the log."""
    caplog.set_level(logging.DEBUG)
    web = login_as("coordinator")
    secret = "0101011234 Familien Hemmelig"
    web.post_form("/sager", {"reference": "LOG-1", "title": secret}, page="/")
    web.post_form("/sager", {"reference": "bad ref", "title": secret}, page="/")
    client.post_form("/login", {"email": "0101011234@x.dk", "password": secret})
    assert "0101011234" not in caplog.text
    assert "Hemmelig" not in caplog.text


def test_unexpected_error_is_a_danish_500_page_and_logs_no_request_data(own_app, caplog):
    """A crash answers the 500 page, logs the route, and not the form content."""
    app = own_app  # adds a route: the app shared by the session must not get it

    @app.get("/boom")
    def boom():  # pragma: no cover - executed through the client
        from flask import request

        raise RuntimeError(request.args["note"])  # the message carries what the user sent

    caplog.set_level(logging.ERROR)
    response = app.test_client().get("/boom?note=Familien+Hemmelig+0101011234")
    assert response.status_code == 500
    assert "Der skete en fejl hos os" in response.get_data(as_text=True)
    assert "0101011234" not in caplog.text and "Hemmelig" not in caplog.text
    assert "RuntimeError" in caplog.text and "boom" in caplog.text  # where, for developers


# Every form POST refusing a request without a CSRF token: tests/test_authz_matrix.py,
# over every route of the URL map with real ids.

"""The app served as users run it: `enindgang run` (make run) and gunicorn with workers."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest

from app.demo import DEMO_USERS, seed_demo
from app.extensions import db

BIN = os.path.dirname(sys.executable)


def _free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _serving(args, env, port):
    """Start a server process and wait until it answers, then stop it."""
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5).close()
                break
            except (urllib.error.URLError, OSError):  # not up yet, or still booting
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read() if proc.stdout else ""
                    pytest.fail(f"server did not start: {output[-3000:]}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


class Browser:
    """A cookie-keeping HTTP client that fills in forms like a person."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str, str]:
        """GET a page; returns status, final URL and body."""
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()

    def post_form(self, path: str, page: str, data: dict) -> tuple[int, str, str]:
        """POST a form with the CSRF token found on `page`."""
        _, _, html = self.get(page)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, **data}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + page}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, path, error.read().decode()


def _environment(app, database_url, tmp_path, **extra):
    """Environment for a server process using the test database."""
    with app.app_context():
        seed_demo()
        db.session.commit()
    env = dict(
        os.environ,
        ENINDGANG_DATABASE_URL=database_url,
        ENINDGANG_INSTANCE_PATH=str(tmp_path),
        ENINDGANG_SECRET_KEY="serving-test-key",
        **extra,
    )
    return env


def _demo_login_and_create_case(base: str, reference: str) -> Browser:
    """Log in as the demo coordinator and open a case; returns the logged-in browser."""
    coordinator = next(u for u in DEMO_USERS if u.role == "coordinator")
    browser = Browser(base)
    status, url, html = browser.post_form(
        "/login", "/login", {"email": coordinator.email, "password": coordinator.password}
    )
    assert status == 200 and url.endswith("/"), html[:500]
    assert "Mine sager" in html
    status, url, html = browser.post_form(
        "/sager", "/", {"reference": reference, "title": "Via server"}
    )
    assert status == 200 and "/sager/" in url, html[:500]
    return browser


def test_enindgang_run_serves_login_and_demo_login_works(app, database_url, tmp_path):
    """What `make run` starts: the Flask server in development mode."""
    port = _free_port()
    env = _environment(app, database_url, tmp_path, ENINDGANG_ENV="development")
    args = [os.path.join(BIN, "enindgang"), "run", "--host", "127.0.0.1", "--port", str(port)]
    with _serving(args, env, port) as base:
        status, _, html = Browser(base).get("/login")
        assert status == 200 and "Log ind" in html
        browser = _demo_login_and_create_case(base, "RUN-1")
        assert "RUN-1" in browser.get("/")[2]


def test_gunicorn_with_several_workers_shares_sessions_through_the_database(
    app, database_url, tmp_path
):
    """Production shape: several workers, nothing kept in process memory between requests."""
    port = _free_port()
    env = _environment(app, database_url, tmp_path, ENINDGANG_ENV="development")
    args = [
        os.path.join(BIN, "gunicorn"),
        "--workers",
        "3",
        "--bind",
        f"127.0.0.1:{port}",
        "app:create_app()",
    ]
    with _serving(args, env, port) as base:
        browser = _demo_login_and_create_case(base, "GUN-1")
        # Many requests land on different workers; every one must know the session.
        for _ in range(12):
            status, url, html = browser.get("/")
            assert status == 200 and "GUN-1" in html, url
        status, url, _ = browser.post_form("/logout", "/", {})
        assert url.endswith("/login")
        for _ in range(6):
            assert "/login" in browser.get("/")[1]

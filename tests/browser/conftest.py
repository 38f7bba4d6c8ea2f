"""Browser tests: the real app served over HTTP, driven by Debian's Chromium via Playwright.

The server is one werkzeug server in a background thread for the test session (for each
pytest-xdist worker), on a free port on 127.0.0.1, against its own migrated and demo-seeded SQLite file; it is started by
the first browser test and stopped at the end of the session. Tests share it, so each test
makes its own data (unique references) and must not rely on what others created.
The browser is always the system Chromium (`tests.tools.require_chromium`); Playwright's own
downloaded browsers are never used, so `playwright install` is not needed.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import request
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from app.demo import seed_demo
from app.extensions import db, limiter
from tests.conftest import make_test_app
from tests.tools import require_chromium

_HERE = Path(__file__).parent
_log = logging.getLogger("tests.browser.live_server")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser as `browser`, and run it on Chromium only."""
    for item in items:
        if _HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.only_browser("chromium"))


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """Launch the system Chromium, never a browser downloaded by `playwright install`."""
    return {"executable_path": require_chromium(), "args": CHROMIUM_ARGS}


class _QuietHandler(WSGIRequestHandler):
    """Send the access log to a logger that pytest captures instead of to stderr."""

    def log(self, type: str, message: str, *args) -> None:
        getattr(_log, type if type in {"info", "warning", "error"} else "info")(
            "%s - " + message, self.address_string(), *args
        )


@dataclass
class LiveServer:
    """The running app: its base URL, the Flask app, and any 5xx responses it served."""

    url: str
    app: object
    server_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def live_server(migrated_sqlite, tmp_path_factory) -> Iterator[LiveServer]:
    """Serve the app over plain HTTP on 127.0.0.1 (free port) on its own demo database."""
    path = tmp_path_factory.mktemp("browser-db") / "browser.sqlite3"
    shutil.copyfile(migrated_sqlite, path)
    url = f"sqlite:///{path}"
    app = make_test_app(
        url,
        # The browser talks plain HTTP to localhost: no Secure cookie, http URLs.
        PREFERRED_URL_SCHEME="http",
        SESSION_COOKIE_SECURE=False,
        # Show the app's own 500 page, as users would see it (and record it below).
        PROPAGATE_EXCEPTIONS=False,
    )
    with app.app_context():
        seed_demo()
        db.session.commit()
        db.session.remove()
    limiter.reset()

    live = LiveServer(url="", app=app)

    @app.after_request
    def _record_server_errors(response):
        if response.status_code >= 500:
            live.server_errors.append(f"{request.method} {request.path} -> {response.status}")
        return response

    server: BaseWSGIServer = make_server(
        "127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler
    )
    live.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    """Pages resolve relative URLs against the live server: `page.goto("/login")`.

    (Also replaces pytest-playwright's fallback `base_url`, which pytest 9 deprecates.)
    """
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, base_url: str) -> dict:
    """Danish, Copenhagen time, desktop size, relative URLs against the live server.

    base_url is set here too: pytest-playwright's own context args are computed once per
    session, and browser tests elsewhere (tests/formengine) run with no base URL."""
    return {
        **browser_context_args,
        "base_url": base_url,
        "locale": "da-DK",
        "timezone_id": "Europe/Copenhagen",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture(autouse=True)
def _no_server_errors(request) -> Iterator[None]:
    """Fail a browser test whose requests made the server answer 5xx."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live: LiveServer = request.getfixturevalue("live_server")
    del live.server_errors[:]
    yield
    assert not live.server_errors, f"the server answered with errors: {live.server_errors}"


# Reports CSP violations to the console too (Chromium also logs its own "Refused to …"
# message); init scripts are injected by the browser itself, so the CSP does not block this.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective
                + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile);
});
"""


@dataclass
class PageProblems:
    """What went wrong in the browser: console errors (CSP included) and uncaught exceptions."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def csp_violations(self) -> list[str]:
        """Console messages about the Content Security Policy."""
        return [m for m in self.console_errors if "Content Security Policy" in m]

    def all(self) -> list[str]:
        """Every problem, for an assertion message."""
        return self.console_errors + self.page_errors

    def clear(self) -> None:
        """Forget what was seen so far (for a test that provokes problems on purpose)."""
        self.console_errors.clear()
        self.page_errors.clear()


@pytest.fixture
def page_problems() -> PageProblems:
    """The problems the `page` of this test ran into."""
    return PageProblems()


@pytest.fixture
def page(page, page_problems: PageProblems):
    """pytest-playwright's page, failing the test on console errors and uncaught exceptions."""
    page.add_init_script(_CSP_LISTENER)

    def on_console(message) -> None:
        where = message.location.get("url") or page.url
        if message.type == "error":
            page_problems.console_errors.append(f"{message.text} ({where})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page_problems.page_errors.append(str(error)))
    yield page
    assert not page_problems.all(), f"problems in the browser: {page_problems.all()}"

"""Shared fixtures: the app on a real SQLite or PostgreSQL database, clients and factories.

Every database test runs twice, on SQLite and on PostgreSQL (ENINDGANG_TEST_POSTGRES_URL).
Each backend is migrated once per session (per xdist worker) with Alembic, and its two apps
(see `app`) are built once per session too; each test starts from the migrated, empty
database: SQLite gets a fresh copy of the migrated file, PostgreSQL has its tables
truncated. Every test runs under a fixed clock (tests/clock.py).
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from flask import Flask
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from werkzeug.security import generate_password_hash

from app import create_app
from app.auth import services as auth_services
from app.extensions import db, limiter
from tests.tools import missing, postgres_url

pytest_plugins = ["tests.helpers", "tests.clock"]

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", autouse=True)
def _instance_path(tmp_path_factory) -> Iterator[str]:
    """Keep the secret key file and SQLite files of tests out of the repository."""
    path = str(tmp_path_factory.mktemp("instance"))
    mp = pytest.MonkeyPatch()
    mp.setenv("ENINDGANG_INSTANCE_PATH", path)
    mp.delenv("ENINDGANG_DATABASE_URL", raising=False)
    mp.delenv("ENINDGANG_SECRET_KEY", raising=False)
    yield path
    mp.undo()


def _test_config(url: str, **extra) -> dict:
    """Configuration for an app under test."""
    config = {
        "TESTING": True,
        "ENINDGANG_ENV": "testing",
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": url,
        # Tests run as production does: HTTPS, secure cookies, CSRF referrer checks.
        "PREFERRED_URL_SCHEME": "https",
        "SESSION_COOKIE_SECURE": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        # Codes are printed, as in development (production's default, SMTP, is tested in
        # tests/familylink/test_codes.py); tests that read codes place their own sender.
        "FAMILY_CODE_SENDER": "console",
        # scrypt costs a quarter of a second per hash here and the suite creates hundreds
        # of users; test_config.py checks that production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    config.update(extra)
    return config


def migrate_database(url: str) -> None:
    """Run every Alembic migration against the database at url."""
    from flask_migrate import upgrade

    app = create_app(_test_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


def seed_database(url: str) -> None:
    """Migrate the database at url and store the built-in forms, as `db upgrade` and the
    first request would: every test starts from this state."""
    from app.forms.definitions import sync_builtin_forms

    migrate_database(url)
    app = make_test_app(url)
    with app.app_context():
        sync_builtin_forms()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def worker_id() -> str:
    """The pytest-xdist worker running this process ("gw0", …), or "main" without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The admin URL of the test PostgreSQL server, or skip/fail when there is none."""
    url = postgres_url()
    if not url:
        missing("PostgreSQL not configured; set ENINDGANG_TEST_POSTGRES_URL (see .ci/run)")
    return url


def create_postgres_database(admin_url: str) -> str:
    """Create a fresh, uniquely named database and return its URL."""
    name = f"enindgang_test_{worker_id()}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_psycopg(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(_psycopg(admin_url)).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(admin_url: str, url: str) -> None:
    """Drop a database made by create_postgres_database."""
    name = make_url(url).database
    admin = create_engine(_psycopg(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _psycopg(url: str) -> str:
    """Use the psycopg 3 driver for a postgresql:// URL."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> str:
    """Path of a migrated, empty SQLite file to copy per test."""
    path = tmp_path_factory.mktemp("db") / "migrated.sqlite3"
    seed_database(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def migrated_postgres(postgres_server) -> Iterator[str]:
    """URL of this worker's migrated PostgreSQL database (tables emptied per test)."""
    url = create_postgres_database(postgres_server)
    seed_database(url)
    yield url
    drop_postgres_database(postgres_server, url)


@dataclass
class SessionApps:
    """One backend's database and the two apps on it, built once for the session.

    `reset` brings the database back to its migrated, empty state; `restore` undoes what a
    test changed in the apps' configuration.
    """

    url: str
    served: Flask
    test_side: Flask
    reset: Callable[[], None]
    _configs: dict[int, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for app in (self.served, self.test_side):
            self._configs[id(app)] = dict(app.config)
            # Shared by every test: refuse new routes and hooks from the start (Flask's own
            # check after a first request), so no test can leak one into the next; a test
            # that must change the app uses `own_app`.
            app._got_first_request = True

    def restore(self) -> None:
        """Give both apps back the configuration they were built with."""
        for app in (self.served, self.test_side):
            app.config.clear()
            app.config.update(self._configs[id(app)])

    def dispose(self) -> None:
        """Close every pooled connection of both apps."""
        for app in (self.served, self.test_side):
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def _build_apps(url: str, reset: Callable[[], None]) -> SessionApps:
    """The served app and the test-side app on the database at url."""
    return SessionApps(url, make_test_app(url), make_test_app(url), reset)


def make_test_app(url: str, **config) -> Flask:
    """An app under test on the database at url (SQLite without waiting for the disk)."""
    app = create_app(_test_config(url, **config))
    if url.startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_without_fsync)
    return app


def _sqlite_without_fsync(dbapi_connection, _record) -> None:
    """Skip fsync: a test database need not survive a power cut, and every commit is
    otherwise a disk flush (a third of the SQLite tests' time on a busy machine)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


@pytest.fixture(scope="session", autouse=True)
def _cheap_dummy_password_hash() -> Iterator[None]:
    """Log-ins with an unknown e-mail check a dummy hash as slow as a real one; in tests
    real ones are cheap (PASSWORD_HASH_METHOD), so the dummy is made as cheap."""
    mp = pytest.MonkeyPatch()
    method = _test_config("")["PASSWORD_HASH_METHOD"]
    mp.setattr(auth_services, "_DUMMY_HASH", generate_password_hash("x", method=method))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def _sqlite_apps(migrated_sqlite, tmp_path_factory) -> Iterator[SessionApps]:
    """The session's apps on a SQLite file that is replaced by a fresh copy per test."""
    path = tmp_path_factory.mktemp("sqlite") / "test.sqlite3"
    shutil.copyfile(migrated_sqlite, path)

    def reset() -> None:
        apps.dispose()
        # A new file (new inode) rather than writing over the old one: a connection a test
        # leaked keeps the old file and cannot see or damage the next test's database.
        fresh = path.with_suffix(".fresh")
        shutil.copyfile(migrated_sqlite, fresh)
        os.replace(fresh, path)

    apps = _build_apps(f"sqlite:///{path}", reset)
    yield apps
    apps.dispose()


@pytest.fixture(scope="session")
def _postgres_apps(migrated_postgres) -> Iterator[SessionApps]:
    """The session's apps on this worker's PostgreSQL database, truncated after each test
    and given back the rows it was seeded with (the built-in forms)."""
    tables = db.metadata.sorted_tables
    truncate = text(
        "TRUNCATE {} RESTART IDENTITY CASCADE".format(", ".join(f'"{t.name}"' for t in tables))
    )

    def reset() -> None:
        for app in (apps.served, apps.test_side):
            with app.app_context():
                db.session.remove()
        with apps.test_side.app_context(), db.engine.begin() as conn:
            # A connection a test left inside a transaction would block TRUNCATE forever.
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            conn.execute(truncate)
            for table, rows in seed:
                conn.execute(table.insert(), rows)
                if "id" in table.c:
                    conn.execute(
                        text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                        {"t": f'"{table.name}"', "n": max(row["id"] for row in rows)},
                    )

    apps = _build_apps(migrated_postgres, reset)
    with apps.test_side.app_context(), db.engine.connect() as conn:
        seed = [(t, [dict(r) for r in conn.execute(t.select()).mappings()]) for t in tables]
        seed = [(table, rows) for table, rows in seed if rows]
    yield apps
    apps.dispose()


@pytest.fixture(params=BACKENDS)
def _session_apps(request) -> Iterator[SessionApps]:
    """This test's backend; afterwards its database and apps are as the session built them."""
    apps: SessionApps = request.getfixturevalue(
        "_sqlite_apps" if request.param == "sqlite" else "_postgres_apps"
    )
    try:
        yield apps
    finally:
        apps.restore()
        apps.reset()


@pytest.fixture
def database_url(_session_apps: SessionApps) -> str:
    """A migrated, empty database on each backend."""
    return _session_apps.url


@pytest.fixture
def app(_session_apps: SessionApps) -> Iterator[Flask]:
    """The served application on a migrated, empty database.

    Test code talks to the same database through a second app whose context is pushed for
    the whole test. Requests therefore always get their own app context and `g`, as in
    production; a request sharing the test's context would keep Flask-Login's cached user
    and Flask-WTF's CSRF token from one request to the next. Both apps are built once per
    session; the database is emptied and their configuration restored after each test.
    """
    limiter.reset()
    with _session_apps.test_side.app_context():
        yield _session_apps.served
        db.session.remove()


@pytest.fixture
def own_app(_session_apps: SessionApps) -> Iterator[Flask]:
    """A served app of the test's own, on the same database, for a test that changes the
    app itself (adds a route or a hook), which the app shared by the session must not get.
    Slower than `app` (a new app); the test-side context is pushed as for `app`."""
    served = make_test_app(_session_apps.url)
    limiter.reset()
    with _session_apps.test_side.app_context():
        yield served
        db.session.remove()
    with served.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()

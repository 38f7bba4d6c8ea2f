"""Shared fixtures: the app on a real SQLite or PostgreSQL database, clients and factories.

Every database test runs twice, on SQLite and on PostgreSQL (ENINDGANG_TEST_POSTGRES_URL).
Each backend is migrated once per session with Alembic; each test starts from empty tables.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db, limiter
from tests.tools import missing, postgres_url

pytest_plugins = ["tests.helpers"]

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


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The admin URL of the test PostgreSQL server, or skip/fail when there is none."""
    url = postgres_url()
    if not url:
        missing("PostgreSQL not configured; set ENINDGANG_TEST_POSTGRES_URL (see .ci/run)")
    return url


def create_postgres_database(admin_url: str) -> str:
    """Create a fresh, uniquely named database and return its URL."""
    name = "enindgang_test_" + uuid.uuid4().hex[:10]
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
    migrate_database(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def migrated_postgres(postgres_server) -> Iterator[str]:
    """URL of a migrated PostgreSQL database shared by the session (tables emptied per test)."""
    url = create_postgres_database(postgres_server)
    migrate_database(url)
    yield url
    drop_postgres_database(postgres_server, url)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("migrated_postgres")
    yield url
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = [t.name for t in db.metadata.sorted_tables]
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def app(database_url):
    """The served application on a fresh database.

    Test code talks to the same database through a second app instance whose context is
    pushed for the whole test. Requests therefore always get their own app context and
    `g`, as in production; a request sharing the test's context would keep Flask-Login's
    cached user and Flask-WTF's CSRF token from one request to the next.
    """
    served = create_app(_test_config(database_url))
    test_side = create_app(_test_config(database_url))
    limiter.reset()
    with test_side.app_context():
        yield served
        db.session.remove()
        db.engine.dispose()
    with served.app_context():
        db.engine.dispose()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()

"""Alembic migrations build the schema on empty SQLite and PostgreSQL, with no drift."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.extensions import db
from tests.conftest import (
    BACKENDS,
    create_postgres_database,
    drop_postgres_database,
    migrate_database,
)


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path):
    """A brand-new, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/empty.sqlite3"
        return
    server = request.getfixturevalue("postgres_server")
    url = create_postgres_database(server)
    yield url
    drop_postgres_database(server, url)


def test_migrations_run_on_empty_database_and_match_the_models(empty_database):
    """Upgrading an empty database gives exactly the tables and columns the models declare."""
    from sqlalchemy import create_engine

    migrate_database(empty_database)
    engine = create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert {t.name for t in db.metadata.sorted_tables} <= tables
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations drift apart: {diff}"

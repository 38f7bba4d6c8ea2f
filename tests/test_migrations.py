"""Alembic migrations build the schema on empty SQLite and PostgreSQL, with no drift."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.database import OPTIONAL_INDEXES, include_in_comparison
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
        options = {"compare_type": True, "include_object": include_in_comparison}
        context = MigrationContext.configure(conn, opts=options)
        diff = compare_metadata(context, db.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations drift apart: {diff}"


def test_0014_keeps_free_text_team_roles_as_keys_or_notes(empty_database):
    """A team role typed as a vocabulary label becomes its key; other text becomes the note;
    going back down restores the text."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import create_engine, text

    from app import create_app
    from tests.conftest import _test_config

    app = create_app(_test_config(empty_database))
    engine = create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with app.app_context():
        upgrade(revision="0011")
        with engine.begin() as conn:
            for user_id in (1, 2, 3, 4):
                conn.execute(
                    text(
                        "INSERT INTO users (id, email, name, role, password_hash, active, "
                        "created_at) VALUES (:id, :email, 'U', 'coordinator', 'x', true, "
                        "CURRENT_TIMESTAMP)"
                    ),
                    {"id": user_id, "email": f"u{user_id}@x.dk"},
                )
            conn.execute(
                text(
                    "INSERT INTO cases (id, reference, title, coordinator_id, status, neutral_title, "
                    "created_at, updated_at) VALUES (1, 'M-1', 'T', 1, 'open', '', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            for user_id, role in ((2, "PPR-psykolog"), (3, "AKT-lærer på skolen"), (4, "")):
                conn.execute(
                    text(
                        "INSERT INTO case_members (case_id, user_id, team_role, added_at) "
                        "VALUES (1, :u, :r, CURRENT_TIMESTAMP)"
                    ),
                    {"u": user_id, "r": role},
                )
        upgrade()
        query = "SELECT user_id, team_role, team_note FROM case_members ORDER BY user_id"
        with engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(text(query))]
        assert rows == [(2, "ppr_psykolog", ""), (3, "", "AKT-lærer på skolen"), (4, "", "")]
        downgrade(revision="0011")
        with engine.connect() as conn:
            roles = [
                r[0]
                for r in conn.execute(text("SELECT team_role FROM case_members ORDER BY user_id"))
            ]
        assert roles == ["ppr_psykolog", "AKT-lærer på skolen", ""]
        db.engine.dispose()
    engine.dispose()


def test_0023_adds_the_search_indexes_where_postgresql_can_have_them(empty_database):
    """PostgreSQL (pg_trgm available, the test user may create it): the four trigram indexes
    exist, and the case search's shape can use them; SQLite gets none and needs none."""
    import importlib

    from sqlalchemy import create_engine, text

    migration = importlib.import_module("app.migrations.versions.0023_search_trigram_indexes")
    assert {name for name, _t, _c in migration.INDEXES} == OPTIONAL_INDEXES
    migrate_database(empty_database)
    engine = create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        names = {
            index["name"]
            for table in ("cases", "case_phases")
            for index in inspect(conn).get_indexes(table)
        }
        if engine.dialect.name == "sqlite":
            assert not names & OPTIONAL_INDEXES
            return
        assert OPTIONAL_INDEXES <= names
        conn.execute(text("SET enable_seqscan = off"))  # a tiny table: make the choice visible
        plan = "\n".join(
            conn.execute(
                text("EXPLAIN SELECT id FROM cases WHERE lower(title) LIKE '%emma sover%'")
            ).scalars()
        )
    engine.dispose()
    assert "ix_cases_title_trgm" in plan, plan

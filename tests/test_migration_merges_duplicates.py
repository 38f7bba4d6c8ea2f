"""Migration 0016 folds duplicate (case, form) submissions left by first-save races into one
submission's history, losing no text, and then makes a second one impossible."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from app.extensions import db
from tests.conftest import BACKENDS, _test_config, create_postgres_database, drop_postgres_database

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def database_at_0011(request, tmp_path):
    """An app on a database migrated up to 0011 (before the unique index)."""
    from app import create_app

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/old.sqlite3"
    else:
        server = request.getfixturevalue("postgres_server")
        url = create_postgres_database(server)
    app = create_app(_test_config(url))
    with app.app_context():
        upgrade(revision="0011")
        yield app
        db.session.remove()
        db.engine.dispose()
    if request.param != "sqlite":
        drop_postgres_database(server, url)


def _insert(connection, table: str, **values) -> int:
    """Insert one row with plain SQL (the schema as it was at 0011); its id."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
    return connection.execute(reflected.insert().values(**values)).inserted_primary_key[0]


def _submission(connection, case_id, definition_id, user_id, texts: list[str], at) -> int:
    """A submission with one revision per text (the last is its current data)."""
    sid = _insert(
        connection,
        "submissions",
        form_name="smarte_maal",
        case_id=case_id,
        definition_id=definition_id,
        title="",
        status="draft",
        data={"note": texts[-1]},
        version=len(texts),
        created_at=at,
        updated_at=at,
        updated_by_id=user_id,
    )
    for number, text in enumerate(texts, start=1):
        _insert(
            connection,
            "submission_revisions",
            submission_id=sid,
            version=number,
            definition_id=definition_id,
            status="draft",
            data={"note": text},
            saved_at=at,
            saved_by_id=user_id,
            note="",
        )
    return sid


def test_duplicates_are_merged_into_one_history_and_the_index_is_unique(database_at_0011):
    """Two submissions of one case's form → one, whose history holds every text and ends
    with the kept text; a third insert is refused by the database. On SQLite it also shows
    that rebuilding `cases` in a batch migration (0013) no longer cascades: the forms of the
    case survive the upgrade (foreign keys are off while migrating, see migrations/env.py)."""
    with db.engine.begin() as connection:
        user = _insert(
            connection,
            "users",
            email="a@example.org",
            name="A",
            role="coordinator",
            password_hash="x",
            active=True,
            created_at=T0,
        )
        case = _insert(
            connection,
            "cases",
            reference="DUP-1",
            title="Familien",
            coordinator_id=user,
            status="open",
            created_at=T0,
            updated_at=T0,
        )
        definition = _insert(
            connection,
            "form_definitions",
            name="smarte_maal",
            version=1,
            source="name: smarte_maal",
            checksum="0" * 64,
            scope="case",
            title="SMARTE",
            origin="builtin",
            note="",
            created_at=T0,
        )
        older = _submission(connection, case, definition, user, ["Anne 1", "Anne 2"], T0)
        newer = _submission(connection, case, definition, user, ["Bo 1"], T0.replace(hour=10))
    upgrade()
    with db.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT id, version, data FROM submissions")).all()
        assert [(r.id, r.version) for r in rows] == [(newer, 4)]  # the older one is folded in
        assert older not in {r.id for r in rows}
        history = connection.execute(
            sa.text(
                "SELECT version, data, note FROM submission_revisions "
                "WHERE submission_id = :s ORDER BY version"
            ),
            {"s": newer},
        ).all()
    texts = [(r.version, _json(r.data)["note"]) for r in history]
    assert texts == [(1, "Bo 1"), (2, "Anne 1"), (3, "Anne 2"), (4, "Bo 1")]
    assert "flettet" in history[1].note and "flettet" in history[3].note
    with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
        _submission(connection, case, definition, user, ["Igen"], T0)


def _json(value):
    """A JSON column's value (PostgreSQL gives a dict, SQLite may give text)."""
    import json

    return json.loads(value) if isinstance(value, str) else value

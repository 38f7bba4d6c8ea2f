"""`enindgang export` → an empty installation → `enindgang import` → export again gives the
same file, on SQLite and PostgreSQL (the demo holds every kind of data); the way from SQLite
to PostgreSQL; an import into a database that is not empty, or of a broken file, imports
nothing and says why."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.backup import services
from app.extensions import db
from app.models import Case, Meeting, Submission, User
from tests.conftest import (
    BACKENDS,
    create_postgres_database,
    drop_postgres_database,
    make_test_app,
    migrate_database,
)


def _fresh(request, tmp_path, backend: str, name: str):
    """A served app on a new migrated database of ``backend``; (app, cleanup)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path}/{name}.sqlite3"
        migrate_database(url)
        return make_test_app(url), lambda: None
    server = request.getfixturevalue("postgres_server")
    url = create_postgres_database(server)
    migrate_database(url)
    return make_test_app(url), lambda: drop_postgres_database(server, url)


def _invoke(app, *args):
    """Run an enindgang command against ``app``."""
    return app.test_cli_runner().invoke(args=list(args))


@pytest.mark.parametrize("target", BACKENDS)
@pytest.mark.parametrize("source", BACKENDS)
def test_export_import_export_is_the_same_file(request, tmp_path, source, target):
    """The demo installation survives the round trip exactly, also from SQLite to PostgreSQL
    (and back), ids, revisions, binary logos, dates and the audit trail included."""
    first, cleanup_first = _fresh(request, tmp_path, source, "source")
    second, cleanup_second = _fresh(request, tmp_path, target, "target")
    try:
        with first.app_context():
            from app.demo import seed_demo

            seed_demo()
            db.session.commit()
            with db.engine.connect() as connection:
                exported = services.export_installation(connection, db.metadata)
            cases = db.session.scalar(select(func.count()).select_from(Case))
        path = tmp_path / "backup.zip"
        path.write_bytes(exported)
        done = _invoke(second, "import", str(path))
        assert done.exit_code == 0, done.output
        with second.app_context():
            with db.engine.connect() as connection:
                again = services.export_installation(connection, db.metadata)
            assert db.session.scalar(select(func.count()).select_from(Case)) == cases
            assert db.session.scalar(select(func.count()).select_from(Meeting)) > 0
            assert db.session.scalar(select(func.count()).select_from(Submission)) > 0
            # New rows continue after the imported ids (PostgreSQL sequences are reset).
            user = User(email="ny@example.dk", name="Ny", role="coordinator", password_hash="x")
            db.session.add(user)
            db.session.commit()
        assert again == exported
    finally:
        with first.app_context():
            db.engine.dispose()
        with second.app_context():
            db.session.remove()
            db.engine.dispose()
        cleanup_first()
        cleanup_second()


def test_import_refuses_a_database_that_is_not_empty_and_a_broken_file(request, tmp_path):
    """Nothing is imported, and the reason is given."""
    app, cleanup = _fresh(request, tmp_path, "sqlite", "full")
    try:
        with app.app_context():
            from app.demo import seed_demo

            seed_demo()
            db.session.commit()
            with db.engine.connect() as connection:
                exported = services.export_installation(connection, db.metadata)
        path = tmp_path / "backup.zip"
        path.write_bytes(exported)
        refused = _invoke(app, "import", str(path))
        assert refused.exit_code != 0 and "not empty" in refused.output
        broken = tmp_path / "broken.zip"
        broken.write_bytes(b"not a zip")
        refused = _invoke(app, "import", str(broken))
        assert refused.exit_code != 0 and "not an enindgang backup" in refused.output
    finally:
        with app.app_context():
            db.engine.dispose()
        cleanup()


def test_the_export_command_writes_the_file_and_is_audited(request, tmp_path):
    """`enindgang export OUT` writes the zip and records that it was made."""
    from app.models import AuditEvent

    app, cleanup = _fresh(request, tmp_path, "sqlite", "cmd")
    try:
        out = tmp_path / "out.zip"
        done = _invoke(app, "export", str(out))
        assert done.exit_code == 0 and out.read_bytes().startswith(b"PK")
        with app.app_context():
            actions = set(db.session.scalars(select(AuditEvent.action)))
            assert "installation_exported" in actions
            db.engine.dispose()
    finally:
        cleanup()

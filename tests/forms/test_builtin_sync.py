"""Built-in forms are stored by `db upgrade`, at start-up and by `demo` - never per request."""

from __future__ import annotations

import os
import time

from sqlalchemy import false, func, inspect, select

from app import create_app
from app.extensions import db
from app.forms import definitions
from app.models import FormVersion
from tests.conftest import _test_config
from tests.forms.conftest import GOALS_V1


def _builtin_versions() -> int:
    """How many built-in form versions the test's database holds."""
    return db.session.scalar(
        select(func.count()).select_from(FormVersion).where(FormVersion.origin == "builtin")
    )


def test_start_up_stores_the_builtin_forms(app):
    """The `app` fixture's start-up on a migrated, empty database stored every built-in form."""
    names = set(definitions._builtin_sources())
    assert names and _builtin_versions() == len(names)
    assert {f.name for f in definitions.list_forms()} >= names


def test_db_upgrade_stores_a_new_builtin_version(app, runner, monkeypatch):
    """A changed or new forms/*.yaml is stored by `enindgang db upgrade` (and only once)."""
    before = _builtin_versions()
    changed = dict(definitions._builtin_sources())
    changed["smarte_maal"] += "\n# a new built-in version\n"
    changed["test_goals"] = GOALS_V1
    monkeypatch.setattr(definitions, "_builtin_sources", lambda folder=None: changed)
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "2 new version(s) stored" in result.output
    db.session.expire_all()
    assert _builtin_versions() == before + 2
    assert definitions.current_version("smarte_maal").source == changed["smarte_maal"]
    assert definitions.current_version("test_goals").version == 1
    again = runner.invoke(args=["db", "upgrade"])
    assert "0 new version(s) stored" in again.output


def test_start_up_before_db_upgrade_skips_then_upgrade_stores(tmp_path):
    """On a database that is not migrated yet, start-up stores nothing and does not fail;
    `db upgrade` then creates the schema and stores the built-in forms."""
    url = f"sqlite:///{tmp_path}/new.sqlite3"
    fresh = create_app(_test_config(url))
    with fresh.app_context():
        assert not inspect(db.engine).has_table("form_definitions")
        db.engine.dispose()
    result = fresh.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with fresh.app_context():
        stored = db.session.scalar(select(func.count()).select_from(FormVersion))
        db.engine.dispose()
    assert stored == len(definitions._builtin_sources())


def test_start_up_survives_an_unreachable_database(tmp_path, caplog):
    """Start-up never fails because the forms could not be stored (logged instead)."""
    folder = tmp_path / "a-folder-not-a-database"
    folder.mkdir()
    app = create_app(_test_config(f"sqlite:///{folder}"))
    assert app.name == "app"
    assert "Built-in forms not stored at start-up" in caplog.text


def test_start_up_does_not_create_a_sqlite_file(tmp_path):
    """Before `db upgrade` there is nothing to store, and no empty database file is made."""
    create_app(_test_config(f"sqlite:///{tmp_path}/later.sqlite3"))
    assert not (tmp_path / "later.sqlite3").exists()


def test_a_worker_that_read_before_another_stored_adds_nothing(app, monkeypatch):
    """Workers starting together: one that read the stored checksums before another worker
    stored them checks again inside its own transaction, so nothing is stored twice."""
    before = _builtin_versions()
    stale = db.session.execute
    monkeypatch.setattr(
        db.session, "execute", lambda *a, **k: stale(select(FormVersion.name).where(false()))
    )
    assert definitions.sync_builtin_forms() == 0
    monkeypatch.undo()
    assert _builtin_versions() == before


def test_a_worker_that_numbered_after_another_committed_rolls_back(app, monkeypatch):
    """The other worker committed between this one's check and its numbering (so there
    is no collision on the version number): the count after the insert sees it."""
    name, source = next(iter(definitions._builtin_sources().items()))
    before = _builtin_versions()
    real = definitions._builtin_rows
    calls = []

    def stale_first(session, *args):
        calls.append(args)
        return 0 if len(calls) == 1 else real(session, *args)

    monkeypatch.setattr(definitions, "_builtin_rows", stale_first)
    assert definitions._store_builtin(name, source, definitions.checksum(source)) is False
    assert len(calls) == 2
    db.session.expire_all()
    assert _builtin_versions() == before
    assert definitions.current_version(name).version == 1


def test_workers_starting_together_store_each_builtin_form_once(app, database_url, tmp_path):
    """gunicorn's workers each run create_app at once on a database without the forms:
    every built-in form ends up stored exactly once and every worker boots."""
    from app.models import CurrentFormVersion
    from tests.test_serving import BIN, _free_port, _serving

    db.session.execute(CurrentFormVersion.__table__.delete())
    db.session.execute(FormVersion.__table__.delete())
    db.session.commit()
    port = _free_port()
    env = dict(
        os.environ,
        ENINDGANG_DATABASE_URL=database_url,
        ENINDGANG_INSTANCE_PATH=str(tmp_path),
        ENINDGANG_SECRET_KEY="race-test-key",
    )
    args = [os.path.join(BIN, "gunicorn"), "--workers", "3", "--bind", f"127.0.0.1:{port}"]
    expected = sorted(definitions._builtin_sources())
    with _serving([*args, "app:create_app()"], env, port):
        deadline = time.monotonic() + 60
        while _builtin_versions() < len(expected) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # let the slower workers finish their (skipped) attempts
        names = db.session.scalars(select(FormVersion.name).order_by(FormVersion.name)).all()
    assert names == expected

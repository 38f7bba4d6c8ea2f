"""Migration 0013 backfills the referral date from when the case was opened (local day) and
the plan date from the earliest final revision of the case's SMARTE sheet."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import create_engine, text

from app import create_app
from tests.conftest import _test_config
from tests.test_migrations import empty_database  # noqa: F401  (the fixture, per backend)


def _migrate(url: str, revision: str) -> None:
    """Upgrade the database at ``url`` to ``revision``."""
    from flask_migrate import upgrade

    from app.extensions import db

    app = create_app(_test_config(url))
    with app.app_context():
        upgrade(revision=revision)
        db.engine.dispose()


def test_0013_backfills_referral_and_plan_dates(empty_database):  # noqa: F811
    """23:30 UTC on 1 March is 2 March in Copenhagen; the plan's first final revision counts,
    not its later ones nor a draft before it, nor another form's final."""
    _migrate(empty_database, "0011")
    sqlite = empty_database.startswith("sqlite")

    def utc(text_: str) -> datetime:
        moment = datetime.fromisoformat(text_).replace(tzinfo=UTC)
        return moment.replace(tzinfo=None) if sqlite else moment  # as UTCDateTime stores it

    engine = create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO form_definitions (id, name, version, source, checksum, scope, title,"
                " origin, note, created_at) VALUES (1, 'smarte_maal', 1, '', '', 'case', 'M',"
                " 'builtin', '', :t), (2, 'other', 1, '', '', 'case', 'O', 'builtin', '', :t)"
            ),
            {"t": utc("2026-01-01 00:00:00")},
        )
        conn.execute(
            text(
                "INSERT INTO cases (id, reference, title, status, neutral_title, created_at,"
                " updated_at) VALUES (1, 'M-1', 'A', 'open', '', :late, :late),"
                " (2, 'M-2', 'B', 'open', '', :early, :early)"
            ),
            {"late": utc("2026-03-01 23:30:00"), "early": utc("2026-02-01 10:00:00")},
        )
        conn.execute(
            text(
                "INSERT INTO submissions (id, form_name, case_id, definition_id, title, status,"
                " data, version, created_at, updated_at) VALUES"
                " (1, 'smarte_maal', 1, 1, '', 'final', '{}', 3, :t, :t),"
                " (2, 'other', 2, 2, '', 'final', '{}', 1, :t, :t)"
            ),
            {"t": utc("2026-04-01 08:00:00")},
        )
        conn.execute(
            text(
                "INSERT INTO submission_revisions (submission_id, version, definition_id, status,"
                " data, saved_at, note) VALUES (1, 1, 1, 'draft', '{}', :a, ''),"
                " (1, 2, 1, 'final', '{}', :b, ''), (1, 3, 1, 'final', '{}', :c, ''),"
                " (2, 1, 2, 'final', '{}', :d, '')"
            ),
            {
                "a": utc("2026-03-05 08:00:00"),
                "b": utc("2026-03-20 22:30:00"),
                "c": utc("2026-04-01 08:00:00"),
                "d": utc("2026-03-10 08:00:00"),
            },
        )
    engine.dispose()
    _migrate(empty_database, "head")
    engine = create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT reference, referred_on, plan_first_final_on FROM cases ORDER BY id")
        ).all()
        threshold_column = conn.execute(
            text("SELECT caseload_threshold FROM municipality_settings")
        ).all()
    engine.dispose()
    as_dates = [(r[0], _day(r[1]), _day(r[2])) for r in rows]
    assert as_dates == [
        ("M-1", date(2026, 3, 2), date(2026, 3, 20)),  # 22:30 UTC is 23:30 in Copenhagen
        ("M-2", date(2026, 2, 1), None),
    ]
    assert threshold_column == []


def _day(value) -> date | None:
    """A date from the driver (SQLite hands back text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)

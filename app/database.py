"""Declarative base, naming convention and column types shared by all models."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import DateTime, Engine, MetaData, column, inspect, select, table, update
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model; constraint names are stable across databases."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        """Store aware datetimes as UTC; refuse naive ones to avoid silent shifts."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        """Return aware UTC datetimes."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


#: The Alembic scripts that define the schema (also handed to Flask-Migrate).
#: Indexes a migration adds only where the database can have them (0023: PostgreSQL's
#: trigram indexes for the case search, when pg_trgm may be created). The models do not
#: declare them, so comparing models and database leaves them alone.
OPTIONAL_INDEXES = frozenset(
    {
        "ix_cases_reference_trgm",
        "ix_cases_title_trgm",
        "ix_cases_neutral_title_trgm",
        "ix_case_phases_phase_name_trgm",
    }
)


def include_in_comparison(obj: Any, name: str | None, type_: str, reflected: bool, _other) -> bool:
    """Alembic's include_object: everything but the optional indexes found in the database."""
    return not (type_ == "index" and reflected and name in OPTIONAL_INDEXES)


MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), "migrations")
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps


@lru_cache(maxsize=4)
def schema_heads(directory: str = MIGRATIONS_DIR) -> frozenset[str]:
    """The newest Alembic revision(s) of the migration scripts, read once per process."""
    return frozenset(ScriptDirectory(directory).get_heads())


def schema_is_current(engine: Engine, directory: str = MIGRATIONS_DIR) -> bool:
    """True when the database has been migrated to the newest revision of the scripts.

    Before `db upgrade` the tables may be missing or lack columns, so code that writes at
    start-up asks this first."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and not database.startswith(":"):
        if not os.path.exists(database):
            return False  # connecting would create an empty file before `db upgrade` does
    # Read Alembic's table directly: MigrationContext would log its set-up at every start.
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return False
        current = connection.execute(
            select(column("version_num")).select_from(table(VERSION_TABLE))
        )
        return frozenset(current.scalars()) == schema_heads(directory)


def claim_version(row: Any, base_version: int | None) -> bool:
    """Move ``row.version`` from ``base_version`` to the next one, only if it is still that.

    The optimistic lock of every versioned save: a conditional UPDATE (``WHERE id = … AND
    version = base``) rather than a read followed by a write, so of two saves of the same
    version exactly one matches a row; the other gets False and reports a conflict. On True
    the row's ``version`` attribute holds the new number without being written a second time.
    """
    if base_version is None:
        return False
    model = type(row)
    mapper = inspect(model)
    same_row = [
        column == getattr(row, mapper.get_property_by_column(column).key)
        for column in mapper.primary_key
    ]
    result = db_session().execute(
        update(model)
        .where(*same_row, model.version == base_version)
        .values(version=base_version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    set_committed_value(row, "version", base_version + 1)
    return True


def db_session():
    """The application's session (imported late: app.extensions imports this module)."""
    from app.extensions import db

    return db.session

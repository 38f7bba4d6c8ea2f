"""case search at 100,000 cases: trigram indexes on PostgreSQL (pg_trgm), where available

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30 03:00:00

The case list's search is a substring match (``lower(column) LIKE '%…%'``), which a B-tree
index cannot serve. pg_trgm's GIN indexes can. The extension ships with PostgreSQL
(contrib) and is "trusted" since PostgreSQL 13, so the database's owner may create it; where
it is missing or may not be created, the migration leaves the indexes out and says so
(the search then reads the table, as before). SQLite has no such index and gets none.
"""

import logging

from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

#: (index, table, column): the texts the case list searches (app/cases/listing.py _search).
INDEXES = (
    ("ix_cases_reference_trgm", "cases", "reference"),
    ("ix_cases_title_trgm", "cases", "title"),
    ("ix_cases_neutral_title_trgm", "cases", "neutral_title"),
    ("ix_case_phases_phase_name_trgm", "case_phases", "phase_name"),
)


def _can_use_trigrams(bind) -> bool:
    """pg_trgm is installed already, or available and this user may create it here."""
    installed = bind.exec_driver_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"
    ).scalar()
    if installed:
        return True
    row = bind.exec_driver_sql(
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'), "
        "has_database_privilege(current_database(), 'CREATE')"
    ).one()
    return bool(row[0] and row[1])


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if not _can_use_trigrams(bind):
        log.warning(
            "pg_trgm is not available or may not be created by this user: the case search "
            "works without its indexes, but reads the whole table; docs/performance.md has "
            "the statements to add them later."
        )
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        op.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower({column}) gin_trgm_ops)"
        )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _table, _column in reversed(INDEXES):
        op.execute(f"DROP INDEX IF EXISTS {name}")
    # The extension stays: other things may use it, and dropping it needs its owner.

"""A whole installation as one file and back: users, settings, lists, form definitions and their
versions, templates, cases, forms with their revisions, funding versions, meetings, consents,
links and the audit trail. The same code moves an installation from SQLite to PostgreSQL.

The file is a zip: ``manifest.json`` (format, schema revision, table order, row counts) and one
``<table>.jsonl`` per table, rows in primary-key order, values tagged where JSON has no type
(dates, times, bytes), so an export of an imported installation is byte for byte the same.

Import goes into a migrated, empty database of the same schema revision, inside one
transaction: any problem imports nothing. Foreign keys that point forwards or at their own
table (a case's case-flow document, a meeting's next meeting) are set after all rows are in.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, MetaData, Table, func, select, text

from app.database import schema_heads

FORMAT = "enindgang-backup"
FORMAT_VERSION = 1
#: Tables that hold what the database itself keeps (the migration state), not data.
SKIPPED = frozenset({"alembic_version"})
#: What a new installation writes by itself when it starts (the built-in form versions); an
#: import replaces it with the backup's own.
STARTED_WITH = ("current_form_versions", "form_definitions")


class BackupError(Exception):
    """The file cannot be imported here; ``str()`` says why."""


def _encode(value: Any) -> Any:
    """A column value as JSON (tagged when JSON has no type for it)."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, bytes | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    return value


def _decode(value: Any) -> Any:
    """The column value a tagged JSON value stands for."""
    if isinstance(value, dict) and len(value) == 1:
        ((tag, raw),) = value.items()
        decoders = {
            "$datetime": datetime.fromisoformat,
            "$date": date.fromisoformat,
            "$time": time.fromisoformat,
            "$bytes": base64.b64decode,
            "$decimal": Decimal,
        }
        if tag in decoders:
            return decoders[tag](raw)
    return value


def _tables(metadata: MetaData) -> list[Table]:
    """The data tables in dependency order (parents first)."""
    return [t for t in metadata.sorted_tables if t.name not in SKIPPED]


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    """A table's rows in primary-key order."""
    order = list(table.primary_key.columns) or list(table.columns)
    for row in connection.execute(select(table).order_by(*order)).mappings():
        yield dict(row)


def export_installation(connection: Connection, metadata: MetaData) -> bytes:
    """The whole installation as the backup zip's bytes (deterministic for the same data)."""
    out = io.BytesIO()
    tables = _tables(metadata)
    counts: dict[str, int] = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            lines = []
            for row in _rows(connection, table):
                encoded = {key: _encode(value) for key, value in row.items()}
                lines.append(json.dumps(encoded, sort_keys=True, ensure_ascii=False))
            counts[table.name] = len(lines)
            _write(archive, f"{table.name}.jsonl", "".join(line + "\n" for line in lines))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema": sorted(schema_heads()),
            "tables": [t.name for t in tables],
            "rows": counts,
        }
        _write(archive, "manifest.json", json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return out.getvalue()


def _write(archive: zipfile.ZipFile, name: str, content: str) -> None:
    """Add a member with a fixed date, so the same data gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, content.encode("utf-8"))


def _later_references(table: Table, position: dict[str, int]) -> list[str]:
    """Columns of ``table`` whose foreign key points at its own or a later table."""
    found = []
    for column in table.columns:
        for key in column.foreign_keys:
            target = key.column.table.name
            if position.get(target, -1) >= position[table.name]:
                found.append(column.name)
    return found


def _is_empty(connection: Connection, tables: list[Table]) -> bool:
    """True when no data table holds a row beyond what a new installation starts with."""
    return all(
        connection.scalar(select(func.count()).select_from(t)) == 0
        for t in tables
        if t.name not in STARTED_WITH
    )


def import_installation(connection: Connection, metadata: MetaData, data: bytes) -> dict[str, int]:
    """Load a backup into this empty database (rows per table); BackupError when it cannot."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise BackupError("The file is not an enindgang backup.") from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError("The file is not an enindgang backup of a format this version reads.")
    if manifest.get("schema") != sorted(schema_heads()):
        raise BackupError(
            f"The backup is of schema {manifest.get('schema')}; this installation is at "
            f"{sorted(schema_heads())}. Import it into the same version, then upgrade."
        )
    tables = _tables(metadata)
    if [t.name for t in tables] != manifest.get("tables"):
        raise BackupError("The backup's tables are not this version's tables.")
    if not _is_empty(connection, tables):
        raise BackupError("The database is not empty: import only into a new installation.")
    by_name = {t.name: t for t in tables}
    for name in STARTED_WITH:  # the backup brings its own form versions (with their ids)
        connection.execute(by_name[name].delete())
    position = {t.name: n for n, t in enumerate(tables)}
    deferred: list[tuple[Table, list[str], dict[str, Any]]] = []
    counts: dict[str, int] = {}
    for table in tables:
        later = _later_references(table, position)
        rows = [
            {key: _decode(value) for key, value in json.loads(line).items()}
            for line in archive.read(f"{table.name}.jsonl").decode("utf-8").splitlines()
            if line
        ]
        if rows:
            first = [{**row, **dict.fromkeys(later)} for row in rows]
            connection.execute(table.insert(), first)
            deferred += [(table, later, row) for row in rows if any(row.get(c) for c in later)]
        counts[table.name] = len(rows)
        if counts[table.name] != manifest["rows"].get(table.name):
            raise BackupError(f"The backup's {table.name} does not hold the rows it lists.")
    for table, later, row in deferred:
        keys = [c.name for c in table.primary_key.columns]
        connection.execute(
            table.update()
            .where(*(table.c[k] == row[k] for k in keys))
            # Columns with an onupdate default (updated_at) keep their exported value.
            .values(
                {c: row[c] for c in later}
                | {c.name: row[c.name] for c in table.columns if c.onupdate is not None}
            )
        )
    _reset_sequences(connection, tables)
    return counts


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """On PostgreSQL, let each integer key's sequence continue after the imported rows."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].type.python_type is not int or not keys[0].autoincrement:
            continue
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": keys[0].name},
        )
        if sequence:
            highest = connection.scalar(select(func.max(keys[0]))) or 0
            connection.execute(
                text("SELECT setval(:sequence, :next, false)"),
                {"sequence": sequence, "next": highest + 1},
            )

"""`enindgang export OUT` and `enindgang import IN`: a whole installation as one file."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from app import audit
from app.backup import services
from app.extensions import db


@click.command("export")
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def export_command(out: str) -> None:
    """Write the whole installation to OUT (a zip; it holds children's data: keep it safe)."""
    with db.engine.connect() as connection:
        data = services.export_installation(connection, db.metadata)
    Path(out).write_bytes(data)
    # Recorded after the export, so an export of an imported copy is the same file.
    audit.record_event("installation_exported", details={"bytes": len(data)})
    db.session.commit()
    click.echo(f"Exported the installation to {out} ({len(data)} bytes).")


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_command(source: str) -> None:
    """Load an export into this new, migrated, empty installation (all or nothing)."""
    data = Path(source).read_bytes()
    try:
        with db.engine.begin() as connection:
            counts = services.import_installation(connection, db.metadata, data)
    except services.BackupError as error:
        raise click.ClickException(str(error)) from None
    total = sum(counts.values())
    click.echo(f"Imported {total} rows in {len(counts)} tables from {source}.")

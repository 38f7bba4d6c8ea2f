"""`enindgang audit purge`: delete audit events older than the retention period."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from app import audit
from app.audittrail import services
from app.extensions import db


@click.group()
def audit_group() -> None:
    """The audit trail: retention."""


@audit_group.command("purge")
@click.option(
    "--days",
    type=click.IntRange(30, 36500),
    default=None,
    help="Keep this many days (default: ENINDGANG_AUDIT_RETENTION_DAYS).",
)
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@with_appcontext
def purge(days: int | None, dry_run: bool) -> None:
    """Delete audit events older than the retention period (the municipality's choice)."""
    keep = days or int(current_app.config["AUDIT_RETENTION_DAYS"])
    cutoff = services.retention_cutoff(keep)
    count = services.purge_before(cutoff, dry_run=dry_run)
    if dry_run:
        click.echo(f"{count} audit events are older than {keep} days (dry run: none deleted).")
        return
    audit.record_event("audit_purged", actor=None, details={"deleted": count, "days": keep})
    db.session.commit()
    click.echo(f"Deleted {count} audit events older than {keep} days.")

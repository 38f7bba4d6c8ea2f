"""`enindgang cases purge-closed`: delete cases closed longer ago than the retention period."""

from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import with_appcontext

from app.cases import retention
from app.database import utcnow
from app.extensions import db


@click.group()
def cases() -> None:
    """Cases: retention."""


@cases.command("purge-closed")
@click.option(
    "--years",
    type=click.IntRange(1, 100),
    required=True,
    help="Delete cases closed or handed over more than this many years ago (the "
    "municipality's retention period after its archive rules).",
)
@click.option("--dry-run", is_flag=True, help="Only list the cases that would be deleted.")
@with_appcontext
def purge_closed(years: int, dry_run: bool) -> None:
    """Delete closed cases past the retention period, with everything that belongs to them."""
    cutoff = utcnow() - timedelta(days=round(years * 365.25))
    found = retention.purge_closed(cutoff, years=years, dry_run=dry_run)
    for case_id, reference in found:
        click.echo(f"{case_id}\t{reference}")
    if dry_run:
        click.echo(f"{len(found)} cases were closed more than {years} years ago (dry run).")
        return
    db.session.commit()
    click.echo(f"Deleted {len(found)} cases closed more than {years} years ago.")

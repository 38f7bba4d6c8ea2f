"""`enindgang followup`: recompute the stored next follow-ups; set the local interval."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.followup import services


@click.group()
def followup() -> None:
    """Follow-up cadence: the stored next follow-up of every case."""


@followup.command("recompute")
@with_appcontext
def recompute() -> None:
    """Recompute every case's next follow-up (after a rule, setting or data change)."""
    count = services.recompute_all()
    db.session.commit()
    click.echo(f"Recomputed the next follow-up of {count} cases.")


@followup.command("status-interval")
@click.argument("weeks", type=click.IntRange(0, 52))
@with_appcontext
def status_interval(weeks: int) -> None:
    """Set the municipality's own status-meeting interval in weeks (0: none) and recompute.

    Én familie – én indgang asks for a fixed cadence without giving one: this is a local
    choice, not the model's rule."""
    services.set_status_interval(weeks or None)
    count = services.recompute_all()
    db.session.commit()
    click.echo(f"Status-meeting interval: {weeks or 'none'} weeks; {count} cases recomputed.")

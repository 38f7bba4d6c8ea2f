"""`enindgang templates check DOCX --form NAME`: the upload check on the command line."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext


@click.group()
def templates() -> None:
    """Word templates for forms and the two plans."""


@templates.command("check")
@click.argument("docx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--form",
    "form_name",
    required=True,
    help=(
        "The form the template is for (e.g. smarte_maal), or familiens_plan for the family's "
        "plan, faelles_plan for the internal plan."
    ),
)
@with_appcontext
def check_template(docx: Path, form_name: str) -> None:
    """Check a Word template as an upload is checked; exit 1 when it would be refused."""
    from app.word import services, store

    target = services.template_target(form_name)
    if target is None:
        raise click.ClickException(f"Der findes ingen formular, der hedder »{form_name}«.")
    report = store.check_template(
        docx.read_bytes(),
        docx.name,
        known_names=target.known_names(),
        sample_context=target.sample_context(),
        maximal_context=target.sample_context(maximal=True),
    )
    click.echo(f"{docx}: {report}")
    if not report.ok:
        raise click.exceptions.Exit(1)

"""The `enindgang` command: Flask's CLI group with the project's own commands."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from app.auth import services as auth
from app.extensions import db
from app.followup.cli import followup
from app.models import Role
from app.word.cli import templates


def _create_app() -> Flask:
    """App factory for the CLI; a broken built-in form is reported without a traceback."""
    from app import BrokenBuiltinForms, create_app

    try:
        return create_app()
    except BrokenBuiltinForms as error:
        click.echo(str(error), err=True)
        sys.exit(1)


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def cli() -> None:
    """enindgang – Én familie – én indgang: administration commands."""


def register_commands(app: Flask) -> None:
    """Add the project's commands to the app's CLI (and so to `enindgang`)."""
    app.cli.add_command(_db_with_form_sync(), name="db")
    app.cli.add_command(users)
    app.cli.add_command(demo)
    app.cli.add_command(templates)
    app.cli.add_command(excel)
    app.cli.add_command(followup)
    from app.audittrail.cli import audit_group

    app.cli.add_command(audit_group, name="audit")
    from app.cases.cli import cases

    app.cli.add_command(cases)
    from app.backup.cli import export_command, import_command

    app.cli.add_command(export_command)
    app.cli.add_command(import_command)


def _db_with_form_sync() -> click.Group:
    """Flask-Migrate's `db` group whose `upgrade` also stores new built-in form versions.

    A copy, so that Flask-Migrate's own group (shared by every app in the process) is left
    as it is; Flask-Migrate registered it under the same name, and this one replaces it."""
    from flask_migrate.cli import db as migrate_group

    migrate_upgrade = migrate_group.commands["upgrade"]

    def upgrade(**options) -> None:
        """Run the migrations, then store new built-in form versions."""
        migrate_upgrade.callback(**options)
        if options["sql"]:  # offline mode prints SQL; there is no database to write to
            return
        from app.forms.definitions import store_builtin_forms

        added = store_builtin_forms()
        if added is None:
            click.echo("Built-in forms not stored: the database is not at the newest revision.")
        else:
            click.echo(f"Built-in forms: {added} new version(s) stored.")

    command = click.Command(
        "upgrade", callback=upgrade, params=migrate_upgrade.params, help=migrate_upgrade.help
    )
    return click.Group(
        "db",
        commands={**migrate_group.commands, "upgrade": command},
        callback=migrate_group.callback,
        params=migrate_group.params,
        help=migrate_group.help,
    )


@click.group()
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--name", default="", help="Full name (defaults to the e-mail).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option(
    "--no-password",
    is_flag=True,
    help="No local password: the user signs in only with the municipality's account (OIDC).",
)
@with_appcontext
def create_user(email: str, role: str, name: str, password_stdin: bool, no_password: bool) -> None:
    """Create a user with a role; the password is prompted for or read from stdin. With
    ENINDGANG_SIGN_IN=oidc the user gets no password and signs in through OIDC."""
    from app.auth import methods

    if not methods.local_on():
        if password_stdin:
            raise click.ClickException(
                "Passwords are off (ENINDGANG_SIGN_IN=oidc): users sign in with the "
                "municipality's account; leave out --password-stdin."
            )
        no_password = True
    elif no_password and not methods.oidc_on():
        raise click.ClickException(
            "With ENINDGANG_SIGN_IN=local a user without a password could never sign in."
        )
    if no_password:
        password = None
    elif password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = auth.create_user(email, name, role, password)
    except auth.UserError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    how = "signs in with the municipality's account" if password is None else "has a password"
    click.echo(f"Created {user.role} {user.email} (id {user.id}); {how}.")


@users.command("token")
@click.argument("email")
@click.option("--name", default="cli", help="A note on what the token is for.")
@with_appcontext
def create_token(email: str, name: str) -> None:
    """Print a new personal API token for the user, alone on the last line."""
    user = auth.find_user(email)
    if user is None or not user.active:
        raise click.ClickException(f"No active user with e-mail {email}.")
    raw = auth.create_token(user, name)
    db.session.commit()
    click.echo(f"New API token for {user.email}; it is shown only once:")
    click.echo(raw)


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Seed the demo municipality, one user per role and an example case (idempotent)."""
    from app.demo import DEMO_MUNICIPALITY, seed_demo
    from app.demo_familylink import demo_family_path, demo_partner_path

    demo_users = seed_demo()
    db.session.commit()
    click.echo(f"{DEMO_MUNICIPALITY} is ready. Demo logins:")
    width = max(len(u.email) for u in demo_users)
    for user in demo_users:
        click.echo(f"  {user.role.value:<12} {user.email:<{width}}  {user.password}")
    click.echo(f"The demo family's own page (no login): {demo_family_path()}")
    click.echo(f"The demo partner's view of the plan (no login): {demo_partner_path()}")
    click.echo(f"Database: {current_app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}")


@cli.group()
def forms() -> None:
    """Form definitions (these commands need no database and no running app)."""


@forms.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
def check_forms(paths: tuple[str, ...]) -> None:
    """Check YAML form definitions (default: the built-in forms); exit 1 on any problem."""
    from app.formengine import builtin_forms_dir, check_paths

    targets = list(paths) or [str(builtin_forms_dir())]
    problems = check_paths(targets)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.exceptions.Exit(1)
    click.echo(f"OK: {', '.join(targets)}")


@click.group()
def excel() -> None:
    """The Excel funding-split tool."""


@excel.command("template")
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
@click.option("--year", type=int, default=None, help="Year of the totals (default: this year).")
@with_appcontext
def excel_template(out: str, year: int | None) -> None:
    """Write the blank funding-split workbook for this municipality to OUT (.xlsx)."""
    from app.funding.services import blank_workbook, valid_year
    from excel_tools import WorkbookBuildError

    try:
        data = blank_workbook(valid_year(year))
    except WorkbookBuildError as error:
        raise click.ClickException("\n".join(error.messages)) from None
    with open(out, "wb") as handle:
        handle.write(data)
    click.echo(f"Wrote the blank funding workbook to {out} ({len(data):,} bytes).")

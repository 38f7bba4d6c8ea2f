"""enindgang: the shared digital tool for 'Én familie – én indgang' and 'Sammen om familien'."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

# Flask is imported inside the functions, not here: `excel_tools` and `app.formatting` import
# this package and must stay usable (and quick to import) without Flask.


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask application; `config` overrides settings from the environment."""
    from flask import Flask

    from app.config import settings_from_environment

    instance_path = os.environ.get("ENINDGANG_INSTANCE_PATH") or None
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    overrides = dict(config or {})
    app.config.from_mapping(settings_from_environment(app.instance_path))
    app.config.from_mapping(overrides)
    from app.auth import methods

    methods.check(app.config)  # refuse to start with sign-in settings that cannot work
    _configure_logging(app)
    _init_extensions(app)
    from app.web.urls import IdConverter

    app.url_map.converters["int"] = IdConverter  # before any route is added
    _register_blueprints(app)
    _install_consent_gate()
    _install_form_action_sources()

    from app import cli
    from app.web import errors, i18n, page_context, security

    security.init_app(app)
    errors.init_app(app)
    page_context.init_app(app)
    i18n.register_filters(app)
    from app.vocabularies.services import label_of

    # {{ user.department|department }}: a department key as its label in the page's language.
    app.jinja_env.filters["department"] = lambda key: label_of("departments", key)
    cli.register_commands(app)
    _check_builtin_forms(app)
    _store_builtin_forms(app)
    return app


def _check_builtin_forms(app: Flask) -> None:
    """Refuse to start with a broken built-in form, listing every problem."""
    from app.formengine import builtin_forms_dir, check_paths

    problems = check_paths([builtin_forms_dir()])
    if problems:
        listing = "\n".join(f"  {problem}" for problem in problems)
        raise BrokenBuiltinForms(f"The built-in form definitions have problems:\n{listing}")


class BrokenBuiltinForms(RuntimeError):
    """The forms/ folder shipped with the app has problems; the app must not start."""


def _store_builtin_forms(app: Flask) -> None:
    """Store new built-in form versions at start-up when the database is migrated.

    Before `db upgrade` the schema may be missing (then `db upgrade` stores them); several
    workers may start at once (the sync stores each source once and the losers roll back;
    a busy database raises). None of this may stop the app from starting: it is logged."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.extensions import db
    from app.forms.definitions import store_builtin_forms

    with app.app_context():
        try:
            added = store_builtin_forms()
        except SQLAlchemyError as error:
            app.logger.warning("Built-in forms not stored at start-up: %s", error)
        else:
            if added is None:
                app.logger.info("Database not migrated; built-in forms wait for `db upgrade`.")
            elif added:
                app.logger.info("Stored %d new built-in form version(s).", added)
        finally:
            db.session.remove()
            # Worker processes may be forked from this one: hand them no open connections.
            db.engine.dispose()


def _configure_logging(app: Flask) -> None:
    """Log to stderr at INFO; request bodies and case text are never logged."""
    # Alembic announces its plugins at INFO every time an app is created; not news.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    if not app.debug and not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def _init_extensions(app: Flask) -> None:
    """Bind every extension to this app."""
    from app import models  # noqa: F401  (register tables on the metadata)
    from app.auth import session_loader
    from app.database import MIGRATIONS_DIR
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate
    from app.web import i18n

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _enable_sqlite_foreign_keys(app)
    migrate.init_app(
        app,
        db,
        directory=MIGRATIONS_DIR,
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    session_loader.init_app(app)


def _enable_sqlite_foreign_keys(app: Flask) -> None:
    """SQLite enforces foreign keys only when asked, per connection."""
    from sqlalchemy import event

    from app.extensions import db

    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def _install_consent_gate() -> None:
    """app/authz.py asks the consent gate (app/consent) for members' content actions; the
    shared module imports no feature, so the root installs it."""
    from app import authz
    from app.consent.services import content_allowed

    authz.set_content_gate(content_allowed)


def _install_form_action_sources() -> None:
    """app/web/security.py's Content-Security-Policy lets forms lead to the identity provider
    (the logout's redirect) as app/auth names it; the shared module imports no feature."""
    from app.auth.oidc_client import form_action_origins
    from app.web import security

    security.set_form_action_sources(form_action_origins)


def _register_blueprints(app: Flask) -> None:
    """Register each feature's blueprint explicitly (package = URL = menu word)."""
    from flask import Blueprint

    from app.admin.routes import bp as admin_bp  # /admin
    from app.api import bp as api_bp  # /api/v1
    from app.audittrail.routes import bp as audittrail_bp  # /revision
    from app.auth.oidc_routes import bp as oidc_bp  # /login/oidc (ENINDGANG_SIGN_IN)
    from app.auth.routes import bp as auth_bp  # /login, /logout
    from app.cases.facts import paragraph_usages as case_usages
    from app.cases.routes import bp as cases_bp  # /, /sager
    from app.consent.routes import bp as consent_bp  # /sager/<id>/samtykker
    from app.dashboards.routes import bp as dashboards_bp  # /oversigt
    from app.family.routes import bp as family_bp  # /sager/<id>/familie
    from app.familylink.page import bp as familypage_bp  # /familie/<token> (no staff login)
    from app.familylink.routes import bp as familylink_bp  # /sager/<id>/kontaktaftale, links
    from app.followup.routes import bp as followup_bp  # /sager/<id>/opfoelgning
    from app.forms.routes import bp as forms_bp  # /formularer
    from app.funding.portfolio import vocabulary_usages as funding_usages
    from app.funding.routes import bp as funding_bp  # /okonomi, /sager/<id>/finansiering
    from app.goals.routes import bp as goals_bp  # /sager/<id>/maal (progress readings)
    from app.meetings.routes import bp as meetings_bp  # /sager/<id>/moeder
    from app.meetings.services import vocabulary_usages as meeting_usages
    from app.municipal_documents.routes import bp as municipal_documents_bp  # /dokumenter
    from app.submissions.routes import bp as submissions_bp  # /sager/<id>/formularer/<form>
    from app.submissions.usages import vocabulary_usages as form_usages
    from app.team.routes import bp as team_bp  # /sager/<id>/partnere, core-team roles
    from app.team.services import vocabulary_usages as team_usages
    from app.vocabularies.routes import bp as vocabularies_bp  # /lister
    from app.web.accessibility import bp as accessibility_bp  # /tilgaengelighed
    from app.web.i18n import bp as i18n_bp  # /sprog
    from app.wheel.routes import bp as wheel_bp  # /sager/<id>/aarshjul, /kalender/<token>.ics
    from app.wheel.services import vocabulary_usages as wheel_usages
    from app.word.routes import bp as word_bp  # /skabeloner and the .docx/.pdf downloads

    for bp in (
        auth_bp,
        oidc_bp,
        cases_bp,
        admin_bp,
        api_bp,
        i18n_bp,
        accessibility_bp,
        submissions_bp,
        municipal_documents_bp,
        word_bp,
        funding_bp,
        forms_bp,
        family_bp,
        goals_bp,
        meetings_bp,
        followup_bp,
        wheel_bp,
        dashboards_bp,
        audittrail_bp,
        team_bp,
        consent_bp,
        familylink_bp,
        familypage_bp,
    ):
        app.register_blueprint(bp)
    # The lists may not lose a key still in use; the features using them say where.
    finders = (
        form_usages,
        funding_usages,
        case_usages,
        meeting_usages,
        wheel_usages,
        team_usages,
    )
    app.register_blueprint(vocabularies_bp, usage_finders=finders)
    # The form engine's Jinja macros (no routes): formengine/macros.html.
    app.register_blueprint(Blueprint("formengine", "app.formengine", template_folder="templates"))
    # The phases' templates (no routes: the case page and /dokumenter serve them).
    app.register_blueprint(Blueprint("phases", "app.phases", template_folder="templates"))

"""Template globals shared by every page."""

from __future__ import annotations

from datetime import date

from flask import Flask, url_for
from sqlalchemy import select

from app.extensions import db
from app.models import MunicipalitySettings
from app.web.i18n import current_locale, language_choices, stored_note


def municipality_settings() -> MunicipalitySettings | None:
    """The municipality's settings row, if it exists."""
    return db.session.scalar(select(MunicipalitySettings).limit(1))


def init_app(app: Flask) -> None:
    """Expose the municipality name, languages and locale to all templates."""

    @app.context_processor
    def _globals() -> dict:
        settings = municipality_settings()
        return {
            "municipality_name": settings.name if settings and settings.name else "enindgang",
            "language_choices": language_choices(),
            "current_locale": current_locale(),
            "today": date.today(),
            "stored_note": stored_note,
            # The footer's link: the municipality's own statement, else the app's page.
            "accessibility_url": (settings.accessibility_statement_url if settings else None)
            or url_for("accessibility.statement"),
        }

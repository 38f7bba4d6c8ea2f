"""Language selection: Danish by default, English on request."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import Blueprint, Flask, current_app, redirect, request, session, url_for
from flask_babel import get_locale

from app import formatting
from app.web.urls import safe_next_url

bp = Blueprint("i18n", __name__)


def current_locale() -> str:
    """The language code of the current request's UI ("da" or "en")."""
    return str(get_locale())


def current_zone() -> str:
    """The configured time zone (ENINDGANG_TIMEZONE) for times shown or written."""
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def select_locale() -> str:
    """The language chosen in this browser session, else the default (Danish)."""
    lang = session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


@bp.post("/sprog")
def switch_language():
    """Switch the UI language and go back to where the user was."""
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next_url(request.form.get("next")) or url_for("cases.my_cases"))


LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def language_choices() -> list[tuple[str, str]]:
    """Languages offered in the header switch."""
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]]


# Jinja filters: every page formats through app.formatting in the UI language and zone.


def filter_datetime(value: datetime | None, format: str = "medium") -> str:
    """`|datetimeformat('short')`: a stored time in the configured zone."""
    return formatting.format_datetime(value, format, locale=current_locale(), zone=current_zone())


def filter_date(value: date | None, format: str = "medium") -> str:
    """`|dateformat('medium')`: a date in the UI language."""
    return formatting.format_date(value, format, locale=current_locale(), zone=current_zone())


def filter_money(value: Decimal | float | int | None) -> str:
    """`|money`: kroner with two decimals, without the unit (the page adds "kr.")."""
    return formatting.format_money(value or 0, unit=None, locale=current_locale())


def filter_percent(value: Decimal | float | int | None) -> str:
    """`|percent`: up to two decimals, without the sign (the page adds "%")."""
    return formatting.format_percent(value or 0, symbol=False, locale=current_locale())


def register_filters(app: Flask) -> None:
    """Install the formatting filters (replacing Flask-Babel's date filters of that name)."""
    app.jinja_env.filters.update(
        datetimeformat=filter_datetime,
        dateformat=filter_date,
        money=filter_money,
        percent=filter_percent,
    )

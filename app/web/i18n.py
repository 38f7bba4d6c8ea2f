"""Language selection: Danish by default, English on request."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from flask import (
    Blueprint,
    Flask,
    current_app,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import get_locale, gettext

from app import formatting
from app.web.urls import safe_next_url
from excel_tools.messages import N_, Message

bp = Blueprint("i18n", __name__)


def current_locale() -> str:
    """The language code of the current request's UI ("da" or "en")."""
    return str(get_locale())


def current_zone() -> str:
    """The configured time zone (ENINDGANG_TIMEZONE) for times shown or written."""
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def select_locale() -> str:
    """The language chosen in this browser session, else the default (Danish).

    An API call with a Bearer token gets the language its Accept-Language header prefers
    among ours, else the default.

    Outside a request (a CLI command or a job in the app context) there is no session: the
    default language is used, so service messages come out in Danish there.
    """
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default
    if _is_token_call():
        # A program has no session to switch: it asks with Accept-Language. A browser sends
        # that header too, so browser sessions keep the language chosen in the header switch.
        return request.accept_languages.best_match(current_app.config["LANGUAGES"], default)
    lang = session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return default


def _is_token_call() -> bool:
    """True for an API request that authenticates with a header rather than a session."""
    return request.path.startswith("/api/") and "Authorization" in request.headers


@bp.post("/sprog")
def switch_language():
    """Switch the UI language and go back to where the user was."""
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next_url(request.form.get("next")) or url_for("cases.my_cases"))


def translate(message: object) -> str:
    """A message from a pure library in the request's language.

    ``excel_tools`` cannot call Flask-Babel, so its messages are ``Message`` objects that keep
    the Danish msgid and parameters (see ``excel_tools.messages``); anything else is already
    text and is returned as it is.
    """
    return message.render(gettext) if isinstance(message, Message) else str(message)


# Notes written into the database in Danish (the source language) and translated when shown,
# so a version saved by someone with an English screen reads in Danish for the next person.
NOTE_BUILTIN = N_("Indbygget formular")
NOTE_RESTORED = N_("Gendannet fra version %(version)s")
NOTE_UPDATED = N_("Opdateret til formularens version %(version)s")
NOTE_AUTOSAVED = N_("Gemt automatisk")
_STORED_NOTES = [
    (msgid, re.compile(re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", re.escape(msgid))))
    for msgid in (NOTE_BUILTIN, NOTE_RESTORED, NOTE_UPDATED, NOTE_AUTOSAVED)
]


def stored_note(text: str | None) -> str:
    """A stored note in the request's language when it is one of ours, else as it is."""
    for msgid, pattern in _STORED_NOTES:
        match = pattern.fullmatch(text or "")
        if match:
            return Message(msgid, **match.groupdict()).render(gettext)
    return text or ""


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

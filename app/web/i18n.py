"""Language selection: Danish by default, English on request."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import get_locale

from app.web.urls import safe_next_url

bp = Blueprint("i18n", __name__)


def current_locale() -> str:
    """The language code of the current request's UI ("da" or "en")."""
    return str(get_locale())


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

"""Language selection: Danish by default, English on request."""

from __future__ import annotations

import re

from flask import Blueprint, current_app, has_request_context, redirect, request, session, url_for
from flask_babel import get_locale, gettext

from app.web.urls import safe_next_url
from excel_tools.messages import N_, Message

bp = Blueprint("i18n", __name__)


def current_locale() -> str:
    """The language code of the current request's UI ("da" or "en")."""
    return str(get_locale())


def select_locale() -> str:
    """The language chosen in this browser session, else the default (Danish).

    Outside a request (a CLI command or a job in the app context) there is no session: the
    default language is used, so service messages come out in Danish there.
    """
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
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
_STORED_NOTES = [
    (msgid, re.compile(re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", re.escape(msgid))))
    for msgid in (NOTE_BUILTIN, NOTE_RESTORED, NOTE_UPDATED)
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

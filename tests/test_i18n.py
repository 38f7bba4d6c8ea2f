"""Danish by default, English on request, and no UI text left untranslated."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
EN = ROOT / "app" / "translations" / "en" / "LC_MESSAGES"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,  # excel_tools.messages: keys of the Flask-free workbook code
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _ui_messages() -> dict[str, str]:
    """Every translatable text in the app's and excel_tools' code and templates, with where."""
    found = {}
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    for folder in ("app", "excel_tools"):
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / folder), method_map, keywords=KEYWORDS
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found[msgid] = f"{folder}/{filename}"
    return found


def _catalogue():
    """The English catalogue as Babel reads it."""
    with (EN / "messages.po").open("rb") as handle:
        return read_po(handle)


def _key(msgid: str | tuple[str, ...] | list[str]) -> str:
    """A plural entry is looked up by its singular form."""
    return msgid[0] if isinstance(msgid, tuple | list) else msgid


def _text(string: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
    """A translation, plural forms as a tuple (the .po and .mo readers differ)."""
    return tuple(string) if isinstance(string, tuple | list) else string


def _english() -> dict[str, str | tuple[str, ...]]:
    """The English catalogue as msgid → translation (fuzzy or empty entries count as missing)."""
    return {
        _key(m.id): _text(m.string)
        for m in _catalogue()
        if m.id and m.string and all(m.string) and not m.fuzzy
    }


def test_the_english_catalogue_has_no_empty_or_fuzzy_entry():
    """Every entry of messages.po is translated and confirmed (no empty msgstr, no fuzzy)."""
    bad = [
        f"{'fuzzy' if m.fuzzy else 'empty'}: {_key(m.id)}"
        for m in _catalogue()
        if m.id and (m.fuzzy or not m.string or not all(m.string))
    ]
    assert bad == [], "\n".join(bad)


def test_every_ui_text_has_an_english_translation():
    """`make translations` plus a translator keep the English UI complete."""
    english = _english()
    missing = [
        f"{where}: {msgid}" for msgid, where in _ui_messages().items() if msgid not in english
    ]
    assert missing == [], "untranslated (run make translations, then translate):\n" + "\n".join(
        missing
    )


def test_translations_keep_their_placeholders():
    """A translation uses exactly the placeholders of its Danish original; a plural entry's
    singular those of the singular, its plural those of the plural (Danish "Ret dette
    problem" has no count, "Ret disse %(num)d problemer" has)."""
    for m in _catalogue():
        if not m.id or not m.string or not all(m.string) or m.fuzzy:
            continue
        if isinstance(m.id, tuple):
            singular, plural = m.id[0], m.id[1]
            forms = list(zip(m.string, [singular] + [plural] * (len(m.string) - 1), strict=True))
        else:
            forms = [(m.string, m.id)]
        for form, original in forms:
            assert set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(original)), original


def test_compiled_catalogue_matches_the_po_file():
    """messages.mo is compiled from the current messages.po (make translations)."""
    with (EN / "messages.mo").open("rb") as handle:
        compiled = {_key(m.id): _text(m.string) for m in read_mo(handle) if m.id}
    assert compiled == _english()


def test_danish_by_default_and_english_on_request(client, make_user):
    """The switch in the header changes the language for the rest of the visit."""
    assert '<html lang="da">' in client.get("/login").get_data(as_text=True)
    response = client.post_form("/sprog", {"lang": "en", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in html and "Log in" in html and "Password" in html
    user = make_user("coordinator")
    client.login(user)
    assert "My cases" in client.get("/").get_data(as_text=True)
    client.post_form("/sprog", {"lang": "da", "next": "/"}, page="/")
    assert "Mine sager" in client.get("/").get_data(as_text=True)


def test_unknown_language_and_foreign_next_are_ignored(client):
    """Only offered languages are accepted, and the redirect stays on the site."""
    response = client.post_form("/sprog", {"lang": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] in ("/", "https://localhost/")
    assert '<html lang="da">' in client.get("/login").get_data(as_text=True)

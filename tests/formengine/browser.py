"""A tiny stand-in for a browser: render a built form and post it as a browser would."""

from __future__ import annotations

from html.parser import HTMLParser

from jinja2 import Environment
from werkzeug.datastructures import MultiDict

PAGE = """\
{% import "formengine/macros.html" as fe %}
<form method="post" novalidate>
{{ fe.default_button('_save', 'Gem') }}
{{ fe.error_summary(form) }}
{{ fe.render_form(form, focus=focus) }}
<button type="submit" name="_final" value="1">Gem endeligt</button>
</form>
"""


def render(env: Environment, form, focus: str | None = None) -> str:
    """The page HTML for a built form."""
    return env.from_string(PAGE).render(form=form, focus=focus)


class Page(HTMLParser):
    """The successful controls of a form (HTML's rules for what gets posted) and its ids.

    As in a browser, what is inside a ``<template>`` is not part of the page: it is neither
    posted nor has ids (``templates`` keeps the HTML inside each outermost template instead),
    and a disabled control (the add button at max_rows) is neither posted nor pressable.
    """

    def __init__(self, html: str) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self.buttons: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.autofocus: list[str] = []
        self.show_if: list[str] = []
        self.templates: list[str] = []
        self._template_depth = 0
        self._template_start = 0
        self._select: dict | None = None
        self._textarea: dict | None = None
        self._html = html
        self._lines = html.splitlines(keepends=True)
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "template":
            self._template_depth += 1
            if self._template_depth == 1:
                self._template_start = self._offset() + len(self.get_starttag_text() or "")
            return
        if self._template_depth:
            return
        a = dict(attrs)
        if "disabled" in a:
            return
        if "id" in a:
            self.ids.append(a["id"] or "")
        if "autofocus" in a:
            self.autofocus.append(a.get("id") or "")
        if "data-show-if" in a:
            self.show_if.append(a["data-show-if"] or "")
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append(a["href"][1:])
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                self.buttons.append(name)
            elif kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.pairs.append((name, a.get("value") or "on"))
            else:
                self.pairs.append((name, a.get("value") or ""))
        elif tag == "button" and name:
            self.buttons.append(name)
        elif tag == "select" and name:
            self._select = {"name": name, "options": [], "multiple": "multiple" in a}
        elif tag == "option" and self._select is not None:
            self._select["options"].append((a.get("value") or "", "selected" in a))
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def _offset(self) -> int:
        """Where the parser is in the HTML, as a string index."""
        line, column = self.getpos()
        return sum(len(text) for text in self._lines[: line - 1]) + column

    def handle_data(self, data: str) -> None:
        if self._template_depth:
            return
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "template" and self._template_depth:
            self._template_depth -= 1
            if self._template_depth == 0:
                self.templates.append(self._html[self._template_start : self._offset()])
            return
        if self._template_depth:
            return
        if tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self._select["multiple"]:
                chosen = [options[0][0]]
            self.pairs.extend((self._select["name"], value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers post line breaks in a textarea as CRLF.
            text = self._textarea["text"].replace("\n", "\r\n")
            self.pairs.append((self._textarea["name"], text))
            self._textarea = None

    def submit(self, button: str | None = None, **changes: str | list[str]) -> MultiDict:
        """What the browser posts, optionally after typing ``changes`` and pressing ``button``."""
        pairs = [(k, v) for k, v in self.pairs if k not in changes]
        for key, value in changes.items():
            pairs.extend((key, v) for v in ([value] if isinstance(value, str) else value))
        if button:
            assert button in self.buttons, f"no button {button!r} on the page"
            pairs.append((button, "1"))
        return MultiDict(pairs)

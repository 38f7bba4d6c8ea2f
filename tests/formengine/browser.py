"""A tiny stand-in for a browser: render a built form and post it as a browser would."""

from __future__ import annotations

import lxml.html
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


class Page:
    """The successful controls of a form (HTML's rules for what gets posted) and its ids.

    As in a browser, what is inside a ``<template>`` is not part of the page: it is neither
    posted nor has ids (``templates`` keeps the HTML inside each outermost template instead),
    and a disabled control (the add button at max_rows) is neither posted nor pressable.
    The HTML is parsed by lxml.
    """

    def __init__(self, html: str) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.buttons: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.autofocus: list[str] = []
        self.show_if: list[str] = []
        self.templates: list[str] = []
        root = lxml.html.document_fromstring(html)
        for element in root.iter():
            if not isinstance(element.tag, str) or _in_template(element):
                continue
            if element.tag == "template":
                self.templates.append(_inner_html(element))
            elif "disabled" not in element.attrib:
                self._see(element)

    def _see(self, element: lxml.html.HtmlElement) -> None:
        """Note an element's id, links and rules, and what it posts."""
        a = element.attrib
        if "id" in a:
            self.ids.append(a["id"])
        if "autofocus" in a:
            self.autofocus.append(a.get("id") or "")
        if "data-show-if" in a:
            self.show_if.append(a["data-show-if"])
        if element.tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        name = a.get("name")
        if not name:
            return
        if element.tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                self.buttons.append(name)
            elif kind not in ("radio", "checkbox"):
                self.pairs.append((name, a.get("value", "")))
            elif "checked" in a:
                self.pairs.append((name, a.get("value", "on")))
        elif element.tag == "button":
            self.buttons.append(name)
        elif element.tag == "select":
            self.pairs.extend((name, value) for value in _chosen(element))
        elif element.tag == "textarea":
            # Browsers post line breaks in a textarea as CRLF.
            self.pairs.append((name, (element.text or "").replace("\n", "\r\n")))

    def submit(self, button: str | None = None, **changes: str | list[str]) -> MultiDict:
        """What the browser posts, optionally after typing ``changes`` and pressing ``button``."""
        pairs = [(k, v) for k, v in self.pairs if k not in changes]
        for key, value in changes.items():
            pairs.extend((key, v) for v in ([value] if isinstance(value, str) else value))
        if button:
            assert button in self.buttons, f"no button {button!r} on the page"
            pairs.append((button, "1"))
        return MultiDict(pairs)


def _in_template(element: lxml.html.HtmlElement) -> bool:
    """Whether the element is inside a <template> (so not part of the page)."""
    return any(parent.tag == "template" for parent in element.iterancestors())


def _inner_html(element: lxml.html.HtmlElement) -> str:
    """The HTML inside an element."""
    return (element.text or "") + "".join(
        lxml.html.tostring(child, encoding=str) for child in element
    )


def _chosen(select: lxml.html.HtmlElement) -> list[str]:
    """The values a <select> posts: its selected options, else (single) its first option."""
    options = [o for o in select.iter("option") if "disabled" not in o.attrib]
    values = [o.get("value", "") for o in options]
    chosen = [v for v, o in zip(values, options, strict=True) if "selected" in o.attrib]
    if not chosen and options and "multiple" not in select.attrib:
        chosen = values[:1]
    return chosen

"""Every built-in form through the visual editor: opened, each field and each column of a
repeat (nested ones too) chosen and its properties panel applied untouched, the YAML stays
byte-identical."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from app.formengine.loader import read_yaml
from app.forms import columns, definitions
from tests.forms_designer.test_visual_web import _source

BUILTIN = ["smarte_maal", "sagsforloeb", "beslutningskompetence"]


class _Panel(HTMLParser):
    """The values a browser would post from the properties panel's inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str | list[str]] = {}
        self._select: str | None = None
        self._first = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name") or ""
        if tag == "input" and (name.startswith("p_") or name == "p_for"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if name in ("p_show_values", "p_default_values"):  # checkboxes of one name
                self.values.setdefault(name, []).append(a.get("value") or "")  # type: ignore[union-attr]
                return
            self.values[name] = a.get("value") or ""
        elif tag == "select" and name.startswith("p_"):
            self._select, self._first = name, True
        elif tag == "option" and self._select:
            # As a browser: the selected option, else the first.
            if "selected" in a or self._first:
                self.values[self._select] = a.get("value") or ""
            self._first = False
        elif tag == "textarea" and name.startswith("p_"):
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def _panel_values(page: str) -> dict[str, str | list[str]]:
    part = page.split('data-testid="properties"', 1)[1].split("</section>", 1)[0]
    parser = _Panel()
    parser.feed("<section " + part)
    return {
        k: [html.unescape(x) for x in v] if isinstance(v, list) else html.unescape(v)
        for k, v in parser.values.items()
    }


@pytest.mark.parametrize("name", BUILTIN)
def test_a_builtin_form_saved_unchanged_through_every_panel_is_byte_identical(admin, name):
    url = f"/formularer/{name}/visuel"
    current = definitions.current_version(name)
    page = admin.get(url).get_data(as_text=True)
    source = _source(page)
    assert source == current.source
    every = columns.every_path(read_yaml(source))
    assert any(columns.is_column(p) for p in every)  # the columns are in the walk
    if name == "smarte_maal":
        assert {"goals.title", "goals.baseline", "goals.subgoals.text"} <= set(every)
    for field in every:
        chosen = admin.post_form(
            url, {"source": source, "base": str(current.version), "_select": f"f:{field}"}, page=url
        ).get_data(as_text=True)
        assert _source(chosen) == source, field
        assert f'name="p_for" value="{field}"' in chosen, field  # the panel is the column's
        posted = {
            "source": source,
            "base": str(current.version),
            "selected": f"f:{field}",
            "_apply": "1",
            **_panel_values(chosen),
        }
        applied = admin.post_form(url, posted, page=url).get_data(as_text=True)
        assert _source(applied) == source, field

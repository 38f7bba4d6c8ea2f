"""The properties panel's keys beyond label and help: scale end labels, pattern and its
message, default, readonly, a repeat's rows and layout, unit, and "er en af" conditions.
Each is offered only for the types whose schema accepts it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.formengine import load_definition
from app.forms import visual
from tests.forms_designer.test_visual_model import VOCABULARIES
from tests.forms_designer.test_visual_web import _post, _source

FORM = """\
name: talk
title: Samtale
scope: case
sections:
  - name: main
    title: Indhold
    fields:
      - {name: code, type: text, label: Kode}
      - {name: story, type: textarea, label: Fortælling}
      - {name: hours, type: integer, label: Timer}
      - {name: when, type: date, label: Dato}
      - {name: school, type: boolean, label: Skole}
      - name: mood
        type: select
        label: Humør
        choices:
          - {value: glad, label: Glad}
          - {value: trist, label: Trist}
          - {value: vred, label: Vred}
      - {name: ruler, type: scale, label: Lineal}
      - name: note
        type: text
        label: Note
        show_if: {field: mood, one_of: [trist, glad]}
      - name: rows
        type: repeat
        label: Rækker
        fields:
          - {name: what, type: text, label: Hvad}
"""


def _apply(path: str, posted: dict, source: str = FORM) -> str:
    outcome = visual.apply(
        source, {"selected": f"f:{path}", "p_for": path, "_apply": "1", **posted}, VOCABULARIES
    )
    return outcome.source


def _field(source: str, name: str):
    return load_definition(source).field(name)


def test_text_pattern_and_its_message():
    changed = _apply(
        "code",
        {"p_pattern": "^[0-9]{4}$", "p_pattern_message_da": "Fire cifre",
         "p_pattern_message_en": "Four digits"},
    )  # fmt: skip
    code = _field(changed, "code")
    assert code.pattern == "^[0-9]{4}$" and code.pattern_message.en == "Four digits"
    assert _apply("code", {"p_pattern": ""}, changed).count("pattern:") == 0


@pytest.mark.parametrize(
    ("name", "posted", "expected"),
    [
        ("code", "Ukendt", "Ukendt"),
        ("hours", "7", 7),
        ("when", "today", "today"),
        ("when", "2026-11-23", date(2026, 11, 23)),
        ("school", "false", False),
        ("mood", "vred", "vred"),
        ("ruler", "5", 5),
    ],
)
def test_a_default_is_written_as_the_type_holds_it(name, posted, expected):
    changed = _apply(name, {"p_default": posted})
    assert _field(changed, name).default == expected
    assert _apply(name, {"p_default": ""}, changed) == FORM


def test_a_multiselects_default_is_the_ticked_choices():
    source = FORM.replace(
        "type: select\n        label: Humør", "type: multiselect\n        label: Humør"
    )
    ticked = {"p_default_shown": "1", "p_default_values": ["vred", "glad", "ukendt"]}
    changed = _apply("mood", ticked, source)
    assert "default: [glad, vred]" in changed and _field(changed, "mood").default == [
        "glad",
        "vred",
    ]
    assert _apply("mood", {**ticked, "p_default_values": ["vred", "glad"]}, changed) == changed
    assert _apply("mood", {"p_default_shown": "1"}, changed) == source


def test_readonly_unit_and_scale_labels():
    changed = _apply("hours", {"p_readonly_shown": "1", "p_readonly": "1",
                               "p_unit_da": "timer pr. uge", "p_unit_en": ""})  # fmt: skip
    hours = _field(changed, "hours")
    assert hours.readonly and hours.unit.da == "timer pr. uge"
    ruler = _field(
        _apply("ruler", {"p_low_label_da": "Slet ikke", "p_high_label_da": "Helt",
                         "p_high_label_en": "Completely"}),
        "ruler",
    )  # fmt: skip
    assert ruler.low_label.da == "Slet ikke" and ruler.high_label.en == "Completely"


def test_a_repeats_rows_and_layout():
    changed = _apply("rows", {"p_min_rows": "1", "p_max_rows": "12", "p_layout": "cards"})
    rows = _field(changed, "rows")
    assert (rows.min_rows, rows.max_rows, rows.layout) == (1, 12, "cards")
    # "table" is the default: choosing it for a repeat without a layout writes nothing.
    assert _apply("rows", {"p_layout": "table", "p_min_rows": "", "p_max_rows": ""}) == FORM
    assert "layout: table" in _apply("rows", {"p_layout": "table"}, changed)


def test_a_repeats_row_name_and_add_button_text():
    """What one row is called ("Mål" gives "Mål 1") and the add button's text, in both
    languages; emptied again, the YAML is as it was."""
    posted = {"p_item_label_da": "Aftale", "p_item_label_en": "Agreement",
              "p_add_label_da": "Tilføj aftale", "p_add_label_en": "Add agreement"}  # fmt: skip
    changed = _apply("rows", posted)
    rows = _field(changed, "rows")
    assert (rows.item_label.da, rows.item_label.en) == ("Aftale", "Agreement")
    assert (rows.add_label.da, rows.add_label.en) == ("Tilføj aftale", "Add agreement")
    assert "item_label: {da: Aftale, en: Agreement}" in changed
    emptied = {k: "" for k in posted}
    assert _apply("rows", emptied, changed) == FORM


def test_one_of_is_built_from_checkboxes_and_an_untouched_rule_keeps_its_order():
    posted = {"p_show_field": "mood", "p_show_test": "one_of", "p_show_values": ["glad", "trist"]}
    assert _apply("note", posted) == FORM  # the same values, written in another order
    changed = _apply("note", {**posted, "p_show_values": ["vred"]})
    assert "show_if: {field: mood, one_of: [vred]}" in changed
    on_bool = _apply(
        "note", {"p_show_field": "school", "p_show_test": "one_of", "p_show_values": ["true"]}
    )
    assert _field(on_bool, "note").show_if.one_of == [True]
    # A value the field cannot have is not written.
    assert _apply("note", {**posted, "p_show_values": ["rasende"]}) == FORM


def _panel(admin, name: str) -> str:
    _, page = _post(admin, {"_select": f"f:{name}"}, FORM)
    return page.split('data-testid="properties"', 1)[1].split("</section>", 1)[0]


OFFERED = {
    "code": {"p_pattern", "p_pattern_message_da", "p_max_length", "p_default", "p_readonly"},
    "story": {"p_max_length", "p_default", "p_readonly"},
    "hours": {"p_min", "p_max", "p_unit_da", "p_default", "p_readonly"},
    "when": {"p_min", "p_default", "p_after"},
    "school": {"p_default", "p_readonly"},
    "ruler": {"p_low_label_da", "p_high_label_en", "p_default"},
    "rows": {"p_layout", "p_min_rows", "p_max_rows", "p_sum_column", "p_item_label_da",
             "p_add_label_en"},
}
EVERY = set().union(*OFFERED.values())


@pytest.mark.parametrize("name", sorted(OFFERED))
def test_the_panel_offers_a_key_only_for_the_types_that_accept_it(admin, goals_form, name):
    names = set(re.findall(r'name="(p_[a-z_]+)"', _panel(admin, name)))
    assert OFFERED[name] <= names
    not_for_it = {"p_pattern", "p_unit_da", "p_low_label_da", "p_layout", "p_min_rows",
                  "p_item_label_da"}
    assert not (names & (not_for_it - OFFERED[name]))
    if name == "rows":
        assert "p_default" not in names  # a repeat's default rows stay in YAML
    assert EVERY


def test_the_one_of_checkboxes_show_the_rule(admin, goals_form):
    panel = _panel(admin, "note")
    assert '<option value="one_of" selected>' in panel
    checked = re.findall(r'name="p_show_values" type="checkbox" value="(\w+)"( checked)?', panel)
    assert checked == [("glad", " checked"), ("trist", " checked"), ("vred", "")]
    assert _source(_post(admin, {"_check": "1"}, FORM)[1]) == FORM

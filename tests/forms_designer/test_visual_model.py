"""The visual editor's plain functions: properties, outline, change summary and warnings."""

from __future__ import annotations

import pytest

from app.formengine import DefinitionError, Problem, load_definition
from app.formengine.loader import read_yaml
from app.formengine.vocabularies import DEFAULT_VOCABULARIES
from app.forms import impact, properties, visual
from app.forms import roundtrip as rt

VOCABULARIES = {
    name: [{"value": i.value, "label": i.label, "label_en": i.label_en} for i in items]
    for name, items in DEFAULT_VOCABULARIES.items()
}

FORM = """\
name: talk
title: Samtale
scope: case
sections:
  - name: main
    title: Indhold
    fields:
      # Hours are whole hours.
      - name: hours
        type: integer
        label: Timer
      - name: school
        type: boolean
        label: Går barnet i skole?
      - name: mood
        type: select
        label: Humør
        choices:
          - {value: glad, label: Glad}
          - {value: trist, label: Trist}
      - name: note
        type: text
        label: Note
        show_if: {field: mood, one_of: [glad, trist]}
"""


def _apply(source: str, name: str, posted: dict) -> str:
    return visual.apply(
        source, {"selected": f"f:{name}", "p_for": name, "_apply": "1", **posted}, VOCABULARIES
    ).source


def _field(source: str, name: str) -> dict:
    data = read_yaml(source)
    return next(f for s in data["sections"] for f in s["fields"] if f.get("name") == name)


def _panel_post(source: str, name: str) -> dict:
    """What the panel's inputs post when nobody changes them."""
    panel = properties.panel(read_yaml(source), name, VOCABULARIES, {}, "da")
    posted = {
        "p_label_da": panel.text("label", "da"),
        "p_label_en": panel.text("label", "en"),
        "p_help_da": "",
        "p_help_en": "",
        "p_required_message_da": "",
        "p_required_message_en": "",
        "p_required_shown": "1",
        "p_name": name,
        "p_show_field": panel.show_field,
        "p_show_test": panel.show_test,
        "p_show_value": panel.show_value,
        "p_show_values": panel.show_values,
    }
    if panel.kind == "integer":
        posted.update(p_min=panel.value("min"), p_max=panel.value("max"))
    if panel.kind == "select":
        posted.update(p_choices_mode="own", p_choices=panel.choices_text(), p_widget="")
    return posted


@pytest.mark.parametrize("name", ["hours", "school", "mood", "note"])
def test_applying_an_untouched_panel_changes_no_byte(name):
    assert _apply(FORM, name, _panel_post(FORM, name)) == FORM


def test_a_rule_the_builder_cannot_offer_is_kept_as_written():
    typed = FORM.replace("one_of: [glad, trist]", "equals: 3").replace(
        "field: mood", "field: hours"
    )
    panel = properties.panel(read_yaml(typed), "note", VOCABULARIES, {}, "da")
    assert panel.show_kept == ["3"] and panel.show_value == properties.KEEP
    assert _apply(typed, "note", _panel_post(typed, "note")) == typed


def test_properties_are_written_where_they_belong():
    changed = _apply(
        FORM,
        "hours",
        {"p_label_da": "Timer", "p_label_en": "Hours", "p_min": "0", "p_max": "37,5",
         "p_required_shown": "1", "p_required": "1", "p_help_da": "Pr. uge", "p_help_en": ""},
    )  # fmt: skip
    spec = _field(changed, "hours")
    assert spec["label"] == {"da": "Timer", "en": "Hours"}
    assert spec["min"] == 0 and spec["max"] == 37.5  # the check then says: a whole number
    assert spec["required"] is True and spec["help"] == "Pr. uge"
    assert list(spec)[:5] == ["name", "type", "label", "help", "required"]
    assert "# Hours are whole hours." in changed


def test_typed_choices_and_a_shared_list():
    typed = _apply(
        FORM, "mood", {"p_choices_mode": "own", "p_choices": "glad | Glad | Happy\nno\nMeget trist"}
    )
    assert _field(typed, "mood")["choices"] == [
        {"value": "glad", "label": {"da": "Glad", "en": "Happy"}},
        {"value": "no", "label": "no"},  # quoted, so YAML 1.1 does not read false
        {"value": "meget_trist", "label": "Meget trist"},
    ]
    listed = _apply(FORM, "mood", {"p_choices_mode": "list", "p_choices_from": "roles"})
    spec = _field(listed, "mood")
    assert spec["choices_from"] == "roles" and "choices" not in spec


def test_the_show_if_builder_writes_typed_values_and_keeps_one_of():
    on_bool = _apply(FORM, "note", {"p_show_field": "school", "p_show_value": "true"})
    assert _field(on_bool, "note")["show_if"] == {"field": "school", "equals": True}
    load_definition(on_bool)
    kept = _apply(FORM, "note", {"p_show_field": "mood", "p_show_value": properties.KEEP})
    assert kept == FORM
    # A value the field cannot have is replaced by its first valid one.
    wrong = _apply(FORM, "note", {"p_show_field": "mood", "p_show_value": "vred"})
    assert _field(wrong, "note")["show_if"] == {"field": "mood", "equals": "glad"}
    filled = _apply(FORM, "note", {"p_show_field": "hours", "p_show_test": "not_empty"})
    assert _field(filled, "note")["show_if"] == {"field": "hours", "not_empty": True}
    gone = _apply(FORM, "note", {"p_show_field": ""})
    assert "show_if" not in _field(gone, "note")


def test_the_panel_offers_only_valid_values():
    panel = properties.panel(read_yaml(FORM), "note", VOCABULARIES, {}, "da")
    assert panel.values["mood"] == [("glad", "Glad"), ("trist", "Trist")]
    assert panel.values["school"] == [("true", "Ja"), ("false", "Nej")]
    assert panel.values["hours"] == []  # only "is filled in"
    # A one_of rule whose values the field offers is built with the checkboxes, not kept.
    assert panel.show_test == "one_of" and panel.show_values == ["glad", "trist"]
    assert panel.show_kept == []
    roles = properties.testable_values(
        {"type": "select", "choices_from": "roles"}, VOCABULARIES, "en"
    )
    assert ("familiekoordinator", "Family coordinator") in roles


def test_a_rename_to_a_taken_or_bad_name_is_ignored():
    assert _apply(FORM, "note", {"p_name": "hours"}) == FORM
    assert _apply(FORM, "note", {"p_name": "Ikke et navn"}) == FORM
    assert "- name: remark" in _apply(FORM, "note", {"p_name": "remark"})


def test_problems_stand_on_their_field_or_section():
    broken = FORM.replace("type: integer", "type: dropdown").replace("    title: Indhold\n", "")
    with pytest.raises(DefinitionError) as caught:
        load_definition(broken, "<formular>")
    outline = visual.outline(read_yaml(broken), caught.value.problems)
    hours = outline.field("hours")
    assert any("mente du 'select' (Valgliste)" in p.message for p in hours.problems)
    assert outline.sections[0].problems  # the missing title
    assert not outline.general
    assert outline.field("note").condition == "Vises kun, hvis »Humør« er Glad / Trist"


def test_an_operation_that_changes_nothing_returns_the_text_as_it_came():
    odd = FORM.replace("sections:\n", "sections:   \n")  # trailing spaces ruamel drops
    assert not rt.is_lossless(odd)
    assert visual.apply(odd, {"_select": "f:hours"}, VOCABULARIES).source == odd
    assert visual.apply(FORM, {"_up": "f:hours"}, VOCABULARIES).message


def _definition(text: str):
    return load_definition(text)


def test_change_summary_in_plain_words():
    old = _definition(FORM)
    new = _definition(
        FORM.replace("      - name: hours\n        type: integer\n        label: Timer\n", "")
        .replace("          - {value: trist, label: Trist}\n", "          - {value: rolig, label: Rolig}\n")
        .replace("        label: Note\n", "        label: Note\n        required: true\n")
        .replace("type: boolean", "type: text")
        .replace("show_if: {field: mood, one_of: [glad, trist]}", "show_if: {field: mood, equals: glad}")
        + "      - {name: own_words, type: textarea, label: Barnets egne ord}\n"
    )  # fmt: skip
    lines = impact.change_summary(old, new)
    assert any(line.startswith("Nyt felt »Barnets egne ord«") for line in lines)
    assert any(line.startswith("Feltet »Timer« fjernes: det, der allerede") for line in lines)
    assert any("fjernet: trist; tilføjet: rolig" in line for line in lines)
    assert any(line.startswith("»Note« bliver påkrævet") for line in lines)
    assert any("skifter fra Ja/nej til Kort tekst" in line for line in lines)
    assert impact.change_summary(old, old) == []


def test_warnings_duplicate_labels_and_never_shown_fields():
    text = (
        FORM.replace("label: Note", "label: Timer")
        + "      - {name: locked, type: boolean, label: Låst, readonly: true, default: false}\n"
        "      - {name: a, type: text, label: A, show_if: {field: locked, equals: true}}\n"
        "      - {name: b, type: text, label: B, show_if: {field: a, not_empty: true}}\n"
        "      - {name: role, type: select, label: Rolle, choices_from: roles}\n"
        "      - {name: c, type: text, label: C, show_if: {field: role, equals: pilot}}\n"
    )
    warnings = {
        p.path: p.message for p in impact.definition_warnings(_definition(text), VOCABULARIES)
    }
    assert "bruges også af feltet 'hours'" in warnings["note"]
    assert "skrivebeskyttet" in warnings["a"]
    assert "'a', som det afhænger af, vises aldrig" in warnings["b"]
    assert "listen 'roles' har ingen af værdierne 'pilot'" in warnings["c"]
    assert set(warnings) == {"note", "a", "b", "c"}
    assert all(isinstance(p, Problem) for p in impact.definition_warnings(_definition(FORM), {}))


def test_a_new_field_is_named_after_its_label_a_published_one_never():
    added = visual.apply(FORM, {"selected": "f:note", "_add": "text"}, VOCABULARIES)
    assert added.selected == "f:kort_tekst"
    post = {"p_label_da": "Barnets egne ord", "p_name": "kort_tekst"}
    named = _apply(added.source, "kort_tekst", post)
    assert "- name: barnets_egne_ord" in named
    # The same field in the published version keeps its name (its answers belong to it).
    kept = visual.apply(
        added.source,
        {"selected": "f:kort_tekst", "p_for": "kort_tekst", "_apply": "1", **post},
        VOCABULARIES,
        published={"kort_tekst"},
    )
    assert "- name: kort_tekst" in kept.source and kept.selected == "f:kort_tekst"


def test_a_new_help_text_can_be_chosen_and_edited():
    added = visual.apply(FORM, {"selected": "s:main", "_add": "help"}, VOCABULARIES)
    assert added.selected == "f:vejledende_tekst"
    panel = properties.panel(read_yaml(added.source), "vejledende_tekst", VOCABULARIES, {})
    assert panel.text_key == "text" and ("mood", "Humør") in panel.targets
    edited = _apply(added.source, "vejledende_tekst", {"p_text_da": "Spørg barnet først."})
    definition = load_definition(edited)
    block = definition.sections[0].fields[-1]
    assert block.type == "help" and block.text.da == "Spørg barnet først."


def test_a_new_empty_section_says_what_to_do():
    document = rt.load(FORM)
    rt.add_section(document, "own", rt.localized("Barnets egne ord"))
    with pytest.raises(DefinitionError) as caught:
        load_definition(rt.dump(document))
    (problem,) = caught.value.problems
    assert problem.path == "sections.own.fields"
    assert problem.message == "afsnittet har endnu ingen felter; tilføj mindst ét felt"
    outline = visual.outline(read_yaml(rt.dump(document)), [problem])
    assert outline.sections[-1].problems == [problem]

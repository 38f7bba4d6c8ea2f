"""The visual editor's YAML round trip: nothing people wrote is lost, and only edits change."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formengine import load_definition
from app.formengine.loader import builtin_forms_dir, read_yaml
from app.forms import roundtrip as rt
from app.forms.definitions import MAX_SOURCE_CHARS

DEFINITIONS = sorted(builtin_forms_dir().glob("*.yaml"))
# The start documents (data a new case-flow template begins with) are YAML people write too.
BUILTIN = DEFINITIONS + sorted((builtin_forms_dir() / "starts").glob("*.yaml"))


def _hunks(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=3)
    return [line for line in diff if line.startswith("@@")]


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def test_there_are_builtin_forms_to_check():
    assert len(BUILTIN) >= 5


@pytest.mark.parametrize("path", BUILTIN, ids=lambda p: p.name)
def test_every_builtin_form_saved_unchanged_is_byte_identical(path: Path):
    source = path.read_text(encoding="utf-8")
    assert rt.dump(rt.load(source)) == source
    assert rt.is_lossless(source)


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_one_change_is_one_hunk_and_keeps_every_comment(path: Path):
    source = path.read_text(encoding="utf-8")
    document = rt.load(source)
    name = rt.field_names(document)[1]
    rt.set_text(rt.field_spec(document, name), "label", "Ny ledetekst", "New label")
    changed = rt.dump(document)
    assert len(_hunks(source, changed)) == 1
    assert _comments(changed) == _comments(source)
    assert load_definition(changed).field(name).label.get("en") == "New label"


def test_adding_a_section_with_fields_is_one_hunk_and_loads():
    path = builtin_forms_dir() / "smarte_maal.yaml"
    source = path.read_text(encoding="utf-8")
    document = rt.load(source)
    last = rt.section_names(document)[-1]
    rt.add_section(document, "own_words", rt.localized("Barnets egne ord", "The child's words"))
    rt.add_field(
        document,
        "own_words",
        {"name": "in_own_words", "type": "textarea", "label": rt.localized("Med egne ord")},
    )
    changed = rt.dump(document)
    assert len(_hunks(source, changed)) == 1
    assert _comments(changed) == _comments(source)
    definition = load_definition(changed)
    assert definition.sections[-1].name == "own_words"
    assert definition.sections[-2].name == last
    assert definition.field("in_own_words").label.da == "Med egne ord"


YAML_11 = """\
name: yes_no
title: Ja/nej
scope: case
sections:
  - name: main
    title: Indhold
    fields:
      - name: answer
        type: select
        label: Svar
        choices:
          - {value: "no", label: Nej}
          - {value: maybe, label: Måske}
"""


@pytest.mark.parametrize(
    "word", ["no", "on", "off", "yes", "y", "Null", "~", "0777", "1:20", "1e3"]
)
def test_written_text_means_the_same_to_the_apps_loader(word: str):
    document = rt.load(YAML_11)
    spec = rt.field_spec(document, "answer")
    rt.set_text(spec, "label", word)
    rt.set_text(spec, "help", word, word)
    rt.set_property(spec, "choices", [rt.flow_map([("value", word), ("label", word)])])
    text = rt.dump(document)
    data = read_yaml(text)["sections"][0]["fields"][0]
    assert data["label"] == word
    assert data["help"] == {"da": word, "en": word}
    assert data["choices"] == [{"value": word, "label": word}]
    assert load_definition(text).field("answer").choices[0].value == word


# Text a leader types: letters, Danish ones, and every character YAML gives a meaning to.
_TYPED = st.text(
    alphabet=st.sampled_from(list("abc æøåÆ019?:,#[]{}-'\"!&*|>%@`~")), min_size=1, max_size=24
).map(str.strip).filter(bool)

FLOW_AND_BLOCK = """\
name: flow_and_block
title: Flow og blok
scope: case
sections:
  - name: main
    title: Indhold
    fields:
      - name: answer
        type: select
        label: {da: Svar, en: Answer}
        help: Vælg et svar
        choices:
          - {value: ja, label: Ja}
      - name: rows
        type: repeat
        label: Rækker
        columns: [{name: text, type: text, label: Tekst}]
"""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(da=_TYPED, en=_TYPED)
def test_any_typed_text_reads_back_the_same_inside_and_outside_braces(da: str, en: str):
    """A label typed into a `{da: …, en: …}`, a block label, a choice's flow mapping, a flow
    list and a column inside a flow list: PyYAML (the app's reader) reads back what was typed.
    (A plain `Hvad vil vi opnå?` inside braces broke the SMARTE form's YAML.)"""
    document = rt.load(FLOW_AND_BLOCK)
    answer = rt.field_spec(document, "answer")
    rt.set_text(answer, "label", da, en)  # the existing flow mapping keeps its layout
    rt.set_text(answer, "help", da)  # block
    rt.set_property(answer, "choices", [rt.flow_map([("value", "v1"), ("label", da)])])
    rt.set_property(answer, "default", rt.flow_seq([en]))
    column = rt.field_spec(document, "rows")["columns"][0]
    rt.set_text(column, "label", en)  # plain text inside a list written in brackets
    data = read_yaml(rt.dump(document))["sections"][0]["fields"]
    assert data[0]["label"] == {"da": da, "en": en}
    assert data[0]["help"] == da
    assert data[0]["choices"] == [{"value": "v1", "label": da}]
    assert data[0]["default"] == [en]
    assert data[1]["columns"][0]["label"] == en


def test_text_in_braces_is_quoted_only_where_pyyaml_would_cut_it():
    document = rt.load(FLOW_AND_BLOCK)
    answer = rt.field_spec(document, "answer")
    rt.set_text(answer, "label", "Hvad vil vi opnå?", "Answer")
    rt.set_text(answer, "help", "Hvad vil vi opnå?")
    text = rt.dump(document)
    assert 'label: {da: "Hvad vil vi opnå?", en: Answer}' in text
    assert "help: Hvad vil vi opnå?\n" in text  # outside braces PyYAML reads it as it is
    assert rt.dump(rt.load(FLOW_AND_BLOCK)) == FLOW_AND_BLOCK  # nothing else is quoted


def test_a_quoted_no_stays_quoted_and_an_unquoted_one_stays_as_written():
    assert rt.dump(rt.load(YAML_11)) == YAML_11
    unquoted = YAML_11.replace('value: "no"', "value: no")
    assert rt.dump(rt.load(unquoted)) == unquoted
    # The app reads the unquoted word as YAML 1.1 does; the check then says so.
    assert read_yaml(unquoted)["sections"][0]["fields"][0]["choices"][0]["value"] is False


def test_safe_scalar_quotes_only_what_pyyaml_would_misread():
    assert rt.safe_scalar("Barnets egne ord") == "Barnets egne ord"
    assert type(rt.safe_scalar("Barnets egne ord")) is str
    for word in ("no", "On", "true", "12", "2026-01-01", " padded"):
        quoted = rt.safe_scalar(word)
        assert type(quoted) is not str
        assert yaml.safe_load(rt.dump(_doc_with(quoted)))["v"] == word


def _doc_with(value):
    document = rt.load("v: 1\n")
    document.data["v"] = value
    return document


def test_move_fields_and_sections():
    source = builtin_forms_dir() / "smarte_maal.yaml"
    document = rt.load(source.read_text(encoding="utf-8"))
    names = rt.field_names(document)
    assert rt.move_field(document, names[1], -1)
    assert rt.field_names(document)[:2] == [names[1], names[0]]
    assert not rt.move_field(document, names[1], -1)  # first in the form
    first, *rest = rt.section_names(document)
    if rest:
        assert rt.move_section(document, first, +1)
        assert rt.section_names(document)[1] == first
    rt.place_field(document, names[0], rt.section_names(document)[0], 0)
    assert rt.field_names(document)[0] == names[0] or rest
    load_definition(rt.dump(document))


def test_a_field_moves_across_a_section_edge():
    source = """\
name: two
title: To
scope: case
sections:
  - name: a
    title: A
    fields:
      - {name: one, type: text, label: En}
      - {name: two, type: text, label: To}
  - name: b
    title: B
    fields:
      - {name: three, type: text, label: Tre}
"""
    document = rt.load(source)
    assert rt.move_field(document, "two", +1)
    definition = load_definition(rt.dump(document))
    assert [f.name for f in definition.sections[1].fields] == ["two", "three"]
    # The last field of a section stays: a section needs a field.
    assert not rt.move_field(document, "one", +1)
    rt.remove_field(document, "three")
    rt.remove_section(document, "b")
    assert rt.section_names(document) == ["a"]


def test_a_file_indented_another_way_keeps_its_indentation():
    source = "name: x\ntitle: X\nscope: case\nsections:\n- name: a\n  title: A\n  fields:\n  - name: one\n    type: text\n    label: En\n"
    document = rt.load(source)
    assert rt.dump(document) == source
    rt.add_field(document, "a", {"name": "two", "type": "text", "label": "To"})
    assert rt.dump(document).endswith("  - name: two\n    type: text\n    label: To\n")


def test_taken_names_and_unknown_fields_are_refused():
    document = rt.load(YAML_11)
    with pytest.raises(rt.EditError):
        rt.add_field(document, "main", {"name": "answer", "type": "text", "label": "x"})
    with pytest.raises(rt.EditError):
        rt.field_spec(document, "nothing")
    with pytest.raises(rt.EditError):
        rt.load("- just\n- a list\n")
    with pytest.raises(rt.EditError):
        rt.load("a: " + "x" * rt.MAX_CHARS)
    assert rt.MAX_CHARS == MAX_SOURCE_CHARS  # what publishing accepts, the editor edits
    assert rt.unique_name(document, "answer") == "answer_2"
    assert rt.slug("Barnets egne ord") == "barnets_egne_ord"
    assert rt.slug("Ønsker til året") == "oensker_til_aaret"
    assert rt.slug("123") == "felt_123"

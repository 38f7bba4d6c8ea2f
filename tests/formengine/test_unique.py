"""A repeat's `unique` columns: a different value in each row of a final submission."""

from __future__ import annotations

import pytest

from app.formengine import DefinitionError, describe_fields, load_definition, validate_submission

FORM = """\
name: flow
title: Forløb
scope: municipality
sections:
  - name: s
    title: S
    fields:
      - name: phases
        type: repeat
        label: Faser
        unique: [key]
        fields:
          - {name: name, type: text, label: Fase}
          - {name: key, type: text, label: Fase-id}
"""
DUPLICATE = {
    "phases": [
        {"name": "A", "key": "screening"},
        {"name": "B", "key": ""},
        {"name": "C", "key": "opstart"},
        {"name": "D", "key": "screening"},
        {"name": "E", "key": None},
    ]
}


def test_a_repeated_value_is_refused_on_the_later_row_of_a_final():
    """The error names the column and the first row with the value; empty ids pass."""
    definition = load_definition(FORM)
    result = validate_submission(definition, DUPLICATE, final=True, vocabularies={})
    assert result.errors == {
        "phases[3].key": [
            "»Fase-id« skal være forskellig i hver række; række 1 har allerede »screening«."
        ]
    }
    assert validate_submission(definition, DUPLICATE, final=False, vocabularies={}).ok
    fixed = {"phases": [dict(r) for r in DUPLICATE["phases"]]}
    fixed["phases"][3]["key"] = "afslutning"
    assert validate_submission(definition, fixed, final=True, vocabularies={}).ok


def test_the_api_description_names_the_unique_columns():
    """Clients learn the rule from the form's description."""
    (phases,) = describe_fields(load_definition(FORM), vocabularies={})
    assert phases["unique"] == ["key"]


@pytest.mark.parametrize(
    ("unique", "message"),
    [
        ("[kee]", "unique henviser til kolonnen 'kee', men gentagelsen har ingen kolonne"),
        ("[inner]", "unique kræver en kolonne med én værdi pr. række"),
    ],
)
def test_unique_must_name_a_single_value_column(unique, message):
    """A misspelt or nested-repeat column is reported with its line."""
    source = FORM.replace("unique: [key]", f"unique: {unique}") + (
        "          - name: inner\n"
        "            type: repeat\n"
        "            label: Indre\n"
        "            fields: [{name: x, type: text, label: X}]\n"
    )
    with pytest.raises(DefinitionError, match=message):
        load_definition(source)

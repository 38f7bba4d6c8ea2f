"""Repeats inside repeat rows: loading, validation paths and rules, carry-over, defaults."""

from __future__ import annotations

import copy
import re

import pytest

from app.formengine import (
    DefinitionError,
    carry_over,
    default_data,
    describe_fields,
    display_values,
    load_definition,
    load_file,
    validate_submission,
)
from app.formengine import validation as validation_module
from app.formengine.schema import NestedRepeatField, RepeatField
from tests.formengine.conftest import DEFINITIONS, PEOPLE

SMARTE = load_file(DEFINITIONS / "smarte.yaml")
INDICATOR = "Et mål skal have en målbar indikator, før planen kan gemmes som endelig."
HEAD = """\
name: nested
title: Indlejret
scope: case
sections:
  - name: s
    title: S
    fields:
"""


def nested(fields: str, source: str = "<string>"):
    """Load a form whose one section holds ``fields`` (YAML list items, six spaces in)."""
    return load_definition(HEAD + fields, source)


def goal(**changes) -> dict:
    """One complete goal row as stored (agreements are hidden unless shared is true)."""
    row = {
        "title": "Sofie kommer i skole",
        "indicator": "Fremmøde på 4 af 5 dage",
        "start": "2026-01-05",
        "shared": False,
        "subgoals": [{"text": "Står selv op", "deadline": "2026-02-01"}],
    }
    row.update(changes)
    return row


def agreement(**changes) -> dict:
    """One complete agreement row as stored."""
    row = {"what": "Vækkeur", "who": "anna", "by_when": "2026-01-10", "share": 100.0}
    row["note"] = "Mor køber det"
    row.update(changes)
    return row


def check(data: dict, *, final: bool = True):
    """Validate against the SMARTE sheet with the test team."""
    return validate_submission(SMARTE, data, final=final, vocabularies={}, people=PEOPLE)


def test_a_repeat_column_may_be_a_repeat_whose_columns_hold_values():
    goals = SMARTE.field("goals")
    assert isinstance(goals, RepeatField) and not isinstance(goals, NestedRepeatField)
    subgoals = goals.column("subgoals")
    assert isinstance(subgoals, NestedRepeatField) and isinstance(subgoals, RepeatField)
    assert [c.name for c in subgoals.fields] == ["text", "deadline"]
    assert SMARTE.repeat_at(["goals", "agreements"])[-1].sum_to.column == "share"
    assert SMARTE.repeat_at(["goals", "title"]) is None


def test_a_third_level_is_refused_with_a_clear_message():
    fields = """\
      - name: a
        type: repeat
        label: A
        fields:
          - name: b
            type: repeat
            label: B
            fields:
              - {name: c, type: repeat, label: C, fields: [{name: d, type: text, label: D}]}
"""
    with pytest.raises(DefinitionError) as caught:
        nested(fields, "deep.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "deep.yaml:16: a.b.c.type: en gentagelse i en gentagelse kan ikke indeholde endnu en "
        "gentagelse (gentagelser kan højst ligge ét niveau inde i hinanden)"
    ]


@pytest.mark.parametrize(
    ("column", "message"),
    [
        (
            "{name: n, type: text, label: N, show_if: {field: nope, not_empty: true}}",
            "r.inner.n.show_if.field: show_if henviser til 'nope', men der er intet felt med det navn",
        ),
        (
            "{name: n, type: date, label: N, after: titel}",
            "r.inner.n.after: after skal nævne et datofelt; 'titel' er et text-felt",
        ),
        (
            "{name: n, type: text, label: N, required_message: Skriv noget.}",
            "r.inner.n.required_message: required_message vises kun for et påkrævet felt",
        ),
    ],
)
def test_nested_columns_are_checked_against_their_row_and_the_rows_around(column, message):
    fields = f"""\
      - {{name: top_date, type: date, label: Dato}}
      - name: r
        type: repeat
        label: R
        fields:
          - {{name: titel, type: text, label: Titel}}
          - {{name: inner, type: repeat, label: I, fields: [{column}]}}
"""
    with pytest.raises(DefinitionError, match=re.escape(message)):
        nested(fields)


def test_nested_show_if_and_after_may_use_the_outer_row_and_the_form():
    fields = """\
      - {name: top_date, type: date, label: Dato}
      - name: r
        type: repeat
        label: R
        fields:
          - {name: flag, type: boolean, label: Flag}
          - name: inner
            type: repeat
            label: I
            fields:
              - {name: x, type: text, label: X, show_if: {field: flag, equals: true}}
              - {name: d, type: date, label: D, after: top_date}
"""
    assert nested(fields).repeat_at(["r", "inner"])[-1].column("d").after == "top_date"


def test_default_rows_with_nested_rows_are_checked():
    fields = """\
      - name: r
        type: repeat
        label: R
        default:
          - {t: a, inner: [{x: 1}, {y: 2}]}
          - {t: b, inner: nope}
        fields:
          - {name: t, type: text, label: T}
          - {name: inner, type: repeat, label: I, fields: [{name: x, type: integer, label: X}]}
"""
    with pytest.raises(DefinitionError) as caught:
        nested(fields, "defaults.yaml")
    printed = [str(p) for p in caught.value.problems]
    assert "defaults.yaml:12: r.default[0].inner[1].y: række 2 har ingen kolonne 'y'" in printed
    assert any("r.default[1].inner: skal være en liste af rækker" in p for p in printed), printed


def test_default_data_fills_nested_rows_from_the_outer_default_or_the_inner_one():
    data = default_data(SMARTE)
    first, second = data["goals"]
    assert first["subgoals"] == [{"text": "Første delmål", "deadline": None}]
    assert second["subgoals"] == []  # no nested default: a missing key is empty
    meeting = {"what": "Første møde", "who": None, "by_when": None, "share": 100.0, "note": None}
    assert first["agreements"] == second["agreements"] == [meeting]


def test_a_complete_nested_submission_is_accepted_and_kept():
    shared = goal(shared=True, agreements=[agreement(share=60), agreement(share=40, who=None)])
    data = {"summary": "Godt i gang", "goals": [goal(), shared]}
    result = check(data)
    assert result.errors == {}
    expected = copy.deepcopy(data)
    del expected["goals"][1]["agreements"][1]["note"]  # hidden: who is empty
    assert result.cleaned == expected


def test_nested_errors_have_nested_paths():
    bad = goal(subgoals=[{"text": "A", "deadline": "x"}, "not a row", {"colour": "blå"}])
    result = check({"summary": "S", "goals": [goal(), bad]}, final=False)
    assert result.errors == {
        "goals[1].subgoals[0].deadline": ["Skriv datoen som dd-mm-åååå, fx 23-11-2026."],
        "goals[1].subgoals[1]": ["Rækken skal være et objekt med felter."],
        "goals[1].subgoals[2].colour": ["Feltet findes ikke i formularen."],
        "goals[1].subgoals": ["Der må højst være 2 rækker."],
    }
    assert check({"goals": [goal(subgoals="nope")]}, final=False).errors == {
        "goals[0].subgoals": ["Skal være en liste af rækker."]
    }


def test_required_min_rows_and_sum_to_count_in_nested_rows_of_finals_only():
    data = {
        "summary": "S",
        "goals": [
            goal(indicator=None, subgoals=[]),
            goal(subgoals=[{"text": " "}], shared=True, agreements=[agreement(share=50)]),
        ],
    }
    assert check(data).errors == {
        "goals[0].indicator": [INDICATOR],
        "goals[0].subgoals": ["Der skal være mindst 1 række."],
        "goals[1].subgoals[0].text": ["Feltet skal udfyldes."],
        "goals[1].agreements": ["»Andel« summerer til 50 %, men skal give 100 %."],
    }
    assert check(data, final=False).errors == {}


def test_required_message_replaces_the_generic_message_at_any_level():
    result = check({"summary": "  ", "goals": [goal(indicator="")]})
    assert result.errors == {
        "summary": ["Skriv en samlet vurdering."],
        "goals[0].indicator": [INDICATOR],
    }
    assert check({"goals": []}, final=False).ok


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
def test_after_in_a_nested_row_compares_with_the_outer_row(final):
    data = {"summary": "S", "goals": [goal(subgoals=[{"text": "A", "deadline": "2026-01-05"}])]}
    assert check(data, final=final).errors == {
        "goals[0].subgoals[0].deadline": ["Datoen skal ligge efter Start (5. januar 2026)."]
    }
    data["goals"][0]["start"] = None
    assert check(data, final=final).ok


def test_show_if_hides_a_nested_repeat_and_nested_columns():
    hidden = goal(shared=False, agreements=[{"what": 42}])
    shown = goal(shared=True, agreements=[agreement(who=None, note="x" * 5000)])
    result = check({"summary": "S", "goals": [hidden, shown]})
    assert result.errors == {}
    assert "agreements" not in result.cleaned["goals"][0]
    assert "note" not in result.cleaned["goals"][1]["agreements"][0]


def test_too_many_rows_in_all_is_one_error(monkeypatch):
    monkeypatch.setattr(validation_module, "ROW_BUDGET", 4)
    data = {"goals": [goal(), goal(subgoals=[{"text": "a"}, {"text": "b"}])]}
    assert check(data, final=False).errors == {
        "goals[1].subgoals": ["Formularen har for mange rækker i alt."]
    }


def test_carry_over_drops_unknown_and_unfit_nested_values_and_lists_them():
    old = {
        "summary": "S",
        "goals": [
            goal(subgoals=[{"text": "A", "old": 1}, {"text": "B", "deadline": "2025-01-01"}]),
            goal(priority="høj"),
        ],
    }
    before = copy.deepcopy(old)
    kept, dropped = carry_over(SMARTE, old, vocabularies={}, people=PEOPLE)
    assert sorted(dropped) == [
        "goals[0].subgoals[0].old",
        "goals[0].subgoals[1].deadline",
        "goals[1].priority",
    ]
    assert kept["goals"][0]["subgoals"] == [
        {"text": "A", "deadline": None},
        {"text": "B", "deadline": None},
    ]
    assert kept["goals"][1]["title"] == "Sofie kommer i skole"
    assert old == before  # the input is not changed


def test_carry_over_clears_a_broken_nested_row_and_keeps_the_rest():
    old = {"goals": [goal(subgoals=[{"text": "A"}, "junk"])]}
    kept, dropped = carry_over(SMARTE, old, vocabularies={}, people=PEOPLE)
    assert dropped == ["goals[0].subgoals[1]"]
    assert kept["goals"][0]["subgoals"] == [
        {"text": "A", "deadline": None},
        {"text": None, "deadline": None},
    ]


def test_display_values_and_describe_fields_nest():
    data = {"goals": [goal(shared=True, agreements=[agreement(share=12.5)])]}
    shown = display_values(SMARTE, data, vocabularies={}, people=PEOPLE)
    row = shown["goals"][0]
    assert row["subgoals"] == [{"text": "Står selv op", "deadline": "1. februar 2026"}]
    assert row["agreements"][0]["share"] == "12,5 %" and row["agreements"][0]["who"] == "Anna Holm"
    fields = describe_fields(SMARTE, vocabularies={}, people=PEOPLE, locale="en")
    goals = fields[1]
    assert fields[0]["required_message"] == "Skriv en samlet vurdering."
    assert goals["fields"][1]["required_message"] == (
        "A goal needs a measurable indicator before the plan can be saved as final."
    )
    subgoals = goals["fields"][4]
    assert (subgoals["type"], subgoals["min_rows"], subgoals["max_rows"]) == ("repeat", 1, 2)
    assert [f["name"] for f in subgoals["fields"]] == ["text", "deadline"]
    assert subgoals["fields"][1]["after"] == "start"
    agreements = goals["fields"][5]
    assert agreements["show_if"] == {"field": "shared", "equals": True}
    assert agreements["default"][0]["what"] == "Første møde"

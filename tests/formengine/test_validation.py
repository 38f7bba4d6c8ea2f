"""Validation of submissions: every field type, drafts and finals, show_if and cross-field rules."""

from __future__ import annotations

import copy

import pytest

from app.formengine import (
    FormDefinition,
    carry_over,
    default_data,
    load_definition,
    validate_submission,
)
from tests.formengine.conftest import complete_data


def check(rich, vocab, people, data, *, final=True):
    """Validate against the rich definition."""
    return validate_submission(rich, data, final=final, vocabularies=vocab, people=people)


def with_changes(**changes) -> dict:
    """The complete submission with some values replaced (None removes the key)."""
    data = complete_data()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def test_a_complete_submission_is_accepted_and_kept(rich, vocab, people):
    result = check(rich, vocab, people, complete_data())
    assert result.errors == {}
    assert result.ok
    expected = complete_data()
    expected["share"] = 50.0
    expected["goals"][0]["budget"] = 2500.0
    expected["paragraphs"] = ["bl_86", "bl_87_88"]
    assert result.cleaned == expected


# (field, what is sent, what is stored) — strings are what a browser posts.
ACCEPTED = [
    ("child_name", "  Sofie  ", "Sofie"),
    ("own_words", "linje 1\r\nlinje 2\r\n", "linje 1\nlinje 2"),
    ("reference", "XY-0042", "XY-0042"),
    ("age", "7", 7),
    ("age", 7.0, 7),
    ("hours", "12,5", 12.5),
    ("hours", "12.5", 12.5),
    ("hours", 0.125, 0.13),
    ("annual_cost", "1.234,50", 1234.5),
    ("annual_cost", "1.234.567,5 kr.", 1234567.5),
    ("annual_cost", "2 500", 2500.0),
    ("annual_cost", 99.999, 100.0),
    ("share", "12,5 %", 12.5),
    ("share", 100, 100.0),
    ("start", "2026-11-22", "2026-11-22"),
    ("start", "22-11-2026", "2026-11-22"),
    ("start", "1.2.2026", "2026-02-01"),
    ("consent", True, True),
    ("consent", "false", False),
    ("consent", "Ja", True),
    ("status", "paused", "paused"),
    ("department", "ppr", "ppr"),
    ("paragraphs", ["bl_87_88", "bl_20", "bl_20"], ["bl_20", "bl_87_88"]),
    ("topics", [], []),
    ("topics", None, []),
    ("wellbeing", "10", 10),
    ("wellbeing", 1, 1),
    ("coordinator", "bo", "bo"),
]


@pytest.mark.parametrize(("name", "sent", "stored"), ACCEPTED)
def test_values_are_cleaned_to_their_stored_json(rich, vocab, people, name, sent, stored):
    result = check(rich, vocab, people, with_changes(**{name: sent}), final=False)
    assert result.errors == {}
    assert result.cleaned[name] == stored
    assert type(result.cleaned[name]) is type(stored)


REJECTED = [
    ("child_name", 42, "Skriv en tekst."),
    ("child_name", "to\nlinjer", "Teksten skal stå på én linje."),
    ("child_name", "x" * 81, "Teksten må højst være 80 tegn lang (den er 81)."),
    ("child_name", "nul\x00tegn", "Teksten indeholder et tegn, der ikke kan gemmes."),
    ("child_name", "\ud800", "Teksten indeholder et tegn, der ikke kan gemmes."),
    ("reference", "ab-1234", "Skriv to store bogstaver, bindestreg og fire cifre, fx AB-1234."),
    ("age", "syv", "Skriv et helt tal."),
    ("age", "7,5", "Skriv et helt tal."),
    ("age", True, "Skriv et helt tal."),
    ("age", 26, "Tallet må højst være 25."),
    ("age", -1, "Tallet skal være mindst 0."),
    ("hours", "1e5", "Skriv et tal, fx 12,5."),
    ("hours", float("nan"), "Skriv et tal, fx 12,5."),
    ("hours", "1,2,3", "Skriv et tal, fx 12,5."),
    ("annual_cost", "-5", "Beløbet skal være mindst 0,00 kr."),
    ("annual_cost", "10000000000000", "Tallet er for stort."),
    ("share", "101", "Procentsatsen må højst være 100 %."),
    ("start", "2026-02-30", "Datoen findes ikke."),
    ("start", "i morgen", "Skriv datoen som dd-mm-åååå, fx 23-11-2026."),
    ("start", "20261123", "Skriv datoen som dd-mm-åååå, fx 23-11-2026."),
    ("start", "0202-01-01", "Årstallet skal ligge mellem 1900 og 2199."),
    ("consent", "måske", "Vælg ja eller nej."),
    ("consent", 1, "Vælg ja eller nej."),
    ("status", "åben", "Vælg en af mulighederne."),
    ("department", "skolen", "Vælg en af mulighederne."),
    ("paragraphs", "bl_86", "Vælg en eller flere af mulighederne."),
    ("paragraphs", ["bl_86", "sel_999"], "Vælg kun blandt mulighederne."),
    ("paragraphs", [{"value": "bl_86"}], "Vælg kun blandt mulighederne."),
    ("wellbeing", 11, "Vælg et tal fra 1 til 10."),
    ("wellbeing", "²", "Vælg et tal fra 1 til 10."),
    ("wellbeing", 7.5, "Vælg et tal fra 1 til 10."),
    ("coordinator", "carl", "Vælg en person fra kerneteamet."),
    ("goals", "ikke en liste", "Skal være en liste af rækker."),
]


@pytest.mark.parametrize(("name", "sent", "message"), REJECTED)
@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
def test_malformed_values_are_rejected_in_drafts_and_finals(
    rich, vocab, people, name, sent, message, final
):
    result = check(rich, vocab, people, with_changes(**{name: sent}), final=final)
    assert result.errors == {name: [message]}
    assert name not in result.cleaned


REQUIRED = [
    ("child_name", "Feltet skal udfyldes."),
    ("start", "Feltet skal udfyldes."),
    ("consent", "Vælg ja eller nej."),
    ("goals", "Tilføj mindst én række."),
]


@pytest.mark.parametrize(("name", "message"), REQUIRED)
@pytest.mark.parametrize("empty", [None, "", "   "], ids=["missing", "empty", "spaces"])
def test_a_final_needs_required_fields_a_draft_does_not(rich, vocab, people, name, message, empty):
    data = with_changes(**{name: None})
    if empty is not None and name != "goals":
        data[name] = empty
    assert check(rich, vocab, people, data, final=True).errors[name] == [message]
    draft = check(rich, vocab, people, data, final=False)
    assert draft.errors == {}
    assert draft.cleaned[name] in (None, [])


def test_an_empty_draft_is_accepted_with_every_field_present(rich, vocab, people):
    result = check(rich, vocab, people, {}, final=False)
    assert result.errors == {}
    # Hidden fields (show_if not met) are not kept: consent is unanswered, status is empty.
    hidden = {"consent_note", "closing_reason", "wellbeing_comment"}
    assert set(result.cleaned) == {f.name for f in rich.input_fields()} - hidden
    assert result.cleaned["paragraphs"] == [] and result.cleaned["goals"] == []


def test_unknown_fields_are_errors(rich, vocab, people):
    data = with_changes(nickname="Sofie")
    data["goals"][0]["colour"] = "blå"
    result = check(rich, vocab, people, data, final=False)
    assert result.errors == {
        "nickname": ["Feltet findes ikke i formularen."],
        "goals[0].colour": ["Feltet findes ikke i formularen."],
    }


def test_data_that_is_not_an_object_is_one_error(rich, vocab, people):
    result = check(rich, vocab, people, ["child_name"])
    assert result.errors == {"": ["Data skal være et objekt med felter."]}


def test_a_hidden_field_is_neither_required_nor_checked_nor_kept(rich, vocab, people):
    data = with_changes(consent=True, consent_note="x" * 50_000)
    result = check(rich, vocab, people, data)
    assert result.errors == {}
    assert "consent_note" not in result.cleaned
    shown = check(rich, vocab, people, with_changes(consent=False, consent_note=None))
    assert shown.errors == {"consent_note": ["Feltet skal udfyldes."]}


@pytest.mark.parametrize(
    ("status", "shown"), [("open", False), ("paused", True), ("closed", True), (None, False)]
)
def test_show_if_one_of(rich, vocab, people, status, shown):
    result = check(rich, vocab, people, with_changes(status=status))
    assert ("closing_reason" in result.cleaned) is shown


def test_show_if_not_empty_and_a_hidden_target_hides_its_dependants(vocab):
    definition = load_definition(
        """
name: chain
title: Kæde
scope: case
sections:
  - name: s
    title: S
    fields:
      - {name: a, type: boolean, label: A}
      - {name: b, type: text, label: B, show_if: {field: a, equals: true}}
      - {name: c, type: text, label: C, show_if: {field: b, not_empty: true}}
"""
    )
    data = {"a": False, "b": "stale", "c": "also stale"}
    result = validate_submission(definition, data, final=True, vocabularies=vocab)
    assert result.cleaned == {"a": False}
    data["a"] = True
    result = validate_submission(definition, data, final=True, vocabularies=vocab)
    assert result.cleaned == {"a": True, "b": "stale", "c": "also stale"}


def test_show_if_inside_rows_uses_the_same_row(rich, vocab, people):
    data = complete_data()
    data["goals"].append(dict(data["goals"][0], kind="child", note="not kept"))
    result = check(rich, vocab, people, data)
    assert result.errors == {}
    assert result.cleaned["goals"][0]["note"] == "Forældrene følger hende"
    assert "note" not in result.cleaned["goals"][1]


@pytest.mark.parametrize(
    ("shares", "error"),
    [
        ([50, 50], None),
        ([33.33, 33.33, 33.33], None),  # 99.99: within the tolerance of 0.01
        ([33.33, 33.33, 33.32], "»Andel« summerer til 99,98 %, men skal give 100 %."),
        ([60, 60], "»Andel« summerer til 120 %, men skal give 100 %."),
        ([100], None),
    ],
)
def test_sum_to_with_tolerance_on_finals(rich, vocab, people, shares, error):
    funding = [{"department": "ppr", "share": s} for s in shares]
    final = check(rich, vocab, people, with_changes(funding=funding))
    assert final.errors == ({"funding": [error]} if error else {})
    draft = check(rich, vocab, people, with_changes(funding=funding), final=False)
    assert draft.errors == {}


def test_sum_to_is_not_checked_while_a_row_has_an_error(rich, vocab, people):
    funding = [{"department": "ppr", "share": 70}, {"department": "ppr", "share": "x"}]
    result = check(rich, vocab, people, with_changes(funding=funding))
    assert result.errors == {"funding[1].share": ["Skriv en procentsats, fx 12,5."]}


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
def test_a_date_must_be_after_another_at_top_level(rich, vocab, people, final):
    for end in ("2025-12-31", "2026-01-01"):
        result = check(rich, vocab, people, with_changes(end=end), final=final)
        assert result.errors == {"end": ["Datoen skal ligge efter Startdato (1. januar 2026)."]}
    assert check(rich, vocab, people, with_changes(end="2026-01-02"), final=final).ok
    assert check(rich, vocab, people, with_changes(start=None), final=False).ok


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
def test_a_date_must_be_after_a_sibling_in_a_repeat_row(rich, vocab, people, final):
    data = complete_data()
    data["goals"][0]["to"] = "2026-01-01"
    result = check(rich, vocab, people, data, final=final)
    assert result.errors == {"goals[0].to": ["Datoen skal ligge efter Fra (5. januar 2026)."]}


def test_rows_count_row_errors_and_paths(rich, vocab, people):
    goal = complete_data()["goals"][0]
    data = with_changes(goals=[goal, "not a row", dict(goal, title=None, count="x")])
    result = check(rich, vocab, people, data)
    assert result.errors == {
        "goals[1]": ["Rækken skal være et objekt med felter."],
        "goals[2].title": ["Feltet skal udfyldes."],
        "goals[2].count": ["Skriv et helt tal."],
    }
    too_many = with_changes(goals=[goal] * 6)
    assert check(rich, vocab, people, too_many, final=False).errors == {
        "goals": ["Der må højst være 5 rækker."]
    }
    assert check(rich, vocab, people, with_changes(goals=[]), final=True).errors == {
        "goals": ["Tilføj mindst én række."]
    }


def test_min_rows_counts_on_finals_only(vocab):
    definition = load_definition(
        """
name: rows
title: Rækker
scope: case
sections:
  - name: s
    title: S
    fields:
      - name: steps
        type: repeat
        label: Trin
        min_rows: 2
        fields: [{name: what, type: text, label: Hvad}]
"""
    )
    data = {"steps": [{"what": "a"}]}
    final = validate_submission(definition, data, final=True, vocabularies=vocab)
    assert final.errors == {"steps": ["Der skal være mindst 2 rækker."]}
    assert validate_submission(definition, data, final=False, vocabularies=vocab).ok


def test_person_fields_accept_any_text_when_no_team_is_given(rich, vocab):
    result = validate_submission(rich, complete_data(), final=True, vocabularies=vocab)
    assert result.ok and result.cleaned["coordinator"] == "anna"


def test_vocabulary_overrides_change_what_is_accepted(rich, people):
    own = {"departments": [{"value": "tandpleje", "label": "Tandplejen"}]}
    data = with_changes(department="tandpleje", paragraphs=[], funding=None)
    with pytest.raises(LookupError):
        validate_submission(rich, data, final=False, vocabularies=own, people=people)
    from app.formengine import merged_vocabularies

    vocabularies = merged_vocabularies(own)
    result = validate_submission(rich, data, final=False, vocabularies=vocabularies, people=people)
    assert result.errors == {} and result.cleaned["department"] == "tandpleje"


def test_default_data_holds_defaults_and_prefilled_rows(rich: FormDefinition, vocab):
    data = default_data(rich, vocabularies=vocab)
    assert data["status"] == "open"
    assert data["funding"] == [
        {"department": "boern_familie", "share": 50.0},
        {"department": "skole_dagtilbud", "share": 50.0},
    ]
    assert data["paragraphs"] == [] and data["child_name"] is None


def test_carry_over_keeps_what_still_fits_and_lists_the_rest(rich, vocab, people):
    old = complete_data()
    old["retired_field"] = "gammel"
    old["goals"][0]["old_column"] = 1
    old["age"] = 30  # the new version allows at most 25
    kept, dropped = carry_over(rich, old, vocabularies=vocab, people=people)
    assert sorted(dropped) == ["age", "goals[0].old_column", "retired_field"]
    assert kept["child_name"] == "Sofie Jensen" and kept["age"] is None
    assert "old_column" not in kept["goals"][0]
    assert old["goals"][0]["old_column"] == 1  # the input is not changed


def test_validation_does_not_change_its_input(rich, vocab, people):
    data = with_changes(own_words="a\r\nb", paragraphs=["bl_87_88", "bl_20"])
    before = copy.deepcopy(data)
    check(rich, vocab, people, data)
    assert data == before

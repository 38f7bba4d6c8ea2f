"""Field types, Danish formatting, vocabularies and the API description of a form."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.formatting import (
    NotANumber,
    format_date,
    format_money,
    format_number,
    format_percent,
    parse_number,
)
from app.formengine import (
    DEFAULT_VOCABULARIES,
    FIELD_TYPES,
    VocabularyItem,
    describe_fields,
    display_values,
    merged_vocabularies,
    validate_submission,
)
from app.formengine.schema import FIELD_TYPES as SCHEMA_TYPES
from app.formengine.vocabularies import vocabularies_fingerprint
from tests.formengine.conftest import complete_data


def test_every_schema_type_has_a_registered_field_type():
    assert set(FIELD_TYPES) == set(SCHEMA_TYPES)
    assert {name for name, kind in FIELD_TYPES.items() if not kind.is_input} == {"heading", "help"}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 11, 23), "23. november 2026"),
        ("2026-01-01", "1. januar 2026"),
        ("2026-05-09", "9. maj 2026"),
    ],
)
def test_dates_read_like_danish(value, text):
    assert format_date(value) == text


def test_numbers_read_like_danish():
    assert format_money(1234.5) == "1.234,50 kr."
    assert format_money(-0.5) == "-0,50 kr."
    assert format_money(1_000_000) == "1.000.000,00 kr."
    assert format_percent(12.5) == "12,5 %"
    assert format_percent(100) == "100 %"
    assert format_number(0.1 + 0.2) == "0,3"
    assert format_number(1234.567, group=False) == "1234,57"
    assert format_number(2.5, places=0) == "3"  # half up, as people round


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.234,50", "1234.50"),
        ("1234,5", "1234.5"),
        ("1234.5", "1234.5"),
        ("1.500", "1500"),
        ("1.234.567", "1234567"),
        ("12,5 %", "12.5"),
        ("2.500 kr.", "2500"),
        ("−3", "-3"),
        ("+4", "4"),
        ("1 000", "1000"),
    ],
)
def test_numbers_are_read_the_danish_way(text, number):
    assert str(parse_number(text)) == number


@pytest.mark.parametrize("text", ["", "1,2,3", "1.2.3", "1,", ",5", "1e3", "nan", "١٢", "12 34,5,"])
def test_what_is_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_number(text)


def test_display_values_are_plain_danish(rich, vocab, people):
    cleaned = validate_submission(
        rich, complete_data(), final=True, vocabularies=vocab, people=people
    ).cleaned
    shown = display_values(rich, cleaned, vocabularies=vocab, people=people)
    assert shown["annual_cost"] == "1.234,50 kr."
    assert shown["share"] == "50 %"
    assert shown["age"] == "7 år"
    assert shown["end"] == "23. november 2026"
    assert shown["consent"] == "Nej"
    assert shown["status"] == "Lukket"
    assert shown["coordinator"] == "Anna Holm"
    assert shown["paragraphs"].startswith(
        "Barnets lov § 86 (tidl. SEL § 41) – kompensationsydelse (tidl. merudgifter), "
    )
    assert shown["wellbeing"] == "7 / 10"
    assert shown["goals"][0]["responsible"] == "Bo Dahl"
    assert shown["goals"][0]["budget"] == "2.500,00 kr."
    assert shown["funding"][2] == {"department": "Sundhed og sundhedspleje", "share": "33,34 %"}
    english = display_values(rich, cleaned, vocabularies=vocab, people=people, locale="en")
    assert english["consent"] == "No" and english["end"] == "23 November 2026"
    assert english["status"] == "Lukket"  # no English label given: Danish


def test_describe_fields_gives_the_api_its_flat_field_list(rich, vocab, people):
    fields = describe_fields(rich, vocabularies=vocab, people=people)
    by_name = {f["name"]: f for f in fields}
    assert [f["name"] for f in fields] == [f.name for f in rich.input_fields()]
    assert by_name["child_name"] == {
        "name": "child_name", "label": "Barnets navn", "type": "text", "required": True,
        "readonly": False, "default": None, "help": None, "max_length": 80,
    }  # fmt: skip
    assert by_name["status"]["choices"][0] == {"value": "open", "label": "Åben"}
    assert by_name["status"]["default"] == "open"
    assert by_name["department"]["choices"][3] == {
        "value": "ppr",
        "label": "PPR (Pædagogisk Psykologisk Rådgivning)",
    }
    assert by_name["coordinator"]["choices"] == [
        {"value": "anna", "label": "Anna Holm"},
        {"value": "bo", "label": "Bo Dahl"},
    ]
    assert "choices" not in by_name["age"]
    assert by_name["closing_reason"]["show_if"] == {
        "field": "status",
        "one_of": ["closed", "paused"],
    }
    funding = by_name["funding"]
    assert funding["default"] == [
        {"department": "boern_familie", "share": 50.0},
        {"department": "skole_dagtilbud", "share": 50.0},
    ]
    assert [c["name"] for c in funding["fields"]] == ["department", "share"]
    assert funding["sum_to"] == {"column": "share", "total": 100.0, "tolerance": 0.01}
    assert by_name["goals"]["fields"][-2]["type"] == "decimal"
    subgoals = by_name["goals"]["fields"][-1]
    assert (subgoals["name"], subgoals["type"], subgoals["max_rows"]) == ("subgoals", "repeat", 4)
    assert [c["name"] for c in subgoals["fields"]] == ["text", "begin", "deadline", "who", "how"]
    assert subgoals["fields"][0]["required_message"] == "Skriv delmålet."
    assert subgoals["fields"][2]["after"] == "begin"
    assert "required_message" not in by_name["child_name"]
    no_team = {f["name"]: f for f in describe_fields(rich, vocabularies=vocab)}
    assert "choices" not in no_team["coordinator"]


VALUE = re.compile(r"[a-z][a-z0-9_]*")


@pytest.mark.parametrize("name", sorted(DEFAULT_VOCABULARIES))
def test_vocabularies_have_stable_unique_keys_and_danish_labels(name):
    items = DEFAULT_VOCABULARIES[name]
    values = [item.value for item in items]
    assert len(values) == len(set(values)) and len(items) >= 5
    assert all(VALUE.fullmatch(v) for v in values)
    assert all(item.label.strip() for item in items)


def test_the_default_vocabularies_cover_the_models():
    labels = {name: [i.label for i in items] for name, items in DEFAULT_VOCABULARIES.items()}
    assert (
        "Barnets lov § 86 (tidl. SEL § 41) – kompensationsydelse (tidl. merudgifter)"
        in labels["paragraphs"]
    )
    assert (
        "Barnets lov §§ 87–88 (tidl. SEL §§ 42–43) – tabt arbejdsfortjeneste"
        in labels["paragraphs"]
    )
    assert labels["authority_levels"] == [
        "Sagsbehandler / familiekoordinator",
        "Teamleder",
        "Kerneteam (enstemmigt)",
        "Afdelingsleder / chef",
        "Visitationsudvalg",
        "Børne- og ungeudvalget (anbringelse uden samtykke m.m., barnets lov § 142)",
    ]
    assert {"PPR (Pædagogisk Psykologisk Rådgivning)", "Jobcenter og beskæftigelse"} <= set(
        labels["departments"]
    )
    assert {"Familiekoordinator", "PPR-psykolog", "Sundhedsplejerske"} <= set(labels["roles"])


def test_uncertain_paragraph_numbers_say_so():
    # Issue 9: the flag and its reason come from app.formengine.law; § 35 stk. 4 is now
    # confirmed (same wording as SEL § 52 a), the others still are not.
    by_value = {item.value: item for item in DEFAULT_VOCABULARIES["paragraphs"]}
    for inferred in ("bl_32", "bl_35", "bl_81", "sel_49a"):
        assert by_value[inferred].confirmed is False
        assert by_value[inferred].note and "Ubekræftet" in by_value[inferred].note
    assert by_value["bl_20"].note is None  # sourced in the forarbejder
    assert by_value["bl_20"].confirmed is True


def test_municipal_lists_replace_whole_vocabularies():
    own = [VocabularyItem("tandpleje", "Tandplejen")]
    merged = merged_vocabularies({"departments": own})
    assert merged["departments"] == own
    assert merged["roles"] == DEFAULT_VOCABULARIES["roles"]
    assert vocabularies_fingerprint(merged) != vocabularies_fingerprint(DEFAULT_VOCABULARIES)
    as_dicts = {"departments": [{"value": "tandpleje", "label": "Tandplejen"}]}
    assert vocabularies_fingerprint(merged_vocabularies(as_dicts)) == vocabularies_fingerprint(
        merged
    )

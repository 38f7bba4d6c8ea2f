"""Nested repeats on the web page: names, round trips, add/remove buttons, errors, labels."""

from __future__ import annotations

import json
import re

import pytest
from werkzeug.datastructures import MultiDict

from app.formengine import (
    add_button_name,
    apply_errors,
    apply_row_buttons,
    build_form_class,
    form_data_from_submission,
    remove_button_name,
    submission_from_form,
    validate_submission,
)
from tests.formengine.browser import Page, render
from tests.formengine.conftest import PEOPLE
from tests.formengine.test_nesting_validation import SMARTE, agreement, goal

STORED = {
    "summary": "Godt i gang",
    "goals": [
        goal(subgoals=[{"text": "A1", "deadline": "2026-02-01"}, {"text": "A2", "deadline": None}]),
        goal(
            title="Mor og far",
            shared=True,
            subgoals=[{"text": "B1", "deadline": "2026-03-01"}],
            agreements=[agreement(share=60), agreement(what="Møde", who=None, share=40)],
        ),
    ],
}
STORED["goals"][1]["agreements"][1].pop("note")  # hidden while who is empty


def form_class(locale: str = "da"):
    """The SMARTE sheet's form class with the test team."""
    return build_form_class(SMARTE, {}, PEOPLE, locale=locale)


def page_for(jinja, formdata, focus: str | None = None) -> Page:
    """Render form data as the page a browser would get."""
    return Page(render(jinja, form_class()(formdata=formdata), focus=focus))


def validated(formdata, *, final: bool = True):
    """What validation makes of posted form data."""
    raw = submission_from_form(SMARTE, formdata)
    return validate_submission(SMARTE, raw, final=final, vocabularies={}, people=PEOPLE)


def test_nested_rows_round_trip_through_the_html_exactly(jinja):
    assert validated(form_data_from_submission(SMARTE, STORED)).cleaned == STORED
    formdata = form_data_from_submission(SMARTE, STORED)
    page = page_for(jinja, formdata)
    posted = page.submit("_final")
    result = validated(posted)
    assert result.errors == {}
    assert result.cleaned == STORED
    assert sorted(page.submit().items(multi=True)) == sorted(formdata.items(multi=True))
    for name, value in [
        ("goals-0-subgoals-1-text", "A2"),
        ("goals-0-subgoals-1-_row", "1"),
        ("goals-1-agreements-0-who", "anna"),
        ("goals-1-agreements-1-share", "40"),
    ]:
        assert (name, value) in page.pairs
    buttons = {"_add__goals-1-subgoals", "_remove__goals-0-subgoals__1", "_remove__goals__1"}
    assert buttons <= set(page.buttons)
    assert "_add__goals-0-subgoals" not in page.buttons  # goal 1 has max_rows sub-goals


def test_a_new_form_shows_nested_default_rows(jinja):
    page = page_for(jinja, form_data_from_submission(SMARTE, None))
    assert ("goals-0-subgoals-0-text", "Første delmål") in page.pairs
    assert ("goals-1-agreements-0-what", "Første møde") in page.pairs
    assert not any(name.startswith("goals-1-subgoals-") for name, _ in page.pairs)


def typed_page(jinja) -> MultiDict:
    """The stored sheet with values typed (not saved) in both goals and at the top."""
    page = page_for(jinja, form_data_from_submission(SMARTE, STORED))
    return page.submit(
        summary="Ændret",
        **{"goals-0-subgoals-0-text": "A1 ændret", "goals-1-subgoals-0-text": "B1 ændret"},
    )


def press(formdata: MultiDict, button: str):
    """Post the form data with ``button`` pressed and apply it."""
    return apply_row_buttons(SMARTE, MultiDict([*formdata.items(multi=True), (button, "1")]))


def test_adding_a_nested_row_keeps_every_typed_value(jinja):
    typed = typed_page(jinja)
    change = press(typed, add_button_name("goals-1-subgoals"))
    assert change is not None and (change.repeat, change.action) == ("goals-1-subgoals", "add")
    assert change.rows == [
        {"text": ["B1 ændret"], "deadline": ["2026-03-01"]},
        {"text": [""], "deadline": [""]},
    ]
    data = change.formdata
    assert data["summary"] == "Ændret" and data["goals-0-subgoals-0-text"] == "A1 ændret"
    assert data["goals-1-subgoals-1-_row"] == "1" and data["goals-1-subgoals-1-text"] == ""
    assert change.focus == "goals-1-subgoals-1-text"
    again = page_for(jinja, data, focus=change.focus)
    assert again.autofocus == ["goals-1-subgoals-1-text"]
    assert ("goals-1-agreements-0-note", "Mor køber det") in again.pairs
    assert "_add__goals-1-subgoals" not in again.buttons  # max_rows 2 reached
    assert press(data, "_add__goals-1-subgoals").rows == change.rows  # and refused here too
    raw = submission_from_form(SMARTE, data)
    assert [s["text"] for s in raw["goals"][1]["subgoals"]] == ["B1 ændret", ""]


def test_removing_a_nested_row_renumbers_only_that_table(jinja):
    typed = typed_page(jinja)
    change = press(typed, remove_button_name("goals-0-subgoals", 0))
    assert change is not None and change.action == "remove"
    data = change.formdata
    assert data.getlist("goals-0-subgoals-0-text") == ["A2"]
    assert "goals-0-subgoals-1-text" not in data and "goals-0-subgoals-1-_row" not in data
    assert data["goals-1-subgoals-0-text"] == "B1 ændret" and data["summary"] == "Ændret"
    assert change.focus == "goals-0-subgoals"
    assert "goals-0-subgoals" in page_for(jinja, data).ids


def test_removing_an_outer_row_removes_its_nested_rows_and_moves_the_next_up(jinja):
    typed = typed_page(jinja)
    change = press(typed, remove_button_name("goals", 0))
    assert change is not None and len(change.rows) == 1
    data = change.formdata
    assert data["goals-0-title"] == "Mor og far"
    assert data.getlist("goals-0-subgoals-0-text") == ["B1 ændret"]
    assert data["goals-0-agreements-1-what"] == "Møde"
    assert not any(key.startswith("goals-1-") for key in data)
    assert "goals-0-subgoals-1-text" not in data  # goal 1's second sub-goal went with it
    assert change.rows[0]["subgoals-0-text"] == ["B1 ændret"]
    result = validated(data, final=False)
    assert result.errors == {}
    assert result.cleaned["goals"][0]["agreements"] == STORED["goals"][1]["agreements"]


def test_adding_an_outer_row_brings_the_nested_defaults(jinja):
    change = press(typed_page(jinja), add_button_name("goals"))
    assert change is not None and change.focus == "goals-2-title"
    assert change.formdata["goals-2-agreements-0-what"] == "Første møde"
    assert change.formdata["goals-2-agreements-0-share"] == "100"
    assert "goals-2-subgoals-0-_row" not in change.formdata
    assert change.formdata["goals-1-subgoals-0-text"] == "B1 ændret"


@pytest.mark.parametrize(
    "button",
    [
        "_add__goals-5-subgoals",  # no such outer row
        "_add__goals-0-title",  # not a repeat
        "_add__goals-0-subgoals-0-x",  # three levels do not exist
        "_remove__goals-0-nope__0",
    ],
)
def test_buttons_for_rows_or_repeats_that_do_not_exist_change_nothing(jinja, button):
    assert press(typed_page(jinja), button) is None


def test_a_read_only_outer_repeat_keeps_its_nested_rows():
    text = SMARTE.model_dump(mode="json")
    text["sections"][0]["fields"][1]["readonly"] = True
    text["sections"][0]["fields"][1]["required"] = False
    from app.formengine import definition_from_data

    locked = definition_from_data(text)
    formdata = MultiDict([("goals-0-_row", "1"), ("_add__goals-0-subgoals", "1")])
    assert apply_row_buttons(locked, formdata) is None


def test_nested_errors_are_shown_at_their_inputs_and_linked_from_the_summary(jinja):
    posted = page_for(jinja, form_data_from_submission(SMARTE, STORED)).submit(
        "_final",
        **{
            "goals-0-indicator": "",
            "goals-0-subgoals-1-text": "",
            "goals-1-agreements-0-share": "10",
            "goals-1-subgoals-0-_row": [],
            "goals-1-subgoals-0-text": [],
            "goals-1-subgoals-0-deadline": [],
        },
    )
    result = validated(posted)
    assert result.errors == {
        "goals[0].indicator": [
            "Et mål skal have en målbar indikator, før planen kan gemmes som endelig."
        ],
        "goals[0].subgoals[1].text": ["Feltet skal udfyldes."],
        "goals[1].subgoals": ["Der skal være mindst 1 række."],
        "goals[1].agreements": ["»Andel« summerer til 50 %, men skal give 100 %."],
    }
    form = form_class()(formdata=posted)
    errors = dict(result.errors, **{"goals[1].subgoals[7].text": ["Ingen sådan række."]})
    summary = apply_errors(form, errors)
    assert [(s.anchor, s.label) for s in summary] == [
        ("goals-0-indicator", "Mål, række 1: Målbar indikator"),
        ("goals-0-subgoals-1-text", "Mål, række 1: Delmål, række 2: Tekst"),
        ("goals-1-subgoals", "Mål, række 2: Delmål"),
        ("goals-1-agreements", "Mål, række 2: Aftaler"),
        (None, "goals[1].subgoals[7].text"),
    ]
    html = render(jinja, form)
    shown = Page(html)
    assert set(shown.links) <= set(shown.ids) and len(shown.links) == 4
    assert (
        'id="goals-1-subgoals-error"' in html
        and 'aria-describedby="goals-1-subgoals-error"' in html
    )
    assert 'id="goals-0-subgoals-1-text" name="goals-0-subgoals-1-text" aria-describedby=' in html


def test_nested_tables_are_labelled_for_screen_readers(jinja):
    html = render(jinja, form_class()(formdata=form_data_from_submission(SMARTE, STORED)))
    # Row numbers are spans formengine.js renumbers when rows are added or removed.
    goal = '<span data-row-number="goals-0-">1</span>'
    sub = '<span data-row-number="goals-0-subgoals-1-">2</span>'
    assert f'<legend class="form-label">Delmål<span class="sr-only"> for mål {goal}</span>' in html
    assert (
        f'Fjern<span class="sr-only" data-row-name> Delmål {sub} for mål {goal}</span>' in html
    )
    # The row's name is for screen readers only (issue 13: visible labels in cards).
    assert f'Tekst<span class="sr-only"> (Delmål {sub} for mål {goal})</span>' in html
    assert 'Tilføj delmål<span class="sr-only"> for mål <span data-row-number="goals-1-">2' in html
    text = re.sub(r"<[^>]*>", "", html)
    assert "Tekst (Delmål 2 for mål 1)" in text and "Fjern række 2" in " ".join(text.split())
    english = render(jinja, form_class("en")(formdata=form_data_from_submission(SMARTE, STORED)))
    assert "Delmål 2 of mål 1" in re.sub(r"<[^>]*>", "", english)  # no English labels given


def test_nested_show_if_names_the_input_in_the_right_row(jinja):
    page = page_for(jinja, form_data_from_submission(SMARTE, STORED))
    rules = [json.loads(r) for r in page.show_if]
    assert {"field": "goals-1-shared", "values": ["true"]} in rules  # agreements of goal 2
    assert {"field": "goals-1-agreements-1-who", "not_empty": True} in rules
    html = render(jinja, form_class()(formdata=form_data_from_submission(SMARTE, STORED)))
    assert '<tr class="fe-nested-row" data-show-if=\'{"field": "goals-0-shared"' in html

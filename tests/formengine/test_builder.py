"""Definition → WTForms form → HTML → browser POST → stored JSON → form again, for every type."""

from __future__ import annotations

import json

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from app.formengine import (
    add_button_name,
    apply_errors,
    apply_row_buttons,
    build_form_class,
    form_data_from_submission,
    load_definition,
    remove_button_name,
    submission_from_form,
    validate_submission,
)
from tests.formengine.browser import Page, render
from tests.formengine.conftest import complete_data


@pytest.fixture
def stored(rich, vocab, people) -> dict:
    """The complete submission as it is stored."""
    result = validate_submission(
        rich, complete_data(), final=True, vocabularies=vocab, people=people
    )
    assert result.ok
    return result.cleaned


def post_back(rich, vocab, people, jinja, data, *, final=True):
    """Render stored data, post the page as a browser would, validate what arrives."""
    form_class = build_form_class(rich, vocab, people)
    form = form_class(formdata=form_data_from_submission(rich, data))
    page = Page(render(jinja, form))
    posted = page.submit("_final")
    raw = submission_from_form(rich, posted)
    return validate_submission(rich, raw, final=final, vocabularies=vocab, people=people), page


def test_every_field_type_round_trips_through_the_web_form(rich, vocab, people, jinja, stored):
    result, page = post_back(rich, vocab, people, jinja, stored)
    assert result.errors == {}
    assert result.cleaned == stored
    assert {f.type for f in rich.input_fields()} >= {
        "text", "textarea", "integer", "decimal", "money", "percent", "date", "boolean",
        "select", "multiselect", "scale", "person", "repeat",
    }  # fmt: skip
    # And the stored JSON gives back the same form data as the browser posted.
    again = form_data_from_submission(rich, result.cleaned)
    posted = MultiDict((k, v.replace("\r\n", "\n")) for k, v in page.submit().items(multi=True))
    assert sorted(again.items(multi=True)) == sorted(posted.items(multi=True))


def test_a_new_form_starts_from_defaults_and_saves_as_a_draft(rich, vocab, people, jinja):
    result, page = post_back(rich, vocab, people, jinja, None, final=False)
    assert result.errors == {}
    assert result.cleaned["status"] == "open"
    assert result.cleaned["funding"] == [
        {"department": "boern_familie", "share": 50.0},
        {"department": "skole_dagtilbud", "share": 50.0},
    ]
    assert result.cleaned["goals"] == []
    assert ("funding-1-department", "skole_dagtilbud") in page.pairs


def test_what_the_user_typed_stays_and_every_summary_link_has_a_target(
    rich, vocab, people, jinja, stored
):
    form_class = build_form_class(rich, vocab, people)
    page = Page(render(jinja, form_class(formdata=form_data_from_submission(rich, stored))))
    posted = page.submit(
        "_final",
        age="syv",
        **{
            "goals-0-title": "",
            "goals-0-subgoals-1-text": "",
            "goals-0-subgoals-1-begin": "2026-04-01",
            "funding-0-share": "80",
            "consent": [],
        },
    )
    result = validate_submission(
        rich, submission_from_form(rich, posted), final=True, vocabularies=vocab, people=people
    )
    assert result.errors == {
        "age": ["Skriv et helt tal."],
        "consent": ["Vælg ja eller nej."],
        "goals[0].title": ["Feltet skal udfyldes."],
        "goals[0].subgoals[1].text": ["Skriv delmålet."],
        "goals[0].subgoals[1].deadline": ["Datoen skal ligge efter Begynder (1. april 2026)."],
        "funding": ["»Andel« summerer til 146,67 %, men skal give 100 %."],
    }
    form = form_class(formdata=posted)
    summary = apply_errors(form, result.errors)
    assert [(s.anchor, s.label) for s in summary] == [
        ("age", "Alder"),
        ("consent-0", "Samtykke givet"),
        ("goals-0-title", "Mål, række 1: Mål"),
        ("goals-0-subgoals-1-text", "Mål, række 1: Delmål, række 2: Tekst"),
        ("goals-0-subgoals-1-deadline", "Mål, række 1: Delmål, række 2: Frist"),
        ("funding", "Fordeling af udgiften"),
    ]
    shown = Page(render(jinja, form))
    assert ("age", "syv") in shown.pairs  # the typed text is shown again
    assert ("goals-0-subgoals-1-begin", "2026-04-01") in shown.pairs
    assert set(shown.links) <= set(shown.ids)
    assert len(shown.links) == 6
    html = render(jinja, form)
    assert 'aria-invalid="true"' in html and "form-error-message" in html


def test_add_and_remove_rows_without_javascript_keep_typed_values(
    rich, vocab, people, jinja, stored
):
    form_class = build_form_class(rich, vocab, people)
    page = Page(render(jinja, form_class(formdata=form_data_from_submission(rich, stored))))
    typed = page.submit(**{"funding-1-share": "noget", "child_name": "Ny tekst"})

    removed = apply_row_buttons(
        rich, Page.submit(page, remove_button_name("funding", 0), **{"funding-1-share": "noget"})
    )
    assert removed is not None and removed.action == "remove"
    assert [r["share"] for r in removed.rows] == [["noget"], ["33,34"]]
    assert removed.formdata.getlist("funding-0-share") == ["noget"]
    assert "funding-2-share" not in removed.formdata
    assert "_remove__funding__0" not in removed.formdata

    added = apply_row_buttons(
        rich, MultiDict([*typed.items(multi=True), (add_button_name("goals"), "1")])
    )
    assert added is not None and added.action == "add"
    assert added.formdata["child_name"] == "Ny tekst"
    assert added.formdata["funding-1-share"] == "noget"
    assert added.formdata.getlist("goals-1-title") == [""]
    assert added.focus == "goals-1-title"
    again = Page(render(jinja, form_class(formdata=added.formdata), focus=added.focus))
    assert again.autofocus == ["goals-1-title"]
    assert ("funding-1-share", "noget") in again.pairs
    assert ("goals-0-title", stored["goals"][0]["title"]) in again.pairs
    assert apply_row_buttons(rich, typed) is None


def test_adding_stops_at_max_rows(rich):
    rows = [(f"goals-{i}-title", "Mål") for i in range(5)]
    change = apply_row_buttons(rich, MultiDict([*rows, ("_add__goals", "1")]))
    assert change is not None and len(change.rows) == 5


def test_rows_with_nothing_ticked_are_still_rows(rich, vocab, people):
    formdata = MultiDict([("goals-0-_row", "1"), ("goals-1-_row", "1"), ("goals-1-title", "B")])
    data = submission_from_form(rich, formdata)
    assert len(data["goals"]) == 2
    form = build_form_class(rich, vocab, people)(formdata=formdata)
    assert len(form.fe_field("goals").entries) == 2


def test_a_field_whose_name_starts_like_a_repeat_adds_no_phantom_rows(vocab):
    definition = load_definition(
        """
name: phantom
title: Spøgelse
scope: case
sections:
  - name: s
    title: S
    fields:
      - {name: plan, type: repeat, label: Plan, fields: [{name: step, type: text, label: Trin}]}
      - {name: plan_1, type: text, label: Plan 1}
"""
    )
    formdata = MultiDict([("plan_1", "x"), ("plan-0-step", "a")])
    form = build_form_class(definition, vocab)(formdata=formdata)
    assert len(form.fe_field("plan").entries) == 1
    assert submission_from_form(definition, formdata)["plan"] == [{"step": "a"}]


def test_field_names_cannot_collide_with_form_attributes(vocab, jinja):
    definition = load_definition(
        """
name: clash
title: Sammenstød
scope: case
sections:
  - name: s
    title: S
    fields:
      - {name: data, type: text, label: Data}
      - {name: validate, type: integer, label: Validate}
      - {name: errors, type: boolean, label: Errors}
      - {name: summary, type: text, label: Summary}
      - {name: field, type: text, label: Field}
"""
    )
    form = build_form_class(definition, vocab)(
        formdata=MultiDict([("data", "x"), ("validate", "3"), ("summary", "s")])
    )
    assert form.fe_field("data").data == "x" and form.fe_field("validate").name == "validate"
    assert form.validate() is True  # WTForms' own checks never compete with validation.py
    apply_errors(form, {"summary": ["Forkert."]})
    assert Page(render(jinja, form)).links == ["summary"]  # not the engine's fe_summary


def test_wtforms_validate_finds_nothing_even_for_bad_input(rich, vocab, people):
    form = build_form_class(rich, vocab, people)(
        formdata=MultiDict([("status", "nonsense"), ("paragraphs", "zzz"), ("goals-0-kind", "?")])
    )
    assert form.validate() is True


def test_form_classes_are_cached_per_definition_lists_team_and_language(rich, vocab, people):
    first = build_form_class(rich, vocab, people)
    assert build_form_class(rich, vocab, list(people)) is first
    assert build_form_class(rich, vocab, people, locale="en") is not first
    assert build_form_class(rich, vocab, people[:1]) is not first
    other = {**vocab, "departments": vocab["departments"][:2]}
    assert build_form_class(rich, other, people) is not first

    class AppForm(Form):
        """A stand-in for the app's own base class."""

    built = build_form_class(rich, vocab, people, base=AppForm)
    assert issubclass(built, AppForm) and built is not first


def test_english_labels_and_yes_no(rich, vocab, people, jinja, stored):
    form_class = build_form_class(rich, vocab, people, locale="en")
    form = form_class(formdata=form_data_from_submission(rich, stored))
    html = render(jinja, form)
    assert "Child&#39;s name" in html and "Everything" not in html
    assert form.fe_options(rich.field("consent")) == [("true", "Yes"), ("false", "No")]
    assert "Sat på pause" not in html and "Paused" in html
    assert "Alder" in html  # no English label given: Danish is shown


def test_show_if_is_sent_to_the_browser_as_json(rich, vocab, people, jinja, stored):
    form = build_form_class(rich, vocab, people)(formdata=form_data_from_submission(rich, stored))
    rules = [json.loads(r) for r in Page(render(jinja, form)).show_if]
    assert {"field": "consent", "values": ["false"]} in rules
    assert {"field": "status", "values": ["closed", "paused"]} in rules
    assert {"field": "wellbeing", "not_empty": True} in rules
    assert {"field": "goals-0-kind", "values": ["family"]} in rules


def test_the_page_has_no_inline_script_or_style(rich, vocab, people, jinja, stored):
    form = build_form_class(rich, vocab, people)(formdata=form_data_from_submission(rich, stored))
    html = render(jinja, form).lower()
    assert "<script" not in html and " style=" not in html
    assert not any(f" on{event}=" in html for event in ("click", "change", "input", "load"))


def test_dkfds_markup(rich, vocab, people, jinja, stored):
    form = build_form_class(rich, vocab, people)(formdata=form_data_from_submission(rich, stored))
    html = render(jinja, form)
    for css in (
        'class="form-group"', 'class="form-label"', 'class="form-hint"', "form-input",
        'class="form-select"', 'class="form-group-radio"', 'class="form-radio"',
        'class="form-group-checkbox"', 'class="form-checkbox"', "form-input-wrapper--suffix",
        'class="table table--compact"', 'name="_add__goals"', 'name="_remove__funding__1"',
    ):  # fmt: skip
        assert css in html, css
    # The scale: ten radio buttons from 1 to 10 and its end labels.
    assert [v for k, v in Page(html).pairs if k == "wellbeing"] == ["7"]
    assert html.count('name="wellbeing"') == 10
    # The ruler's end texts sit under its steps (issue 13: a horizontal ruler), one per end.
    assert (
        '<span>1 = Meget dårligt<span class="sr-only">,</span></span> <span>10 = Rigtig godt</span>'
        in html
    )
    assert 'class="fe-ruler-input" type="radio"' in html


def test_read_only_fields_keep_their_stored_value(vocab, jinja):
    definition = load_definition(
        """
name: locked
title: Låst
scope: case
sections:
  - name: s
    title: S
    fields:
      - {name: case_no, type: text, label: Sagsnummer, readonly: true, default: "X-1"}
      - {name: note, type: text, label: Note}
"""
    )
    form = build_form_class(definition, vocab)(formdata=MultiDict([("case_no", "X-1")]))
    assert "X-1" in render(jinja, form)
    posted = MultiDict([("case_no", "changed"), ("note", "hej")])
    assert submission_from_form(definition, posted)["case_no"] == "X-1"
    previous = {"case_no": "Y-2"}
    assert submission_from_form(definition, posted, previous=previous)["case_no"] == "Y-2"


def test_a_stored_choice_that_is_gone_is_not_dropped_silently(rich, vocab, people, jinja, stored):
    stored = dict(stored, coordinator="carl", paragraphs=["bl_86", "retired"])
    form = build_form_class(rich, vocab, people)(formdata=form_data_from_submission(rich, stored))
    page = Page(render(jinja, form))
    assert ("coordinator", "carl") in page.pairs
    assert ("paragraphs", "retired") in page.pairs
    raw = submission_from_form(rich, page.submit())
    result = validate_submission(rich, raw, final=False, vocabularies=vocab, people=people)
    assert result.errors == {
        "coordinator": ["Vælg en person fra kerneteamet."],
        "paragraphs": ["Vælg kun blandt mulighederne."],
    }

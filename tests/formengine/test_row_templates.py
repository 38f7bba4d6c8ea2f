"""The <template> rows formengine.js copies in: placeholder names, never posted, same as "add"."""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from app.formengine import (
    apply_row_buttons,
    build_form_class,
    form_data_from_submission,
    load_definition,
)
from app.formengine.formdata import TEMPLATE_INDEX
from tests.formengine.browser import Page, render
from tests.formengine.conftest import PEOPLE
from tests.formengine.test_nesting_validation import SMARTE
from tests.formengine.test_nesting_web import STORED


def smarte_page(jinja, data=STORED) -> tuple[str, MultiDict]:
    formdata = form_data_from_submission(SMARTE, data)
    return render(jinja, build_form_class(SMARTE, {}, PEOPLE)(formdata=formdata)), formdata


def template(html: str, repeat: str) -> str:
    """The HTML inside the page's ``<template data-rows-template="<repeat>">`` (not nested)."""
    page = Page(html)
    marker = f'<template data-rows-template="{repeat}">'
    found = [t for t in page.templates if html.find(marker + t) != -1]
    assert len(found) == 1, repeat
    return found[0]


def as_row(template_html: str, repeat: str, index: int) -> Page:
    """The template's row as formengine.js numbers it: row ``index`` of ``repeat``."""
    html = template_html.replace(f'name="{repeat}-{TEMPLATE_INDEX}-', f'name="{repeat}-{index}-')
    return Page(html)


def test_templates_carry_a_blank_row_numbered_with_the_placeholder(jinja):
    html, formdata = smarte_page(jinja)
    goals = template(html, "goals")
    for expected in (
        '<tr data-row="goals-__index__-">',
        'id="goals-__index__-title" name="goals-__index__-title"',
        '<input type="hidden" name="goals-__index__-_row" value="1">',
        'name="_remove__goals____index__"',
        '<span data-row-number="goals-__index__-"></span>',  # filled in by the script
        # A new goal's own nested tables, with templates of their own.
        '<tbody data-rows-body="goals-__index__-subgoals">',
        '<template data-rows-template="goals-__index__-subgoals">',
        'name="goals-__index__-subgoals-__index__-text"',
        'name="_remove__goals-__index__-subgoals____index__"',
        'name="_add__goals-__index__-subgoals"',
        '{"field": "goals-__index__-shared", "values": ["true"]}',
    ):
        assert expected in goals, expected
    # One template per kind of table: a nested table's is inside the goal's template only
    # (rows.js numbers it for the goal it is added to), not repeated in every goal.
    templates = re.findall(r'<template data-rows-template="([^"]+)">', html)
    assert sorted(templates) == ["goals", "goals-__index__-agreements", "goals-__index__-subgoals"]
    assert html.find('<template data-rows-template="goals-__index__-subgoals">') > html.find(
        '<template data-rows-template="goals">'
    )
    assert re.search(r'<fieldset [^>]*data-rows="goals" data-rows-max="3"', html)
    assert html.count("data-rows-live") == 1 and 'data-rows-added="{row} tilføjet"' in html


def test_nothing_in_a_template_is_posted(jinja):
    html, formdata = smarte_page(jinja)
    page = Page(html)
    assert TEMPLATE_INDEX in html and page.templates
    assert not any(TEMPLATE_INDEX in key for key, _ in page.submit("_final").items(multi=True))
    assert not any(TEMPLATE_INDEX in name for name in page.ids + page.buttons)
    assert sorted(page.submit().items(multi=True)) == sorted(formdata.items(multi=True))


def test_a_template_row_posts_what_the_add_button_adds(jinja):
    html, formdata = smarte_page(jinja)
    added = apply_row_buttons(
        SMARTE, MultiDict([*formdata.items(multi=True), ("_add__goals", "1")])
    )
    assert added is not None
    new_row = [(k, v) for k, v in added.formdata.items(multi=True) if k.startswith("goals-2-")]
    assert ("goals-2-agreements-0-what", "Første møde") in new_row  # a nested default row
    assert sorted(as_row(template(html, "goals"), "goals", 2).pairs) == sorted(new_row)

    repeat = "goals-1-subgoals"
    added = apply_row_buttons(
        SMARTE, MultiDict([*formdata.items(multi=True), (f"_add__{repeat}", "1")])
    )
    assert added is not None
    new_row = [(k, v) for k, v in added.formdata.items(multi=True) if k.startswith(f"{repeat}-1-")]
    # The shared template of goals' sub-goals, numbered for goal 2 as rows.js does it.
    nested = re.search(
        r'<template data-rows-template="goals-__index__-subgoals">(.*?)</template>', html, re.S
    )
    assert nested is not None
    shared = nested.group(1).replace(f'name="goals-{TEMPLATE_INDEX}-', 'name="goals-1-')
    assert sorted(as_row(shared, repeat, 1).pairs) == sorted(new_row)


def test_the_add_button_is_disabled_at_max_rows(jinja):
    html, _ = smarte_page(jinja)  # goal 1 has its 2 sub-goals, goal 2 has 1
    assert re.search(r'name="_add__goals-0-subgoals" value="1" formnovalidate disabled>', html)
    assert re.search(r'name="_add__goals-1-subgoals" value="1" formnovalidate>', html)
    page = Page(html)
    assert "_add__goals-0-subgoals" not in page.buttons  # disabled: cannot be pressed
    assert "_add__goals-1-subgoals" in page.buttons


def test_read_only_repeats_have_no_template_or_buttons(vocab, jinja):
    definition = load_definition(
        """
name: locked_rows
title: Låste rækker
scope: case
sections:
  - name: s
    title: S
    fields:
      - name: rows
        type: repeat
        label: Rækker
        readonly: true
        fields:
          - {name: text, type: text, label: Tekst}
          - name: parts
            type: repeat
            label: Dele
            fields: [{name: what, type: text, label: Hvad}]
"""
    )
    formdata = MultiDict([("rows-0-_row", "1"), ("rows-0-text", "a"), ("rows-0-parts-0-_row", "1")])
    html = render(jinja, build_form_class(definition, vocab)(formdata=formdata))
    assert "<template" not in html
    assert "_add__" not in html and "_remove__" not in html  # nor in the nested table

"""The not_after rule: a date may equal another date but not pass it."""

from __future__ import annotations

import pytest

from app.formengine import (
    DEFAULT_VOCABULARIES,
    DefinitionError,
    load_definition,
    validate_submission,
)

FORM = """
name: plan
title: Plan
scope: case
sections:
  - name: s
    title: S
    fields:
      - name: goals
        type: repeat
        label: Mål
        fields:
          - {name: deadline, type: date, label: Frist}
          - {name: evaluation_date, type: date, label: Evalueres senest, not_after: deadline}
"""


def _errors(deadline, evaluation):
    """Validation errors for one goal row."""
    definition = load_definition(FORM)
    data = {"goals": [{"deadline": deadline, "evaluation_date": evaluation}]}
    return validate_submission(
        definition, data, final=False, vocabularies=DEFAULT_VOCABULARIES
    ).errors


@pytest.mark.parametrize(
    ("evaluation", "ok"), [("2027-02-28", True), ("2027-03-01", True), ("2027-03-02", False)]
)
def test_before_on_and_after_the_other_date(evaluation, ok):
    """Before or on the deadline is fine; a day later is refused in plain Danish."""
    errors = _errors("2027-03-01", evaluation)
    if ok:
        assert errors == {}
    else:
        assert errors == {
            "goals[0].evaluation_date": ["Datoen må ikke ligge efter Frist (1. marts 2027)."]
        }


def test_an_empty_other_date_checks_nothing():
    """Without a deadline there is nothing to compare with."""
    assert _errors(None, "2030-01-01") == {}


def test_not_after_must_name_a_date_field():
    """The loader refuses a not_after that points nowhere, with a did-you-mean."""
    with pytest.raises(DefinitionError) as caught:
        load_definition(FORM.replace("not_after: deadline", "not_after: dedline"))
    assert "not_after henviser til 'dedline'" in str(caught.value)
    assert "deadline" in str(caught.value)

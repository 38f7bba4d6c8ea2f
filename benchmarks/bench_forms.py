"""Benchmark: the form engine versus bare pydantic and bare WTForms doing the same work.

Run: python benchmarks/bench_forms.py [--goals 20] [--repeat 200]

1. Validation: `validate_submission` of the SMARTE-like definition below (a text, a date, a
   select from a vocabulary and a repeat of goals with five columns) against a hand-written
   pydantic model with the same fields and rules.
2. The web form: `build_form_class` (cached, as in the app) plus filling it from posted data,
   against a hand-written WTForms form with a FieldList of FormFields.
Prints the median time of each and the ratio (engine / bare). Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field
from werkzeug.datastructures import MultiDict
from wtforms import DateField, FieldList, Form, FormField, SelectField, StringField

from app.formengine import (
    DEFAULT_VOCABULARIES,
    build_form_class,
    form_data_from_submission,
    load_definition,
    validate_submission,
)

DEFINITION = """
name: bench
title: Benchmark
scope: case
sections:
  - name: main
    title: Main
    fields:
      - {name: wishes, type: textarea, label: Ønsker, required: true, max_length: 4000}
      - {name: valid_from, type: date, label: Gælder fra}
      - {name: department, type: select, label: Afdeling, choices_from: departments}
      - name: goals
        type: repeat
        label: Mål
        max_rows: 500
        fields:
          - {name: title, type: text, label: Mål, required: true, max_length: 300}
          - {name: indicator, type: text, label: Indikator, max_length: 500}
          - {name: deadline, type: date, label: Frist}
          - {name: progress, type: scale, label: Fremskridt}
          - name: status
            type: select
            label: Status
            choices: [{value: a, label: A}, {value: b, label: B}]
"""

DEPARTMENTS = tuple(item.value for item in DEFAULT_VOCABULARIES["departments"])


class BareGoal(BaseModel):
    """The goal row, by hand."""

    title: str = Field(min_length=1, max_length=300)
    indicator: str | None = Field(None, max_length=500)
    deadline: dt.date | None = None
    progress: int | None = Field(None, ge=1, le=10)
    status: Literal["a", "b"] | None = None


class BareForm(BaseModel):
    """The whole submission, by hand."""

    wishes: str = Field(min_length=1, max_length=4000)
    valid_from: dt.date | None = None
    department: Literal[DEPARTMENTS] | None = None  # type: ignore[valid-type]
    goals: list[BareGoal] = Field(max_length=500)


class BareWtGoal(Form):
    """The goal row as a WTForms form."""

    title = StringField()
    indicator = StringField()
    deadline = DateField()
    progress = SelectField(choices=[str(n) for n in range(1, 11)])
    status = SelectField(choices=["a", "b"])


class BareWtForm(Form):
    """The submission as a WTForms form."""

    wishes = StringField()
    valid_from = DateField()
    department = SelectField(choices=list(DEPARTMENTS))
    goals = FieldList(FormField(BareWtGoal))


def data(goals: int) -> dict:
    """A valid submission with `goals` goal rows."""
    return {
        "wishes": "Ro i hverdagen\nog gode nætter",
        "valid_from": "2026-11-23",
        "department": "ppr",
        "goals": [
            {"title": f"Mål {i}", "indicator": "nætter uden opvågning", "deadline": "2027-03-01",
             "progress": 1 + i % 10, "status": "a"}
            for i in range(goals)
        ],
    }


def median_ms(work: Callable[[], object], repeat: int) -> float:
    """Median wall time of work() in milliseconds."""
    work()  # warm caches, as a running app would have them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Run both comparisons and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    definition = load_definition(DEFINITION)
    vocab = DEFAULT_VOCABULARIES
    submission = data(args.goals)
    assert validate_submission(definition, submission, final=True, vocabularies=vocab).ok
    BareForm.model_validate(submission)
    formdata = form_data_from_submission(definition, submission)
    # The same posted names WTForms' FieldList uses, without the engine's row markers.
    bare_formdata = MultiDict([(k, v) for k, v in formdata.items(multi=True) if "_row" not in k])

    rows = [
        ("validate (engine vs pydantic)",
         median_ms(lambda: validate_submission(definition, submission, final=True,
                                               vocabularies=vocab), args.repeat),
         median_ms(lambda: BareForm.model_validate(submission), args.repeat)),
        ("web form from posted data (engine vs WTForms)",
         median_ms(lambda: build_form_class(definition, vocab)(formdata=formdata), args.repeat),
         median_ms(lambda: BareWtForm(formdata=bare_formdata), args.repeat)),
    ]
    print(f"{args.goals} goal rows, median of {args.repeat} runs")
    print(f"{'work':48} {'engine ms':>10} {'bare ms':>10} {'ratio':>7}")
    for name, engine, bare in rows:
        print(f"{name:48} {engine:10.3f} {bare:10.3f} {engine / bare:7.2f}")


if __name__ == "__main__":
    main()

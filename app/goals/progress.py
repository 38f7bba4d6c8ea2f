"""The progress part of the case's SMARTE page: each goal's readings, chart and a form to
add a reading (views stay thin; this gathers what the template shows)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.authz import Action, can
from app.goals import criteria, readings, sheet
from app.goals.chart import progress_chart
from app.goals.word_names import scale_bar
from app.models import Case, GoalReading, User


def goal_progress(case: Case) -> list[dict[str, Any]]:
    """Per goal on the sheet: the goal, its readings (oldest first) and its chart."""
    found = readings.readings_by_goal(case)
    shown = []
    for goal in readings.goals_of(case):
        rows = found.get(goal.key, [])
        chart = progress_chart(
            [(r.measured_on, r.value) for r in rows], baseline=goal.baseline, target=goal.target
        )
        shown.append({"goal": goal, "readings": rows, "chart": chart})
    return shown


#: The submit button of the add-reading forms (they post to the SMARTE page itself).
READING_BUTTON = "_add_reading"
READING_FIELDS = ("goal", "measured_on", "value", "note", "who", "who_other")


@dataclass
class ReadingPost:
    """A posted reading: what was typed, and either the stored reading or the problems."""

    goal: str
    typed: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    saved: GoalReading | None = None


def _date(text: str) -> date | None:
    """An ISO date from a date input, else None."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def add_from_form(user: User, case: Case, formdata: Mapping[str, Any]) -> ReadingPost:
    """Add the reading a SMARTE page form posted (flushes; the caller commits or rolls back)."""
    typed = {name: str(formdata.get(name, "") or "") for name in READING_FIELDS}
    try:
        reading = readings.add_reading(
            user,
            case,
            typed["goal"],
            measured_on=_date(typed["measured_on"]),
            value=int(typed["value"]) if typed["value"].isdigit() else None,
            note=typed["note"],
            who=typed["who_other"].strip() or typed["who"],
        )
    except readings.ReadingError as error:
        return ReadingPost(typed["goal"], typed, error.errors)
    return ReadingPost(typed["goal"], typed, saved=reading)


def panel(case: Case, user: User, failed: ReadingPost | None = None) -> dict[str, Any]:
    """What goals/_progress.html shows on the SMARTE page (with a refused reading's typing)."""
    required = set(sheet.required_criteria())
    return {
        "goals": goal_progress(case),
        "required": [str(c.label) for c in criteria.CRITERIA if c.key in required],
        "can_edit": can(user, Action.EDIT_CONTENT, case),
        "who": readings.who_choices(case),
        "today": date.today(),
        "failed": failed,
    }


def word_progress(case: Case) -> list[dict[str, Any]]:
    """The readings for the Word document, per goal, in Danish names (`fremskridt`)."""
    return [
        {
            "nr": item["goal"].number,
            "titel": item["goal"].title,
            "udgangspunkt": item["goal"].baseline,
            "maal": item["goal"].target,
            "maalinger": [
                {
                    "dato": r.measured_on,
                    "vaerdi": r.value,
                    "skala": scale_bar(r.value),
                    "note": r.note or None,
                    "hvem": readings.who_label(r) or None,
                }
                for r in item["readings"]
            ],
        }
        for item in goal_progress(case)
    ]

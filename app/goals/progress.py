"""The progress part of the case's SMARTE page: each goal's readings, chart and a form to
add a reading (views stay thin; this gathers what the template shows)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.authz import Action, can
from app.goals import criteria, readings, sheet
from app.goals.chart import progress_chart
from app.goals.word_names import scale_bar
from app.models import Case, User


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


def panel(case: Case, user: User) -> dict[str, Any]:
    """What goals/_progress.html shows on the SMARTE page."""
    required = set(sheet.required_criteria())
    return {
        "goals": goal_progress(case),
        "required": [str(c.label) for c in criteria.CRITERIA if c.key in required],
        "can_edit": can(user, Action.EDIT_CONTENT, case),
        "who": readings.who_choices(case),
        "today": date.today(),
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

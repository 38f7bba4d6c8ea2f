"""The SMARTE goal sheet's own rules, called by the shared save flow (submissions.services).

- Every goal row gets a stable ``key`` ("m1", "m2", …) when first saved, so progress readings
  stay with their goal when goals are reordered, edited or removed.
- A final plan must meet the criteria the municipality requires (goals.criteria), on top of
  the form's own validation. Drafts may stay incomplete.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.formengine import FormDefinition
from app.formengine.schema import RepeatField
from app.goals import criteria, word_names
from app.models import MunicipalitySettings, Submission, SubmissionStatus

GOALS_FORM = word_names.GOALS_FORM
GOALS = "goals"
KEY = "key"
_KEY = re.compile(r"^m([0-9]{1,6})$")


def goal_columns(definition: FormDefinition) -> list[str]:
    """The column names of the sheet's goals repeat (empty when the form has none)."""
    spec = definition.field(GOALS)
    return [c.name for c in spec.fields] if isinstance(spec, RepeatField) else []


def applies(form_name: str, definition: FormDefinition) -> bool:
    """True for the SMARTE sheet in a version that has goals."""
    return form_name == GOALS_FORM and bool(goal_columns(definition))


def assign_keys(definition: FormDefinition, data: Any) -> Any:
    """``data`` with a new, unused key on every goal row that has none (or a duplicate).

    Only when the form's goals have a ``key`` column; anything malformed is left for the
    form's validation to report.
    """
    if KEY not in goal_columns(definition) or not isinstance(data, Mapping):
        return data
    rows = data.get(GOALS)
    if not isinstance(rows, list):
        return data
    used = [row.get(KEY) for row in rows if isinstance(row, Mapping)]
    numbers = [int(m.group(1)) for k in used if isinstance(k, str) and (m := _KEY.match(k))]
    next_number = max(numbers, default=0) + 1
    seen: set[str] = set()
    new_rows = []
    for row in rows:
        if isinstance(row, Mapping):
            key = row.get(KEY)
            if not isinstance(key, str) or not _KEY.match(key) or key in seen:
                key = f"m{next_number}"
                next_number += 1
                row = {**row, KEY: key}
            seen.add(key)
        new_rows.append(row)
    return {**data, GOALS: new_rows}


def required_criteria() -> list[str]:
    """The criteria this municipality requires of a final plan."""
    # Read here rather than through app.admin, which imports this package for its page.
    settings = db.session.scalar(select(MunicipalitySettings).limit(1))
    return criteria.required_from_setting(settings.smarte_final_criteria if settings else None)


def final_problems(
    definition: FormDefinition,
    cleaned: Mapping[str, Any],
    previous: Submission | None,
    *,
    today: date | None = None,
    locale: str = "da",
) -> dict[str, list[str]]:
    """Messages by field path for what a final plan still lacks (empty when it may be final)."""
    goals = cleaned.get(GOALS)
    if not isinstance(goals, list):
        return {}
    accepted: set[tuple[str, str]] = set()
    if previous is not None and previous.status == SubmissionStatus.FINAL:
        for goal in (previous.data or {}).get(GOALS) or []:
            if isinstance(goal, Mapping) and isinstance(goal.get("deadline"), str):
                accepted.add((str(goal.get(KEY) or ""), goal["deadline"]))
    return criteria.final_plan_problems(
        goals,
        required=required_criteria(),
        columns=goal_columns(definition),
        today=today or date.today(),
        accepted_deadlines=accepted,
        locale=locale,
    )

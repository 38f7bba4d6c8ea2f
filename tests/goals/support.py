"""A complete SMARTE goal and helpers for saving the goal sheet in the goals tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.extensions import db
from app.forms.definitions import current_version
from app.submissions import services as submissions


def full_goal(responsible: str, **changes: Any) -> dict[str, Any]:
    """A goal meeting every default criterion of a final plan (deadline from today)."""
    goal = {
        "area": "barnets_udvikling",
        "title": "Emma sover hele natten",
        "specific": "Emma sover i egen seng uden at vågne",
        "indicator": "Nætter uden opvågning",
        "baseline": 2,
        "target": 7,
        "accepted_by": ["barnet", "foraeldre"],
        "realistic": "Aflastning giver overskud",
        "deadline": (date.today() + timedelta(days=90)).isoformat(),
        "evaluation": "Forældrene fører søvndagbog",
        "responsible": responsible,
        "status": "i_gang",
        "subgoals": [],
        "agreements": [],
    }
    goal.update(changes)
    return goal


def save_sheet(case, goals, *, status="final", submission=None, **top):
    """Save the case's goal sheet with these goals (commits); returns the submission."""
    version = submission.definition if submission else current_version("smarte_maal")
    data = submissions.new_form_data(version) | {"goals": goals} | top
    saved = submissions.save(
        case.coordinator,
        form_name="smarte_maal",
        data=data,
        status=status,
        base_version=submission.version if submission else None,
        case=case,
        submission=submission,
    )
    db.session.commit()
    return saved

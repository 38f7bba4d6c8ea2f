"""A complete SMARTE goal and helpers for saving the goal sheet in the goals tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.extensions import db
from app.forms.definitions import current_version
from app.submissions import services as submissions


def full_goal(responsible: str, **changes: Any) -> dict[str, Any]:
    """A goal meeting every default criterion of a final plan (deadline from today)."""
    return {
        "area": "familie_netvaerk",
        "title": "Ro ved sengetid",
        "specific": "Aftenen slutter med en fast rutine, uden skænderier",
        "indicator": "Aftener med rutinen pr. uge",
        "baseline": 2,
        "target": 7,
        "accepted_by": ["barnet", "foraeldre"],
        "realistic": "Mor og far er enige; lillebror forstyrrer",
        "deadline": (date.today() + timedelta(days=90)).isoformat(),
        "evaluation": "Forældrene krydser af i en kalender",
        "responsible": responsible,
        "status": "i_gang",
        "subgoals": [],
        "agreements": [],
    } | changes


def save_sheet(case, goals, *, status="final", submission=None, **top):
    """Save the case's goal sheet with these goals (commits); returns the submission."""
    version = submission.definition if submission else current_version("smarte_maal")
    saved = submissions.save(
        case.coordinator, form_name="smarte_maal", case=case, submission=submission,
        data=submissions.new_form_data(version) | {"goals": goals} | top,
        status=status, base_version=submission.version if submission else None,
    )  # fmt: skip
    db.session.commit()
    return saved

"""What the goal sheet's Word templates see of the progress readings (pure data: no Flask,
no database), so the upload check, the merge-field page and the build script agree.

``fremskridt`` lists the goals with their readings, oldest first; each reading has its date,
value on the 1–10 ruler, the value as a bar of squares (``skala``), a note and who gave it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.formengine.specs import SCALE_MAX, SCALE_MIN

GOALS_FORM = "smarte_maal"

PROGRESS_NAMES: dict[str, Any] = {
    "fremskridt": [
        {
            "nr": None,
            "titel": None,
            "udgangspunkt": None,
            "maal": None,
            "maalinger": [
                {"dato": None, "vaerdi": None, "skala": None, "note": None, "hvem": None}
            ],
        }
    ]
}


def scale_bar(value: int) -> str:
    """A ruler value as filled and empty squares, for Word: 4 → "■■■■□□□□□□"."""
    value = max(SCALE_MIN, min(SCALE_MAX, value))
    return "■" * value + "□" * (SCALE_MAX - value)


def extra_names(form_name: str) -> dict[str, Any]:
    """The names a form's template gets beyond its fields (the goal sheet: its progress)."""
    return dict(PROGRESS_NAMES) if form_name == GOALS_FORM else {}


def extra_sample(form_name: str) -> dict[str, Any]:
    """Sample values of ``extra_names`` for test-rendering a template."""
    if form_name != GOALS_FORM:
        return {}
    values = [(date(2026, 9, 1), 3, "Sover 2 af 7 nætter"), (date(2026, 10, 15), 5, None)]
    readings = [
        {"dato": on, "vaerdi": v, "skala": scale_bar(v), "note": note, "hvem": "Mor"}
        for on, v, note in values
    ]
    goal = {"nr": 1, "titel": "Emma går i skole hver dag", "udgangspunkt": 3, "maal": 8}
    return {"fremskridt": [goal | {"maalinger": readings}]}

"""Which criteria a final SMARTE plan needs: a municipal setting, checked when a plan is saved
as final (web and API alike), with one message per missing criterion per goal.

The letters follow docs/domain/smarte-goals.md ("The product's defaults"): S – specific,
M – measurable (indicator), A – accepted (by whom), R – realistic, T – time-bound (deadline),
E – evaluable. The models ask for goals written with "a systematic method such as the SMARTE
model" and for who is responsible for each goal [ÉFÉI-2022, "Fælles systematisk tilgang",
principle 3]. That a deadline may not already be past when the plan is finalised is the
product's rule. Which of these a final plan requires is the municipality's own choice; by
default all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.formatting import format_date


@dataclass(frozen=True)
class Criterion:
    """One criterion: its key (stored in the setting), the goal column it reads, its name."""

    key: str
    column: str
    label: Any  # lazy text for the settings page


CRITERIA: tuple[Criterion, ...] = (
    Criterion("S", "specific", _l("S – specifikt: hvad der skal være anderledes")),
    Criterion("M", "indicator", _l("M – målbart: hvordan I kan se forandringen")),
    Criterion("A", "accepted_by", _l("A – accepteret: hvem der har accepteret målet")),
    Criterion("R", "realistic", _l("R – realistisk: hvad der støtter og modarbejder målet")),
    Criterion("T", "deadline", _l("T – tidsbestemt: en frist")),
    Criterion("E", "evaluation", _l("E – evaluerbart: hvem vurderer, og hvordan")),
    Criterion("responsible", "responsible", _l("En ansvarlig for målet")),
    Criterion(
        "deadline_not_past", "deadline", _l("Fristen er ikke allerede passeret, når planen gemmes")
    ),
)
KEYS: tuple[str, ...] = tuple(c.key for c in CRITERIA)
DEFAULT: tuple[str, ...] = KEYS  # the municipality may choose fewer
#: Goals that are reached or dropped may keep a deadline in the past.
CLOSED_STATUSES = frozenset({"naaet", "opgivet"})


def required_from_setting(stored: Sequence[str] | None) -> list[str]:
    """The criteria a final plan needs, from the stored setting (None: the defaults)."""
    if stored is None:
        return list(DEFAULT)
    return [key for key in KEYS if key in set(stored)]


def clean_choice(chosen: Sequence[str]) -> list[str]:
    """Chosen criterion keys in their fixed order; ValueError for an unknown key."""
    unknown = set(chosen) - set(KEYS)
    if unknown:
        raise ValueError(f"unknown SMARTE criteria: {sorted(unknown)}")
    return [key for key in KEYS if key in set(chosen)]


def _message(key: str, number: int, deadline: str | None = None) -> str:
    """The coordinator's words for one missing criterion of goal ``number`` (from 1)."""
    if key == "S":
        return _("Mål %(n)s: Skriv, hvad der skal være anderledes (S – specifikt).", n=number)
    if key == "M":
        return _(
            "Mål %(n)s: Skriv, hvordan I kan se, at forandringen er sket (M – målbart).", n=number
        )
    if key == "A":
        return _("Mål %(n)s: Vælg, hvem der har accepteret målet (A – accepteret).", n=number)
    if key == "R":
        return _(
            "Mål %(n)s: Skriv, hvad der støtter målet, og hvad der kan stå i vejen "
            "(R – realistisk).",
            n=number,
        )
    if key == "T":
        return _("Mål %(n)s: Skriv, hvornår målet skal være nået (T – tidsbestemt).", n=number)
    if key == "E":
        return _(
            "Mål %(n)s: Skriv, hvem der vurderer, om målet er nået, og hvordan (E – evaluerbart).",
            n=number,
        )
    if key == "responsible":
        return _("Mål %(n)s: Vælg, hvem der er ansvarlig for målet.", n=number)
    return _(
        "Mål %(n)s: Fristen %(date)s er allerede passeret. Vælg en frist, der ikke er passeret.",
        n=number,
        date=deadline,
    )


def _empty(value: Any) -> bool:
    """True for a value that says nothing (None, blank text, an empty list)."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def final_plan_problems(
    goals: Sequence[Mapping[str, Any]],
    *,
    required: Sequence[str],
    columns: Sequence[str],
    today: date,
    accepted_deadlines: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    locale: str = "da",
) -> dict[str, list[str]]:
    """Messages by field path (``goals[1].specific``) for every missing criterion of every
    goal. A criterion whose column the form no longer has is not asked for.

    ``accepted_deadlines`` holds (goal key, deadline) pairs of the plan as it was last saved
    as final: a deadline accepted then is not refused later only because time has passed.
    """
    problems: dict[str, list[str]] = {}
    wanted = [c for c in CRITERIA if c.key in set(required) and c.column in set(columns)]
    for index, goal in enumerate(goals):
        if not isinstance(goal, Mapping):
            continue
        number = index + 1
        for criterion in wanted:
            path = f"goals[{index}].{criterion.column}"
            value = goal.get(criterion.column)
            if criterion.key == "deadline_not_past":
                late = _past_deadline(goal, today, accepted_deadlines)
                if late is not None:
                    shown = format_date(late, locale=locale)
                    problems.setdefault(path, []).append(_message(criterion.key, number, shown))
            elif _empty(value):
                problems.setdefault(path, []).append(_message(criterion.key, number))
    return problems


def _past_deadline(
    goal: Mapping[str, Any], today: date, accepted: set[tuple[str, str]]
) -> date | None:
    """The goal's deadline when it is already past and must be refused, else None."""
    text = goal.get("deadline")
    if not isinstance(text, str) or not text or goal.get("status") in CLOSED_STATUSES:
        return None
    try:
        deadline = date.fromisoformat(text)
    except ValueError:
        return None  # the form's own validation reports a malformed date
    if deadline >= today or (str(goal.get("key") or ""), text) in accepted:
        return None
    return deadline

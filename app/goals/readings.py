"""Progress readings of a case's goals: plain data in, models out; flush, caller commits.

One function adds a reading whoever gives it: the SMARTE page today, later a meeting or the
family's own answers (``source``). A reading belongs to a goal through the goal's stable key
on the goal sheet; it is never a revision of the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app import audit
from app.cpr import looks_like_cpr
from app.extensions import db
from app.family import services as family
from app.formengine.specs import SCALE_MAX, SCALE_MIN
from app.goals.sheet import GOALS, GOALS_FORM, KEY
from app.models import Case, GoalReading, ReadingSource, Submission, User
from app.text import clean_text

NOTE_MAX = 300
GIVEN_BY_MAX = 200


class ReadingError(family.FamilyError):
    """A reading that cannot be stored; messages by field name, shown to the user."""


@dataclass(frozen=True)
class Goal:
    """A goal of the sheet as the progress page needs it."""

    key: str
    number: int  # its place on the sheet, from 1
    title: str
    baseline: int | None
    target: int | None


def sheet_of(case: Case) -> Submission | None:
    """The case's goal sheet, if it has been saved."""
    return db.session.scalar(
        select(Submission).where(Submission.case_id == case.id, Submission.form_name == GOALS_FORM)
    )


def _scale(value: Any) -> int | None:
    """A stored ruler value as an int in range, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = int(value)
    return number if SCALE_MIN <= number <= SCALE_MAX else None


def goals_of(case: Case) -> list[Goal]:
    """The goals on the case's sheet that have a key (every goal saved since keys exist)."""
    sheet = sheet_of(case)
    rows = (sheet.data or {}).get(GOALS) if sheet else None
    goals = []
    for number, row in enumerate(rows or [], start=1):
        if isinstance(row, Mapping) and isinstance(row.get(KEY), str) and row[KEY]:
            title = row.get("title") if isinstance(row.get("title"), str) else ""
            goals.append(
                Goal(
                    row[KEY], number, title, _scale(row.get("baseline")), _scale(row.get("target"))
                )
            )
    return goals


def readings_by_goal(case: Case) -> dict[str, list[GoalReading]]:
    """The case's readings per goal key, oldest first."""
    found: dict[str, list[GoalReading]] = {}
    rows = db.session.scalars(
        select(GoalReading)
        .where(GoalReading.case_id == case.id)
        .order_by(GoalReading.measured_on, GoalReading.id)
    )
    for reading in rows:
        found.setdefault(reading.goal_key, []).append(reading)
    return found


def who_label(reading: GoalReading) -> str:
    """Who gave a reading, as stored when it was given (names survive later changes)."""
    return reading.given_by


def add_reading(
    actor: User | None,
    case: Case,
    goal_key: str,
    *,
    measured_on: date | None,
    value: Any,
    note: Any = "",
    who: str = "",
    source: ReadingSource | str = ReadingSource.WEB,
) -> GoalReading:
    """Add a reading of one goal's progress; ReadingError with messages by field.

    ``who`` is a person value as the goal sheet stores it ("<user id>" for the core team,
    "familie-<id>" for the family) or free text such as "Skolen". ``actor`` is None when
    the family answers through its own link (app/familylink): no staff user recorded it.
    """
    errors: dict[str, list[str]] = {}
    if goal_key not in {goal.key for goal in goals_of(case)}:
        errors["goal"] = [_("Målet findes ikke på sagens målark.")]
    if measured_on is None:
        errors["measured_on"] = [_("Skriv datoen for målingen.")]
    elif measured_on > date.today():
        errors["measured_on"] = [_("Datoen for en måling kan ikke ligge i fremtiden.")]
    scale = _scale(value) if not isinstance(value, float) or value.is_integer() else None
    if scale is None:
        errors["value"] = [
            _("Vælg et tal fra %(low)s til %(high)s.", low=SCALE_MIN, high=SCALE_MAX)
        ]
    text = clean_text(note, unify_newlines=True).strip() if isinstance(note, str) else ""
    if len(text) > NOTE_MAX:
        errors["note"] = [_("Noten må højst have %(max)s tegn.", max=NOTE_MAX)]
    elif looks_like_cpr(text):
        errors["note"] = [_("Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer.")]
    person = _person(case, who)
    if person is None:
        errors["who"] = [_("Vælg, hvem målingen kommer fra, eller skriv det.")]
    if errors:
        raise ReadingError(errors)
    assert person is not None and measured_on is not None and scale is not None
    family_member_id, staff_id, given_by = person
    reading = GoalReading(
        case_id=case.id,
        goal_key=goal_key,
        measured_on=measured_on,
        value=scale,
        note=text,
        family_member_id=family_member_id,
        staff_id=staff_id,
        given_by=given_by,
        source=str(source),
        recorded_by_id=actor.id if actor is not None else None,
    )
    db.session.add(reading)
    db.session.flush()
    audit.record("goal_reading_added", case, actor=actor, reading_id=reading.id, source=str(source))
    return reading


def remove_reading(actor: User, case: Case, reading_id: int) -> None:
    """Remove a mistyped reading of the case; LookupError when it is not this case's."""
    reading = db.session.get(GoalReading, reading_id)
    if reading is None or reading.case_id != case.id:
        raise LookupError(reading_id)
    db.session.delete(reading)
    db.session.flush()
    audit.record("goal_reading_removed", case, actor=actor, reading_id=reading_id)


def _person(case: Case, who: Any) -> tuple[int | None, int | None, str] | None:
    """(family member id, staff id, name as shown) for ``who``; None when it names nobody
    or someone who is not on this case."""
    text = clean_text(who).strip() if isinstance(who, str) else ""
    if not text or len(text) > GIVEN_BY_MAX or looks_like_cpr(text):
        return None
    if text.startswith(family.PERSON_PREFIX) and text[len(family.PERSON_PREFIX) :].isdigit():
        member = family.get_member(case, int(text[len(family.PERSON_PREFIX) :]))
        return (member.id, None, member.name) if member else None
    if text.isdigit():
        staff_ids = {case.coordinator_id} | {m.user_id for m in case.members}
        user = db.session.get(User, int(text)) if int(text) in staff_ids else None
        return (None, user.id, user.name) if user else None
    return None, None, text


def who_choices(case: Case) -> list[tuple[str, str]]:
    """(value, label) of everyone on the case who can give a reading: family, then team."""
    people = [(family.person_value(m), m.name) for m in family.list_members(case)]
    if case.coordinator:
        people.append((str(case.coordinator.id), case.coordinator.name))
    people.extend((str(m.user.id), m.user.name) for m in case.members)
    return people

"""Progress readings per goal: their own table, one service function, a chart on the page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.family import services as family
from app.goals import readings
from app.goals.chart import progress_chart
from app.goals.word_names import scale_bar
from app.models import GoalReading, SubmissionRevision
from tests.goals.support import full_goal, save_sheet

TODAY = date.today


def _sheet(case, count=2):
    """A final sheet with ``count`` goals; returns their keys."""
    owner = str(case.coordinator_id)
    goals = [full_goal(owner, title=f"Mål nummer {n}") for n in range(1, count + 1)]
    sheet = save_sheet(case, goals)
    return [g["key"] for g in sheet.data["goals"]]


def test_goals_get_stable_keys_that_survive_reordering_and_removal(app, make_case):
    """New goals get the next unused key; a moved goal keeps its own; keys are never reused."""
    case = make_case()
    sheet = save_sheet(case, [full_goal("1", title="A"), full_goal("1", title="B")], status="draft")
    assert [g["key"] for g in sheet.data["goals"]] == ["m1", "m2"]
    first, second = sheet.data["goals"]
    sheet = save_sheet(case, [second, full_goal("1", title="C")], status="draft", submission=sheet)
    assert [(g["title"], g["key"]) for g in sheet.data["goals"]] == [("B", "m2"), ("C", "m3")]
    duplicate = [sheet.data["goals"][0], dict(sheet.data["goals"][0], title="D")]
    sheet = save_sheet(case, duplicate, status="draft", submission=sheet)
    assert [g["key"] for g in sheet.data["goals"]] == ["m2", "m3"]


def test_a_reading_is_stored_for_its_goal_not_as_a_revision_of_the_plan(app, make_case):
    """Readings of family members, staff and free text; the plan's revisions are untouched."""
    case = make_case()
    keys = _sheet(case)
    mother = family.add_member(case.coordinator, case, {"name": "Sofie", "relation": "mother"})
    revisions = db.session.scalar(select(func.count()).select_from(SubmissionRevision))
    actor = case.coordinator
    readings.add_reading(actor, case, keys[0], measured_on=TODAY() - timedelta(days=10),
                         value=3, note="Vågner tit", who=family.person_value(mother))  # fmt: skip
    readings.add_reading(actor, case, keys[0], measured_on=TODAY() - timedelta(days=20),
                         value=2, who=str(actor.id))  # fmt: skip
    readings.add_reading(actor, case, keys[1], measured_on=TODAY(), value=6, who="Skolen",
                         source="meeting")  # fmt: skip
    db.session.commit()
    found = readings.readings_by_goal(case)
    assert [(r.value, r.given_by) for r in found[keys[0]]] == [(2, actor.name), (3, "Sofie")]
    assert found[keys[0]][1].family_member_id == mother.id
    assert found[keys[0]][0].staff_id == actor.id
    assert (found[keys[1]][0].given_by, found[keys[1]][0].source) == ("Skolen", "meeting")
    assert db.session.scalar(select(func.count()).select_from(SubmissionRevision)) == revisions


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"goal_key": "m99"}, "goal", "Målet findes ikke på sagens målark."),
        ({"measured_on": None}, "measured_on", "Skriv datoen for målingen."),
        ({"measured_on": "tomorrow"}, "measured_on",
         "Datoen for en måling kan ikke ligge i fremtiden."),
        ({"value": 11}, "value", "Vælg et tal fra 1 til 10."),
        ({"value": 0}, "value", "Vælg et tal fra 1 til 10."),
        ({"value": None}, "value", "Vælg et tal fra 1 til 10."),
        ({"note": "x" * 301}, "note", "Noten må højst have 300 tegn."),
        ({"note": "Mors cpr 010203-1234"}, "note",
         "Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer."),
        ({"who": ""}, "who", "Vælg, hvem målingen kommer fra, eller skriv det."),
    ],
)  # fmt: skip
def test_a_reading_that_cannot_be_stored_says_why(app, make_case, changes, field, message):
    """Each problem on its own field; nothing is stored."""
    case = make_case()
    key = _sheet(case, 1)[0]
    values = {"goal_key": key, "measured_on": TODAY(), "value": 5, "note": "", "who": "Mor"}
    values.update(changes)
    if values["measured_on"] == "tomorrow":
        values["measured_on"] = TODAY() + timedelta(days=1)
    goal_key = values.pop("goal_key")
    with pytest.raises(readings.ReadingError) as caught:
        readings.add_reading(case.coordinator, case, goal_key, **values)
    assert caught.value.errors[field] == [message]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(GoalReading)) == 0


def test_who_must_be_on_this_case(app, make_case, make_user):
    """A staff member or family member of another case is refused."""
    case, other = make_case(), make_case()
    key = _sheet(case, 1)[0]
    stranger = family.add_member(other.coordinator, other, {"name": "X", "relation": "mother"})
    outsider = make_user("coordinator")
    for who in (family.person_value(stranger), str(outsider.id)):
        with pytest.raises(readings.ReadingError) as caught:
            readings.add_reading(case.coordinator, case, key, measured_on=TODAY(), value=4, who=who)
        assert list(caught.value.errors) == ["who"]


def test_chart_geometry_spreads_readings_by_date_and_ruler_value():
    """Oldest left, newest right, 10 at the top, 1 at the bottom; guides for start and target."""
    chart = progress_chart(
        [(date(2026, 10, 1), 10), (date(2026, 9, 1), 1), (date(2026, 9, 16), 5)],
        baseline=2,
        target=8,
    )
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and xs[0] == chart.left and xs[-1] == chart.right_x
    assert [p.value for p in chart.points] == [1, 5, 10]
    assert chart.points[2].y < chart.points[1].y < chart.points[0].y
    assert chart.points[0].y == chart.bottom_y
    assert chart.target_y < chart.baseline_y
    assert (chart.first, chart.last) == (date(2026, 9, 1), date(2026, 10, 1))
    single = progress_chart([(date(2026, 9, 1), 5)])
    assert single.points[0].x == (chart.left + chart.right_x) / 2
    assert single.baseline_y is None and single.target_y is None


def test_scale_bar():
    """Filled squares for the value, empty ones up to 10."""
    assert scale_bar(4) == "■■■■□□□□□□"
    assert scale_bar(10) == "■" * 10

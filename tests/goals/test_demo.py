"""The demo shows the family, a final SMARTE plan meeting the criteria, and progress charts."""

from __future__ import annotations

from sqlalchemy import select

from app.demo import DEMO_CASE_REFERENCE
from app.extensions import db
from app.family import services as family
from app.forms.definitions import definition_of
from app.goals import readings, sheet
from app.models import Case


def test_demo_case_has_family_a_final_plan_and_readings(runner, client):
    """Family members, a final plan with no missing criterion, readings for every goal."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    members = family.list_members(case)
    assert [m.relation for m in members] == ["child", "mother", "father", "sibling"]
    plan = readings.sheet_of(case)
    assert plan.status == "final"
    assert sheet.final_problems(definition_of(plan.definition), plan.data, None) == {}
    owners = {g["responsible"] for g in plan.data["goals"]}
    assert owners <= {family.person_value(m) for m in members}
    found = readings.readings_by_goal(case)
    assert all(len(found[goal.key]) >= 2 for goal in readings.goals_of(case))
    assert runner.invoke(args=["demo"]).exit_code == 0  # idempotent: nothing doubled
    assert len(family.list_members(case)) == 4
    # 5 typed readings, 1 taken at the demo's status meeting (issue 10: meetings) and 1 the
    # family gave through its own link (issue 11: family links)
    assert sum(len(v) for v in readings.readings_by_goal(case).values()) == 7
    client.login("koordinator@demo.enindgang.dk", "demo-koordinator-2026")
    html = client.get(f"/sager/{case.id}/formularer/smarte_maal").get_data(as_text=True)
    assert html.count('class="enindgang-progress-chart"') == 2

"""The demo case follows the Én familie – én indgang template and is in a middle phase."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS
from app.extensions import db
from app.models import Case, CaseEvent, Submission
from app.phases import services

COORDINATOR = next(user for user in DEMO_USERS if user.email.startswith("koordinator@"))


def test_the_demo_case_is_in_the_joint_plan_phase_with_its_history(runner, client):
    """Seeded twice (idempotent): the ÉFÉI template, the joint plan phase, dated steps with
    notes, and the step indicator on the coordinator's case page."""
    for _run in range(2):
        assert runner.invoke(args=["demo"]).exit_code == 0
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    assert (
        db.session.get(Submission, case.flow_document_id).data["model"] == "een_familie_een_indgang"
    )
    found = services.case_flow(case)
    assert found.current.step.key == "faelles_plan"
    states = [p.state for p in found.phases]
    assert states.index("current") == 6 and states.count("done") == 6
    events = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "phase_changed")
    ).all()
    assert len(events) == 7
    assert [e.at for e in events] == sorted(e.at for e in events)
    client.login(COORDINATOR.email, COORDINATOR.password)
    html = client.get(f"/sager/{case.id}").get_data(as_text=True)
    assert re.findall(r'data-state="(\w+)"', html)[5:8] == ["done", "current", "next"]
    assert "Gå til næste fase" in html and "Analysemødet anbefalede" in html

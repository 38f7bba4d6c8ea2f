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


def test_the_case_page_audits_each_section_it_shows_in_one_commit(app, runner, client):
    """The demo case's page shows family, meetings, consents, links, the wheel and the case's
    history: each is one content_read event, and all of them are written in one commit
    (they were one commit each)."""
    from sqlalchemy import event as sa_event

    from app.models import AuditEvent

    assert runner.invoke(args=["demo"]).exit_code == 0
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    client.login(COORDINATOR.email, COORDINATOR.password)
    before = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    commits: list[int] = []
    with app.app_context():
        engine = db.engine  # the served app's engine (the test side has its own)
    listener = lambda _connection: commits.append(1)  # noqa: E731
    sa_event.listen(engine, "commit", listener)
    try:
        assert client.get(f"/sager/{case.id}").status_code == 200
    finally:
        sa_event.remove(engine, "commit", listener)
    db.session.expire_all()
    read = db.session.scalars(
        select(AuditEvent).where(AuditEvent.id > before, AuditEvent.action == "content_read")
    ).all()
    shown = sorted(e.details["what"] for e in read)
    assert shown == sorted(
        ["annual_wheel", "case_history", "consents", "family", "family_view", "meetings"]
    ), shown
    assert {e.object_id for e in read} == {case.id}
    assert len(commits) == 1

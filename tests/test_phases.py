"""The case's phase: pinned to a template revision, moved on one step at a time, logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.forms.definitions import current_version
from app.models import AuditEvent, Case, CaseEvent, CasePhase
from app.phases import services
from app.submissions import services as submissions

FIRST, SECOND, THIRD = "henvendelse", "screening", "familievejledning"


def flow_document(leader, status: str = "final", title: str = "Sagsforløb 0–17 år"):
    """A case-flow template from the form's default phases (Én familie – én indgang)."""
    data = submissions.new_form_data(current_version("sagsforloeb")) | {"title": title}
    return submissions.save(
        leader, form_name="sagsforloeb", data=data, status=status, base_version=None
    )


def edit_phases(leader, document, change, status: str = "final"):
    """Save the template again with its phases changed by ``change(rows)``."""
    data = dict(document.data)
    data["phases"] = change([dict(row) for row in data["phases"]])
    return submissions.save(
        leader,
        form_name="sagsforloeb",
        data=data,
        status=status,
        base_version=document.version,
        submission=document,
    )


def _changed_by_another_request(phase: CasePhase) -> None:
    """Bump the row in the database behind this session's back, as a parallel request would."""
    db.session.execute(
        update(CasePhase).where(CasePhase.id == phase.id).values(step=CasePhase.step + 1),
        execution_options={"synchronize_session": False},
    )


@pytest.fixture
def started(make_case, make_user):
    """A case following a final template, started in its first phase: (case, leader, doc)."""
    leader = make_user("leader")
    document = flow_document(leader)
    case = make_case()
    case.flow_document_id = document.id
    services.start_flow(case.coordinator, case)
    db.session.commit()
    return case, leader, document


def test_start_pins_the_newest_final_revision_and_the_first_phase(started):
    """The case is in the first phase of revision 1; the step is a case event and audited."""
    case, _leader, document = started
    phase = db.session.scalar(select(CasePhase).where(CasePhase.case_id == case.id))
    assert (phase.flow_id, phase.revision, phase.phase_key) == (document.id, 1, FIRST)
    states = [(p.step.key, p.state) for p in services.phases_of(case)][:3]
    assert states == [(FIRST, "current"), (SECOND, "next"), (THIRD, "next")]
    event = db.session.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id))
    assert (event.kind, event.phase_from, event.phase_to) == ("phase_changed", None, "Henvendelse")
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_phase_changed"))
    assert audit.details == {"flow_id": document.id, "revision": 1, "to_phase": FIRST}
    with pytest.raises(services.PhaseConflict):
        services.start_flow(case.coordinator, case)


def test_start_needs_a_final_template_with_phases(make_case, make_user):
    """A draft-only template cannot be started; no template at all neither."""
    case = make_case()
    with pytest.raises(services.PhaseError, match="Vælg først"):
        services.start_flow(case.coordinator, case)
    case.flow_document_id = flow_document(make_user("leader"), status="draft").id
    with pytest.raises(services.PhaseError, match="ingen endelig udgave"):
        services.start_flow(case.coordinator, case)


def test_move_on_goes_one_phase_with_the_note_and_is_logged(started):
    """One step: the next phase, the note kept beside the case, the audit with keys only."""
    case, _leader, _document = started
    services.move_on(case.coordinator, case, "  Screening aftalt med mor.  ", FIRST)
    db.session.commit()
    assert case.phase.phase_key == SECOND
    assert case.phase.step == 2
    states = [p.state for p in services.phases_of(case)][:3]
    assert states == ["done", "current", "next"]
    event = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
    ).first()
    assert (event.phase_from, event.phase_to, event.note) == (
        "Henvendelse",
        "Screening",
        "Screening aftalt med mor.",
    )
    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "case_phase_changed").order_by(AuditEvent.id)
    ).all()[-1]
    assert (audit.details["from_phase"], audit.details["to_phase"]) == (FIRST, SECOND)


def test_a_later_edit_of_the_template_does_not_move_the_case(started):
    """Renaming, reordering and removing phases in the template leaves the case where it is,
    on the revision it was pinned to, until someone re-pins it."""
    case, leader, document = started
    services.move_on(case.coordinator, case, "", FIRST)

    def change(rows):
        rows = [r for r in rows if r["key"] != FIRST]  # the first phase is gone
        for row in rows:
            if row["key"] == SECOND:
                row["name"] = "Screening (ny)"
        return list(reversed(rows))

    edit_phases(leader, document, change)
    db.session.commit()
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    found = services.case_flow(case)
    assert (case.phase.revision, case.phase.phase_key) == (1, SECOND)
    assert [p.step.key for p in found.phases][:2] == [FIRST, SECOND]  # still revision 1
    assert found.current.step.name == "Screening"
    assert found.newer.version == 2
    services.repin(case.coordinator, case, "Ny skabelon vedtaget.")
    db.session.commit()
    found = services.case_flow(case)
    assert (case.phase.revision, case.phase.phase_key, case.phase.phase_name) == (
        2,
        SECOND,
        "Screening (ny)",
    )
    assert found.newer is None
    assert found.phases[-1].step.key == SECOND and found.phases[-1].state == "current"
    assert all(p.state == "done" for p in found.phases[:-1])


def test_repin_is_refused_when_the_phase_key_is_gone(started):
    """The new revision lacks the case's phase: the case stays, with a clear message."""
    case, leader, document = started
    edit_phases(leader, document, lambda rows: [r for r in rows if r["key"] != FIRST])
    db.session.commit()
    with pytest.raises(services.PhaseError) as refused:
        services.repin(case.coordinator, case)
    assert "har ikke fasen »Henvendelse« (id henvendelse)" in refused.value.errors["phase"][0]
    db.session.rollback()
    assert (case.phase.revision, case.phase.phase_key) == (1, FIRST)


def test_a_draft_edit_is_not_offered_for_re_pinning(started):
    """Only a final revision counts as a newer template."""
    case, leader, document = started
    edit_phases(leader, document, lambda rows: rows[:3], status="draft")
    db.session.commit()
    assert services.case_flow(case).newer is None


def test_two_people_moving_on_at_once_do_not_skip_a_phase(started):
    """The one who saw an older phase is refused; and a stale row loses the conditional
    update even when it names the right phase."""
    case, _leader, _document = started
    services.move_on(case.coordinator, case, "", FIRST)
    db.session.commit()
    with pytest.raises(services.PhaseConflict, match="allerede gået videre"):
        services.move_on(case.coordinator, case, "", FIRST)  # saw the first phase
    db.session.rollback()
    assert case.phase.phase_key == SECOND
    # Another request moved on in the database after this session read the row.
    phase = case.phase
    assert phase.step == 2
    _changed_by_another_request(phase)
    with pytest.raises(services.PhaseConflict):
        services.move_on(case.coordinator, case, "", SECOND)
    db.session.rollback()
    assert db.session.get(CasePhase, phase.id).phase_key == SECOND


def test_the_last_phase_and_closed_cases_do_not_move(started):
    """No phase after the last; a closed case keeps its phase."""
    case, _leader, _document = started
    for _step in range(len(services.phases_of(case)) - 1):
        services.move_on(case.coordinator, case)
    with pytest.raises(services.PhaseError, match="sidste fase"):
        services.move_on(case.coordinator, case)
    case.status = "closed"
    with pytest.raises(services.PhaseError, match="ikke åben"):
        services.move_on(case.coordinator, case)


def test_a_long_note_is_refused(started):
    """The note has the same bound as the case's other notes."""
    case, _leader, _document = started
    with pytest.raises(services.PhaseError) as refused:
        services.move_on(case.coordinator, case, "x" * (services.NOTE_MAX + 1))
    assert "note" in refused.value.errors


def test_re_pinning_a_phase_someone_just_changed_is_refused(started):
    """Re-pinning uses the same conditional update: a row changed meanwhile is not re-pinned."""
    case, leader, document = started
    edit_phases(leader, document, lambda rows: rows)
    db.session.commit()
    phase = case.phase
    assert phase.step == 1
    _changed_by_another_request(phase)
    with pytest.raises(services.PhaseConflict):
        services.repin(case.coordinator, case)
    db.session.rollback()
    assert db.session.get(CasePhase, phase.id).revision == 1


def test_a_case_set_to_follow_another_template_starts_that_one_afresh(started):
    """Changing the case's flow document does not move it; starting again begins the other
    template's first phase, and the step names the phase it left."""
    case, leader, _document = started
    services.move_on(case.coordinator, case, "", FIRST)
    other = flow_document(leader, title="Sagsforløb 14–17 år")
    case.flow_document_id = other.id
    db.session.commit()
    assert case.phase.phase_key == SECOND  # still where it was
    services.start_flow(case.coordinator, case, "Nu efter skabelonen for unge.")
    db.session.commit()
    assert (case.phase.flow_id, case.phase.phase_key) == (other.id, FIRST)
    event = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
    ).first()
    assert (event.phase_from, event.phase_to) == ("Screening", "Henvendelse")

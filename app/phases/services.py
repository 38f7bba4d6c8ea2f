"""The case's phase: start the flow, move on, re-pin to a newer template revision.

A case follows a case-flow document (``Case.flow_document_id``, app/cases/facts.py). Starting
pins the case to the document's newest *final* revision and its first phase; later edits of
the document make new revisions and leave the case where it is until someone re-pins it
explicitly (the phase is kept by its key). Each step keeps a ``CaseEvent`` with the note for
colleagues and an audit event with ids and codes only. Functions flush; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app import audit
from app.database import utcnow
from app.extensions import db
from app.forms.definitions import definition_of
from app.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CasePhase,
    CaseStatus,
    Submission,
    SubmissionRevision,
    SubmissionStatus,
    User,
)
from app.phases import flow
from app.vocabularies.services import load_vocabularies

NOTE_MAX = 2000


class PhaseError(ValueError):
    """A refused phase step, messages keyed by field (``phase`` or ``note``), shown to people."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class PhaseConflict(PhaseError):
    """Someone else changed the case's phase first (answered 409)."""


@dataclass(frozen=True)
class PhaseState:
    """One phase of the case's pinned template, with where the case is: done, current, next."""

    step: flow.Step
    state: str  # "done" | "current" | "next"


@dataclass(frozen=True)
class CaseFlow:
    """The case's pinned template and its phases as the step indicator shows them."""

    flow: Submission
    revision: SubmissionRevision
    phases: list[PhaseState]
    since: datetime
    newer: SubmissionRevision | None  # a newer final revision the case could move to

    @property
    def current(self) -> PhaseState | None:
        """The phase the case is in."""
        return next((p for p in self.phases if p.state == "current"), None)

    @property
    def following(self) -> PhaseState | None:
        """The phase after the current one (None in the last phase)."""
        return next((p for p in self.phases if p.state == "next"), None)


def final_revision(document: Submission) -> SubmissionRevision | None:
    """The document's newest revision saved as final (what a case may be pinned to)."""
    query = (
        select(SubmissionRevision)
        .where(
            SubmissionRevision.submission_id == document.id,
            SubmissionRevision.status == SubmissionStatus.FINAL.value,
        )
        .order_by(SubmissionRevision.version.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def pinned_revision(phase: CasePhase) -> SubmissionRevision | None:
    """The template revision the case's phase is pinned to."""
    return db.session.scalar(
        select(SubmissionRevision).where(
            SubmissionRevision.submission_id == phase.flow_id,
            SubmissionRevision.version == phase.revision,
        )
    )


def revision_steps(revision: SubmissionRevision, locale: str = "da") -> list[flow.Step]:
    """A template revision's phases, read with the form version it was saved with."""
    return flow.steps(
        definition_of(revision.definition),
        revision.data,
        vocabularies=load_vocabularies(),
        locale=locale,
    )


def case_flow(case: Case, locale: str = "da") -> CaseFlow | None:
    """The case's phases with their states, or None before the flow is started."""
    phase = case.phase
    if phase is None:
        return None
    revision = pinned_revision(phase)
    if revision is None:
        return None
    steps = revision_steps(revision, locale)
    keys = [s.key for s in steps]
    at = keys.index(phase.phase_key) if phase.phase_key in keys else -1
    states = [
        PhaseState(s, "done" if i < at else "current" if i == at else "next")
        for i, s in enumerate(steps)
    ]
    newest = final_revision(revision.submission)
    newer = newest if newest is not None and newest.version > revision.version else None
    return CaseFlow(revision.submission, revision, states, phase.since, newer)


def phases_of(case: Case, locale: str = "da") -> list[PhaseState]:
    """The pinned revision's phases with their state (empty before the flow is started)."""
    found = case_flow(case, locale)
    return found.phases if found else []


def _note(value: Any) -> str:
    """The optional note, stripped; PhaseError when too long."""
    note = value.strip() if isinstance(value, str) else ""
    if len(note) > NOTE_MAX:
        raise PhaseError({"note": [_("Teksten må højst have %(max)s tegn.", max=NOTE_MAX)]})
    return note


def _require_open(case: Case) -> None:
    """Phases change on open cases only."""
    if case.status != CaseStatus.OPEN.value:
        raise PhaseError({"phase": [_("Sagen er ikke åben, så fasen kan ikke ændres.")]})


def _event(actor: User, case: Case, kind: CaseEventKind, note: str, before, after) -> None:
    """Keep the step as a case event with the phases' names."""
    db.session.add(
        CaseEvent(
            case_id=case.id,
            kind=kind.value,
            actor_id=actor.id,
            note=note,
            phase_from=before,
            phase_to=after,
        )
    )
    case.updated_at = utcnow()


def _started(case: Case, note: Any) -> tuple[CaseFlow, str]:
    """The open case's started flow and the clean note (PhaseError otherwise)."""
    _require_open(case)
    text = _note(note)
    found = case_flow(case)
    if found is None or found.current is None:
        raise PhaseError({"phase": [_("Sagsforløbet er ikke startet.")]})
    return found, text


def start_flow(actor: User, case: Case, note: Any = "") -> CasePhase:
    """Put the case in the first phase of its case-flow document's newest final revision.

    Starting again is allowed only when the case has been set to follow another document."""
    _require_open(case)
    text = _note(note)
    document = db.session.get(Submission, case.flow_document_id or 0)
    if document is None:
        raise PhaseError({"phase": [_("Vælg først, hvilket sagsforløb sagen følger.")]})
    if case.phase is not None and case.phase.flow_id == document.id:
        raise PhaseConflict({"phase": [_("Sagsforløbet er allerede startet.")]})
    revision = final_revision(document)
    steps = revision_steps(revision) if revision else []
    if not steps:
        raise PhaseError({"phase": [_("Sagsforløbet har ingen endelig udgave med faser endnu.")]})
    first, before = steps[0], case.phase.phase_name if case.phase else None
    if case.phase is not None:  # the case now follows another document: begin it afresh
        db.session.delete(case.phase)
        db.session.flush()
    row = CasePhase(
        case_id=case.id,
        flow_id=document.id,
        revision=revision.version,
        phase_key=first.key,
        phase_name=first.name[:200],
        since=utcnow(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # someone started it at the same moment
        raise PhaseConflict({"phase": [_("Sagsforløbet er allerede startet.")]}) from None
    _event(actor, case, CaseEventKind.PHASE_CHANGED, text, before, row.phase_name)
    db.session.flush()
    db.session.refresh(case)
    audit.record(
        "case_phase_changed",
        case,
        actor=actor,
        flow_id=document.id,
        revision=revision.version,
        to_phase=first.key,
    )
    return row


def move_on(actor: User, case: Case, note: Any = "", from_phase: str | None = None) -> CasePhase:
    """Move the case to the next phase of its pinned template: one step, logged.

    ``from_phase`` is the phase the person saw; when the case has moved since, or two people
    move on at once, the later one gets PhaseConflict instead of skipping a phase."""
    found, text = _started(case, note)
    current = found.current.step
    if from_phase not in (None, current.key):
        raise PhaseConflict({"phase": [_moved_message(current.name)]})
    if found.following is None:
        raise PhaseError({"phase": [_("Sagen er i forløbets sidste fase.")]})
    target = found.following.step
    phase = case.phase
    _change(phase, current.key, phase_key=target.key, phase_name=target.name[:200], since=utcnow())
    _event(actor, case, CaseEventKind.PHASE_CHANGED, text, current.name, target.name)
    db.session.flush()
    audit.record(
        "case_phase_changed",
        case,
        actor=actor,
        flow_id=phase.flow_id,
        revision=phase.revision,
        from_phase=current.key,
        to_phase=target.key,
    )
    return phase


def _change(phase: CasePhase, seen_key: str, **values: Any) -> None:
    """Change the phase row only if nobody changed it since it was read (same ``step`` and
    phase): a conditional update, so of two people acting at once the later one gets
    PhaseConflict instead of a skipped phase."""
    result = db.session.execute(
        update(CasePhase)
        .where(
            CasePhase.id == phase.id,
            CasePhase.step == phase.step,
            CasePhase.phase_key == seen_key,
        )
        .values(step=CasePhase.step + 1, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(phase)
    if result.rowcount != 1:
        raise PhaseConflict({"phase": [_moved_message(phase.phase_name)]})


def _moved_message(name: str) -> str:
    """What the slower of two people moving on is told."""
    return _(
        "Sagen er allerede gået videre og er nu i fasen »%(phase)s«. Se siden igen, før du "
        "går videre.",
        phase=name,
    )


def repin(actor: User, case: Case, note: Any = "") -> CasePhase:
    """Let the case follow the newest final revision of its template, in the same phase.

    The phase is found by its key; when the new revision no longer has it, nothing changes
    and the message says so."""
    found, text = _started(case, note)
    if found.newer is None:
        raise PhaseError({"phase": [_("Sagen følger allerede den nyeste udgave af skabelonen.")]})
    phase, key = case.phase, found.current.step.key
    step = next((s for s in revision_steps(found.newer) if s.key == key), None)
    if step is None:
        raise PhaseError(
            {
                "phase": [
                    _(
                        "Den nye udgave af skabelonen har ikke fasen »%(phase)s« (id %(key)s). "
                        "Sagen bliver på den udgave, den følger nu.",
                        phase=found.current.step.name,
                        key=key,
                    )
                ]
            }
        )
    before = phase.revision
    _change(phase, key, revision=found.newer.version, phase_name=step.name[:200])
    _event(actor, case, CaseEventKind.FLOW_REPINNED, text, None, step.name)
    db.session.flush()
    audit.record(
        "case_flow_repinned",
        case,
        actor=actor,
        flow_id=phase.flow_id,
        from_revision=before,
        to_revision=phase.revision,
        phase=key,
    )
    return phase


def phase_json(case: Case) -> dict[str, Any] | None:
    """The case's phase for the API: key, name, since, the pinned revision (None: not started)."""
    phase = case.phase
    if phase is None:
        return None
    return {
        "key": phase.phase_key,
        "name": phase.phase_name,
        "since": phase.since.isoformat(),
        "flow_document_id": phase.flow_id,
        "pinned_revision": phase.revision,
    }

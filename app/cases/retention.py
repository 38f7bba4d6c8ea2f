"""Deleting closed cases after the retention period (GDPR art. 5(1)(e): kept no longer than
needed). The period is the municipality's choice after its archive rules; nothing here
claims a legal number, so the command asks for it.

A case counts from the day it was closed or handed over to adult services (its latest such
event); a reopened case is open and is never deleted. Deleting a case deletes everything
that belongs to it (forms and their revisions, meetings, funding, family, consents, links:
the foreign keys cascade); the audit trail keeps its events, which hold ids only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select

from app import audit
from app.extensions import db
from app.models import Case, CaseEvent, CaseEventKind, CaseStatus

_ENDED = (CaseStatus.CLOSED.value, CaseStatus.HANDED_OVER.value)
_ENDING = (CaseEventKind.CLOSED.value, CaseEventKind.HANDED_OVER.value)


def closed_before(cutoff: datetime) -> list[tuple[int, str]]:
    """(id, case number) of the cases closed or handed over before ``cutoff``."""
    ended = (
        select(CaseEvent.case_id, func.max(CaseEvent.at).label("ended_at"))
        .where(CaseEvent.kind.in_(_ENDING))
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Case.id, Case.reference)
        .join(ended, ended.c.case_id == Case.id)
        .where(Case.status.in_(_ENDED), ended.c.ended_at < cutoff)
        .order_by(Case.id)
    )
    return [(row.id, row.reference) for row in rows]


def purge_closed(cutoff: datetime, *, years: int, dry_run: bool) -> list[tuple[int, str]]:
    """Delete (or, dry run, only list) the cases closed before ``cutoff``; audited by id."""
    found = closed_before(cutoff)
    if dry_run or not found:
        return found
    ids = [case_id for case_id, _reference in found]
    db.session.execute(delete(Case).where(Case.id.in_(ids)))
    audit.record_event("cases_purged", details={"case_ids": ids, "years": years})
    return found

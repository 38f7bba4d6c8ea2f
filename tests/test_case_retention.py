"""`enindgang cases purge-closed --years N [--dry-run]`: cases closed or handed over longer
ago than the retention period go, with everything that belongs to them; open, reopened and
recently closed cases stay; the deletion is audited by id."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.cases import life
from app.database import utcnow
from app.extensions import db
from app.models import AuditEvent, Case, CaseEvent, CaseEventKind, Submission
from tests.helpers import save_draft


def _closed(make_case, reference: str, years_ago: float):
    """A case closed ``years_ago`` years back (its closing event moved back in time)."""
    case = make_case(reference=reference)
    life.change_status(case.coordinator, case, CaseEventKind.CLOSED, "Forløbet er afsluttet.")
    db.session.flush()
    event = db.session.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id))
    event.at = utcnow() - timedelta(days=round(years_ago * 365.25))
    db.session.commit()
    return case


def test_purge_deletes_only_cases_closed_past_the_period(runner, make_case):
    """A dry run lists; the purge deletes the old closed case and its forms, audited."""
    old = _closed(make_case, "GAMMEL-1", 6)
    save_draft(old.coordinator, "smarte_maal", case=old)
    recent = _closed(make_case, "NY-1", 1)
    still_open = make_case(reference="AABEN-1")
    dry = runner.invoke(args=["cases", "purge-closed", "--years", "5", "--dry-run"])
    assert dry.exit_code == 0 and "GAMMEL-1" in dry.output and "NY-1" not in dry.output
    assert db.session.get(Case, old.id) is not None
    done = runner.invoke(args=["cases", "purge-closed", "--years", "5"])
    assert done.exit_code == 0 and "Deleted 1 cases" in done.output
    db.session.expire_all()
    assert db.session.get(Case, old.id) is None
    assert db.session.get(Case, recent.id) and db.session.get(Case, still_open.id)
    left = select(func.count()).where(Submission.case_id == old.id)
    assert db.session.scalar(left) == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "cases_purged"))
    assert event.details == {"case_ids": [old.id], "years": 5}


def test_a_reopened_case_is_never_purged(runner, make_case):
    """Closed long ago but reopened since: it is open and stays."""
    case = _closed(make_case, "GENAABNET-1", 8)
    life.change_status(
        case.coordinator, case, CaseEventKind.REOPENED, "Familien har brug for hjælp igen."
    )
    db.session.commit()
    runner.invoke(args=["cases", "purge-closed", "--years", "5"])
    db.session.expire_all()
    assert db.session.get(Case, case.id) is not None


def test_the_period_must_be_given(runner):
    """No default period: the municipality decides it."""
    answer = runner.invoke(args=["cases", "purge-closed"])
    assert answer.exit_code != 0 and "--years" in answer.output

"""The audit trail page: leaders and admins read and filter it and export it as CSV (no cell a
formula, the export itself audited); others get 403; `enindgang audit purge` keeps the
retention period, with a dry run."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import func, select

from app import audit
from app.database import utcnow
from app.extensions import db
from app.models import AuditEvent


def _event(action: str, days_ago: int = 0, **fields) -> AuditEvent:
    """An audit event ``days_ago`` days back."""
    event = audit.record_event(action, **fields)
    event.at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return event


def test_leaders_read_and_filter_the_trail(login_as, make_case):
    """Events newest first, filtered by action and by case; the case is named by its number."""
    web = login_as("leader")
    case = make_case(reference="SPOR-1")
    _event("content_read", object_type="case", object_id=case.id, details={"what": "meeting"})
    _event("user_password_reset", days_ago=3)
    page = web.get("/revision").get_data(as_text=True)
    assert "content_read" in page and "user_password_reset" in page and "sag SPOR-1" in page
    only = web.get(f"/revision?handling=content_read&sag={case.id}").get_data(as_text=True)
    assert "content_read" in only and "user_password_reset" not in only.split("<tbody>")[1]
    since = (utcnow() - timedelta(days=1)).date().isoformat()
    recent = web.get(f"/revision?fra={since}").get_data(as_text=True)
    assert "user_password_reset" not in recent.split("<tbody>")[1]


def test_the_csv_export_is_safe_and_audited(login_as):
    """Every event of the filter as CSV; a value that starts like a formula is quoted."""
    web = login_as("admin")
    _event("login_failed", ip="=cmd|' /C calc'!A0")
    answer = web.get("/revision.csv?handling=login_failed")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "at", "actor_id"]
    assert len(rows) == 2 and rows[1][7].startswith("'=")
    exported = db.session.scalar(
        select(func.count()).where(AuditEvent.action == "content_exported")
    )
    assert exported == 1


def test_only_leaders_and_admins_see_the_trail(login_as):
    """Coordinators and controllers get 403 on the page and the export."""
    for role in ("coordinator", "controller", "member"):
        web = login_as(role)
        assert web.get("/revision").status_code == 403
        assert web.get("/revision.csv").status_code == 403


def test_purge_keeps_the_retention_period_with_a_dry_run(runner):
    """Older events are counted by a dry run and deleted by the purge, which is audited."""
    _event("old_thing", days_ago=400)
    _event("new_thing", days_ago=10)
    dry = runner.invoke(args=["audit", "purge", "--days", "365", "--dry-run"])
    assert dry.exit_code == 0 and "1 audit events" in dry.output
    assert db.session.scalar(select(func.count()).where(AuditEvent.action == "old_thing")) == 1
    done = runner.invoke(args=["audit", "purge", "--days", "365"])
    assert done.exit_code == 0 and "Deleted 1" in done.output
    db.session.expire_all()
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert "old_thing" not in actions and {"new_thing", "audit_purged"} <= actions

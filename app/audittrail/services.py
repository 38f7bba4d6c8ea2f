"""Reading the audit trail: filters, one page of events, the CSV export, the retention purge.

Plain functions (no request): the view hands in the filters it parsed. The trail holds ids
and codes only (app/audit.py refuses anything else), so nothing here shows family text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, delete, func, select

from app.database import utcnow
from app.extensions import db
from app.models import AuditEvent, Case, User
from excel_tools.cells import is_dangerous

PAGE_SIZE = 100
#: At most this many events in one CSV export (narrow the filter for more).
CSV_MAX_ROWS = 100_000
CSV_COLUMNS = (
    "id",
    "at",
    "actor_id",
    "actor",
    "action",
    "object_type",
    "object_id",
    "ip",
    "details",
)


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the trail to (None: no limit)."""

    since: date | None = None
    until: date | None = None
    actor_id: int | None = None
    action: str | None = None
    case_id: int | None = None
    page: int = 1


def _day(value: str | None) -> date | None:
    """A YYYY-MM-DD date or None (a wrong one is ignored, the filter shows what applied)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _number(value: str | None, maximum: int = 2**31 - 1) -> int | None:
    """A positive whole number or None."""
    return int(value) if value and value.isdigit() and 0 < int(value) <= maximum else None


def parse_filters(args: Mapping[str, str]) -> Filters:
    """The filters from a query string (fra, til, bruger, handling, sag, side)."""
    action = (args.get("handling") or "").strip()
    return Filters(
        since=_day(args.get("fra")),
        until=_day(args.get("til")),
        actor_id=_number(args.get("bruger")),
        action=action if action.replace("_", "").isalnum() and len(action) <= 50 else None,
        case_id=_number(args.get("sag")),
        page=_number(args.get("side"), 100_000) or 1,
    )


def _local_start(day: date, zone: str) -> datetime:
    """The first moment of a local day, as a UTC-aware time."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone))


def _filtered(filters: Filters, zone: str) -> Select:
    """SELECT of the matching events, newest first."""
    query = select(AuditEvent)
    if filters.since:
        query = query.where(AuditEvent.at >= _local_start(filters.since, zone))
    if filters.until:
        query = query.where(AuditEvent.at < _local_start(filters.until + timedelta(days=1), zone))
    if filters.actor_id:
        query = query.where(AuditEvent.actor_id == filters.actor_id)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.case_id:
        query = query.where(
            AuditEvent.object_type == "case", AuditEvent.object_id == filters.case_id
        )
    return query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


@dataclass
class TrailPage:
    """One page of events with what the filter choices need."""

    events: list[AuditEvent]
    total: int
    pages: int
    actions: list[str]
    actors: list[tuple[int, str]]
    cases: dict[int, str]  # case id -> case number, for the events shown


def trail_page(filters: Filters, zone: str) -> TrailPage:
    """The page of events the filters select (a fixed number of statements per page)."""
    query = _filtered(filters, zone)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    events = list(
        db.session.scalars(query.offset((filters.page - 1) * PAGE_SIZE).limit(PAGE_SIZE).options())
    )
    actions = list(
        db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )
    actors = [(u.id, u.name) for u in db.session.scalars(select(User).order_by(User.name))]
    case_ids = {e.object_id for e in events if e.object_type == "case" and e.object_id}
    cases = (
        dict(db.session.execute(select(Case.id, Case.reference).where(Case.id.in_(case_ids))).all())
        if case_ids
        else {}
    )
    return TrailPage(events, total, max(1, -(-total // PAGE_SIZE)), actions, actors, cases)


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet never reads as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if is_dangerous(text) else text


def csv_lines(filters: Filters, zone: str) -> Iterator[str]:
    """The matching events as CSV text, line by line (header first; at most CSV_MAX_ROWS)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    yield out.getvalue()
    names = dict(db.session.execute(select(User.id, User.name)).all())
    query = _filtered(filters, zone).limit(CSV_MAX_ROWS)
    for event in db.session.scalars(query.execution_options(yield_per=1000)):
        out.seek(0)
        out.truncate()
        writer.writerow(
            [
                _cell(event.id),
                _cell(event.at.astimezone(ZoneInfo(zone)).isoformat()),
                _cell(event.actor_id),
                _cell(names.get(event.actor_id, "")),
                _cell(event.action),
                _cell(event.object_type),
                _cell(event.object_id),
                _cell(event.ip),
                _cell(json.dumps(event.details or {}, sort_keys=True, ensure_ascii=False)),
            ]
        )
        yield out.getvalue()


def purge_before(cutoff: datetime, *, dry_run: bool) -> int:
    """Delete the events older than ``cutoff`` (or only count them); how many."""
    count = db.session.scalar(select(func.count()).where(AuditEvent.at < cutoff)) or 0
    if not dry_run and count:
        db.session.execute(delete(AuditEvent).where(AuditEvent.at < cutoff))
    return count


def retention_cutoff(days: int, now: datetime | None = None) -> datetime:
    """The moment before which events are older than ``days``."""
    return (now or utcnow()) - timedelta(days=days)

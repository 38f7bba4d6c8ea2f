"""A case's year wheel: load it with the case's dated meetings, save it (flush, caller commits).

Saving bumps ``case_wheels.version`` with a conditional UPDATE (``WHERE version = the
version the user edited``), as meetings and phases do: when someone else saved in between,
no row matches and ConflictError is raised, so nobody's activities are silently overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.database import claim_version, utcnow
from app.extensions import db
from app.meetings import pages as meeting_pages
from app.meetings.checks import Problems
from app.models import Case, CaseWheel, Meeting, User, WheelActivity
from app.vocabularies.services import case_usages
from app.web.i18n import current_locale, current_zone
from app.wheel.forms import PURPOSE_MAX, WHO_MAX
from app.wheel.months import (
    OTHER,
    Activity,
    DatedMeeting,
    WheelMonth,
    arrange,
    first_of_month,
    local,
    window_end,
)

MAX_ACTIVITIES = 60  # five a month: more would not fit a wheel handed to the parents


class WheelError(ValueError):
    """A wheel that cannot be stored; messages by form field name."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(errors))
        self.errors = errors


class ConflictError(Exception):
    """Someone else saved the wheel after the user opened it."""


@dataclass
class Wheel:
    """What the pages, the plan and the calendar file show of a case's wheel."""

    start: date
    version: int  # 0: never saved
    months: list[WheelMonth]
    meetings: list[Meeting]  # the case's meetings in the window, soonest first

    @property
    def end(self) -> date:
        """The first day after the 12 months."""
        return window_end(self.start)


def kind_label(kind: str, locale: str | None = None) -> str:
    """The label of an activity's kind: a meeting type's, or "Andet"."""
    if kind == OTHER:
        return _("Andet")
    return meeting_pages.kind_label(kind, locale)


def kind_choices(locale: str, chosen: Sequence[str] = ()) -> list[tuple[str, str]]:
    """The kinds an activity may have: the meeting types offered, then "Andet"."""
    offered = meeting_pages.kind_choices(locale)
    keys = {key for key, _label in offered}
    kept = [(k, meeting_pages.kind_label(k, locale)) for k in chosen if k and k not in keys]
    return offered + [c for c in kept if c[0] != OTHER] + [(OTHER, _("Andet"))]


def stored_wheel(case: Case) -> CaseWheel | None:
    """The case's wheel row, if it was ever saved."""
    return db.session.get(CaseWheel, case.id)


def wheel_of(case: Case, today: date | None = None) -> Wheel:
    """The case's wheel: its 12 months from the stored start (else the current month), the
    activities, and the case's meetings (planned and held) in the window."""
    zone = current_zone()
    today = today or local(utcnow(), zone).date()
    row = stored_wheel(case)
    start = row.start_month if row is not None else first_of_month(today)
    locale = current_locale()
    activities = [
        Activity(a.month, a.kind, kind_label(a.kind, locale), a.purpose, a.who)
        for a in (row.activities if row is not None else [])
    ]
    rows = window_meetings(case, start, zone)
    dated = [
        DatedMeeting(m.id, m.kind, kind_label(m.kind, locale), local(m.starts_at, zone), m.held)
        for m in rows
    ]
    months = arrange(start, activities, dated, today=today, locale=locale)
    return Wheel(start, row.version if row is not None else 0, months, rows)


def window_meetings(case: Case, start: date, zone: str) -> list[Meeting]:
    """The case's meetings whose local start day lies in the 12 months from ``start``."""
    end = window_end(start)
    rows = db.session.scalars(
        select(Meeting).where(Meeting.case_id == case.id).order_by(Meeting.starts_at, Meeting.id)
    )
    return [m for m in rows if start <= local(m.starts_at, zone).date() < end]


def parse_start(text: Any, problems: Problems) -> date | None:
    """The wheel's first month typed as YYYY-MM (the browser's month input)."""
    raw = text.strip() if isinstance(text, str) else ""
    try:
        year, month = (int(part) for part in raw.split("-")[:2])
        if len(raw) != 7 or not 2000 <= year <= 2100:
            raise ValueError(raw)
        return date(year, month, 1)
    except ValueError:
        problems.add("start_month", _("Skriv den første måned som åååå-mm, fx 2026-11."))
        return None


def check_activities(
    rows: Sequence[Mapping[str, Any]], problems: Problems, kinds: set[str]
) -> list[dict[str, Any]]:
    """The filled rows as activities; a blank row is skipped, a half-filled one is a problem."""
    found = []
    for index, row in enumerate(rows):
        name = f"activities-{index}-"
        cells = {key: row.get(key) for key in ("month", "kind", "purpose", "who")}
        purpose = problems.text({name + "purpose": cells["purpose"]}, name + "purpose", PURPOSE_MAX)
        who = problems.text({name + "who": cells["who"]}, name + "who", WHO_MAX)
        month = str(cells["month"] or "").strip()
        if not (purpose or who or month):
            continue
        if not month.isdigit() or not 1 <= int(month) <= 12:
            problems.add(name + "month", _("Vælg en måned."))
        if cells["kind"] not in kinds:
            problems.add(name + "kind", _("Vælg hvilken slags aktivitet det er."))
        if not purpose:
            problems.add(name + "purpose", _("Skriv kort, hvad aktiviteten går ud på."))
        found.append(
            {"month": int(month) if month.isdigit() else 0, "kind": cells["kind"] or "",
             "purpose": purpose, "who": who}
        )  # fmt: skip
    if len(found) > MAX_ACTIVITIES:
        problems.add(
            "start_month", _("Årshjulet kan højst have %(n)d aktiviteter.", n=MAX_ACTIVITIES)
        )
    return found


def save_wheel(
    actor: User, case: Case, data: Mapping[str, Any], base_version: int | None
) -> CaseWheel:
    """Store the wheel the user edited at ``base_version`` (0 or None: never saved before).

    WheelError on bad data (nothing stored); ConflictError when someone saved since.
    """
    problems = Problems()
    start = parse_start(data.get("start_month"), problems)
    kinds = {key for key, _label in kind_choices("da")} | _stored_kinds(case)
    rows = check_activities(data.get("activities") or [], problems, kinds)
    if problems.errors:
        raise WheelError(problems.errors)
    row = stored_wheel(case)
    if row is None:
        if base_version:
            raise ConflictError()
        row = CaseWheel(case_id=case.id, start_month=start, version=1)
        db.session.add(row)
        try:
            db.session.flush()
        except IntegrityError:  # someone saved the first version at the same moment
            db.session.rollback()
            raise ConflictError() from None
    else:
        _bump_version(row, base_version)
        row.start_month = start
    row.activities = [WheelActivity(position=n, **cells) for n, cells in enumerate(rows)]
    row.updated_at, row.updated_by_id = utcnow(), actor.id
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("wheel_saved", case, actor=actor, version=row.version, activities=len(rows))
    return row


def _stored_kinds(case: Case) -> set[str]:
    """The kinds the stored activities use (a retired meeting type stays valid on them)."""
    row = stored_wheel(case)
    return {a.kind for a in row.activities} if row is not None else set()


def _bump_version(row: CaseWheel, base_version: int | None) -> None:
    """The conditional update (``claim_version``); ConflictError when someone saved since."""
    if not base_version or not claim_version(row, base_version):
        db.session.rollback()
        raise ConflictError()


def vocabulary_usages(vocabulary: str, key: str, limit: int = 10) -> Iterator[str]:
    """Readable places where a wheel uses a meeting type (a key in use cannot be removed)."""
    if vocabulary != "meeting_types":
        return
    rows = case_usages(WheelActivity, WheelActivity.kind, key, limit)
    for reference, count in rows:
        yield ngettext(
            "årshjulet i sag %(reference)s: %(num)s aktivitet",
            "årshjulet i sag %(reference)s: %(num)s aktiviteter",
            count,
            reference=reference,
        )

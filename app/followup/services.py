"""The stored next follow-up: gather a case's inputs, compute, store; record decisions.

``refresh_next_follow_up`` is called wherever an input changes (the case's paragraphs or
case flow, a funding save, a cadence decision) and by ``enindgang followup recompute``; it
flushes, the caller commits. Lists read ``cases.next_follow_up`` and never compute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select

from app import audit
from app.extensions import db
from app.followup import calc
from app.followup.rules import RULES_BY_KEY, Interval, Rule
from app.models import (
    CadenceDecision,
    Case,
    FundingVersion,
    Meeting,
    MunicipalitySettings,
    Submission,
    User,
)
from app.web.i18n import current_zone

DUE_SOON_DAYS = 14  # "due within 14 days" in lists (the words)
UNITS = ("weeks", "months")
JUSTIFICATION_MAX = 2000


class DecisionError(ValueError):
    """A cadence decision that cannot be recorded; ``errors`` by field."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


#: Meeting kinds (keys of the `meeting_types` list) whose held meetings count as follow-ups.
FOLLOW_UP_KINDS = ("follow_up", "status")


def last_held_follow_up(case: Case) -> date | None:
    """The local date of the case's latest held follow-up or status meeting (None: none yet).

    It reads the meetings table directly (a shared model), so that app/meetings may call
    this package to refresh the date after a meeting is saved without an import cycle.
    """
    held_at = db.session.scalar(
        select(Meeting.held_at)
        .where(
            Meeting.case_id == case.id,
            Meeting.kind.in_(FOLLOW_UP_KINDS),
            Meeting.held_at.is_not(None),
        )
        .order_by(Meeting.held_at.desc())
        .limit(1)
    )
    if held_at is None:
        return None
    if held_at.tzinfo is None:
        held_at = held_at.replace(tzinfo=UTC)
    return held_at.astimezone(ZoneInfo(current_zone())).date()


def case_model(case: Case) -> str | None:
    """The `model` of the case-flow document the case follows (None: follows none)."""
    if case.flow_document_id is None:
        return None
    doc = db.session.get(Submission, case.flow_document_id)
    return (doc.data or {}).get("model") if doc else None


def _measures(case: Case) -> tuple[calc.Measure, ...]:
    """The current funding lines as measures (paragraph and start).

    Read from the newest stored version's JSON (``paragraph`` and an ISO ``start``, see
    app.models.funding) rather than through app.funding, which calls this package on save:
    the feature packages import each other in one direction only."""
    lines = db.session.scalar(
        select(FundingVersion.lines)
        .where(FundingVersion.case_id == case.id)
        .order_by(FundingVersion.version.desc())
        .limit(1)
    )
    found = []
    for line in lines or []:
        paragraph, start = line.get("paragraph"), line.get("start")
        if paragraph and start:
            try:
                found.append(calc.Measure(paragraph, date.fromisoformat(str(start)[:10])))
            except ValueError:
                continue  # a stored line is always validated; never let one break a page
    return tuple(found)


def current_decision(case: Case) -> CadenceDecision | None:
    """The cadence decision in force: the newest recorded."""
    return db.session.scalar(
        select(CadenceDecision)
        .where(CadenceDecision.case_id == case.id)
        .order_by(CadenceDecision.decided_on.desc(), CadenceDecision.id.desc())
        .limit(1)
    )


def local_interval() -> Interval | None:
    """The municipality's own status-meeting interval (None: not chosen)."""
    weeks = db.session.scalar(select(MunicipalitySettings.status_interval_weeks).limit(1))
    return Interval(weeks, "weeks") if weeks else None


def inputs_of(case: Case, last_follow_up: date | None = None) -> calc.Inputs:
    """The case's inputs to the calculation, read from the database."""
    decision = current_decision(case)
    opened = case.created_at.date() if case.created_at else date.today()
    return calc.Inputs(
        opened_on=opened,
        model=case_model(case),
        paragraphs=frozenset(case.paragraph_keys),
        measures=_measures(case),
        last_follow_up=last_follow_up if last_follow_up is not None else last_held_follow_up(case),
        decision=(
            calc.Decision(
                Interval(decision.interval_count, decision.interval_unit), decision.decided_on
            )
            if decision
            else None
        ),
        local_interval=local_interval(),
    )


def refresh_next_follow_up(case: Case, last_follow_up: date | None = None) -> None:
    """Compute and store the case's next follow-up and the rule that decided it (flushes)."""
    result = calc.next_follow_up(inputs_of(case, last_follow_up))
    case.next_follow_up = result.due
    case.next_follow_up_rule = result.rule.key if result.rule else None
    db.session.flush()


def set_status_interval(weeks: int | None) -> None:
    """Store the municipality's own status-meeting interval (None: not chosen); flushes."""
    settings = db.session.scalar(select(MunicipalitySettings).limit(1))
    if settings is None:
        settings = MunicipalitySettings(name="")
        db.session.add(settings)
    settings.status_interval_weeks = weeks or None
    db.session.flush()


def recompute_all() -> int:
    """Refresh every case's next follow-up (after a rule or setting change); the count."""
    count = 0
    for case in db.session.scalars(select(Case).order_by(Case.id)):
        refresh_next_follow_up(case)
        count += 1
    return count


@dataclass(frozen=True)
class FollowUpView:
    """What the case page shows about the next follow-up."""

    due: date | None
    rule: Rule | None
    state: str  # "overdue", "soon" or ""
    needs_decision: bool
    decision_applies: bool
    decision: CadenceDecision | None


def state(due: date | None, today: date | None = None) -> str:
    """ "overdue", "soon" (within DUE_SOON_DAYS) or "" for a stored date."""
    today = today or date.today()
    if due is None:
        return ""
    if due < today:
        return "overdue"
    return "soon" if due <= today + timedelta(days=DUE_SOON_DAYS) else ""


def view(case: Case, today: date | None = None) -> FollowUpView:
    """The stored date and rule, with what the page marks and offers."""
    inputs = inputs_of(case)
    result = calc.next_follow_up(inputs)
    marked = state(case.next_follow_up, today)
    return FollowUpView(
        due=case.next_follow_up,
        rule=RULES_BY_KEY.get(case.next_follow_up_rule or ""),
        state=marked,
        needs_decision=result.needs_decision,
        decision_applies=calc.decision_applies(inputs),
        decision=current_decision(case),
    )


def record_decision(
    actor: User,
    case: Case,
    count: object,
    unit: object,
    justification: object,
    decided_on: date | None = None,
) -> CadenceDecision:
    """Record the justified cadence decision and refresh the next follow-up (flushes)."""
    errors: dict[str, list[str]] = {}
    number = count if isinstance(count, int) and not isinstance(count, bool) else None
    if number is None or not 1 <= number <= 52:
        errors["interval_count"] = [_("Angiv et helt tal mellem 1 og 52.")]
    if unit not in UNITS:
        errors["interval_unit"] = [_("Vælg uger eller måneder.")]
    text = justification.strip() if isinstance(justification, str) else ""
    if not text:
        errors["justification"] = [_("Skriv begrundelsen for kadencen.")]
    elif len(text) > JUSTIFICATION_MAX:
        errors["justification"] = [
            _("Begrundelsen må højst have %(max)s tegn.", max=JUSTIFICATION_MAX)
        ]
    if errors:
        raise DecisionError(errors)
    decision = CadenceDecision(
        case_id=case.id,
        interval_count=number,
        interval_unit=unit,
        justification=text,
        decided_on=decided_on or date.today(),
        decided_by_id=actor.id,
    )
    db.session.add(decision)
    db.session.flush()
    # Ids and the interval only: the justification is case text and stays out of the trail.
    audit.record(
        "cadence_decided",
        case,
        actor=actor,
        decision_id=decision.id,
        interval_count=number,
        interval_unit=unit,
    )
    refresh_next_follow_up(case)
    return decision

"""The next follow-up of a case, computed from plain data (no Flask, no database).

The result is the earliest date any applicable rule gives, with the rule that gave it. A
change of paragraphs mid-way simply changes which rules apply: the next date is always
counted from the last held follow-up (or, before the first one, from when the case opened),
so moving a case from 3 months to 6 weeks gives "last follow-up + 6 weeks".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from app.followup.rules import (
    BL95_DECIDED,
    BL95_FIRST,
    LOCAL_STATUS,
    RULES,
    SOF,
    SOF_SIX_WEEKS,
    SOF_THREE_MONTHS,
    Interval,
    Rule,
)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_interval(day: date, interval: Interval) -> date:
    """``day`` plus a cadence of weeks or calendar months."""
    if interval.unit == "weeks":
        return day + timedelta(weeks=interval.count)
    return add_months(day, interval.count)


@dataclass(frozen=True)
class Measure:
    """A measure the case holds: its paragraph and when it started (a funding line)."""

    paragraph: str
    start: date


@dataclass(frozen=True)
class Decision:
    """The recorded, justified decision on the cadence after § 95's first follow-up."""

    interval: Interval
    decided_on: date


@dataclass(frozen=True)
class Inputs:
    """Everything the next follow-up depends on."""

    opened_on: date  # counted from before the first follow-up is held
    model: str | None = None  # the case-flow template's `model`
    paragraphs: frozenset[str] = frozenset()  # the case's own paragraphs
    measures: tuple[Measure, ...] = ()
    last_follow_up: date | None = None
    decision: Decision | None = None
    local_interval: Interval | None = None  # the municipality's status-meeting interval


@dataclass(frozen=True)
class NextFollowUp:
    """The next follow-up: the date, the rule that decided it, and what is missing."""

    due: date | None
    rule: Rule | None
    # § 95's first follow-up was held but no cadence decision is recorded.
    needs_decision: bool = False


def held_paragraphs(inputs: Inputs) -> frozenset[str]:
    """The case's paragraphs and those of its measures."""
    return inputs.paragraphs | {m.paragraph for m in inputs.measures}


def _model_candidate(inputs: Inputs, anchor: date) -> tuple[date, Rule] | None:
    """The model's own cadence (SOF's fixed one, or the municipality's status interval)."""
    held = held_paragraphs(inputs)
    if inputs.model == SOF:
        for rule in (SOF_SIX_WEEKS, SOF_THREE_MONTHS):  # 6 weeks wins when both apply
            if held & rule.paragraphs:
                return add_interval(anchor, rule.interval), rule  # type: ignore[arg-type]
        return None
    if inputs.model in LOCAL_STATUS.models and inputs.local_interval is not None:
        return add_interval(anchor, inputs.local_interval), LOCAL_STATUS
    return None


def _bl95_candidates(inputs: Inputs) -> tuple[list[tuple[date, Rule]], bool]:
    """§ 95: each covered measure without a follow-up since its start is due 3 months after
    it; once one was held, the recorded decision sets the cadence (missing: flagged)."""
    covered = [m for m in inputs.measures if m.paragraph in BL95_FIRST.paragraphs]
    last = inputs.last_follow_up
    found: list[tuple[date, Rule]] = []
    for measure in covered:
        if last is None or last < measure.start:
            found.append((add_months(measure.start, 3), BL95_FIRST))
    first_held = last is not None and any(m.start <= last for m in covered)
    if first_held and inputs.decision is not None:
        found.append((add_interval(last, inputs.decision.interval), BL95_DECIDED))  # type: ignore[arg-type]
    return found, first_held and inputs.decision is None


def next_follow_up(inputs: Inputs) -> NextFollowUp:
    """The earliest date any rule that applies gives (None when no rule applies)."""
    anchor = inputs.last_follow_up or inputs.opened_on
    candidates, needs_decision = _bl95_candidates(inputs)
    if model := _model_candidate(inputs, anchor):
        candidates.append(model)
    if not candidates:
        return NextFollowUp(None, None, needs_decision)
    order = {rule.key: i for i, rule in enumerate(RULES)}
    due, rule = min(candidates, key=lambda c: (c[0], order[c[1].key]))
    return NextFollowUp(due, rule, needs_decision)


def decision_applies(inputs: Inputs) -> bool:
    """Whether the case holds a measure § 95 covers (so a cadence decision can be recorded)."""
    return any(m.paragraph in BL95_FIRST.paragraphs for m in inputs.measures) or bool(
        inputs.paragraphs & BL95_FIRST.paragraphs
    )

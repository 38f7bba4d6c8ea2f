"""The leaders' dashboard: caseload per coordinator, follow-ups per team, referral to plan.

Plain functions over the database, testable without a request. Every figure is one grouped
query (or one bounded query summed up here), so the page costs the same few statements at
100 cases or 100,000: the threshold, the open cases per coordinator, the coordinators, the
follow-ups per team and the plan dates.

A team is the family coordinator's department (``users.department``); a case without a
coordinator, or whose coordinator has no department, belongs to the team "" ("Uden
afdeling"). Only open cases count in caseloads, follow-ups and waiting time; the time from
referral to plan counts every case whose plan first became final within PLAN_WINDOW_DAYS.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case as when
from sqlalchemy import func, or_, select

from app.authz import visible_cases_filter
from app.extensions import db
from app.followup.services import DUE_SOON_DAYS
from app.models import Case, CaseStatus, MunicipalitySettings, Role, User
from app.models.case import local_today
from app.models.settings import DEFAULT_CASELOAD_THRESHOLD

#: Time from referral to plan counts the plans that became final within the last year, so
#: the figure describes current practice rather than the whole history.
PLAN_WINDOW_DAYS = 365
NO_TEAM = ""  # the team of cases whose coordinator has no department, or that have none


@dataclass(frozen=True)
class CoordinatorLoad:
    """One family coordinator's open cases, and whether they are over the threshold."""

    user_id: int
    name: str
    department: str
    active: bool
    open_cases: int
    over: bool


@dataclass(frozen=True)
class Caseload:
    """Open cases per coordinator (those with none too) and the threshold they are held to."""

    threshold: int
    threshold_is_default: bool
    coordinators: list[CoordinatorLoad]
    without_coordinator: int

    @property
    def over_count(self) -> int:
        """How many coordinators are over the threshold."""
        return sum(1 for c in self.coordinators if c.over)


@dataclass(frozen=True)
class TeamFollowUps:
    """A team's open cases and where their next follow-ups stand."""

    department: str
    open_cases: int
    overdue: int  # next follow-up before today
    upcoming: int  # due today or within DUE_SOON_DAYS
    undated: int  # no next follow-up computed (no rule applies yet)


@dataclass(frozen=True)
class Spread:
    """Days from a set of durations: how many, the median and the 90th percentile."""

    count: int
    median: float | None
    p90: int | None
    longest: int | None


@dataclass(frozen=True)
class PlanTimes:
    """A team's (or everyone's) time from referral to plan, and the cases still waiting."""

    department: str | None  # None: all teams together
    planned: Spread  # referral → first final plan, plans within PLAN_WINDOW_DAYS
    waiting: Spread  # referral → today, open cases without a final plan


@dataclass
class Dashboard:
    """Everything the dashboard page (and the API) shows."""

    today: date
    caseload: Caseload
    teams: list[TeamFollowUps]
    plan_overall: PlanTimes
    plan_teams: list[PlanTimes] = field(default_factory=list)


def caseload_threshold() -> tuple[int, bool]:
    """(the caseload threshold, True when it is the product default rather than the
    municipality's own choice)."""
    chosen = db.session.scalar(select(MunicipalitySettings.caseload_threshold).limit(1))
    return (DEFAULT_CASELOAD_THRESHOLD, True) if chosen is None else (chosen, False)


def _team_of(department: str | None) -> str:
    """The team key of a department ("" and None alike: no department)."""
    return department or NO_TEAM


def people() -> dict[int, Any]:
    """Every user's id, name, department, role and whether active (a municipality has
    hundreds): the dashboard reads them once and counts cases per coordinator in SQL."""
    found = db.session.execute(
        select(User.id, User.name, User.department, User.role, User.active)
    ).all()
    return {row.id: row for row in found}


def _team_map(users: Mapping[int, Any]) -> dict[int | None, str]:
    """The team key of each coordinator id (None, no coordinator: no team)."""
    return {None: NO_TEAM} | {i: _team_of(u.department) for i, u in users.items()}


def caseload(viewer: User, users: Mapping[int, Any]) -> Caseload:
    """Open cases per coordinator: every active user with the coordinator role (with 0 too),
    and anyone else who coordinates an open case; cases without a coordinator apart."""
    threshold, is_default = caseload_threshold()
    counts = dict(
        db.session.execute(
            select(Case.coordinator_id, func.count())
            .where(Case.status == CaseStatus.OPEN.value, visible_cases_filter(viewer))
            .group_by(Case.coordinator_id)
        ).all()
    )
    without = counts.pop(None, 0)
    listed = [
        u
        for u in users.values()
        if (u.role == Role.COORDINATOR.value and u.active) or u.id in counts
    ]
    rows = [
        CoordinatorLoad(
            user_id=u.id,
            name=u.name,
            department=_team_of(u.department),
            active=u.active,
            open_cases=counts.get(u.id, 0),
            over=counts.get(u.id, 0) > threshold,
        )
        for u in listed
    ]
    rows.sort(key=lambda r: (-r.open_cases, r.name.casefold(), r.user_id))
    return Caseload(threshold, is_default, rows, without)


def team_follow_ups(viewer: User, today: date, users: Mapping[int, Any]) -> list[TeamFollowUps]:
    """Open cases per team with their overdue, upcoming and undated next follow-ups.

    Counted per coordinator (an index-only scan of ix_cases_status_coordinator_follow_up)
    and added up per team here: joining the users and grouping by their department made
    the database read every open case's row (100,000 cases, PostgreSQL: 20 -> 11 ms)."""
    due = Case.next_follow_up
    soon = today + timedelta(days=DUE_SOON_DAYS)
    rows = db.session.execute(
        select(
            Case.coordinator_id,
            func.count(),
            func.sum(when((due < today, 1), else_=0)),
            func.sum(when(((due >= today) & (due <= soon), 1), else_=0)),
            func.sum(when((due.is_(None), 1), else_=0)),
        )
        .where(Case.status == CaseStatus.OPEN.value, visible_cases_filter(viewer))
        .group_by(Case.coordinator_id)
    ).all()
    team_of = _team_map(users)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for coordinator_id, *counts in rows:
        total = totals[team_of.get(coordinator_id, NO_TEAM)]
        for position, count in enumerate(counts):
            total[position] += int(count or 0)
    teams = [TeamFollowUps(d, *counts) for d, counts in totals.items()]
    return sorted(teams, key=lambda t: (t.department == NO_TEAM, t.department.casefold()))


def spread(days: Iterable[int]) -> Spread:
    """Count, median, 90th percentile (nearest rank: the smallest value with at least 90 % of
    the values at or below it) and the longest of some durations in days."""
    values = sorted(days)
    if not values:
        return Spread(0, None, None, None)
    rank = math.ceil(0.9 * len(values))
    return Spread(len(values), float(statistics.median(values)), values[rank - 1], values[-1])


def plan_times(
    viewer: User, today: date, users: Mapping[int, Any]
) -> tuple[PlanTimes, list[PlanTimes]]:
    """Time from referral to plan, overall and per team, from one query of dates.

    A plan counts when it first became final within PLAN_WINDOW_DAYS (open or closed case);
    an open case without a final plan is waiting, for ``today - referred_on`` days."""
    since = today - timedelta(days=PLAN_WINDOW_DAYS)
    planned_recently = Case.plan_first_final_on >= since
    waiting = (Case.status == CaseStatus.OPEN.value) & Case.plan_first_final_on.is_(None)
    # Grouped by the dates: a row per coordinator and pair of dates with its count, not a row
    # per case (100,000 cases: tens of thousands of waiting cases, a few hundred distinct
    # days); the teams are added up here, as in team_follow_ups.
    rows = db.session.execute(
        select(Case.coordinator_id, Case.referred_on, Case.plan_first_final_on, func.count())
        .where(or_(planned_recently, waiting), visible_cases_filter(viewer))
        .group_by(Case.coordinator_id, Case.referred_on, Case.plan_first_final_on)
    ).all()
    team_of = _team_map(users)
    planned: dict[str, list[int]] = defaultdict(list)
    waited: dict[str, list[int]] = defaultdict(list)
    for coordinator_id, referred_on, planned_on, count in rows:
        department = team_of.get(coordinator_id, NO_TEAM)
        if planned_on is not None:
            planned[department].extend([(planned_on - referred_on).days] * count)
        else:
            waited[department].extend([(today - referred_on).days] * count)
    overall = PlanTimes(
        None,
        spread(d for days in planned.values() for d in days),
        spread(d for days in waited.values() for d in days),
    )
    departments = sorted(set(planned) | set(waited), key=lambda d: (d == NO_TEAM, d.casefold()))
    per_team = [PlanTimes(d, spread(planned[d]), spread(waited[d])) for d in departments]
    return overall, per_team


def dashboard(viewer: User, today: date | None = None) -> Dashboard:
    """The whole dashboard for ``viewer`` (a leader or admin: every case), as of ``today``
    (the local day by default)."""
    today = today or local_today()
    users = people()
    overall, per_team = plan_times(viewer, today, users)
    return Dashboard(
        today,
        caseload(viewer, users),
        team_follow_ups(viewer, today, users),
        overall,
        per_team,
    )

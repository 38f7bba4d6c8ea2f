"""The leaders' dashboard in the API: the same figures as /oversigt (app.dashboards)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from flask_babel import gettext as _
from pydantic import Field

from app.api.openapi import operation
from app.api.schemas import Answer, DateText
from app.api.util import answer, api_user
from app.authz import can_view_dashboards
from app.dashboards import services
from app.web.errors import error_response

FORBIDDEN = "Kun ledere og administratorer ser overblikket"


class DashboardSpread(Answer):
    """Durations in days: how many, median, 90th percentile (nearest rank), longest."""

    count: int
    median: float | None
    p90: int | None
    longest: int | None


class DashboardCoordinator(Answer):
    """A family coordinator's open cases."""

    user_id: int
    name: str
    department: str | None = Field(description="null: ingen afdeling")
    active: bool
    open_cases: int
    over_threshold: bool = Field(description="Flere åbne sager end grænsen")


class DashboardCaseload(Answer):
    """Open cases per family coordinator and the threshold."""

    threshold: int
    threshold_source: Literal["municipality", "default"] = Field(
        description="default: enindgangs standard 25 (øvre ende af modellens projektkommuners "
        "ca. 20-25 sager), ikke et krav i modellen"
    )
    coordinators: list[DashboardCoordinator]
    without_coordinator: int


class DashboardTeam(Answer):
    """A team's (the coordinator's department's) open cases and next follow-ups."""

    department: str | None = Field(description="null: uden afdeling eller koordinator")
    open_cases: int
    overdue: int
    due_within_14_days: int = Field(description="I dag til og med om 14 dage")
    without_next_follow_up: int


class DashboardPlanTimes(Answer):
    """Days from referral to the first final joint plan, and open cases still waiting."""

    department: str | None = Field(description="null: uden afdeling (i en liste pr. afdeling)")
    days_to_plan: DashboardSpread
    waiting_days: DashboardSpread


class Dashboard(Answer):
    """The leaders' dashboard (see docs/dashboards.md)."""

    today: DateText
    plan_window_days: int = Field(description="Planer gjort endelige inden for så mange dage")
    caseload: DashboardCaseload
    teams: list[DashboardTeam]
    referral_to_plan: DashboardPlanTimes
    referral_to_plan_by_team: list[DashboardPlanTimes]


def _plan_json(row: services.PlanTimes) -> dict:
    """A PlanTimes as JSON."""
    return {
        "department": row.department or None,
        "days_to_plan": asdict(row.planned),
        "waiting_days": asdict(row.waiting),
    }


def dashboard_json(board: services.Dashboard) -> dict:
    """The dashboard as the API's JSON."""
    load = board.caseload
    return {
        "today": board.today.isoformat(),
        "plan_window_days": services.PLAN_WINDOW_DAYS,
        "caseload": {
            "threshold": load.threshold,
            "threshold_source": "default" if load.threshold_is_default else "municipality",
            "coordinators": [
                {
                    "user_id": c.user_id,
                    "name": c.name,
                    "department": c.department or None,
                    "active": c.active,
                    "open_cases": c.open_cases,
                    "over_threshold": c.over,
                }
                for c in load.coordinators
            ],
            "without_coordinator": load.without_coordinator,
        },
        "teams": [
            {
                "department": t.department or None,
                "open_cases": t.open_cases,
                "overdue": t.overdue,
                "due_within_14_days": t.upcoming,
                "without_next_follow_up": t.undated,
            }
            for t in board.teams
        ],
        "referral_to_plan": _plan_json(board.plan_overall),
        "referral_to_plan_by_team": [_plan_json(row) for row in board.plan_teams],
    }


@operation(
    "GET",
    "/dashboard",
    summary="Ledernes overblik: sagstal pr. koordinator, opfølgninger pr. afdeling, "
    "tid fra henvisning til plan",
    responses={200: ("Tallene", Dashboard), 403: FORBIDDEN},
)
def get_dashboard():
    """The leaders' dashboard figures (leaders and admins)."""
    user = api_user()
    if not can_view_dashboards(user):
        return error_response(403, _("Kun ledere og administratorer ser overblikket."))
    return answer(Dashboard, dashboard_json(services.dashboard(user)))

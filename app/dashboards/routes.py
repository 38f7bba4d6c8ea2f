"""The leaders' dashboard page; the figures come from app.dashboards.services."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from app.authz import can_view_dashboards
from app.cases.listing import NO_COORDINATOR, NO_DEPARTMENT
from app.dashboards import services
from app.formatting import format_number
from app.web.i18n import current_locale

bp = Blueprint("dashboards", __name__, template_folder="templates")


@bp.get("/oversigt")
@login_required
def overview():
    """Caseload per coordinator, follow-ups per team and time from referral to plan."""
    if not can_view_dashboards(current_user):
        abort(403)
    locale = current_locale()
    return render_template(
        "dashboards/overview.html",
        board=services.dashboard(current_user),
        window_days=services.PLAN_WINDOW_DAYS,
        due_days=services.DUE_SOON_DAYS,
        no_coordinator=NO_COORDINATOR,
        no_department=NO_DEPARTMENT,
        days=lambda value: format_number(value, places=1, locale=locale),
    )

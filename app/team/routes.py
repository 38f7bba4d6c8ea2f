"""The core team's external partners and team roles (thin views over team.services)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import Action, get_case_for
from app.extensions import db
from app.team import services

bp = Blueprint("team", __name__, template_folder="templates")


def _back(case_id: int):
    """To the core team on the case page."""
    return redirect(url_for("cases.show_case", case_id=case_id) + "#kerneteam")


def _run(case_id: int, step, done: str):
    """Run one team change for someone who may change the team; flash the outcome."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    try:
        step(case)
    except services.TeamError as error:
        db.session.rollback()
        flash(" ".join(m for messages in error.errors.values() for m in messages), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return _back(case.id)


@bp.post("/sager/<int:case_id>/partnere")
@login_required
def add_partner(case_id: int):
    """Put an external partner (no login) on the core team."""
    data = {name: request.form.get(name, "") for name in services.PARTNER_FIELDS}
    return _run(
        case_id,
        lambda case: services.add_partner(current_user, case, data),
        _("Samarbejdspartneren er tilføjet til kerneteamet."),
    )


@bp.post("/sager/<int:case_id>/partnere/<int:partner_id>/fjern")
@login_required
def remove_partner(case_id: int, partner_id: int):
    """Take an external partner off the core team."""
    return _run(
        case_id,
        lambda case: services.remove_partner(current_user, case, partner_id),
        _("Kerneteamet er opdateret."),
    )


@bp.post("/sager/<int:case_id>/kerneteam/<int:member_id>/rolle")
@login_required
def set_member_role(case_id: int, member_id: int):
    """Change a core-team member's role (what they may do follows from it) and note."""
    role, note = request.form.get("team_role", ""), request.form.get("team_note", "")
    return _run(
        case_id,
        lambda case: services.set_member_role(current_user, case, member_id, role, note),
        _("Kerneteamet er opdateret."),
    )

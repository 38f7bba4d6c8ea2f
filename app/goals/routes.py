"""Removing a progress reading on the case's SMARTE page (a thin view over goals.readings).

Readings are added by a form that posts to the SMARTE page itself (submissions.pages), so a
refused one is shown again on that page with everything typed."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import Action, get_case_for
from app.extensions import db
from app.goals import readings
from app.goals.sheet import GOALS_FORM

bp = Blueprint("goals", __name__, template_folder="templates")


@bp.post("/sager/<int:case_id>/maal/maalinger/<int:reading_id>/fjern")
@login_required
def remove_reading(case_id: int, reading_id: int):
    """Remove a mistyped reading."""
    case = get_case_for(current_user, case_id, Action.EDIT_CONTENT)
    try:
        readings.remove_reading(current_user, case, reading_id)
    except LookupError:
        db.session.rollback()
        abort(404)
    db.session.commit()
    flash(_("Målingen er fjernet."), "success")
    page = url_for("submissions.case_edit", case_id=case.id, form_name=GOALS_FORM)
    return redirect(f"{page}#fremskridt")

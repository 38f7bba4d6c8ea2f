"""Adding a progress reading on the case's SMARTE page (a thin view over goals.readings)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import Action, get_case_for
from app.extensions import db
from app.goals import readings
from app.goals.sheet import GOALS_FORM

bp = Blueprint("goals", __name__, template_folder="templates")


def _date(text: str) -> date | None:
    """An ISO date from a date input, else None."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


@bp.post("/sager/<int:case_id>/maal/maalinger")
@login_required
def add_reading(case_id: int):
    """Store one reading of a goal's progress, then show the SMARTE page's progress again."""
    case = get_case_for(current_user, case_id, Action.EDIT_CONTENT)
    form = request.form
    value = form.get("value", "")
    goal_key = form.get("goal", "")
    try:
        readings.add_reading(
            current_user,
            case,
            goal_key,
            measured_on=_date(form.get("measured_on", "")),
            value=int(value) if value.isdigit() else None,
            note=form.get("note", ""),
            who=form.get("who_other", "").strip() or form.get("who", ""),
        )
    except readings.ReadingError as error:
        db.session.rollback()
        for messages in error.errors.values():
            for message in messages:
                flash(message, "error")
    else:
        db.session.commit()
        flash(_("Målingen er gemt."), "success")
    page = url_for("submissions.case_edit", case_id=case.id, form_name=GOALS_FORM)
    return redirect(f"{page}#fremskridt-{goal_key}" if goal_key.isalnum() else page)


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

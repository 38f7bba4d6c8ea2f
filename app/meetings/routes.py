"""A case's meetings: plan, show, record (minutes), delete (thin views; the minutes as Word
are a download of app/word)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit
from app.authz import Action, can, get_case_for
from app.extensions import db
from app.goals import readings as goal_readings
from app.meetings import pages, services
from app.meetings.forms import MeetingForm
from app.models import Case, Meeting

bp = Blueprint("meetings", __name__, template_folder="templates")

BASE = "/sager/<int:case_id>/moeder"


def _back(case_id: int):
    """To the meetings section of the case page."""
    return redirect(url_for("cases.show_case", case_id=case_id) + "#moeder")


def _meeting(case: Case, meeting_id: int) -> Meeting:
    """The case's meeting or 404."""
    return services.get_meeting(case, meeting_id) or abort(404)


@bp.route(BASE + "/ny", methods=["GET", "POST"])
@login_required
def new_meeting(case_id: int):
    """Plan a meeting: type, time, place, participants, agenda."""
    case = get_case_for(current_user, case_id, Action.EDIT_CONTENT)
    form = MeetingForm(data=pages.new_values(request.args.get("type"), case))
    pages.fill_choices(form, case, None)
    if form.is_submitted():
        if form.validate():
            try:
                meeting = services.plan_meeting(current_user, case, pages.posted(form))
            except services.MeetingError as error:
                db.session.rollback()
                pages.place_errors(form, error.errors)
            else:
                db.session.commit()
                flash(_("Mødet er planlagt."), "success")
                return redirect(
                    url_for("meetings.show_meeting", case_id=case.id, meeting_id=meeting.id)
                )
        return render_template("meetings/edit.html", case=case, form=form, meeting=None), 422
    return render_template("meetings/edit.html", case=case, form=form, meeting=None)


@bp.get(BASE + "/<int:meeting_id>")
@login_required
def show_meeting(case_id: int, meeting_id: int):
    """A meeting as it was planned and recorded (reading the minutes is audited)."""
    case = get_case_for(current_user, case_id, Action.VIEW_CONTENT)
    meeting = _meeting(case, meeting_id)
    audit.read(case, "meeting", meeting_id=meeting.id)
    return render_template(
        "meetings/show.html",
        case=case,
        meeting=meeting,
        view=pages.view(case, meeting),
        can_edit=can(current_user, Action.EDIT_CONTENT, case),
    )


@bp.route(BASE + "/<int:meeting_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_meeting(case_id: int, meeting_id: int):
    """Change the plan and record the meeting: minutes, decisions, agreements, readings."""
    case = get_case_for(current_user, case_id, Action.EDIT_CONTENT)
    meeting = _meeting(case, meeting_id)
    if not request.method == "POST":
        form = MeetingForm(data=pages.stored_values(case, meeting))
        pages.fill_choices(form, case, meeting)
        audit.read(case, "meeting", meeting_id=meeting.id)
        return _edit_page(case, meeting, form)
    form = MeetingForm()
    pages.fill_choices(form, case, meeting)
    if not form.validate():
        return _edit_page(case, meeting, form, 422)
    base = form.version.data
    try:
        services.save_meeting(
            current_user,
            case,
            meeting,
            pages.posted(form),
            int(base) if base and base.isdigit() else None,
        )
    except services.MeetingError as error:
        db.session.rollback()
        pages.place_errors(form, error.errors)
        return _edit_page(case, meeting, form, 422)
    except services.ConflictError as conflict:
        db.session.rollback()
        # The user's text stays in the form; saving again now overwrites knowingly.
        theirs = db.session.get(Meeting, conflict.meeting.id)
        form.version.data = str(theirs.version) if theirs else ""
        return _edit_page(case, meeting, form, 409, conflict=theirs)
    db.session.commit()
    flash(_("Mødet er gemt."), "success")
    return redirect(url_for("meetings.show_meeting", case_id=case.id, meeting_id=meeting.id))


def _edit_page(case: Case, meeting: Meeting, form: MeetingForm, status: int = 200, **extra: Any):
    """The edit page with the goals to read (titles by key) and the conflicting save."""
    goals = {goal.key: goal for goal in goal_readings.goals_of(case)}
    return (
        render_template(
            "meetings/edit.html", case=case, form=form, meeting=meeting, goals=goals, **extra
        ),
        status,
    )


@bp.post(BASE + "/<int:meeting_id>/slet")
@login_required
def delete_meeting(case_id: int, meeting_id: int):
    """Remove a planned meeting that will not be held."""
    case = get_case_for(current_user, case_id, Action.EDIT_CONTENT)
    meeting = _meeting(case, meeting_id)
    try:
        services.delete_meeting(current_user, case, meeting)
    except services.MeetingError as error:
        db.session.rollback()
        flash(" ".join(m for ms in error.errors.values() for m in ms), "error")
        return redirect(url_for("meetings.show_meeting", case_id=case.id, meeting_id=meeting_id))
    db.session.commit()
    flash(_("Mødet er slettet."), "success")
    return _back(case.id)

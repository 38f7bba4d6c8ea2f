"""The case's phase: start the flow, move on, follow a newer template revision (one post each)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import Action, get_case_for
from app.cases.services import CaseError
from app.extensions import db
from app.phases import services
from app.phases.sections import PhaseForm

bp = Blueprint("phases", __name__, template_folder="templates")


def _step(case_id: int, step: Callable, done: Callable[[], str]):
    """Run one phase step for the case's coordinator (Action.MANAGE), then back to the case.

    A step someone else took first answers 409, a refused one 422, both on the case page with
    the message and the note as typed."""
    # Imported here: the case page imports this package's section (no import cycle at load).
    from app.cases.routes import _render_case

    case = get_case_for(current_user, case_id, Action.MANAGE)
    form = PhaseForm()
    if form.validate_on_submit():
        try:
            step(current_user, case, form.note.data, form.phase.data or None)
        except CaseError as error:
            db.session.rollback()
            for message in error.errors.get("phase", []):
                flash(message, "error")
            form.note.errors = list(form.note.errors) + error.errors.get("note", [])
            status = 409 if isinstance(error, services.PhaseConflict) else 422
            return _render_case(case, {"phase": form}, status)
        db.session.commit()
        flash(done(), "success")
        return redirect(url_for("cases.show_case", case_id=case.id) + "#fase")
    return _render_case(case, {"phase": form}, 422)


@bp.post("/sager/<int:case_id>/fase/start")
@login_required
def start_flow(case_id: int):
    """Start the case's flow in the first phase of its template's newest final revision."""
    return _step(
        case_id,
        lambda user, case, note, _seen: services.start_flow(user, case, note),
        lambda: _("Sagsforløbet er startet."),
    )


@bp.post("/sager/<int:case_id>/fase/naeste")
@login_required
def move_on(case_id: int):
    """Move the case to the next phase (the form names the phase the person saw)."""
    return _step(
        case_id,
        services.move_on,
        lambda: _("Sagen er gået videre til næste fase."),
    )


@bp.post("/sager/<int:case_id>/fase/ny-udgave")
@login_required
def repin(case_id: int):
    """Follow the newest final revision of the case's template, in the same phase."""
    return _step(
        case_id,
        lambda user, case, note, _seen: services.repin(user, case, note),
        lambda: _("Sagen følger nu den nyeste udgave af skabelonen."),
    )

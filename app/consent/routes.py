"""Recording and withdrawing a case's consents (thin views over consent.services)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import Action, get_case_for
from app.consent import services
from app.extensions import db

bp = Blueprint("consent", __name__, template_folder="templates")

BASE = "/sager/<int:case_id>/samtykker"


def _posted() -> dict:
    """The posted consent form as plain data (lists for the multiple choices)."""
    data = {
        name: request.form.get(name, "")
        for name in ("given_by_id", "information", "purpose", "given_on", "expires_on")
    }
    for name in ("categories", "departments", "partner_ids"):
        data[name] = request.form.getlist(name)
    return data


@bp.route(BASE + "/ny", methods=["GET", "POST"])
@login_required
def new_consent(case_id: int):
    """Record a consent the family gave: who, what, to whom, why, from when until when."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    typed, errors = {}, {}
    if request.method == "POST":
        typed = _posted()
        try:
            services.record_consent(current_user, case, typed)
        except services.ConsentError as error:
            db.session.rollback()
            errors = error.errors
        else:
            db.session.commit()
            flash(_("Samtykket er registreret."), "success")
            return redirect(url_for("cases.show_case", case_id=case.id) + "#samtykker")
    return render_template(
        "consent/new.html",
        case=case,
        options=services.choices(case),
        categories=services.CATEGORIES,
        typed=typed,
        errors=errors,
    ), 422 if errors else 200


@bp.post(BASE + "/<int:consent_id>/tilbagekald")
@login_required
def withdraw(case_id: int, consent_id: int):
    """Record that the family withdrew a consent; it stops covering at once."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    consent = services.get_consent(case, consent_id) or abort(404)
    note = request.form.get("note", "")
    try:
        services.withdraw(current_user, case, consent, note)
    except services.ConsentConflict as conflict:
        db.session.rollback()
        # Someone withdrew it first: say who and when, and keep the note this person typed.
        return render_template(
            "consent/conflict.html", case=case, consent=conflict.consent, note=note
        ), 409
    except services.ConsentError as error:
        db.session.rollback()
        flash(" ".join(m for messages in error.errors.values() for m in messages), "error")
    else:
        db.session.commit()
        flash(_("Samtykket er tilbagekaldt."), "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#samtykker")

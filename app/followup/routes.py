"""The case's follow-up page: the next date, its rule, and the § 95 cadence decisions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import audit
from app.authz import Action, can, get_case_for
from app.extensions import db
from app.followup import services
from app.followup.forms import CadenceDecisionForm
from app.models import CadenceDecision, Case

bp = Blueprint("followup", __name__, template_folder="templates")


def _render(case: Case, form: CadenceDecisionForm, status: int = 200):
    """The follow-up page; the decisions' justifications are family content (audited)."""
    decisions = list(
        db.session.scalars(
            select(CadenceDecision)
            .where(CadenceDecision.case_id == case.id)
            .order_by(CadenceDecision.decided_on.desc(), CadenceDecision.id.desc())
        )
    )
    if decisions:
        audit.read(case, "cadence_decisions", decision_ids=[d.id for d in decisions])
    view = services.view(case)
    return (
        render_template(
            "followup/page.html",
            case=case,
            view=view,
            decisions=decisions,
            form=form,
            can_decide=can(current_user, Action.EDIT_CONTENT, case) and view.decision_applies,
        ),
        status,
    )


@bp.get("/sager/<int:case_id>/opfoelgning")
@login_required
def show(case_id: int):
    """The next follow-up and the recorded cadence decisions."""
    case = get_case_for(current_user, case_id, Action.VIEW_CONTENT)
    return _render(case, CadenceDecisionForm(formdata=None))


@bp.post("/sager/<int:case_id>/opfoelgning")
@login_required
def decide(case_id: int):
    """Record the justified cadence decision (barnets lov § 95)."""
    case = get_case_for(current_user, case_id, Action.EDIT_CONTENT)
    form = CadenceDecisionForm()
    if form.validate_on_submit():
        try:
            services.record_decision(
                current_user,
                case,
                form.interval_count.data,
                form.interval_unit.data,
                form.justification.data,
                form.decided_on.data,
            )
        except services.DecisionError as error:
            db.session.rollback()
            for name, messages in error.errors.items():
                getattr(form, name).errors = list(messages)
        else:
            db.session.commit()
            flash(_("Beslutningen om opfølgningen er registreret."), "success")
            return redirect(url_for("cases.show_case", case_id=case.id))
    return _render(case, form, 422)

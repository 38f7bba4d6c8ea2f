"""'Mine sager' and the case page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import Action, can, can_create_case, get_case_for
from app.cases import services
from app.cases.forms import CreateCaseForm
from app.extensions import db
from app.family import sections as family_sections
from app.funding import sections as funding_sections
from app.submissions import sections as submission_sections
from app.word import sections as word_sections

bp = Blueprint("cases", __name__, template_folder="templates")

#: The other features' parts of the case page, in page order. Each takes (case, user) and
#: returns a PageSection, or None when the user may not see it.
CASE_SECTIONS = (
    family_sections.case_section,  # the child, parents and siblings
    submission_sections.case_section,  # the case's forms
    word_sections.plan_section,  # the two plans' downloads
    funding_sections.case_section,  # the funding split
)


@bp.get("/")
@login_required
def my_cases():
    """The cases the user may see, with a form to open a new one."""
    form = CreateCaseForm() if can_create_case(current_user) else None
    return _render_list(form)


def _render_list(form):
    """Render 'Mine sager' with the given (possibly failed) create form."""
    cases = services.list_cases(current_user)
    return render_template("cases/list.html", cases=cases, form=form)


@bp.post("/sager")
@login_required
def create_case():
    """Open a case; on error show the list again with what the user typed."""
    if not can_create_case(current_user):
        abort(403)
    form = CreateCaseForm()
    if form.validate_on_submit():
        try:
            case = services.create_case(current_user, form.reference.data, form.title.data)
        except services.CaseError as error:
            db.session.rollback()
            for name, messages in error.errors.items():
                getattr(form, name).errors = list(getattr(form, name).errors) + messages
        else:
            db.session.commit()
            flash(_("Sagen %(reference)s er oprettet.", reference=case.reference), "success")
            return redirect(url_for("cases.show_case", case_id=case.id))
    return _render_list(form), 422


@bp.get("/sager/<int:case_id>")
@login_required
def show_case(case_id: int):
    """The case page: overview, core team, and what the user may open."""
    case = get_case_for(current_user, case_id, Action.VIEW)
    permissions = {action.value: can(current_user, action, case) for action in Action}
    addable = services.addable_users(case) if permissions["edit"] else []
    sections = [s for s in (section(case, current_user) for section in CASE_SECTIONS) if s]
    return render_template(
        "cases/show.html",
        case=case,
        permissions=permissions,
        addable=addable,
        sections=sections,
    )


@bp.post("/sager/<int:case_id>/kerneteam")
@login_required
def add_member(case_id: int):
    """Put someone on the case's core team."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    user_id = request.form.get("user_id", "")
    try:
        services.add_member(
            current_user,
            case,
            int(user_id) if user_id.isdigit() else None,
            request.form.get("team_role", ""),
        )
    except services.CaseError as error:
        db.session.rollback()
        flash(" ".join(m for messages in error.errors.values() for m in messages), "error")
    else:
        db.session.commit()
        flash(_("Kerneteamet er opdateret."), "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#kerneteam")


@bp.post("/sager/<int:case_id>/kerneteam/<int:member_id>/fjern")
@login_required
def remove_member(case_id: int, member_id: int):
    """Take someone off the case's core team."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    try:
        services.remove_member(current_user, case, member_id)
    except services.CaseError:
        db.session.rollback()
        abort(404)
    db.session.commit()
    flash(_("Kerneteamet er opdateret."), "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#kerneteam")

"""A case's family members: add, change and remove (thin views over family.services)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit
from app.authz import Action, get_case_for
from app.extensions import db
from app.family import services
from app.family.forms import FamilyMemberForm

bp = Blueprint("family", __name__, template_folder="templates")

BASE = "/sager/<int:case_id>/familie"


def _back(case_id: int):
    """To the family section of the case page."""
    return redirect(url_for("cases.show_case", case_id=case_id) + "#familie")


def _save(form: FamilyMemberForm, save):
    """Run ``save`` on the posted data; errors go on the form's fields. True when saved."""
    if not form.validate_on_submit():
        return False
    try:
        save({name: getattr(form, name).data for name in services.FIELDS})
    except services.FamilyError as error:
        db.session.rollback()
        for name, messages in error.errors.items():
            getattr(form, name).errors = list(getattr(form, name).errors) + messages
        return False
    db.session.commit()
    return True


@bp.route(BASE + "/ny", methods=["GET", "POST"])
@login_required
def new_member(case_id: int):
    """Add the child, a parent, a sibling or another family member."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    form = FamilyMemberForm()
    if _save(form, lambda data: services.add_member(current_user, case, data)):
        flash(_("%(name)s er tilføjet til familien.", name=form.name.data), "success")
        return _back(case.id)
    status = 422 if form.is_submitted() else 200
    return render_template("family/edit.html", case=case, form=form, member=None), status


@bp.route(BASE + "/<int:person_id>", methods=["GET", "POST"])
@login_required
def edit_member(case_id: int, person_id: int):
    """Change a family member's name, relation or contact details."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    member = services.get_member(case, person_id) or abort(404)
    form = FamilyMemberForm(obj=member)  # posted values take precedence over the stored
    if _save(form, lambda data: services.update_member(current_user, case, member, data)):
        flash(_("Oplysningerne om %(name)s er gemt.", name=member.name), "success")
        return _back(case.id)
    if not form.is_submitted():
        audit.read(case, "family", family_member_ids=[member.id])
    status = 422 if form.is_submitted() else 200
    return render_template("family/edit.html", case=case, form=form, member=member), status


@bp.post(BASE + "/<int:person_id>/fjern")
@login_required
def remove_member(case_id: int, person_id: int):
    """Take a family member off the case."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    member = services.get_member(case, person_id) or abort(404)
    name = member.name
    services.remove_member(current_user, case, member)
    db.session.commit()
    flash(_("%(name)s er fjernet fra familien.", name=name), "success")
    return _back(case.id)

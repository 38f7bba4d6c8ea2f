"""The staff's side: the contact agreement, and creating and revoking family links."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit
from app.authz import Action, get_case_for
from app.extensions import db
from app.family import contact
from app.family.services import RELATION_LABELS_DA
from app.familylink import services
from app.familylink.forms import ContactAgreementForm, NewLinkForm
from app.models import Case, Relation

bp = Blueprint("familylink", __name__, template_folder="templates")

BASE = "/sager/<int:case_id>"


def _back(case_id: int):
    """To the family's section of the case page."""
    return redirect(url_for("cases.show_case", case_id=case_id) + "#kontaktaftale")


@bp.route(BASE + "/kontaktaftale", methods=["GET", "POST"])
@login_required
def edit_contact(case_id: int):
    """Edit the contact agreement; a lost race answers 409 and keeps what was typed."""
    case = get_case_for(current_user, case_id, Action.EDIT_CONTENT)
    stored = contact.agreement_of(case)
    form = ContactAgreementForm(data=contact.as_data(stored))
    if not form.is_submitted():
        form.version.data = str(stored.version if stored else 0)
        if stored is not None:
            audit.read(case, "contact_agreement")
        return _edit_page(case, form)
    if not form.validate():
        return _edit_page(case, form, 422)
    base = form.version.data
    try:
        contact.save_agreement(
            current_user,
            case,
            {name: getattr(form, name).data for name in contact.FIELDS},
            int(base) if base and base.isdigit() else None,
        )
    except contact.ContactError as error:
        db.session.rollback()
        for name, messages in error.errors.items():
            getattr(form, name).errors = list(getattr(form, name).errors) + messages
        return _edit_page(case, form, 422)
    except contact.ConflictError as conflict:
        db.session.rollback()
        # What the user typed stays in the form; saving again now overwrites knowingly.
        form.version.data = str(conflict.current.version if conflict.current else 0)
        return _edit_page(case, form, 409, conflict=contact.shown(conflict.current))
    db.session.commit()
    flash(_("Kontaktaftalen er gemt."), "success")
    return _back(case.id)


def _edit_page(case: Case, form: ContactAgreementForm, status: int = 200, **extra):
    """The contact agreement's page (with the other person's save after a conflict)."""
    return render_template("familylink/contact_edit.html", case=case, form=form, **extra), status


def _link_form(case: Case) -> NewLinkForm:
    """The new-link form with the case's linkable family members and the lifetimes."""
    form = NewLinkForm()
    form.member.choices = [
        (str(m.id), f"{m.name} ({RELATION_LABELS_DA.get(Relation(m.relation), '')})")
        for m in services.linkable_members(case)
    ] + [
        (
            f"{services.PARTNER_PREFIX}{p.id}",
            _(
                "%(name)s (%(organisation)s, samarbejdspartner)",
                name=p.name,
                organisation=p.organisation,
            ),
        )
        for p in services.linkable_partners(case)
    ]
    default = services.default_days()
    days = sorted(set(services.DAY_CHOICES) | {default})
    form.days.choices = [(str(d), _("%(days)s dage", days=d)) for d in days]
    if not form.is_submitted():
        form.days.data = str(default)
    return form


@bp.route(BASE + "/familielinks/ny", methods=["GET", "POST"])
@login_required
def new_link(case_id: int):
    """Make a personal link for a parent or the young person; its address is shown once."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    form = _link_form(case)
    if form.is_submitted() and form.validate():
        try:
            made = services.create_link(
                current_user,
                case,
                form.member.data,
                days=form.days.data,
                with_code=bool(form.with_code.data),
            )
        except services.LinkError as error:
            db.session.rollback()
            for name, messages in error.errors.items():
                getattr(form, name).errors = list(getattr(form, name).errors) + messages
        else:
            db.session.commit()
            url = url_for("familypage.show", token=made.token, _external=True)
            # Shown once, like an API token: only its hash is stored.
            return render_template(
                "familylink/link_created.html", case=case, link=made.link, url=url
            )
    status = 422 if form.is_submitted() else 200
    days = current_app.config.get("FAMILY_LINK_DAYS", 30)
    return render_template("familylink/link_new.html", case=case, form=form, days=days), status


@bp.post(BASE + "/familielinks/<int:link_id>/tilbagekald")
@login_required
def revoke_link(case_id: int, link_id: int):
    """Stop a link at once."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    link = services.get_link(case, link_id) or abort(404)
    services.revoke_link(current_user, case, link)
    db.session.commit()
    flash(_("Linket er tilbagekaldt og virker ikke længere."), "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#familielinks")

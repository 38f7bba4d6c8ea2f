"""User administration pages (administrators only)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.admin import services
from app.admin.forms import (
    ActiveForm,
    CaseloadForm,
    CreateUserForm,
    PasswordForm,
    PhoneForm,
    RoleForm,
    SettingsForm,
    password_optional,
)
from app.auth import methods, profile
from app.auth.services import UserError
from app.authz import can_manage_users
from app.extensions import db
from app.funding import criteria as joint_criteria
from app.goals import criteria as goal_criteria
from app.models import User
from app.models.settings import DEFAULT_CASELOAD_THRESHOLD
from app.vocabularies.services import get_vocabulary

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.before_request
@login_required
def _only_admins():
    """Every page here is for administrators."""
    if not can_manage_users(current_user):
        abort(403)


def _target(user_id: int) -> User:
    """The user being administered, or 404."""
    return db.session.get(User, user_id) or abort(404)


@bp.get("/brugere")
def users():
    """List users with a form to create one."""
    return _render_users(_create_form())


def _create_form(**kwargs) -> CreateUserForm:
    """The new-user form; without a password field when passwords are off (OIDC only):
    the user signs in through the identity provider. With both, the password is optional."""
    form = CreateUserForm(**kwargs)
    if not methods.local_on():
        del form.password
    elif methods.oidc_on():
        password_optional(form)
    return form


def _render_users(create_form, forms_for=None):
    """Render the user list; forms_for carries a failed per-user form."""
    return render_template(
        "admin/users.html",
        users=services.list_users(),
        create_form=create_form,
        role_form=RoleForm,
        password_form=PasswordForm,
        phone_form=PhoneForm,
        departments=_departments(),
        active_form=ActiveForm(),
        failed=forms_for or {},
        passwords=methods.local_on(),
        oidc=methods.oidc_on(),
    )


def _departments() -> list[tuple[str, str]]:
    """(key, label) of the departments vocabulary, for the users' department pickers."""
    return [(i["value"], i["label"]) for i in get_vocabulary("departments") or []]


@bp.post("/brugere")
def create_user():
    """Create a user; on error keep everything typed except the password."""
    form = _create_form()
    if form.validate_on_submit():
        try:
            user = services.add_user(
                current_user,
                form.email.data,
                form.name.data,
                form.role.data,
                (form.password.data or None) if "password" in form else None,
            )
        except UserError as error:
            db.session.rollback()
            form.email.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Brugeren %(email)s er oprettet.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return _render_users(form), 422


def _apply(user_id: int, action, success: str, form_key: str, form):
    """Run one administrative action on a user and report the outcome."""
    target = _target(user_id)
    if not form.validate_on_submit():
        return _render_users(_create_form(formdata=None), {(form_key, target.id): form}), 422
    try:
        action(target, form)
    except UserError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("admin.users"))
    db.session.commit()
    flash(success % {"email": target.email}, "success")
    return redirect(url_for("admin.users"))


@bp.post("/brugere/<int:user_id>/rolle")
def change_role(user_id: int):
    """Give a user another role."""
    return _apply(
        user_id,
        lambda t, f: services.change_role(current_user, t, f.role.data),
        _("Rollen for %(email)s er ændret."),
        "role",
        RoleForm(),
    )


@bp.post("/brugere/<int:user_id>/adgangskode")
def reset_password(user_id: int):
    """Set a new password for a user (gone when passwords are off: OIDC only)."""
    methods.require_local()
    return _apply(
        user_id,
        lambda t, f: services.reset_password(current_user, t, f.password.data),
        _("Adgangskoden for %(email)s er nulstillet."),
        "password",
        PasswordForm(),
    )


@bp.post("/brugere/<int:user_id>/telefon")
def set_phone(user_id: int):
    """Set a user's phone number (shown to families in their plan)."""
    return _apply(
        user_id,
        lambda t, f: profile.set_phone(current_user, t, f.phone.data),
        _("Telefonnummeret for %(email)s er gemt."),
        "phone",
        PhoneForm(),
    )


@bp.post("/brugere/<int:user_id>/afdeling")
def set_department(user_id: int):
    """Set a user's department (only here: users cannot set their own; the consent gate
    depends on it)."""
    target = _target(user_id)
    try:
        changed = services.set_department(current_user, target, request.form.get("department", ""))
    except UserError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("admin.users"))
    db.session.commit()
    if changed:
        flash(_("Afdelingen for %(email)s er gemt.", email=target.email), "success")
    return redirect(url_for("admin.users"))


@bp.post("/kommune/samtykke")
def consent_gate():
    """Turn the consent gate on, or off with the legal basis the municipality records."""
    on = request.form.get("consent_gate") == "on"
    try:
        services.set_consent_gate(current_user, on, request.form.get("legal_basis", ""))
    except UserError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("admin.settings") + "#samtykke")
    db.session.commit()
    flash(_("Indstillingen for samtykke er gemt."), "success")
    return redirect(url_for("admin.settings") + "#samtykke")


@bp.post("/brugere/<int:user_id>/aktiv")
def set_active(user_id: int):
    """Deactivate or reactivate a user."""
    form = ActiveForm()
    active = form.active.data == "1"
    return _apply(
        user_id,
        lambda t, f: services.set_active(current_user, t, active),
        _("%(email)s er genaktiveret.") if active else _("%(email)s er deaktiveret."),
        "active",
        form,
    )


@bp.route("/kommune", methods=["GET", "POST"])
def settings():
    """The municipality's name and logo."""
    current = services.get_settings()
    form = SettingsForm(obj=current) if request.method == "GET" else SettingsForm()
    if form.validate_on_submit():
        upload = form.logo.data
        logo = upload.read(services.MAX_LOGO_BYTES + 1) if upload else None
        try:
            services.update_settings(
                current_user,
                form.name.data,
                logo or None,
                form.remove_logo.data,
                form.accessibility_statement_url.data,
            )
        except UserError as error:
            db.session.rollback()
            form.logo.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Indstillingerne er gemt."), "success")
            return redirect(url_for("admin.settings"))
    return _settings_page(form, current, 422 if form.errors else 200)


def _settings_page(form, current, status: int, **criteria_state):
    """The settings page with each of its parts; `criteria_state` keeps a refused criteria
    text and its message (``criteria_typed``, ``criteria_error``)."""
    criteria_state.setdefault("caseload_form", _caseload_form(current))
    return render_template(
        "admin/settings.html",
        form=form,
        settings=current,
        default_threshold=DEFAULT_CASELOAD_THRESHOLD,
        smarte=smarte_settings(current),
        joint_criteria=joint_criteria.criteria(),
        criteria_text=joint_criteria.as_text,
        criterion_source=joint_criteria.source_text,
        **criteria_state,
    ), status


def smarte_settings(current) -> dict:
    """The SMARTE criteria part of the settings page: every criterion and whether it is on."""
    required = set(goal_criteria.required_from_setting(current.smarte_final_criteria))
    return {
        "criteria": [(c.key, c.label, c.key in required) for c in goal_criteria.CRITERIA],
        "defaults": current.smarte_final_criteria is None,
    }


@bp.post("/kommune/smarte-kriterier")
def smarte_criteria():
    """Which criteria a final SMARTE plan needs (a municipal setting; the rest of the
    settings page is untouched)."""
    chosen = request.form.getlist("criteria")
    try:
        services.set_smarte_criteria(current_user, chosen)
    except ValueError:
        db.session.rollback()
        abort(400)
    db.session.commit()
    flash(_("Kravene til en endelig SMARTE-plan er gemt."), "success")
    return redirect(url_for("admin.settings") + "#smarte-kriterier")


def _caseload_form(current, formdata=None) -> CaseloadForm:
    """The caseload threshold form, starting from the stored setting (empty: the default)."""
    form = CaseloadForm(formdata=formdata)
    if formdata is None:
        stored = current.caseload_threshold
        form.threshold.data = "" if stored is None else str(stored)
    return form


@bp.post("/kommune/sagstal")
def caseload_threshold():
    """The open cases per family coordinator above which the leaders' dashboard marks them
    (a municipal setting; empty = the product default)."""
    current = services.get_settings()
    form = _caseload_form(current, request.form)
    if not form.validate_on_submit():
        return _settings_page(SettingsForm(obj=current), current, 422, caseload_form=form)
    typed = (form.threshold.data or "").strip()
    services.set_caseload_threshold(
        current_user, services.check_caseload_threshold(typed) if typed else None
    )
    db.session.commit()
    flash(_("Sagstallet er gemt."), "success")
    return redirect(url_for("admin.settings") + "#sagstal")


@bp.post("/kommune/faelles-finansiering")
def joint_funding_criteria():
    """The municipality's criteria for joint funding (one per line; CSRF checked app-wide)."""
    text = request.form.get("criteria", "")
    try:
        items = joint_criteria.parse_text(text)
    except joint_criteria.CriteriaInvalid as error:
        # Shown again with what was typed and the message beside the field.
        current = services.get_settings()
        return _settings_page(
            SettingsForm(obj=current),
            current,
            422,
            criteria_typed=text,
            criteria_error=str(error),
        )
    services.update_joint_funding_criteria(current_user, items)
    db.session.commit()
    flash(_("Kriterierne for fælles finansiering er gemt."), "success")
    return redirect(url_for("admin.settings"))


@bp.get("/kommune/logo")
def logo():
    """The stored logo image (for the settings page preview)."""
    current = services.get_settings()
    if not current.logo:
        abort(404)
    return current.logo, 200, {"Content-Type": current.logo_mimetype}

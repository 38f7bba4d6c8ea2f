"""'Mine sager', the case page, and the case's facts, life and phase."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app import audit
from app.authz import Action, can, can_create_case, get_case_for, sees_only_money
from app.cases import facts, life, listing, services
from app.cases.forms import CoordinatorForm, CreateCaseForm, EditCaseForm, StatusForm
from app.consent import sections as consent_sections
from app.consent import services as consent
from app.extensions import db
from app.family import sections as family_sections
from app.familylink import sections as familylink_sections
from app.followup import sections as followup_sections
from app.funding import sections as funding_sections
from app.meetings import sections as meeting_sections
from app.models import Case, CaseEventKind
from app.phases import sections as phase_sections
from app.phases import services as phases
from app.submissions import sections as submission_sections
from app.team import sections as team_sections
from app.web.i18n import current_locale
from app.wheel import sections as wheel_sections
from app.word import sections as word_sections

bp = Blueprint("cases", __name__, template_folder="templates")

#: The other features' parts of the case page, in page order. Each takes (case, user) and
#: returns a PageSection, or None when the user may not see it.
CASE_SECTIONS = (
    team_sections.case_section,  # who can see and do what ("Hvem kan se hvad")
    family_sections.case_section,  # the child, parents and siblings
    consent_sections.case_section,  # the family's consents to share
    familylink_sections.case_section,  # contact agreement, the family's answers and links
    meeting_sections.case_section,  # planned and held meetings
    submission_sections.case_section,  # the case's forms
    word_sections.plan_section,  # the two plans' downloads
    funding_sections.case_section,  # the funding split
    followup_sections.case_section,  # the next follow-up and its rule
    wheel_sections.case_section,  # the year wheel: 12 months of activities and meetings
)

#: What each status step says when done.
STEP_DONE = {
    CaseEventKind.CLOSED: _l("Sagen er lukket."),
    CaseEventKind.REOPENED: _l("Sagen er genåbnet."),
    CaseEventKind.HANDED_OVER: _l("Sagen er overdraget til voksenområdet."),
}


@bp.get("/")
@login_required
def my_cases():
    """The cases the user may see, searched, filtered, sorted and paged; a form to open one."""
    form = CreateCaseForm() if can_create_case(current_user) else None
    return _render_list(form)


def _render_list(form):
    """Render the list (for controllers: the cases for financial follow-up) and the form."""
    query = listing.parse_query(request.args, current_user)
    page = listing.case_page(current_user, query)
    return render_template(
        "cases/list.html",
        page=page,
        form=form,
        money_only=sees_only_money(current_user),
        expiring=consent.expiring_for(current_user),
    )


@bp.post("/sager")
@login_required
def create_case():
    """Open a case; on error show the list again with what the user typed."""
    if not can_create_case(current_user):
        abort(403)
    form = CreateCaseForm()
    status = 422
    if form.validate_on_submit():
        try:
            case = services.create_case(current_user, form.reference.data, form.title.data)
        except services.CaseError as error:
            db.session.rollback()
            _place_errors(form, error)
            # The number is taken (perhaps a moment ago, by someone creating it at once).
            status = 409 if isinstance(error, services.DuplicateReferenceError) else 422
        else:
            db.session.commit()
            flash(_("Sagen %(reference)s er oprettet.", reference=case.reference), "success")
            return redirect(url_for("cases.show_case", case_id=case.id))
    return _render_list(form), status


def _place_errors(form, error: services.CaseError) -> None:
    """Show a service's messages on the form's fields (unknown keys on the first field)."""
    for name, messages in error.errors.items():
        target = getattr(form, name, None) or next(iter(form))
        target.errors = list(target.errors) + messages


@bp.get("/sager/<int:case_id>")
@login_required
def show_case(case_id: int):
    """The case page: overview, core team, its life, and what the user may open."""
    case = get_case_for(current_user, case_id, Action.VIEW)
    return _render_case(case)


def _render_case(case: Case, failed: dict | None = None, status: int = 200):
    """The case page; ``failed`` holds a life form that did not pass, keyed by its name."""
    permissions = {action.value: can(current_user, action, case) for action in Action}
    addable = services.addable_users(case) if permissions["edit"] else []
    with audit.one_commit():  # each section audits its read; one commit for the page
        sections = [s for s in (section(case, current_user) for section in CASE_SECTIONS) if s]
        history = life.recent_events(case) if permissions["view_content"] else []
        if history:
            audit.read(case, "case_history")  # the notes are written about the family
    forms = {}
    if permissions["manage"]:
        forms = {"coordinator": _coordinator_form(case)}
        forms.update({k.value: StatusForm(formdata=None, prefix=k.value) for k in STEP_DONE})
        forms.update(failed or {})
    return (
        render_template(
            "cases/show.html",
            case=case,
            shown_title=services.shown_title(case, current_user),
            neutral_title=services.neutral_title(case),
            permissions=permissions,
            addable=addable,
            sections=sections,
            history=history,
            forms=forms,
            failed=set(failed or ()),
            transitions=facts.transitions(case) if permissions["view_content"] else [],
            phase=phase_sections.case_phase(case, current_user, (failed or {}).get("phase")),
            paragraph_labels=facts.paragraph_labels() if permissions["view_content"] else {},
            team=team_sections.core_team_context(),
            money_only=sees_only_money(current_user),
        ),
        status,
    )


def _coordinator_form(case: Case, formdata=None) -> CoordinatorForm:
    """The handover form with the caseworkers the case can go to."""
    form = CoordinatorForm(formdata=formdata)
    form.coordinator_id.choices = [("", _("Vælg"))] + [
        (str(u.id), u.name) for u in life.coordinator_choices(case)
    ]
    return form


@bp.route("/sager/<int:case_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_case(case_id: int):
    """Edit the case's facts; errors show on the form with what was typed."""
    case = get_case_for(current_user, case_id, Action.EDIT)
    form = EditCaseForm(data=facts.facts_of(case) if request.method == "GET" else None)
    _fill_choices(form, case)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in facts.FACTS}
        if "referred_on" not in request.form:  # a form without the field leaves it alone
            data.pop("referred_on")
        try:
            changed = facts.update_facts(current_user, case, data)
        except services.CaseError as error:
            db.session.rollback()
            _place_errors(form, error)
        else:
            db.session.commit()
            flash(_("Sagen er gemt.") if changed else _("Der var ingen ændringer."), "success")
            return redirect(url_for("cases.show_case", case_id=case.id))
    status = 422 if request.method == "POST" else 200
    return render_template("cases/edit.html", case=case, form=form), status


def _fill_choices(form: EditCaseForm, case: Case) -> None:
    """The choices of the edit form: case-flow documents, paragraphs, months."""
    form.flow_document_id.choices = [("", _("Intet valgt"))] + [
        (str(d.id), d.title or _("Sagsforløb %(id)s", id=d.id)) for d in facts.flow_documents()
    ]
    if form.flow_document_id.data is not None:
        form.flow_document_id.data = str(form.flow_document_id.data)
    chosen = form.paragraphs.data or case.paragraph_keys
    form.paragraphs.choices = [(i["value"], i["label"]) for i in facts.paragraph_items(chosen)]
    form.birth_month.choices = [("", _("Ikke angivet"))] + facts.month_choices(current_locale())
    if form.birth_month.data is not None:
        form.birth_month.data = str(form.birth_month.data)
    if isinstance(form.birth_year.data, int):
        form.birth_year.data = str(form.birth_year.data)
    if isinstance(form.referred_on.data, date):
        form.referred_on.data = form.referred_on.data.strftime("%d-%m-%Y")


@bp.post("/sager/<int:case_id>/koordinator")
@login_required
def change_coordinator(case_id: int):
    """Hand the case to another family coordinator, with a handover note."""
    case = get_case_for(current_user, case_id, Action.MANAGE)
    form = _coordinator_form(case, request.form)
    if form.validate_on_submit():
        user_id = form.coordinator_id.data or ""
        try:
            life.change_coordinator(
                current_user, case, int(user_id) if user_id.isdigit() else None, form.note.data
            )
        except services.CaseError as error:
            db.session.rollback()
            _place_errors(form, error)
        else:
            db.session.commit()
            flash(_("Sagen har fået ny familiekoordinator."), "success")
            return _after_life_step(case)
    return _render_case(case, {"coordinator": form}, 422)


def _status_step(case_id: int, kind: CaseEventKind):
    """Close, reopen or hand over: one action with its reason, logged."""
    case = get_case_for(current_user, case_id, Action.MANAGE)
    form = StatusForm(prefix=kind.value)
    if form.validate_on_submit():
        try:
            life.change_status(current_user, case, kind, form.note.data, form.effective_on.data)
        except services.CaseError as error:
            db.session.rollback()
            _place_errors(form, error)
        else:
            db.session.commit()
            flash(str(STEP_DONE[kind]), "success")
            return _after_life_step(case)
    return _render_case(case, {kind.value: form}, 422)


def _after_life_step(case: Case):
    """Back to the case, or to the list when the step took the user's access away."""
    if can(current_user, Action.VIEW, case):
        return redirect(url_for("cases.show_case", case_id=case.id) + "#forloeb")
    return redirect(url_for("cases.my_cases"))


@bp.post("/sager/<int:case_id>/luk")
@login_required
def close_case(case_id: int):
    """Close the case with a reason."""
    return _status_step(case_id, CaseEventKind.CLOSED)


@bp.post("/sager/<int:case_id>/genaabn")
@login_required
def reopen_case(case_id: int):
    """Reopen a closed or handed-over case with a reason."""
    return _status_step(case_id, CaseEventKind.REOPENED)


@bp.post("/sager/<int:case_id>/overdrag")
@login_required
def hand_over_case(case_id: int):
    """Hand the case over to adult services, with a note and the date."""
    return _status_step(case_id, CaseEventKind.HANDED_OVER)


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
            request.form.get("team_note", ""),
        )
    except services.CaseError as error:
        db.session.rollback()
        flash(" ".join(m for messages in error.errors.values() for m in messages), "error")
        if isinstance(error, services.DuplicateMemberError):  # lost a race: the team as it is
            return _render_case(get_case_for(current_user, case_id, Action.EDIT), status=409)
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


def _phase_step(case_id: int, step, done: str):
    """Run one phase step (app/phases) for the case's coordinator, then back to the case.

    A step someone else took first answers 409, a refused one 422, both on the case page with
    the message and the note as typed."""
    case = get_case_for(current_user, case_id, Action.MANAGE)
    form = phase_sections.PhaseForm()
    if form.validate_on_submit():
        try:
            step(current_user, case, form.note.data, form.phase.data or None)
        except phases.PhaseError as error:
            db.session.rollback()
            for message in error.errors.get("phase", []):
                flash(message, "error")
            form.note.errors = list(form.note.errors) + error.errors.get("note", [])
            status = 409 if isinstance(error, phases.PhaseConflict) else 422
            return _render_case(case, {"phase": form}, status)
        db.session.commit()
        flash(done, "success")
        return redirect(url_for("cases.show_case", case_id=case.id) + "#fase")
    return _render_case(case, {"phase": form}, 422)


@bp.post("/sager/<int:case_id>/fase/start")
@login_required
def start_flow(case_id: int):
    """Start the case's flow in the first phase of its template's newest final revision."""
    return _phase_step(
        case_id,
        lambda user, case, note, _seen: phases.start_flow(user, case, note),
        _("Sagsforløbet er startet."),
    )


@bp.post("/sager/<int:case_id>/fase/naeste")
@login_required
def move_on(case_id: int):
    """Move the case to the next phase (the form names the phase the person saw)."""
    return _phase_step(case_id, phases.move_on, _("Sagen er gået videre til næste fase."))


@bp.post("/sager/<int:case_id>/fase/ny-version")
@login_required
def repin(case_id: int):
    """Follow the newest final revision of the case's template, in the same phase."""
    return _phase_step(
        case_id,
        lambda user, case, note, _seen: phases.repin(user, case, note),
        _("Sagen følger nu den nyeste udgave af skabelonen."),
    )

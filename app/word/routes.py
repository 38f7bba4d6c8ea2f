"""Word and PDF downloads, the municipality's templates and the Flettefelter pages (thin)."""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit
from app.authz import can_adapt_forms
from app.docgen.pdf import PdfError
from app.extensions import db
from app.word import pdfs, services, store
from app.word.fields import form_groups, hidden_fields
from app.word.filenames import content_disposition
from app.word.forms import TemplateUploadForm
from app.word.minutes import minutes_groups
from app.word.plan import plan_groups

bp = Blueprint("word", __name__, template_folder="templates")


def send(document: services.RenderedDocument) -> Response:
    """A download response with a safe name in both spellings."""
    response = Response(document.content, mimetype=document.mimetype)
    response.headers["Content-Disposition"] = content_disposition(
        document.ascii_name, document.utf8_name
    )
    return response


def _deliver(make, as_pdf: bool, back: str, exported: Callable[[str], object] | None = None):
    """Render (and convert); on failure go back to the page with the reason.

    ``exported(fmt)`` records the download in the audit trail once the document exists.
    """
    try:
        document = make()
        if as_pdf:
            document = pdfs.as_pdf(document, current_user.id)
    except pdfs.PdfBusy as error:
        flash(str(error), "error")
        return redirect(back), 303  # not 429: the browser shows the page with the reason
    except (services.DocumentError, PdfError) as error:
        flash(str(error), "error")
        return redirect(back)
    if exported is not None:
        exported("pdf" if as_pdf else "docx")
    return send(document)


# Downloads ----------------------------------------------------------------------------------

CASE_FORM = "/sager/<int:case_id>/formularer/<form_name>/dokument.<any(docx, pdf):kind>"


@bp.get(CASE_FORM)
@login_required
def case_form_document(case_id: int, form_name: str, kind: str):
    """A case form as a Word document (or PDF)."""
    case, submission = services.case_submission_for(current_user, case_id, form_name)
    back = url_for("submissions.case_edit", case_id=case.id, form_name=form_name)
    return _deliver(
        lambda: services.form_document(submission, case),
        kind == "pdf",
        back,
        lambda fmt: audit.export(case, "form", fmt, form=form_name, submission_id=submission.id),
    )


@bp.get("/sager/<int:case_id>/moeder/<int:meeting_id>/referat.docx")
@login_required
def meeting_minutes_document(case_id: int, meeting_id: int):
    """A meeting's minutes in the municipality's template (audited export)."""
    case, meeting = services.meeting_for(current_user, case_id, meeting_id)
    back = url_for("meetings.show_meeting", case_id=case.id, meeting_id=meeting.id)
    return _deliver(
        lambda: services.minutes_document(case, meeting),
        False,
        back,
        lambda fmt: audit.export(case, "meeting_minutes", fmt, meeting_id=meeting.id),
    )


# The joint plan's old address gives the internal plan: the document it always gave, with
# the decisions and the funding split (docs/ARCHITECTURE.md, "The two plans"). The lower
# decorator's rule is added first, so url_for builds the new address.
@bp.get("/sager/<int:case_id>/faelles-plan.<any(docx, pdf):kind>")
@bp.get("/sager/<int:case_id>/intern-plan.<any(docx, pdf):kind>")
@login_required
def plan_document(case_id: int, kind: str):
    """The case's internal plan as a Word document (or PDF)."""
    return _plan(case_id, kind, services.plan_document, "plan", internal=True)


@bp.get("/sager/<int:case_id>/familiens-plan.<any(docx, pdf):kind>")
@login_required
def family_plan_document(case_id: int, kind: str):
    """The family's plan as a Word document (or PDF): no amounts, no internal analysis."""
    return _plan(case_id, kind, services.family_plan_document, "family_plan")


def _plan(case_id: int, kind: str, make, what: str, internal: bool = False):
    """One of a case's plans, audited as `what`; back to the case page on failure."""
    case = services.case_for_plan(current_user, case_id, internal)
    back = url_for("cases.show_case", case_id=case.id)
    return _deliver(
        lambda: make(case), kind == "pdf", back, lambda fmt: audit.export(case, what, fmt)
    )


@bp.get("/dokumenter/<form_name>/<int:doc_id>/dokument.<any(docx, pdf):kind>")
@login_required
def municipal_document(form_name: str, doc_id: int, kind: str):
    """A municipal document as a Word document (or PDF)."""
    submission = services.municipal_submission_for(current_user, form_name, doc_id)
    back = url_for("municipal_documents.document_edit", form_name=form_name, doc_id=doc_id)
    return _deliver(lambda: services.form_document(submission, None), kind == "pdf", back)


# The municipality's templates ---------------------------------------------------------------


def _target(name: str) -> services.TemplateTarget:
    """The form or plan a template page is about; only leaders and admins get here."""
    if not can_adapt_forms(current_user):
        abort(403)
    target = services.template_target(name)
    if target is None:
        abort(404)
    return target


@bp.get("/skabeloner")
@login_required
def templates():
    """Every form and both plans with the template in use."""
    if not can_adapt_forms(current_user):
        abort(403)
    rows = [(t, store.active_template(t.name)) for t in services.template_targets()]
    return render_template("word/templates.html", rows=rows)


@bp.route("/skabeloner/<name>", methods=["GET", "POST"])
@login_required
def template(name: str):
    """One form's template: what is in use, the versions, and uploading a new one."""
    target = _target(name)
    form = TemplateUploadForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(store.MAX_TEMPLATE_BYTES + 1)
        try:
            saved, report = store.upload_template(
                current_user,
                target.name,
                upload.filename or "",
                data,
                known_names=target.known_names(),
                sample_context=target.sample_context(),
                maximal_context=target.sample_context(maximal=True),
            )
        except store.TemplateRejected as rejected:
            db.session.rollback()
            report = rejected.report
        else:
            db.session.commit()
            flash(
                _("Skabelonen er gemt som version %(n)s og bruges nu.", n=saved.version), "success"
            )
            for problem in report.repairs:
                flash(_("Rettet automatisk: %(what)s", what=str(problem)), "info")
            for problem in report.warnings:
                flash(_("Advarsel: %(what)s", what=str(problem)), "info")
            return redirect(url_for("word.template", name=name))
    status = 422 if (form.errors or (report and not report.ok)) else 200
    return render_template(
        "word/template.html",
        target=target,
        form=form,
        report=report,
        active=store.active_template(target.name),
        versions=store.template_versions(target.name),
        own_default=store.has_own_default(target.name),
    ), status


@bp.post("/skabeloner/<name>/versioner/<int:version>/aktiver")
@login_required
def activate(name: str, version: int):
    """Use an uploaded version again."""
    target = _target(name)
    try:
        store.activate_version(current_user, target.name, version)
    except LookupError:
        abort(404)
    db.session.commit()
    flash(_("Version %(n)s af skabelonen bruges nu.", n=version), "success")
    return redirect(url_for("word.template", name=name))


@bp.post("/skabeloner/<name>/standard")
@login_required
def use_default(name: str):
    """Go back to the built-in template."""
    target = _target(name)
    store.use_default(current_user, target.name)
    db.session.commit()
    flash(_("Standardskabelonen bruges nu. De uploadede versioner er gemt."), "success")
    return redirect(url_for("word.template", name=name))


def _docx(content: bytes, filename: str) -> Response:
    """A stored template as a download."""
    return send(services.RenderedDocument(content, filename, filename, services.DOCX_MIME))


@bp.get("/skabeloner/<name>/standard.docx")
@login_required
def download_default(name: str):
    """The built-in template, as a starting point for the municipality's own."""
    target = _target(name)
    return _docx(store.default_template(target.name), f"{target.name}_standard.docx")


@bp.get("/skabeloner/<name>/versioner/<int:version>.docx")
@login_required
def download_version(name: str, version: int):
    """An uploaded version of the template."""
    target = _target(name)
    found = store.get_version(target.name, version)
    if found is None:
        abort(404)
    return _docx(found.content, f"{target.name}_version-{version}.docx")


@bp.get("/skabeloner/<name>/flettefelter")
@login_required
def merge_fields(name: str):
    """Every variable and loop a template for this form may use, with examples."""
    target = _target(name)
    known, sample = target.known_names(), target.sample_context()
    if target.kind == services.MEETING_KIND:
        groups = minutes_groups(known, sample)
    elif target.definition is None:
        groups = plan_groups(services.goal_definition(), known, sample)
    else:
        groups = form_groups(target.definition, known, sample)
    return render_template(
        "word/merge_fields.html",
        target=target,
        groups=groups,
        hidden=hidden_fields(target.definition, known),
    )

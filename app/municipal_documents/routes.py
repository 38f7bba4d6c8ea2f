"""Dokumenter: the municipality's own documents (thin views over `submissions.pages`)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.authz import can_adapt_forms, can_read_municipal_documents
from app.forms.definitions import definition_of
from app.municipal_documents import starts
from app.municipal_documents.decisions import who_may_grant
from app.municipal_documents.forms import GrantQueryForm
from app.phases.timeline import FLOW_FORM, timeline_page
from app.submissions import services
from app.submissions.pages import (
    autosave_page,
    document_target,
    edit_page,
    history_page,
    restore_page,
    revision_page,
    upgrade_page,
)
from app.vocabularies.services import load_vocabularies
from app.web.i18n import current_locale

bp = Blueprint("municipal_documents", __name__, template_folder="templates")

DOC = "/dokumenter/<form_name>/<int:doc_id>"


@bp.get("/dokumenter")
@login_required
def documents():
    """The municipality's documents (case-flow templates, decision plans, …)."""
    if not can_read_municipal_documents(current_user):
        abort(403)
    overview = services.municipal_overview()
    return render_template(
        "municipal_documents/index.html",
        overview=overview,
        starts={version.name: starts.starting_points(version.name) for version, _d in overview},
        start_parameter=starts.START_PARAMETER,
        can_edit=can_adapt_forms(current_user),
    )


@bp.route("/dokumenter/hvem-maa-bevilge", methods=["GET", "POST"])
@login_required
def who_may_grant_page():
    """ "Hvem må bevilge?": the answer for an intervention, size and start date, for meetings.

    A lookup changes nothing, so it may be asked with a link (GET with the fields in the
    query, read without CSRF); the page's own form posts with CSRF (the template always
    carries the token, whichever way the page was reached).
    """
    if not can_read_municipal_documents(current_user):
        abort(403)
    posted = request.method == "POST"
    form = GrantQueryForm() if posted else GrantQueryForm(request.args, meta={"csrf": False})
    form.fill_choices()
    asked = posted or "intervention" in request.args
    answer = None
    if asked and form.validate():
        answer = who_may_grant(
            form.intervention.data,
            paragraph=form.paragraph.data or None,
            measures=form.measures(),
            on=form.start(),
        )
    status = 422 if asked and answer is None else 200
    return render_template(
        "municipal_documents/who_may_grant.html", form=form, answer=answer
    ), status


@bp.route("/dokumenter/<form_name>/ny", methods=["GET", "POST"])
@login_required
def new_document(form_name: str):
    """Start a new municipal document: the form's defaults, or a built-in starting point
    named by ?udgangspunkt= (the case-flow template's two models)."""
    target = document_target(form_name, None)
    if not target.can_edit:
        abort(403)
    key = request.args.get(starts.START_PARAMETER)
    if request.method == "POST" or not key:
        return edit_page(target)
    start = starts.find_start(form_name, key)
    if start is None:
        abort(404)
    data, dropped = starts.starting_data(definition_of(target.version), start, load_vocabularies())
    title = start.title.get(current_locale())
    flash(
        _(
            "Dokumentet begynder med udgangspunktet »%(title)s«. Ret det til, og gem det.",
            title=title,
        ),
        "info",
    )
    if dropped:
        flash(
            ngettext(
                "%(num)s værdi passede ikke til formularen, som den er nu, og er udeladt.",
                "%(num)s værdier passede ikke til formularen, som den er nu, og er udeladt.",
                len(dropped),
            ),
            "info",
        )
    return edit_page(target, start=data)


@bp.route(DOC, methods=["GET", "POST"])
@login_required
def document_edit(form_name: str, doc_id: int):
    """Read or edit a municipal document; a reader reads a case-flow template as a timeline."""
    target = document_target(form_name, doc_id)
    if request.method == "GET" and form_name == FLOW_FORM and not target.can_edit:
        return timeline_page(target)
    return edit_page(target)


@bp.post(DOC + "/autogem")
@login_required
def document_autosave(form_name: str, doc_id: int):
    """Quietly store what is being typed in a municipal document as its draft (JSON)."""
    return autosave_page(document_target(form_name, doc_id))


@bp.get(DOC + "/forloeb")
@login_required
def document_timeline(form_name: str, doc_id: int):
    """A case-flow template (or one saved ?version= of it) as a timeline of its phases."""
    return timeline_page(document_target(form_name, doc_id), request.args.get("version"))


@bp.get(DOC + "/historik")
@login_required
def document_history(form_name: str, doc_id: int):
    """Saved versions of a municipal document."""
    return history_page(document_target(form_name, doc_id))


@bp.get(DOC + "/historik/<int:version>")
@login_required
def document_revision(form_name: str, doc_id: int, version: int):
    """One saved version of a municipal document."""
    return revision_page(document_target(form_name, doc_id), version)


@bp.post(DOC + "/historik/<int:version>/gendan")
@login_required
def document_restore(form_name: str, doc_id: int, version: int):
    """Restore an older version of a municipal document."""
    return restore_page(document_target(form_name, doc_id), version)


@bp.route(DOC + "/opdater", methods=["GET", "POST"])
@login_required
def document_upgrade(form_name: str, doc_id: int):
    """Move a municipal document to the newest version of its form."""
    return upgrade_page(document_target(form_name, doc_id))

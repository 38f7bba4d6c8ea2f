"""Form designer pages: list forms and versions, edit/check/preview/publish YAML, import,
export, diff and revert (thin views; the registry and designer services do the work)."""

from __future__ import annotations

import functools
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import can_adapt_forms
from app.extensions import db
from app.forms import definitions as registry
from app.forms import roundtrip, services
from app.forms import visual as visual_editing
from app.forms.forms import ConfirmForm, EditorForm, ImportForm, StartForm
from app.models import FormVersion
from app.vocabularies.services import load_vocabularies, vocabulary_names
from app.web.i18n import current_locale

bp = Blueprint("forms", __name__, url_prefix="/formularer", template_folder="templates")

ACTIONS = ("_check", "_preview", "_publish")


@bp.before_request
@login_required
def _only_adapters():
    """Every page here is for leaders and administrators."""
    if not can_adapt_forms(current_user):
        abort(403)


def _current_or_404(name: str) -> FormVersion:
    """The current version of a form, or 404."""
    return registry.current_version(name) or abort(404)


def _version_or_404(name: str, number: int) -> FormVersion:
    """A stored version of a form, or 404."""
    return registry.get_version(name, number) or abort(404)


@bp.get("")
def index():
    """Every form with its current version."""
    return render_template("forms/index.html", forms=registry.list_forms())


@bp.get("/<name>")
def form(name: str):
    """A form's versions and what can be done with them."""
    current = _current_or_404(name)
    return render_template("forms/form.html", current=current, rows=services.version_rows(name))


@bp.route("/<name>/rediger", methods=["GET", "POST"])
def edit(name: str):
    """Edit the current version's YAML: check, preview, publish."""
    current = _current_or_404(name)
    return _editor(current.source, expected_name=name, current=current)


@bp.route("/opret-ny", methods=["GET", "POST"])
def new():
    """Write a new form (or a new version of any form) from YAML."""
    return _editor(services.STARTER_YAML, expected_name=None, current=None)


def _editor(start: str, *, expected_name: str | None, current: FormVersion | None):
    """The editor cycle shared by editing a form and writing a new one."""
    form = EditorForm()
    if request.method == "GET":
        form.source.data = start
        form.base.data = str(current.version) if current else ""
        return _render_editor(form, current)
    action = next((a for a in ACTIONS if a in request.form), "_check")
    result = services.check_source(form.source.data or "", expected_name)
    if not form.validate():
        return _render_editor(form, current, result), 422
    started_from = form.base.data
    if current is not None and started_from and started_from != str(current.version):
        # Someone published (or reverted) meanwhile: show it, keep the text, publish next time.
        form.base.data = str(current.version)
        if action == "_publish":
            return _render_editor(form, current, result, moved_from=started_from), 409
    if action == "_publish":
        published = _publish(form, result, expected_name, started_from, _render_editor)
        if published is not None:
            return published
    preview = None
    if action == "_preview" and result.definition is not None:
        preview = services.preview_form(result.definition, current_locale())
    status = 422 if result.problems else 200
    return _render_editor(form, current, result, preview), status


def _publish(form: EditorForm, result, expected_name: str | None, started_from: str, render):
    """Publish checked YAML: a redirect, a conflict page (409), or None when the check found
    problems (they are added to ``result``) or nothing changed."""
    if not result.ok or result.unchanged:
        return None
    try:
        version = registry.publish(
            current_user,
            result.source,
            form.note.data or "",
            expected_name=expected_name,
            vocabulary_names=vocabulary_names(),
            based_on=int(started_from) if (started_from or "").isdigit() else None,
        )
    except registry.PublishError as error:
        db.session.rollback()
        result.problems = error.problems
        return None
    except registry.PublishConflict as error:
        # Published by someone else at the same moment: theirs is current, the text stays.
        db.session.rollback()
        theirs = registry.current_version(str(error))
        form.base.data = str(theirs.version) if theirs else ""
        return render(form, theirs, result, moved_from=started_from or "0"), 409
    db.session.commit()
    flash(
        _(
            "Version %(n)s af »%(title)s« er udgivet og bruges nu til nye udfyldninger.",
            n=version.version,
            title=version.title,
        ),
        "success",
    )
    return redirect(url_for("forms.form", name=version.name))


def _render_editor(
    form: EditorForm,
    current: FormVersion | None,
    result: services.CheckResult | None = None,
    preview: Any = None,
    *,
    moved_from: str | None = None,
) -> str:
    """Render the editor page."""
    action = url_for("forms.edit", name=current.name) if current else url_for("forms.new")
    return render_template(
        "forms/editor.html",
        form=form,
        current=current,
        result=result,
        preview=preview,
        moved_from=int(moved_from) if (moved_from or "").isdigit() else None,
        action=action,
        locale=current_locale(),
        impact=services.publish_impact(result) if result else None,
    )


@bp.route("/<name>/visuel", methods=["GET", "POST"])
def visual(name: str):
    """The visual editor over the current version's YAML: every button posts the whole YAML
    back, so it works without JavaScript; the YAML tab shows the same text and checks."""
    current = _current_or_404(name)
    if request.method == "GET":
        form = EditorForm(formdata=None, source=current.source, base=str(current.version))
        result = services.check_source(current.source, name)
        return _render_visual(form, current, result, ""), 422 if result.problems else 200
    return _visual_post(current, name)


@bp.route("/ny", methods=["GET", "POST"])
def start():
    """A new form begins here: a title (and a name), then the visual editor with an empty
    first section. The YAML editor for a new form stays at /formularer/opret-ny."""
    starting = StartForm()
    if starting.validate_on_submit():
        source = services.starter_source(
            starting.name.data, starting.title.data, starting.scope.data
        )
        form = EditorForm(formdata=None, source=source, base="")
        result = services.check_source(source)
        return _render_visual(form, None, result, "s:" + services.FIRST_SECTION)
    status = 422 if request.method == "POST" else 200
    return render_template("forms/start.html", form=starting), status


@bp.post("/ny/visuel")
def new_visual():
    """The visual editor for a form not yet published (after the start page)."""
    return _visual_post(None, None)


def _visual_post(current: FormVersion | None, name: str | None):
    """One click in the visual editor: apply properties and the pressed button, check,
    and publish when asked."""
    form = EditorForm()
    selected = request.form.get("selected", "")
    if not form.validate():
        return _render_visual(form, current, None, selected), 422
    message = focus = ""
    # Typed properties count with every button (Tjek and Udgiv too), so nothing typed is lost.
    try:
        outcome = visual_editing.apply(
            form.source.data or "",
            request.form,
            load_vocabularies(),
            services.published_names(current) if current else (),
        )
    except (roundtrip.EditError, ValueError):
        if visual_editing.asks_for_change(request.form):
            message = _("Det kunne ikke lade sig gøre her. Ret det under »Vis som YAML«.")
    else:
        form.source.data, selected, message = outcome.source, outcome.selected, outcome.message
        focus = outcome.focus
    result = services.check_source(form.source.data or "", name)
    started_from = form.base.data
    if current is not None and started_from and started_from != str(current.version):
        form.base.data = str(current.version)
        if "_publish" in request.form:
            return _render_visual(form, current, result, selected, moved_from=started_from), 409
    if "_publish" in request.form:
        render = functools.partial(_render_visual, selected=selected)
        published = _publish(form, result, name, started_from, render)
        if published is not None:
            return published
    # An edit may pass through states with problems (a new, still empty section): the page
    # shows them, but only an explicit check or publish answers 422.
    asked = any(k in request.form for k in ("_check", "_publish"))
    status = 422 if result.problems and asked else 200
    page = _render_visual(form, current, result, selected, message=message, focus=focus)
    return page, status


@bp.post("/forhaandsvisning")
def live_preview():
    """The preview of the visual editor's unsaved state (the posted YAML with the typed
    properties applied), as an HTML fragment the page's script swaps in while the leader
    types. Nothing is stored; the same access check and CSRF as the editor."""
    form = EditorForm()
    if not form.validate():
        abort(400)
    try:
        source = visual_editing.apply(
            form.source.data or "", _properties_only(request.form), load_vocabularies()
        ).source
    except (roundtrip.EditError, ValueError):
        source = form.source.data or ""
    result = services.check_source(source)
    preview = services.preview_form(result.definition, current_locale()) if result.ok else None
    return render_template("forms/_preview.html", preview=preview, locale=current_locale())


def _properties_only(posted: Any) -> Any:
    """The posted values without any button: the preview applies what was typed, no more."""
    kept = posted.copy()
    for key in list(kept.keys()):
        if key.startswith("_"):
            kept.pop(key)
    kept["_apply"] = "1"
    return kept


def _render_visual(
    form: EditorForm,
    current: FormVersion | None,
    result: services.CheckResult | None,
    selected: str,
    *,
    message: str = "",
    focus: str = "",
    moved_from: str | None = None,
):
    """Render the visual editor (``current`` is None for a form not yet published)."""
    page = services.visual_page(form.source.data or "", result, selected, current_locale())
    if current is not None:
        action = url_for("forms.visual", name=current.name)
        yaml_action = url_for("forms.edit", name=current.name)
    else:
        action, yaml_action = url_for("forms.new_visual"), url_for("forms.new")
    return render_template(
        "forms/visual.html",
        form=form,
        current=current,
        result=result,
        page=page,
        selected=selected,
        message=message,
        focus=focus,
        impact=services.publish_impact(result) if result else None,
        moved_from=int(moved_from) if (moved_from or "").isdigit() else None,
        locale=current_locale(),
        action=action,
        yaml_action=yaml_action,
    )


@bp.route("/importer-fil", methods=["GET", "POST"])
def import_file():
    """Upload a YAML file, check it, then offer to publish it in the editor."""
    upload = ImportForm()
    if upload.validate_on_submit():
        file = upload.file.data
        try:
            source = services.read_upload(
                getattr(file, "filename", None), getattr(file, "stream", None)
            )
        except services.UploadError as error:
            upload.file.errors = [str(error)]
        else:
            result = services.check_source(source)
            note = _("Importeret fra %(file)s", file=file.filename[:100])
            form = EditorForm(formdata=None, source=source, note=note)
            return _render_editor(form, None, result), 422 if result.problems else 200
    status = 422 if request.method == "POST" else 200
    return render_template("forms/import.html", form=upload), status


@bp.get("/<name>/version/<int:number>")
def version(name: str, number: int):
    """One stored version's YAML, read-only."""
    shown = _version_or_404(name, number)
    current = _current_or_404(name)
    return render_template("forms/version.html", version=shown, current=current)


@bp.get("/<name>/version/<int:number>.yaml")
def export(name: str, number: int):
    """Download a version's YAML exactly as it was published."""
    shown = _version_or_404(name, number)
    return Response(
        shown.source.encode("utf-8"),
        mimetype="application/yaml",
        headers={"Content-Disposition": f"attachment; filename={services.export_filename(shown)}"},
    )


@bp.get("/<name>/forskel")
def diff(name: str):
    """The differences between two versions (from/to picked in a GET form)."""
    current = _current_or_404(name)
    numbers = [v.version for v in registry.versions_of(name)]
    default_from = next((n for n in numbers if n < current.version), current.version)
    older = _version_or_404(name, request.args.get("fra", default_from, type=int))
    newer = _version_or_404(name, request.args.get("til", current.version, type=int))
    return render_template(
        "forms/diff.html",
        current=current,
        numbers=numbers,
        older=older,
        newer=newer,
        lines=services.diff_lines(older, newer),
    )


@bp.route("/<name>/version/<int:number>/gaeldende", methods=["GET", "POST"])
def make_current(name: str, number: int):
    """Confirm, then make a stored version the one new submissions use."""
    chosen = _version_or_404(name, number)
    current = _current_or_404(name)
    form = ConfirmForm()
    if chosen.id == current.id:
        flash(_("Version %(n)s er allerede gældende.", n=number), "info")
        return redirect(url_for("forms.form", name=name))
    if form.validate_on_submit():
        registry.make_current(current_user, name, number)
        db.session.commit()
        flash(
            _("Version %(n)s er nu gældende og bruges til nye udfyldninger.", n=number),
            "success",
        )
        return redirect(url_for("forms.form", name=name))
    return render_template(
        "forms/make_current.html",
        form=form,
        chosen=chosen,
        current=current,
        lines=services.diff_lines(current, chosen),
    )

"""Funding pages: the case's editor, history, workbook download and upload, the portfolio."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from io import BytesIO

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from app import audit
from app.authz import Action, can, get_case_for
from app.extensions import db
from app.formatting import format_percent
from app.funding import display, editor, services
from app.funding.portfolio import (
    portfolio_case_ids,
    portfolio_file,
    portfolio_rows,
    portfolio_totals,
    reviews,
)
from app.models import Case, Role
from app.web.downloads import stream_download
from app.web.errors import error_response
from app.web.i18n import current_locale, translate
from excel_tools import CellProblem, WorkbookBuildError, WorkbookImportError

bp = Blueprint("funding", __name__, template_folder="templates")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error):
    """A too-big upload gets the upload page with a clear message, never a 500."""
    if request.endpoint != "funding.upload" or not request.view_args:
        return error_response(413)
    message = upload_limit_message()
    try:
        case = get_case_for(current_user, request.view_args["case_id"], Action.EDIT_FUNDING)
    except HTTPException:
        return error_response(413, message)
    return _imported(case, problems=[CellProblem(None, None, message)]), 413


def _render(template: str, **context):
    """A funding page; its templates and macros format values with `fd` (funding.display)."""
    return render_template(template, fd=display, **context)


def upload_limit_message() -> str:
    """The size limit for uploads, in words."""
    return _(
        "Filen er for stor. Et regneark må højst fylde %(mb)s MB.",
        mb=format_percent(
            services.upload_limit() / 1024 / 1024, symbol=False, locale=current_locale()
        ),
    )


def _filename(case: Case, suffix: str) -> str:
    """A safe download name for the case's workbook."""
    return f"finansiering-{_UNSAFE_NAME.sub('-', case.reference).strip('-') or case.id}{suffix}"


@bp.route("/sager/<int:case_id>/finansiering", methods=["GET", "POST"])
@login_required
def edit(case_id: int):
    """The funding editor (read-only for those who may only view)."""
    case = get_case_for(current_user, case_id, Action.VIEW_FUNDING)
    can_edit = can(current_user, Action.EDIT_FUNDING, case)
    vocab = services.funding_vocab()
    year = services.valid_year(request.args.get("year"))
    status = 200
    if request.method == "POST":
        if not can_edit:
            abort(403)
        page = editor.submit(current_user, case, request.form, vocab, year, current_locale())
        if page.outcome in ("saved", "unchanged"):
            db.session.commit()
            if page.outcome == "saved":
                flash(
                    _("Finansieringen er gemt som version %(n)s.", n=page.result.version.version),
                    "success",
                )
            else:
                flash(_("Der var ingen ændringer at gemme."), "info")
            return redirect(url_for("funding.edit", case_id=case.id, year=year))
        db.session.rollback()
        status = {"invalid": 422, "conflict": 409}.get(page.outcome, 200)
    else:
        page = editor.show(case, vocab, year, current_locale())
    return _render(
        "funding/edit.html",
        case=case,
        page=page,
        current=services.current_version(case),
        vocab=vocab,
        can_edit=can_edit,
        locale=current_locale(),
        upload_limit=upload_limit_message(),
    ), status


@bp.get("/sager/<int:case_id>/finansiering/historik")
@login_required
def history(case_id: int):
    """Every saved version with what changed."""
    case = get_case_for(current_user, case_id, Action.VIEW_FUNDING)
    vocab = services.funding_vocab()
    return _render(
        "funding/history.html",
        case=case,
        vocab=vocab,
        versions=services.history_with_changes(case, vocab),
        locale=current_locale(),
    )


@bp.get("/sager/<int:case_id>/finansiering/versioner/<int:number>")
@login_required
def version(case_id: int, number: int):
    """One saved version, read-only, with its totals."""
    case = get_case_for(current_user, case_id, Action.VIEW_FUNDING)
    saved = services.get_version(case, number) or abort(404)
    vocab = services.funding_vocab()
    year = services.valid_year(request.args.get("year"))
    lines = services.version_lines(saved)
    return _render(
        "funding/version.html",
        case=case,
        saved=saved,
        lines=lines,
        vocab=vocab,
        totals=services.department_totals(lines, vocab, year, current_locale()),
        locale=current_locale(),
    )


@bp.get("/sager/<int:case_id>/finansiering.xlsx")
@login_required
def download(case_id: int):
    """The case's workbook with its current split."""
    case = get_case_for(current_user, case_id, Action.VIEW_FUNDING)
    year = services.valid_year(request.args.get("year"))
    try:
        data = services.case_workbook(case, year)
    except WorkbookBuildError as error:
        return error_response(422, "; ".join(translate(m) for m in error.messages))
    audit.export(case, "funding", "xlsx")
    return send_file(
        BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=_filename(case, ".xlsx")
    )


def _imported(case: Case, *, problems=(), result=None, conflict=False, stale=None):
    """The page after an upload: every problem with its cell, or what changed."""
    return _render(
        "funding/imported.html",
        case=case,
        problems=[replace(p, message=translate(p.message)) for p in problems],
        result=result,
        conflict=conflict,
        stale=stale,
        stale_message=display.stale_message,
        vocab=services.funding_vocab(),
        locale=current_locale(),
    )


@bp.post("/sager/<int:case_id>/finansiering/regneark")
@login_required
def upload(case_id: int):
    """Import an edited workbook: all problems at once, or the new version and its changes."""
    case = get_case_for(current_user, case_id, Action.EDIT_FUNDING)
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        problem = CellProblem(None, None, _("Vælg et regneark (.xlsx), der skal indlæses."))
        return _imported(case, problems=[problem]), 422
    base = request.form.get("_version", "")
    try:
        result = services.import_workbook(
            current_user,
            case,
            sent.read(),
            filename=sent.filename,
            base_version=int(base) if base.isdigit() else None,
            max_bytes=services.upload_limit(),
        )
    except WorkbookImportError as error:
        db.session.rollback()
        return _imported(case, problems=error.problems), 422
    except services.StaleWorkbookError as error:
        db.session.rollback()
        return _imported(case, stale=error), 409
    except services.ConflictError:
        db.session.rollback()
        return _imported(case, conflict=True), 409
    db.session.commit()
    return _imported(case, result=result)


def _may_see_portfolio() -> bool:
    """Every active user may open the portfolio of the cases they can see."""
    return current_user.is_active


@bp.get("/okonomi")
@login_required
def portfolio():
    """Totals per department per year over every case the user may see, and the download."""
    if not _may_see_portfolio():
        abort(403)
    vocab = services.funding_vocab()
    rows = portfolio_rows(current_user)
    totals = portfolio_totals(rows, vocab, services.this_year(), current_locale())
    return _render(
        "funding/portfolio.html",
        totals=totals,
        reviews=reviews(rows, date.today()),
        is_controller=current_user.has_role(Role.CONTROLLER, Role.LEADER, Role.ADMIN),
    )


@bp.get("/okonomi/portefoelje.xlsx")
@login_required
def portfolio_download():
    """The portfolio workbook."""
    if not _may_see_portfolio():
        abort(403)
    rows = portfolio_rows(current_user)
    try:
        workbook = portfolio_file(rows, services.funding_vocab())
    except WorkbookBuildError as error:
        return error_response(422, "; ".join(translate(m) for m in error.messages))
    audit.export(None, "funding_portfolio", "xlsx", case_ids=portfolio_case_ids(rows))
    # Streamed from the temporary file in chunks; the response closes (and so deletes) it.
    return stream_download(workbook, XLSX, "portefoelje.xlsx")

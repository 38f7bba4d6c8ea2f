"""A case's forms: /sager/<id>/formularer/<form> (thin views over `submissions.pages`)."""

from __future__ import annotations

from flask import Blueprint
from flask_login import login_required

from app.submissions.pages import (
    autosave_page,
    case_target,
    edit_page,
    history_page,
    restore_page,
    revision_page,
    upgrade_page,
)

bp = Blueprint("submissions", __name__, template_folder="templates")

CASE = "/sager/<int:case_id>/formularer/<form_name>"


@bp.route(CASE, methods=["GET", "POST"])
@login_required
def case_edit(case_id: int, form_name: str):
    """Fill a case's form."""
    return edit_page(case_target(case_id, form_name))


@bp.post(CASE + "/autogem")
@login_required
def case_autosave(case_id: int, form_name: str):
    """Quietly store what is being typed in a case's form as its draft (JSON)."""
    return autosave_page(case_target(case_id, form_name))


@bp.get(CASE + "/historik")
@login_required
def case_history(case_id: int, form_name: str):
    """Saved versions of a case's form."""
    return history_page(case_target(case_id, form_name))


@bp.get(CASE + "/historik/<int:version>")
@login_required
def case_revision(case_id: int, form_name: str, version: int):
    """One saved version of a case's form."""
    return revision_page(case_target(case_id, form_name), version)


@bp.post(CASE + "/historik/<int:version>/gendan")
@login_required
def case_restore(case_id: int, form_name: str, version: int):
    """Restore an older version of a case's form."""
    return restore_page(case_target(case_id, form_name), version)


@bp.route(CASE + "/opdater", methods=["GET", "POST"])
@login_required
def case_upgrade(case_id: int, form_name: str):
    """Move a case's form to the newest version of the form."""
    return upgrade_page(case_target(case_id, form_name))

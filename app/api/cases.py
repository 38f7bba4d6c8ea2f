"""Cases in the API."""

from __future__ import annotations

from flask import jsonify

from app.api import bp
from app.api.util import api_user, json_body
from app.authz import Action, can_create_case, get_case_for
from app.cases import services
from app.extensions import db
from app.web.errors import error_response


@bp.get("/cases")
def list_cases():
    """The cases the caller may see."""
    return jsonify({"cases": [services.case_summary(c) for c in services.list_cases(api_user())]})


@bp.post("/cases")
def create_case():
    """Open a case with the caller as coordinator."""
    user = api_user()
    if not can_create_case(user):
        return error_response(403)
    body = json_body()
    try:
        case = services.create_case(user, body.get("reference"), body.get("title"))
    except services.CaseError as error:
        db.session.rollback()
        status = 409 if isinstance(error, services.DuplicateReferenceError) else 422
        return error_response(status, "Sagen kunne ikke oprettes.", errors=error.errors)
    db.session.commit()
    return jsonify({"id": case.id, **services.case_summary(case)}), 201


@bp.get("/cases/<int:case_id>")
def get_case(case_id: int):
    """One case the caller may see."""
    case = get_case_for(api_user(), case_id, Action.VIEW)
    return jsonify(services.case_summary(case))

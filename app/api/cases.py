"""Cases in the API."""

from __future__ import annotations

from flask_babel import gettext as _

from app import audit
from app.api.openapi import NOT_FOUND, operation
from app.api.schemas import Case, CaseList, NewCase
from app.api.util import answer, api_user, parse_json
from app.authz import Action, can, can_create_case, get_case_for
from app.cases import services
from app.extensions import db
from app.family import services as family
from app.web.errors import error_response


@operation(
    "GET",
    "/cases",
    summary="Sager, som kalderen må se",
    responses={200: ("Sagerne", CaseList)},
)
def list_cases():
    """The cases the caller may see."""
    cases = [services.case_summary(c) for c in services.list_cases(api_user())]
    return answer(CaseList, {"cases": cases})


@operation(
    "POST",
    "/cases",
    summary="Opret en sag med kalderen som koordinator",
    body=NewCase,
    responses={
        201: ("Oprettet", Case),
        400: "Ikke et JSON-objekt",
        403: "Rollen må ikke oprette sager",
        409: "Sagsnummeret findes allerede",
        422: "Ugyldige felter",
    },
)
def create_case():
    """Open a case with the caller as coordinator."""
    user = api_user()
    if not can_create_case(user):
        return error_response(403)
    body = parse_json(NewCase)
    try:
        case = services.create_case(user, body.reference, body.title)
    except services.CaseError as error:
        db.session.rollback()
        status = 409 if isinstance(error, services.DuplicateReferenceError) else 422
        return error_response(status, _("Sagen kunne ikke oprettes."), errors=error.errors)
    db.session.commit()
    return answer(Case, services.case_summary(case), 201)


@operation(
    "GET",
    "/cases/<int:case_id>",
    summary="Én sag",
    responses={200: ("Sagen", Case), 404: NOT_FOUND},
)
def get_case(case_id: int):
    """One case the caller may see."""
    user = api_user()
    case = get_case_for(user, case_id, Action.VIEW)
    summary = services.case_summary(case)
    if can(user, Action.VIEW_CONTENT, case):
        members = family.list_members(case)
        summary["family"] = [family.as_json(m) for m in members]
        if members:
            audit.read(case, "family", family_member_ids=[m.id for m in members])
    return answer(Case, summary)

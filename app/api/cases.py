"""Cases in the API."""

from __future__ import annotations

from flask_babel import gettext as _

from app import audit
from app.api.openapi import NOT_FOUND, operation
from app.api.schemas import Case, CaseFacts, CaseFactsPatch, CaseList, NewCase, PhaseMove
from app.api.util import answer, api_user, invalid, parse_json
from app.authz import Action, can, can_create_case, get_case_for
from app.cases import facts, services
from app.extensions import db
from app.family import services as family
from app.phases import services as phases
from app.web.errors import error_response


@operation(
    "GET",
    "/cases",
    summary="Sager, som kalderen må se",
    responses={200: ("Sagerne", CaseList)},
)
def list_cases():
    """The cases the caller may see."""
    user = api_user()
    cases = [services.case_summary(c, user) for c in services.list_cases(user)]
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
    summary = services.case_summary(case, user)
    if can(user, Action.VIEW_CONTENT, case):
        members = family.list_members(case)
        summary["family"] = [family.as_json(m) for m in members]
        if members:
            audit.read(case, "family", family_member_ids=[m.id for m in members])
    return answer(Case, summary)


def _facts_answer(case):
    """The facts of a case as CaseFacts."""
    return {
        "id": case.id,
        "status": case.status,
        **facts.facts_of(case),
        "referred_on": case.referred_on.isoformat(),
        "transitions": [
            {"age": t.age, "month": t.month.isoformat()} for t in facts.transitions(case)
        ],
    }


@operation(
    "GET",
    "/cases/<int:case_id>/facts",
    summary="Sagens oplysninger: sagsnummer, titler, sagsforløb, paragraffer, fødselsmåned",
    responses={
        200: ("Oplysningerne", CaseFacts),
        403: "Rollen må ikke se familiens oplysninger",
        404: NOT_FOUND,
    },
)
def get_case_facts(case_id: int):
    """The case's facts (they include the child's birth month: family content)."""
    case = get_case_for(api_user(), case_id, Action.VIEW_CONTENT)
    audit.read(case, "case_facts")
    return answer(CaseFacts, _facts_answer(case))


@operation(
    "PATCH",
    "/cases/<int:case_id>/facts",
    summary="Ret sagens oplysninger; kun de felter, der sendes, ændres",
    body=CaseFactsPatch,
    responses={
        200: ("Oplysningerne efter rettelsen", CaseFacts),
        400: "Ikke et JSON-objekt",
        403: "Rollen må ikke rette sagen",
        404: NOT_FOUND,
        422: "Ugyldige felter",
    },
)
def patch_case_facts(case_id: int):
    """Change the facts sent; the same checks and messages as the web form."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT)
    body = parse_json(CaseFactsPatch)
    try:
        facts.update_facts(user, case, body.changes())
    except services.CaseError as error:
        db.session.rollback()
        return invalid(error.errors)
    db.session.commit()
    return answer(CaseFacts, _facts_answer(case))


@operation(
    "POST",
    "/cases/<int:case_id>/phase/next",
    summary="Gå til næste fase i sagens sagsforløb (ét skridt, logget)",
    body=PhaseMove,
    responses={
        200: ("Sagen i sin nye fase", Case),
        400: "Ikke et JSON-objekt",
        403: "Kun sagens koordinator, ledere og administratorer",
        404: NOT_FOUND,
        409: "Sagen er gået videre, siden kalderen så den (from_phase)",
        422: "Forløbet er ikke startet, sagen er i sidste fase eller ikke åben",
    },
)
def move_case_phase(case_id: int):
    """Move the case on one phase; the same checks and messages as the case page."""
    return _phase_step(
        case_id,
        lambda user, case, body: phases.move_on(user, case, body.note or "", body.from_phase),
    )


@operation(
    "POST",
    "/cases/<int:case_id>/phase/start",
    summary="Start sagsforløbet i første fase af skabelonens nyeste endelige udgave",
    body=PhaseMove,
    responses={
        200: ("Sagen i sin første fase", Case),
        400: "Ikke et JSON-objekt",
        403: "Kun sagens koordinator, ledere og administratorer",
        404: NOT_FOUND,
        409: "Forløbet er allerede startet",
        422: "Sagen følger intet sagsforløb, skabelonen har ingen endelig udgave, eller "
        "sagen er ikke åben",
    },
)
def start_case_flow(case_id: int):
    """Start the case's flow (note: optional; from_phase is not used here)."""
    return _phase_step(
        case_id, lambda user, case, body: phases.start_flow(user, case, body.note or "")
    )


@operation(
    "POST",
    "/cases/<int:case_id>/phase/repin",
    summary="Lad sagen følge skabelonens nyeste endelige udgave, i samme fase",
    body=PhaseMove,
    responses={
        200: ("Sagen på den nye udgave", Case),
        400: "Ikke et JSON-objekt",
        403: "Kun sagens koordinator, ledere og administratorer",
        404: NOT_FOUND,
        409: "Sagen er gået videre, mens den blev flyttet",
        422: "Sagen følger allerede den nyeste udgave, eller den nye udgave mangler fasen",
    },
)
def repin_case_flow(case_id: int):
    """Follow the newest final revision of the case's template, in the same phase."""
    return _phase_step(case_id, lambda user, case, body: phases.repin(user, case, body.note or ""))


def _phase_step(case_id: int, step):
    """Run one phase action for the caller (MANAGE); 409 on a lost race, 422 when refused."""
    user = api_user()
    case = get_case_for(user, case_id, Action.MANAGE)
    body = parse_json(PhaseMove)
    try:
        step(user, case, body)
    except phases.PhaseConflict as error:
        db.session.rollback()
        return error_response(409, " ".join(error.errors.get("phase", [])))
    except phases.PhaseError as error:
        db.session.rollback()
        return invalid(error.errors)
    db.session.commit()
    return answer(Case, services.case_summary(case))

"""Word documents in the API: a case form's document, the two plans, municipal documents.

`?format=pdf` (and `plan.pdf`, `family-plan.pdf`) asks for a PDF where LibreOffice is
installed. `plan.docx` keeps giving what the joint plan always held: it is the *internal*
plan (decisions, who may grant, the funding split); `family-plan.docx` is the family's plan.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import request
from flask_babel import gettext as _

from app import audit
from app.api.openapi import NOT_FOUND, Binary, Reply, operation
from app.api.schemas import FormatQuery
from app.api.util import ApiError, api_user
from app.docgen.pdf import PdfError
from app.web.errors import error_response
from app.word import pdfs, services
from app.word.routes import send

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
NAMING = (
    "Filnavnet står i Content-Disposition (filename i ASCII og filename* i UTF-8), fx "
    "familiens-plan_SAG-2026-0042_2026-11-23.docx."
)
DISPOSITION = {
    "Content-Disposition": {
        "description": "attachment med et sikkert filnavn",
        "schema": {"type": "string"},
    }
}


def _answers(*types: str, formats: bool = False) -> dict[int, Reply]:
    """The answers of a GET that returns a Word document or a PDF."""
    answers: dict[int, Reply] = {
        200: Binary(f"Dokumentet. {NAMING}", types, DISPOSITION),
        403: "Rollen må ikke se familiens oplysninger (fx controller)",
        404: NOT_FOUND,
        422: "Skabelonen kunne ikke udfyldes med dokumentets data (beskeden siger hvor)",
    }
    if PDF in types:
        answers[503] = (
            "Der kan ikke laves PDF her (LibreOffice mangler, fejlede eller tog for lang tid)"
        )
        answers[429] = (
            "Kalderen er allerede ved at hente det tilladte antal PDF-filer (Retry-After)"
        )
    if formats:
        answers[400] = "format skal være docx eller pdf"
    return answers


def _deliver(
    make: Callable[[], services.RenderedDocument],
    as_pdf: bool,
    exported: Callable[[str], object] | None = None,
):
    """Render (and convert); 422 when the template fails, 503 when no PDF can be made.

    ``exported(fmt)`` records the download in the audit trail once the document exists.
    """
    try:
        document = make()
    except services.DocumentError as error:
        return error_response(422, str(error))
    if as_pdf:
        try:
            document = pdfs.as_pdf(document, api_user().id)
        except pdfs.PdfBusy as error:
            answer, _status = error_response(429, str(error))
            answer.headers["Retry-After"] = "5"
            return answer, 429
        except PdfError as error:
            return error_response(503, str(error))
    if exported is not None:
        exported("pdf" if as_pdf else "docx")
    return send(document)


def _wants_pdf() -> bool:
    """True for ?format=pdf, False for docx; a 400 for a format we do not make."""
    kind = request.args.get("format", "docx").lower()
    if kind not in ("docx", "pdf"):
        raise ApiError(400, _("format skal være »docx« eller »pdf«."))
    return kind == "pdf"


def _plan(case_id: int, *, as_pdf: bool, family: bool = False):
    """One of the case's plans, recorded in the audit trail once it is made."""
    case = services.case_for_plan(api_user(), case_id, internal=not family)
    make = services.family_plan_document if family else services.plan_document
    what = "family_plan" if family else "plan"
    return _deliver(lambda: make(case), as_pdf, lambda fmt: audit.export(case, what, fmt))


@operation(
    "GET",
    "/cases/<int:case_id>/forms/<form_name>/document",
    summary="En sags udfyldte formular som Word-dokument (eller PDF)",
    query=FormatQuery,
    responses=_answers(DOCX, PDF, formats=True),
    operation_id="getCaseFormDocument",
)
def case_form_document(case_id: int, form_name: str):
    """The Word document (or PDF) of a case's saved form."""
    as_pdf = _wants_pdf()
    case, submission = services.case_submission_for(api_user(), case_id, form_name)
    return _deliver(
        lambda: services.form_document(submission, case),
        as_pdf,
        lambda fmt: audit.export(case, "form", fmt, form=form_name, submission_id=submission.id),
    )


@operation(
    "GET",
    "/cases/<int:case_id>/plan.docx",
    summary=(
        "Sagens interne plan (den tidligere fælles plan): sag, kerneteam, SMARTE-mål, "
        "beslutninger, hvem der må bevilge, finansiering pr. afdeling. Ikke til familien"
    ),
    responses=_answers(DOCX),
    operation_id="getJointPlan",
)
def case_plan(case_id: int):
    """The case's internal plan as a Word document."""
    return _plan(case_id, as_pdf=False)


@operation(
    "GET",
    "/cases/<int:case_id>/plan.pdf",
    summary="Sagens interne plan som PDF",
    responses=_answers(PDF),
    operation_id="getJointPlanPdf",
)
def case_plan_pdf(case_id: int):
    """The case's internal plan as PDF."""
    return _plan(case_id, as_pdf=True)


@operation(
    "GET",
    "/cases/<int:case_id>/family-plan.docx",
    summary=(
        "Familiens plan: familiens ønsker, mål og delmål, aftaler, hvem de kan kontakte og de "
        "næste datoer. Uden beløb, beslutningskompetence og advarsler"
    ),
    responses=_answers(DOCX),
    operation_id="getFamilyPlan",
)
def case_family_plan(case_id: int):
    """The case's family's plan as a Word document."""
    return _plan(case_id, as_pdf=False, family=True)


@operation(
    "GET",
    "/cases/<int:case_id>/family-plan.pdf",
    summary="Familiens plan som PDF",
    responses=_answers(PDF),
    operation_id="getFamilyPlanPdf",
)
def case_family_plan_pdf(case_id: int):
    """The case's family's plan as PDF."""
    return _plan(case_id, as_pdf=True, family=True)


@operation(
    "GET",
    "/municipal/<form_name>/<int:doc_id>/document",
    summary="Et af kommunens dokumenter (fx sagsforløb) som Word-dokument (eller PDF)",
    query=FormatQuery,
    responses=_answers(DOCX, PDF, formats=True),
    operation_id="getMunicipalDocumentFile",
)
def municipal_document(form_name: str, doc_id: int):
    """The Word document (or PDF) of a municipal document."""
    as_pdf = _wants_pdf()
    submission = services.municipal_submission_for(api_user(), form_name, doc_id)
    return _deliver(lambda: services.form_document(submission, None), as_pdf)

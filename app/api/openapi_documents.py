"""OpenAPI paths and schemas of the Word documents API (form documents, the joint plan)."""

from __future__ import annotations

from typing import Any

from app.api.openapi import CASE_ID, NOT_FOUND, UNAUTHORIZED, _error
from app.api.openapi_forms import DOC_ID, FORM_NAME

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
FORMAT = {
    "name": "format",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["docx", "pdf"], "default": "docx"},
    "description": "pdf: en PDF-udgave lavet med LibreOffice (hvor det er installeret)",
}
NAMING = (
    "Filnavnet står i Content-Disposition (filename i ASCII og filename* i UTF-8), fx "
    "faelles-plan_SAG-2026-0042_2026-11-23.docx."
)


def _file(description: str, *types: str) -> dict[str, Any]:
    """A binary download response."""
    return {
        "description": f"{description}. {NAMING}",
        "headers": {
            "Content-Disposition": {
                "description": "attachment med et sikkert filnavn",
                "schema": {"type": "string"},
            }
        },
        "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in types},
    }


RENDER_FAILED = _error("Skabelonen kunne ikke udfyldes med dokumentets data (beskeden siger hvor)")
NO_PDF = _error("Der kan ikke laves PDF her (LibreOffice mangler, fejlede eller tog for lang tid)")
BAD_FORMAT = _error("format skal være docx eller pdf")
FORBIDDEN = _error("Rollen må ikke se familiens oplysninger (fx controller)")


def _operation(
    operation_id: str, summary: str, parameters: list, types: tuple[str, ...]
) -> dict[str, Any]:
    """A GET that returns a Word document or a PDF."""
    pdf = PDF in types
    responses: dict[str, Any] = {
        "200": _file("Dokumentet", *types),
        "401": UNAUTHORIZED,
        "403": FORBIDDEN,
        "404": NOT_FOUND,
        "422": RENDER_FAILED,
    }
    if pdf:
        responses["503"] = NO_PDF
    if FORMAT in parameters:
        responses["400"] = BAD_FORMAT
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": responses,
        }
    }


PATHS: dict[str, Any] = {
    "/cases/{case_id}/forms/{form_name}/document": _operation(
        "getCaseFormDocument",
        "En sags udfyldte formular som Word-dokument (eller PDF)",
        [CASE_ID, FORM_NAME, FORMAT],
        (DOCX, PDF),
    ),
    "/cases/{case_id}/plan.docx": _operation(
        "getJointPlan",
        "Sagens fælles plan: sag, kerneteam, SMARTE-mål, beslutninger, finansiering",
        [CASE_ID],
        (DOCX,),
    ),
    "/cases/{case_id}/plan.pdf": _operation(
        "getJointPlanPdf", "Sagens fælles plan som PDF", [CASE_ID], (PDF,)
    ),
    "/municipal/{form_name}/{doc_id}/document": _operation(
        "getMunicipalDocumentFile",
        "Et af kommunens dokumenter (fx sagsforløb) som Word-dokument (eller PDF)",
        [FORM_NAME, DOC_ID, FORMAT],
        (DOCX, PDF),
    ),
}
SCHEMAS: dict[str, Any] = {}

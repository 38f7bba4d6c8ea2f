"""Word documents in the API: a case form's document, the joint plan, municipal documents.

`?format=pdf` (and `plan.pdf`) asks for a PDF where LibreOffice is installed.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import request

from app.api import bp
from app.api.util import api_user
from app.docgen.pdf import PdfError
from app.web.errors import error_response
from app.word import services
from app.word.routes import send


def _deliver(make: Callable[[], services.RenderedDocument], as_pdf: bool):
    """Render (and convert); 422 when the template fails, 503 when no PDF can be made."""
    try:
        document = make()
    except services.DocumentError as error:
        return error_response(422, str(error))
    if not as_pdf:
        return send(document)
    try:
        return send(services.as_pdf(document))
    except PdfError as error:
        return error_response(503, str(error))


def _wants_pdf():
    """True for ?format=pdf; None (an error answer) for a format we do not make."""
    kind = request.args.get("format", "docx").lower()
    return kind == "pdf" if kind in ("docx", "pdf") else None


@bp.get("/cases/<int:case_id>/forms/<form_name>/document")
def case_form_document(case_id: int, form_name: str):
    """The Word document (or PDF) of a case's saved form."""
    as_pdf = _wants_pdf()
    if as_pdf is None:
        return error_response(400, "format skal være »docx« eller »pdf«.")
    case, submission = services.case_submission_for(api_user(), case_id, form_name)
    return _deliver(lambda: services.form_document(submission, case), as_pdf)


@bp.get("/cases/<int:case_id>/plan.docx")
def case_plan(case_id: int):
    """The case's joint plan as a Word document."""
    case = services.case_for_plan(api_user(), case_id)
    return _deliver(lambda: services.plan_document(case), False)


@bp.get("/cases/<int:case_id>/plan.pdf")
def case_plan_pdf(case_id: int):
    """The case's joint plan as PDF."""
    case = services.case_for_plan(api_user(), case_id)
    return _deliver(lambda: services.plan_document(case), True)


@bp.get("/municipal/<form_name>/<int:doc_id>/document")
def municipal_document(form_name: str, doc_id: int):
    """The Word document (or PDF) of a municipal document."""
    as_pdf = _wants_pdf()
    if as_pdf is None:
        return error_response(400, "format skal være »docx« eller »pdf«.")
    submission = services.municipal_submission_for(api_user(), form_name, doc_id)
    return _deliver(lambda: services.form_document(submission, None), as_pdf)

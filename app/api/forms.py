"""Form definitions, case forms, municipal documents and vocabularies in the API."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _

from app import audit
from app.api import schemas
from app.api.openapi import NOT_FOUND, operation
from app.api.util import ApiError, answer, api_user, conflict, invalid, parse_json
from app.authz import (
    Action,
    can_adapt_forms,
    can_read_municipal_documents,
    get_case_for,
)
from app.extensions import db
from app.formengine import describe_fields
from app.forms.definitions import current_version, definition_of, get_version, list_forms
from app.models import Case, FormVersion, Submission
from app.submissions import services as submissions
from app.vocabularies.services import get_vocabulary, load_vocabularies, public_items
from app.web.errors import error_response


def _locale() -> str:
    """The language asked for with ?lang=en (Danish by default)."""
    return "en" if request.args.get("lang") == "en" else "da"


def _title(version: FormVersion) -> str:
    """A form's title in the asked language."""
    title = definition_of(version).title
    return title.get(_locale())


FORBIDDEN_CONTENT = "Rollen må ikke se familiens oplysninger"
CONFLICT = "Nogen har gemt i mellemtiden (feltet current har det gemte)"
INVALID = "Ugyldige data; errors har beskeder pr. feltsti, fx goals[0].title"


def _saved(status: int, description: str) -> dict:
    """The answers of an operation that saves a submission."""
    return {
        status: (description, schemas.Submission),
        400: "Ikke JSON",
        403: "Ingen skriveadgang",
        404: NOT_FOUND,
        409: CONFLICT,
        422: INVALID,
    }


@operation(
    "GET",
    "/forms",
    summary="Alle formularer med deres aktuelle version",
    query=schemas.LangQuery,
    responses={200: ("Formularerne", schemas.FormList)},
    operation_id="listForms",
)
def list_form_definitions():
    """Every form with its current version."""
    return answer(
        schemas.FormList,
        {
            "forms": [
                {
                    "name": f.name,
                    "version": f.current.version,
                    "scope": f.current.scope,
                    "title": _title(f.current),
                }
                for f in list_forms()
            ]
        },
    )


@operation(
    "GET",
    "/forms/<form_name>",
    summary="En formulardefinition med flad feltliste",
    query=schemas.FormVersionQuery,
    responses={200: ("Definitionen", schemas.FormDefinition), 404: NOT_FOUND},
    operation_id="getForm",
)
def get_form_definition(form_name: str):
    """A form definition with its flat list of fields (?version=N for an older one)."""
    requested = request.args.get("version", "")
    if requested:
        version = get_version(form_name, int(requested)) if requested.isdigit() else None
    else:
        version = current_version(form_name)
    if version is None:
        return error_response(404, _("Formularen findes ikke."))
    definition = definition_of(version)
    description = definition.description
    return answer(
        schemas.FormDefinition,
        {
            "name": version.name,
            "version": version.version,
            "scope": version.scope,
            "title": _title(version),
            "description": (description.get(_locale()) if description else None),
            "fields": describe_fields(
                definition, vocabularies=load_vocabularies(), locale=_locale()
            ),
        },
    )


@operation(
    "GET",
    "/vocabularies/<name>",
    summary="En fælles liste: departments, roles, paragraphs, interventions, authority_levels",
    query=schemas.LangQuery,
    responses={200: ("Listen", schemas.Vocabulary), 404: NOT_FOUND},
    operation_id="getVocabulary",
)
def get_vocabulary_items(name: str):
    """A shared vocabulary as a list of {value, label}."""
    items = get_vocabulary(name)
    if items is None:
        return error_response(404, _("Listen findes ikke."))
    return answer(schemas.Vocabulary, public_items(items, _locale()))


def _unsaved(version: FormVersion) -> dict:
    """What GET answers for a form that has never been saved: its starting values."""
    return {
        "id": None,
        "version": None,
        "status": None,
        "title": "",
        "data": submissions.new_form_data(version),
        "definition_version": version.version,
        "updated_at": None,
        "updated_by": None,
    }


def _save(form_name: str, *, case: Case | None, submission: Submission | None, created: bool):
    """Validate and store a submission from the request body; JSON answer."""
    body = parse_json(schemas.SubmissionWrite)
    try:
        saved = submissions.save(
            api_user(),
            form_name=form_name,
            data=body.data,
            status=body.status,
            base_version=body.version,
            case=case,
            submission=submission,
        )
    except submissions.ConflictError as error:
        db.session.rollback()
        current = submissions.as_json(error.current) if error.current else None
        return conflict(current)
    except submissions.SubmissionInvalid as error:
        db.session.rollback()
        return invalid(error.errors)
    db.session.commit()
    return answer(schemas.Submission, submissions.as_json(saved), 201 if created else 200)


def _case_form(case_id: int, form_name: str, action: Action):
    """(case, current or saved version, submission) for a case-scope form; else a 404."""
    case = get_case_for(api_user(), case_id, action)
    submission = submissions.find_case_submission(case, form_name)
    version = submission.definition if submission else current_version(form_name)
    if version is None or version.scope != "case":
        raise ApiError(404, _("Formularen findes ikke på sager."))
    return case, version, submission


@operation(
    "GET",
    "/cases/<int:case_id>/forms/<form_name>",
    summary="Sagens udfyldte formular (eller startværdier, hvis den ikke er gemt)",
    responses={
        200: ("Formularen", schemas.Submission),
        403: FORBIDDEN_CONTENT,
        404: NOT_FOUND,
    },
)
def get_case_form(case_id: int, form_name: str):
    """The case's submission of a form (or its starting values when not saved yet)."""
    case, version, submission = _case_form(case_id, form_name, Action.VIEW_CONTENT)
    audit.read(case, "form", form=form_name, submission_id=submission.id if submission else None)
    found_json = submissions.as_json(submission) if submission else _unsaved(version)
    return answer(schemas.Submission, found_json)


@operation(
    "PUT",
    "/cases/<int:case_id>/forms/<form_name>",
    summary="Gem sagens formular",
    body=schemas.SubmissionWrite,
    responses=_saved(200, "Gemt"),
)
def put_case_form(case_id: int, form_name: str):
    """Save the case's submission of a form (409 on a stale version, 422 on bad data)."""
    case, _version, submission = _case_form(case_id, form_name, Action.EDIT_CONTENT)
    return _save(form_name, case=case, submission=submission, created=False)


def _require_municipal_form(form_name: str) -> None:
    """A 404 unless the form's current version is a municipality-scope form."""
    version = current_version(form_name)
    if version is None or version.scope != "municipality":
        raise ApiError(404, _("Formularen findes ikke som kommunalt dokument."))


def _municipal_document(form_name: str, doc_id: int, *, readable: bool = True) -> Submission:
    """A municipal document of the form; a 404 when there is none (or ``readable`` is False)."""
    doc = db.session.get(Submission, doc_id)
    if doc is None or doc.case_id is not None or doc.form_name != form_name or not readable:
        raise ApiError(404, _("Dokumentet findes ikke."))
    return doc


@operation(
    "GET",
    "/municipal/<form_name>",
    summary="Kommunens dokumenter af en formular",
    responses={
        200: ("Dokumenterne", schemas.DocumentList),
        403: "Ingen adgang",
        404: NOT_FOUND,
    },
)
def list_municipal_documents(form_name: str):
    """The municipality's documents of a form."""
    if not can_read_municipal_documents(api_user()):
        return error_response(403)
    _require_municipal_form(form_name)
    return answer(
        schemas.DocumentList,
        {
            "documents": [
                {
                    "id": d.id,
                    "title": d.title,
                    "status": d.status,
                    "version": d.version,
                    "updated_at": d.updated_at.isoformat(),
                    "url": url_for("api.get_municipal_document", form_name=form_name, doc_id=d.id),
                }
                for d in submissions.municipal_submissions(form_name)
            ]
        },
    )


@operation(
    "POST",
    "/municipal/<form_name>",
    summary="Opret et kommunalt dokument (ledere og administratorer)",
    body=schemas.SubmissionWrite,
    responses=_saved(201, "Oprettet"),
)
def create_municipal_document(form_name: str):
    """Create a municipal document (leaders and admins)."""
    if not can_adapt_forms(api_user()):
        return error_response(403)
    _require_municipal_form(form_name)
    return _save(form_name, case=None, submission=None, created=True)


@operation(
    "GET",
    "/municipal/<form_name>/<int:doc_id>",
    summary="Et kommunalt dokument",
    responses={200: ("Dokumentet", schemas.Submission), 404: NOT_FOUND},
)
def get_municipal_document(form_name: str, doc_id: int):
    """One municipal document."""
    doc = _municipal_document(form_name, doc_id, readable=can_read_municipal_documents(api_user()))
    return answer(schemas.Submission, submissions.as_json(doc))


@operation(
    "PUT",
    "/municipal/<form_name>/<int:doc_id>",
    summary="Gem et kommunalt dokument",
    body=schemas.SubmissionWrite,
    responses=_saved(200, "Gemt"),
)
def put_municipal_document(form_name: str, doc_id: int):
    """Save a municipal document (leaders and admins)."""
    doc = _municipal_document(form_name, doc_id)
    if not can_adapt_forms(api_user()):
        return error_response(403)
    return _save(form_name, case=None, submission=doc, created=False)

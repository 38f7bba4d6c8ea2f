"""The edit cycle of one form page, shared by case forms and municipal documents.

Takes plain data (the posted MultiDict, the stored submission) and returns what the page
shows; no request or response objects here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from app.formengine import (
    FormDefinition,
    apply_errors,
    apply_row_buttons,
    build_form_class,
    display_values,
    form_data_from_submission,
    submission_from_form,
)
from app.forms.definitions import definition_of
from app.models import Case, FormVersion, Submission, SubmissionStatus, User
from app.submissions import services
from app.vocabularies.services import load_vocabularies

SAVE_DRAFT = "_save_draft"
SAVE_FINAL = "_save_final"


@dataclass
class FormPage:
    """Everything a form page needs to render."""

    version: FormVersion
    definition: FormDefinition
    form: Any
    base_version: int | None
    summary: list = field(default_factory=list)
    focus: str | None = None
    saved: Submission | None = None  # set when the save succeeded
    conflicted: bool = False  # someone else saved meanwhile
    conflict: Submission | None = None  # what they saved (None if it no longer exists)
    conflict_values: list[tuple[str, Any]] | None = None
    typed_values: list[tuple[str, Any]] | None = None


def _form_class(version: FormVersion, case: Case | None, locale: str):
    """The WTForms class for a stored definition version."""
    return build_form_class(
        definition_of(version), load_vocabularies(), services.people_for_case(case), locale=locale
    )


def show(
    version: FormVersion,
    submission: Submission | None,
    case: Case | None,
    locale: str,
    *,
    start: dict[str, Any] | None = None,
) -> FormPage:
    """The page for a stored submission, or a new one prefilled with `start` (a starting
    point's data) or else the form's defaults."""
    definition = definition_of(version)
    data = submission.data if submission else start
    formdata = form_data_from_submission(definition, data, vocabularies=load_vocabularies())
    form = _form_class(version, case, locale)(formdata=formdata)
    return FormPage(version, definition, form, submission.version if submission else None)


def readable(
    version: FormVersion,
    data: dict[str, Any],
    case: Case | None,
    locale: str,
    *,
    stored: bool = True,
) -> list[tuple[str, Any]]:
    """(label, value) pairs of data for history and conflict pages. Stored data is shown
    formatted ("1.234,50 kr."); typed data, which may not be valid, is shown as typed."""
    definition = definition_of(version)
    if stored:
        shown = display_values(
            definition,
            data or {},
            vocabularies=load_vocabularies(),
            people=services.people_for_case(case),
            locale=locale,
        )
    else:
        shown = data or {}
    return [
        (_label(spec, locale), _cells(spec, shown.get(spec.name), locale))
        for spec in definition.input_fields()
    ]


def _label(spec: Any, locale: str) -> str:
    """A field's label in the page's language."""
    return spec.label.get(locale)


def _cells(spec: Any, value: Any, locale: str) -> Any:
    """A shown value; a repeat becomes rows of (column label, cell text), with a nested
    repeat's rows written out as lines of text inside their cell."""
    if not isinstance(value, list) or not hasattr(spec, "fields"):
        return value
    columns = {c.name: c for c in spec.fields}
    table = []
    for row in value:
        if not isinstance(row, dict):
            continue
        cells = []
        for key, cell in row.items():
            column = columns.get(key)
            if isinstance(cell, list) and column is not None and hasattr(column, "fields"):
                cell = "\n".join(
                    ", ".join(str(v) for _c, v in inner if v not in (None, ""))
                    for inner in _cells(column, cell, locale)
                )
            cells.append((_label(column, locale) if column else key, cell))
        table.append(cells)
    return table


def submit(
    user: User,
    *,
    form_name: str,
    version: FormVersion,
    submission: Submission | None,
    case: Case | None,
    formdata: MultiDict,
    locale: str,
) -> FormPage:
    """Handle a POST: row buttons re-render; save buttons validate and store.

    On success `page.saved` is set (the caller commits). On bad data the page carries the
    errors and everything typed; on a conflict it carries what the other person saved.
    """
    definition = definition_of(version)
    Form = _form_class(version, case, locale)
    base_text = formdata.get("_version", "")
    base = int(base_text) if base_text.isdigit() else None
    change = apply_row_buttons(definition, formdata, vocabularies=load_vocabularies())
    if change is not None:
        return FormPage(
            version, definition, Form(formdata=change.formdata), base, focus=change.focus
        )
    status = SubmissionStatus.FINAL if SAVE_FINAL in formdata else SubmissionStatus.DRAFT
    raw = submission_from_form(
        definition, formdata, previous=submission.data if submission else None
    )
    form = Form(formdata=formdata)
    try:
        saved = services.save(
            user,
            form_name=form_name,
            data=raw,
            status=status,
            base_version=base,
            case=case,
            submission=submission,
        )
    except services.SubmissionInvalid as error:
        return FormPage(version, definition, form, base, summary=apply_errors(form, error.errors))
    except services.ConflictError as error:
        current = error.current
        return FormPage(
            current.definition if current else version,
            definition,
            form,
            current.version if current else None,
            conflicted=True,
            conflict=current,
            conflict_values=readable(current.definition, current.data, case, locale)
            if current
            else None,
            typed_values=readable(version, raw, case, locale, stored=False),
        )
    return FormPage(version, definition, form, saved.version, saved=saved)

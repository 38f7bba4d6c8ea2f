"""The edit cycle of one form page, shared by case forms and municipal documents.

Takes plain data (the posted MultiDict, the stored submission) and returns what the page
shows; no request or response objects here.
"""

from __future__ import annotations

import re
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
from app.submissions import services, sittings
from app.vocabularies.services import load_vocabularies

SAVE_DRAFT = "_save_draft"
SAVE_FINAL = "_save_final"
#: Posted by the button that confirms turning a final submission back into a draft.
CONFIRM_DRAFT = "_confirm_draft"
#: The value of a remove button that confirms removing a row with its sub-rows; KEEP_ROW
#: is the button that keeps it (the page again, nothing stored).
CONFIRMED = "bekraeftet"
KEEP_ROW = "_keep_row"
_REMOVE = re.compile(r"_remove__(.+)__([0-9]{1,4})")
_SUB_ROW = re.compile(r"-[0-9]+-(?!_row$|key$)[^-]+$")


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
    sitting: str = field(default_factory=sittings.new_token)  # this page load's sitting
    kept_draft: Submission | None = None  # a failed final save stored the text as a draft
    confirm_draft: bool = False  # asking before a final submission becomes a draft again
    confirm_remove: str | None = None  # the remove button of a row with sub-rows, to confirm


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


@dataclass
class Posted:
    """A post to a form page: the form, its stored version and submission, the case (None
    for a municipal document) and the posted fields."""

    form_name: str
    version: FormVersion
    submission: Submission | None
    case: Case | None
    formdata: MultiDict


def submit(user: User, posted: Posted, *, locale: str) -> FormPage:
    """Handle a POST: row buttons re-render; save buttons validate and store.

    On success `page.saved` is set (the caller commits). On bad data the page carries the
    errors and everything typed (and, for a failed final save of a form that is not final,
    `page.kept_draft`: the text stored as the draft, which the caller commits); "Gem kladde"
    on a final form asks first (`page.confirm_draft`); on a conflict the page carries what
    the other person saved.
    """
    form_name, version, submission = posted.form_name, posted.version, posted.submission
    case, formdata = posted.case, posted.formdata
    definition = definition_of(version)
    Form = _form_class(version, case, locale)
    base = _base_version(formdata)
    sitting = sittings.clean_token(formdata.get(sittings.FIELD)) or sittings.new_token()
    if KEEP_ROW in formdata or (removal := _unconfirmed_removal(formdata)):
        # Without JavaScript: removing a row whose sub-rows hold text asks first (autosave-
        # guard.js asks in the page); "keep" shows the page again as it was posted.
        page = FormPage(version, definition, Form(formdata=formdata), base, sitting=sitting)
        page.confirm_remove = None if KEEP_ROW in formdata else removal
        return page
    change = apply_row_buttons(definition, formdata, vocabularies=load_vocabularies())
    if change is not None:
        return FormPage(
            version,
            definition,
            Form(formdata=change.formdata),
            base,
            focus=change.focus,
            sitting=sitting,
        )
    status = SubmissionStatus.FINAL if SAVE_FINAL in formdata else SubmissionStatus.DRAFT
    raw = submission_from_form(
        definition, formdata, previous=submission.data if submission else None
    )
    form = Form(formdata=formdata)
    if (
        status == SubmissionStatus.DRAFT
        and submission is not None
        and submission.status == SubmissionStatus.FINAL
        and base == submission.version
        and CONFIRM_DRAFT not in formdata
    ):
        # "Gem kladde" on a final plan: ask first (nothing stored; the text stays on the page).
        return FormPage(version, definition, form, base, sitting=sitting, confirm_draft=True)
    save = {"form_name": form_name, "case": case, "submission": submission, "sitting": sitting}
    try:
        saved = services.save(user, data=raw, status=status, base_version=base, **save)
    except services.SubmissionInvalid as error:
        page = FormPage(version, definition, form, base, summary=apply_errors(form, error.errors))
        page.sitting = sitting
        if status == SubmissionStatus.FINAL and (
            submission is None or submission.status == SubmissionStatus.DRAFT
        ):
            # The web form keeps what was typed as a draft when a final save fails (the
            # API's PUT does not: it answers 422 and stores nothing).
            page.kept_draft = _keep_draft(user, raw, base, save)
            if page.kept_draft is not None:
                page.base_version = page.kept_draft.version
        return page
    except services.ConflictError as error:
        return _conflict(version, definition, form, error.current, raw, case, locale, sitting)
    return FormPage(version, definition, form, saved.version, saved=saved, sitting=sitting)


def _unconfirmed_removal(formdata: MultiDict) -> str | None:
    """The remove button pressed for a row whose sub-rows hold text (a goal's sub-goals or
    agreements), unless it is the confirming one; None otherwise."""
    for key in formdata.keys():
        match = _REMOVE.fullmatch(key)
        if match is None or formdata.get(key) == CONFIRMED:
            continue
        prefix = f"{match.group(1)}-{match.group(2)}-"
        for name in formdata.keys():
            rest = name[len(prefix) :] if name.startswith(prefix) else ""
            if _SUB_ROW.search(rest) and any(str(v).strip() for v in formdata.getlist(name)):
                return key
    return None


def _base_version(formdata: MultiDict) -> int | None:
    """The version the person started from (posted as _version; empty for a first save)."""
    text = formdata.get("_version", "")
    return int(text) if text.isdigit() else None


def _keep_draft(user: User, raw: Any, base: int | None, save: dict) -> Submission | None:
    """Store the text of a failed final save as a draft; None when even a draft cannot be
    stored (a value of the wrong kind, or someone saved meanwhile)."""
    try:
        return services.save(
            user, data=raw, status=SubmissionStatus.DRAFT, base_version=base, **save
        )
    except (services.SubmissionInvalid, services.ConflictError):
        return None


def _conflict(version, definition, form, current, raw, case, locale, sitting) -> FormPage:
    """The page after a lost race: what the other person saved, and the text typed here."""
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
        sitting=sitting,
    )


@dataclass
class Autosave:
    """What an autosave did: "saved", "conflict" (someone saved a newer version), "invalid"
    (a value of the wrong kind; errors by field path) or "final" (never autosaved)."""

    outcome: str
    saved: Submission | None = None
    current: Submission | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)


def autosave(user: User, posted: Posted) -> Autosave:
    """Store the posted form as the draft of its sitting (the caller commits on "saved")."""
    submission, formdata = posted.submission, posted.formdata
    raw = submission_from_form(
        definition_of(posted.version),
        formdata,
        previous=submission.data if submission else None,
    )
    try:
        saved = services.autosave(
            user,
            form_name=posted.form_name,
            data=raw,
            base_version=_base_version(formdata),
            sitting=sittings.clean_token(formdata.get(sittings.FIELD)),
            case=posted.case,
            submission=submission,
        )
    except services.ConflictError as error:
        return Autosave("conflict", current=error.current)
    except services.FinalNotAutosaved:
        return Autosave("final", current=submission)
    except services.SubmissionInvalid as error:
        return Autosave("invalid", errors=error.errors)
    return Autosave("saved", saved=saved)

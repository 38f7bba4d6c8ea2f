"""Saving filled forms: validation, optimistic locking, full revisions, restore and upgrade.

Plain data in, models out; functions flush and the caller commits.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.database import claim_version, utcnow
from app.extensions import db
from app.family import services as family
from app.formengine import FormDefinition, carry_over, default_data, validate_submission
from app.forms.definitions import current_version, definition_of, list_forms
from app.goals import sheet as goal_sheet
from app.models import (
    Case,
    FormVersion,
    Submission,
    SubmissionRevision,
    SubmissionStatus,
    User,
)
from app.models.case import local_today
from app.submissions import sittings
from app.team.services import member_role_text
from app.vocabularies.services import load_vocabularies
from app.web.i18n import NOTE_RESTORED, NOTE_UPDATED
from excel_tools.messages import Message

STATUSES = {s.value for s in SubmissionStatus}


class ConflictError(Exception):
    """Someone saved the submission after the version the user started from."""

    def __init__(self, current: Submission | None):
        super().__init__("conflict")
        self.current = current


class SubmissionInvalid(ValueError):
    """The data did not validate; errors by field path."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def people_for_case(case: Case | None) -> list[dict[str, str]]:
    """The core team as choices for `person` fields: coordinator first, then members, then
    the child and the parents from the case's family (a goal may be theirs)."""
    if case is None:
        return []
    people = []
    if case.coordinator:
        people.append(
            {
                "value": str(case.coordinator.id),
                "label": f"{case.coordinator.name} (familiekoordinator)",
            }
        )
    for member in case.members:
        text = member_role_text(member)
        role = f" ({text})" if text else ""
        people.append({"value": str(member.user.id), "label": f"{member.user.name}{role}"})
    return people + family.goal_owner_choices(case)


def find_case_submission(case: Case, form_name: str) -> Submission | None:
    """The case's one submission of a case-scope form, if any."""
    return db.session.scalar(
        select(Submission).where(Submission.case_id == case.id, Submission.form_name == form_name)
    )


def municipal_submissions(form_name: str) -> list[Submission]:
    """The municipality's documents of one form, newest first."""
    return list(
        db.session.scalars(
            select(Submission)
            .where(Submission.case_id.is_(None), Submission.form_name == form_name)
            .order_by(Submission.updated_at.desc())
        )
    )


def new_form_data(version: FormVersion) -> dict[str, Any]:
    """The starting values of a new submission (defaults and prefilled rows)."""
    return default_data(definition_of(version), vocabularies=load_vocabularies())


def validate(version: FormVersion, data: Any, *, final: bool, case: Case | None):
    """Validate data against a stored definition version (web and API share this).

    The messages use the form's own texts in the request's language (Danish by default).
    """
    return validate_submission(
        definition_of(version),
        data,
        final=final,
        vocabularies=load_vocabularies(),
        people=people_for_case(case),
        locale=str(get_locale() or "da"),
    )


def _title(definition: FormDefinition, data: dict[str, Any]) -> str:
    """A municipal document's title: its own `title` field, else the form's title."""
    title = data.get("title")
    return (title if isinstance(title, str) and title.strip() else definition.title.da)[:200]


def save(
    user: User,
    *,
    form_name: str,
    data: Any,
    status: str,
    base_version: int | None,
    case: Case | None = None,
    submission: Submission | None = None,
    note: str = "",
    definition_version: FormVersion | None = None,
    sitting: str | None = None,
    autosave: bool = False,
) -> Submission:
    """Validate and store a submission, keeping a full revision (one per editing sitting).

    `base_version` is the version the user edited (None for a first save). Race-safe: an
    existing submission moves to the next version by a conditional UPDATE, and a case's first
    save inserts against the unique (case, form) constraint, so of two saves of the same
    version (or two first saves) exactly one succeeds and the other raises ConflictError with
    what is stored now. A draft may leave required fields empty; a final may not.
    ``definition_version`` saves against another version of the form (restore, upgrade).
    ``sitting`` names the page load the save comes from: its saves share one revision
    (`sittings`). An ``autosave`` is audited once per sitting, a deliberate save every time.
    """
    if status not in STATUSES:
        raise SubmissionInvalid({"status": [_("Status skal være »draft« eller »final«.")]})
    if submission is None and case is not None:
        submission = find_case_submission(case, form_name)
    if submission is not None and base_version != submission.version:
        raise ConflictError(submission)
    if submission is None and base_version is not None:
        raise ConflictError(None)
    version = definition_version or (
        submission.definition if submission else current_version(form_name)
    )
    if version is None:
        raise LookupError(form_name)
    definition = definition_of(version)
    final = status == SubmissionStatus.FINAL
    if goal_sheet.applies(form_name, definition):
        data = goal_sheet.assign_keys(definition, data)
    result = validate(version, data, final=final, case=case)
    errors = dict(result.errors)
    if final and goal_sheet.applies(form_name, definition):
        # The municipality's criteria for a final plan, on top of the form's own checks.
        locale = str(get_locale() or "da")
        for path, messages in goal_sheet.final_problems(
            definition, result.cleaned, submission, locale=locale
        ).items():
            errors.setdefault(path, []).extend(messages)
    if errors:
        raise SubmissionInvalid(errors)
    now = utcnow()
    if submission is None:
        submission = _first_save(form_name, case, version, now)
    elif not claim_version(submission, base_version):
        raise ConflictError(_stored_now(submission))
    submission.definition = version
    submission.data = result.cleaned
    submission.status = status
    submission.updated_at, submission.updated_by_id = now, user.id
    if case is None:
        submission.title = _title(definition, result.cleaned)
    else:
        case.updated_at = now
        if final and form_name == goal_sheet.GOALS_FORM and case.plan_first_final_on is None:
            case.plan_first_final_on = local_today()  # the plan's date, for leaders' figures
    db.session.flush()
    opened = sittings.keep_revision(submission, user, note=note, sitting=sitting, autosave=autosave)
    if opened or not autosave:
        audit.record(
            "submission_autosaved" if autosave else "submission_saved",
            submission,
            actor=user,
            form=form_name,
            version=submission.version,
            status=status,
        )
    return submission


class FinalNotAutosaved(Exception):
    """A final submission changes only by a deliberate save (it would become a draft)."""


def autosave(
    user: User,
    *,
    form_name: str,
    data: Any,
    base_version: int | None,
    sitting: str | None,
    case: Case | None = None,
    submission: Submission | None = None,
) -> Submission:
    """Quietly store what someone is typing as the draft, with the same version check as a
    save: a newer save by anyone else raises ConflictError and overwrites nothing.

    A final submission is never autosaved (FinalNotAutosaved): turning it back into a draft
    is a choice the person confirms."""
    if submission is None and case is not None:
        submission = find_case_submission(case, form_name)
    if submission is not None and submission.status == SubmissionStatus.FINAL:
        if base_version != submission.version:
            raise ConflictError(submission)
        raise FinalNotAutosaved()
    return save(
        user,
        form_name=form_name,
        data=data,
        status=SubmissionStatus.DRAFT,
        base_version=base_version,
        case=case,
        submission=submission,
        sitting=sitting,
        autosave=True,
    )


def _first_save(form_name: str, case: Case | None, version: FormVersion, now) -> Submission:
    """Insert a new submission at version 1; a case's form exists once (unique constraint),
    so the later of two simultaneous first saves raises ConflictError with the winner's."""
    submission = Submission(
        form_name=form_name,
        case_id=case.id if case else None,
        definition_id=version.id,
        version=1,
        created_at=now,
    )
    try:
        with db.session.begin_nested():
            db.session.add(submission)
            db.session.flush()
    except IntegrityError:
        raise ConflictError(find_case_submission(case, form_name) if case else None) from None
    return submission


def _stored_now(submission: Submission) -> Submission | None:
    """The submission as another save left it (None when it is gone)."""
    db.session.expire(submission)
    return db.session.get(Submission, submission.id)


def get_revision(submission: Submission, version: int) -> SubmissionRevision | None:
    """One saved revision of a submission."""
    return db.session.scalar(
        select(SubmissionRevision).where(
            SubmissionRevision.submission_id == submission.id, SubmissionRevision.version == version
        )
    )


def restore(
    user: User, submission: Submission, revision_version: int, base_version: int
) -> Submission:
    """Make an older revision the newest one again (as a draft, with its own form version)."""
    revision = get_revision(submission, revision_version)
    if revision is None:
        raise LookupError(revision_version)
    return save(
        user,
        form_name=submission.form_name,
        data=revision.data,
        status=SubmissionStatus.DRAFT,
        base_version=base_version,
        case=submission.case,
        submission=submission,
        note=str(Message(NOTE_RESTORED, version=revision_version)),
        definition_version=db.session.get(FormVersion, revision.definition_id),
    )


def _filled(data: dict[str, Any]) -> dict[str, Any]:
    """The data without empty values, so only real content counts as dropped."""
    filled = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = [_filled(row) if isinstance(row, dict) else row for row in value]
        if value not in (None, "", [], {}):
            filled[key] = value
    return filled


def upgrade_preview(submission: Submission) -> tuple[FormVersion, dict[str, Any], list[str]]:
    """What updating to the newest form would keep and drop: (newest, kept data, dropped)."""
    newest = current_version(submission.form_name)
    kept, dropped = carry_over(
        definition_of(newest),
        _filled(submission.data or {}),
        vocabularies=load_vocabularies(),
        people=people_for_case(submission.case),
    )
    return newest, kept, dropped


def upgrade(user: User, submission: Submission, base_version: int) -> list[str]:
    """Move a submission to the newest form version; returns the dropped field paths."""
    if base_version != submission.version:
        raise ConflictError(submission)
    newest, kept, dropped = upgrade_preview(submission)
    save(
        user,
        form_name=submission.form_name,
        data=kept,
        status=SubmissionStatus.DRAFT,
        base_version=base_version,
        case=submission.case,
        submission=submission,
        note=str(Message(NOTE_UPDATED, version=newest.version)),
        definition_version=newest,
    )
    return dropped


def as_json(submission: Submission) -> dict[str, Any]:
    """A submission as the API returns it."""
    return {
        "id": submission.id,
        "version": submission.version,
        "status": submission.status,
        "data": submission.data,
        "definition_version": submission.definition.version,
        "updated_at": submission.updated_at.isoformat(),
        "updated_by": (
            {"id": submission.updated_by.id, "name": submission.updated_by.name}
            if submission.updated_by
            else None
        ),
        "title": submission.title,
    }


def case_forms_overview(case: Case) -> list[tuple[FormVersion, Submission | None]]:
    """Each case-scope form with the case's submission of it (None when not started)."""
    return [(f.current, find_case_submission(case, f.name)) for f in list_forms(scope="case")]


def municipal_overview() -> list[tuple[FormVersion, list[Submission]]]:
    """Each municipality-scope form with its documents."""
    return [(f.current, municipal_submissions(f.name)) for f in list_forms(scope="municipality")]

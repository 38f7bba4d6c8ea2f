"""Editing sittings: one revision per sitting, however often it autosaves.

A sitting is one page load of a form by one person: the page carries a random token
(`new_token`) and posts it with every autosave and save. The sitting's first save adds a
revision; its later saves update that revision in place (data, version, time) as long as it
is still the submission's newest revision, saved by the same person, as a draft. A save by
someone else in between, or a final save, closes it: the next save starts a new revision.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select

from app.extensions import db
from app.models import Submission, SubmissionRevision, SubmissionStatus, User
from app.web.i18n import NOTE_AUTOSAVED

#: The form field that carries the sitting's token.
FIELD = "_sitting"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,40}")


def new_token() -> str:
    """A fresh sitting token for a page load."""
    return secrets.token_urlsafe(16)


def clean_token(value: object) -> str | None:
    """A posted sitting token, or None when it is missing or not one of ours."""
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else None


def open_revision(submission: Submission, user: User, sitting: str | None):
    """The sitting's revision that a save may still update in place, or None."""
    if sitting is None:
        return None
    newest = db.session.scalar(
        select(SubmissionRevision)
        .where(SubmissionRevision.submission_id == submission.id)
        .order_by(SubmissionRevision.version.desc())
        .limit(1)
    )
    if (
        newest is not None
        and newest.sitting == sitting
        and newest.saved_by_id == user.id
        and newest.status == SubmissionStatus.DRAFT
    ):
        return newest
    return None


def keep_revision(
    submission: Submission,
    user: User,
    *,
    note: str = "",
    sitting: str | None = None,
    autosave: bool = False,
) -> bool:
    """Store the submission as it is now in its sitting's revision; True when a new
    revision was added (the sitting's first save), False when the open one was updated.

    An autosave notes itself as such; a deliberate save in the same sitting replaces that
    note with its own, since the revision then holds what the person chose to save."""
    revision = open_revision(submission, user, sitting)
    text = str(NOTE_AUTOSAVED) if autosave and not note else note
    added = revision is None
    if revision is None:
        revision = SubmissionRevision(
            submission_id=submission.id, saved_by_id=user.id, sitting=sitting, note=text
        )
        db.session.add(revision)
    elif not autosave or revision.note == str(NOTE_AUTOSAVED):
        revision.note = text
    revision.version = submission.version
    revision.definition_id = submission.definition_id
    revision.status = submission.status
    revision.data = submission.data
    revision.saved_at = submission.updated_at
    db.session.flush()
    return added

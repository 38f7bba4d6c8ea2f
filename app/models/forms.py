"""Form definitions (immutable versions), submissions and their full revision history."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.case import Case
from app.models.user import User


class SubmissionStatus(enum.StrEnum):
    """A submission is a draft until it is finalised (fully validated)."""

    DRAFT = "draft"
    FINAL = "final"


class FormVersion(db.Model):
    """One published version of a form's YAML definition. Never changed once stored."""

    __tablename__ = "form_definitions"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column()
    source: Mapped[str] = mapped_column(Text)  # the YAML exactly as published
    checksum: Mapped[str] = mapped_column(String(64))  # sha256 of source
    scope: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20), default="local")  # builtin | local
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship()


class CurrentFormVersion(db.Model):
    """Which version of each form new submissions use (publishing or reverting moves it)."""

    __tablename__ = "current_form_versions"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("form_definitions.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    definition: Mapped[FormVersion] = relationship()


class Submission(db.Model):
    """A filled form: per case (scope case) or per municipality (scope municipality)."""

    __tablename__ = "submissions"
    # A case holds each case form once: the unique index makes the later of two simultaneous
    # first saves fail (municipal documents have no case, and NULLs never collide).
    __table_args__ = (Index("ix_submissions_case_form", "case_id", "form_name", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_name: Mapped[str] = mapped_column(String(100), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    definition_id: Mapped[int] = mapped_column(ForeignKey("form_definitions.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default=SubmissionStatus.DRAFT.value)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1)  # optimistic lock, +1 per save
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    case: Mapped[Case | None] = relationship(foreign_keys=[case_id])  # not cases.flow_document_id
    definition: Mapped[FormVersion] = relationship()
    updated_by: Mapped[User | None] = relationship()
    revisions: Mapped[list[SubmissionRevision]] = relationship(
        back_populates="submission",
        cascade="all, delete-orphan",
        order_by="SubmissionRevision.version.desc()",
    )


class SubmissionRevision(db.Model):
    """A full copy of a submission as it was saved (who, when, what)."""

    __tablename__ = "submission_revisions"
    __table_args__ = (UniqueConstraint("submission_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column()
    definition_id: Mapped[int] = mapped_column(ForeignKey("form_definitions.id"))
    status: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(200), default="")
    # The editing sitting (one page load) whose autosaves update this revision in place.
    sitting: Mapped[str | None] = mapped_column(String(40))

    submission: Mapped[Submission] = relationship(back_populates="revisions")
    definition: Mapped[FormVersion] = relationship()
    saved_by: Mapped[User | None] = relationship()


class VocabularyOverride(db.Model):
    """The municipality's own list for a shared vocabulary (replaces the built-in default)."""

    __tablename__ = "vocabularies"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class DocumentTemplate(db.Model):
    """A municipality's Word template for a form (versioned; the newest active one is used)."""

    __tablename__ = "document_templates"
    __table_args__ = (UniqueConstraint("form_name", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_name: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column()
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(db.LargeBinary)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship()

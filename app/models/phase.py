"""Where a case is in its case-flow template: the phase, pinned to one saved revision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.case import Case


class CasePhase(db.Model):
    """The case's current phase: (flow document, its revision, the phase's key, since when).

    Pinned to a saved revision of the template, so an edit of the template never moves the
    case; the phase is named by its stable ``key``. One row per case (unique ``case_id``);
    ``step`` counts the moves, so moving on is a conditional update on it and two people
    moving on at once cannot skip a phase. ``phase_name`` is the pinned revision's name of
    the phase (revisions never change), kept here so that lists can show and search it."""

    __tablename__ = "case_phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    flow_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column()  # SubmissionRevision.version of the flow
    phase_key: Mapped[str] = mapped_column(String(40))
    phase_name: Mapped[str] = mapped_column(String(200), index=True)
    step: Mapped[int] = mapped_column(default=1)
    since: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship(backref=backref("phase", uselist=False, passive_deletes=True))

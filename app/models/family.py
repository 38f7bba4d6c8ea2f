"""The family on a case (the child, parents, siblings) and progress readings of its goals.

Family members hold a name, a relation and how to reach them, never a CPR number. Progress
readings are their own rows, not revisions of the goal sheet: a meeting or the family's own
answers can add one later without touching the plan.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.case import Case
from app.models.user import User


class Relation(enum.StrEnum):
    """How a family member is related to the case (stored value)."""

    CHILD = "child"
    MOTHER = "mother"
    FATHER = "father"
    PARENT = "parent"  # another parent or person with custody
    SIBLING = "sibling"
    OTHER = "other"


class FamilyMember(db.Model):
    """One person in the family of a case."""

    __tablename__ = "family_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    notes: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    case: Mapped[Case] = relationship()

    def __repr__(self) -> str:
        return f"<FamilyMember {self.id} case={self.case_id}>"


class ReadingSource(enum.StrEnum):
    """Where a progress reading came from (more sources later: meetings, the family)."""

    WEB = "web"  # typed on the case's SMARTE page
    API = "api"
    MEETING = "meeting"
    FAMILY = "family"


class GoalReading(db.Model):
    """One reading of a goal's progress on the ruler (1–10), with a date and a short note.

    ``goal_key`` is the goal's stable key in the goal sheet (the ``key`` column of the
    ``goals`` repeat), so readings stay with their goal when goals are reordered or edited.
    """

    __tablename__ = "goal_readings"
    __table_args__ = (Index("ix_goal_readings_case_goal", "case_id", "goal_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    goal_key: Mapped[str] = mapped_column(String(20))
    measured_on: Mapped[date] = mapped_column()
    value: Mapped[int] = mapped_column()
    note: Mapped[str] = mapped_column(String(300), default="")
    # Who gave the reading: a family member, a staff member or a free text ("skolen").
    family_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("family_members.id", ondelete="SET NULL")
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    given_by: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(20), default=ReadingSource.WEB.value)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    family_member: Mapped[FamilyMember | None] = relationship()
    staff: Mapped[User | None] = relationship(foreign_keys=[staff_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])

"""Meetings of a case: planned, then held with minutes, decisions and agreements.

A meeting is planned (kind, time, place, participants, agenda) and later recorded (when it
was held, the minutes and who took them, decisions, agreements, the next meeting's date).
Its ``version`` is bumped by a conditional UPDATE on every save, so two people editing the
same minutes cannot silently overwrite each other (the loser gets a conflict).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.case import Case


class Meeting(db.Model):
    """One meeting of a case (``kind`` is a key of the ``meeting_types`` vocabulary)."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(200), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    agenda_by_family: Mapped[bool] = mapped_column(default=False)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    minutes: Mapped[str] = mapped_column(Text, default="")
    # A participant as a person value: "<user id>" (core team) or "familie-<id>"; the name as
    # it was when the minutes were taken stays in minute_taker_name.
    minute_taker: Mapped[str] = mapped_column(String(40), default="")
    minute_taker_name: Mapped[str] = mapped_column(String(200), default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    next_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), nullable=True
    )
    # Progress readings taken at this meeting (goal_readings ids).
    reading_ids: Mapped[list | None] = mapped_column(JSON, nullable=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    case: Mapped[Case] = relationship()
    participants: Mapped[list[MeetingParticipant]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="MeetingParticipant.position",
    )
    agreements: Mapped[list[MeetingAgreement]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="MeetingAgreement.position",
    )
    next_meeting: Mapped[Meeting | None] = relationship(remote_side="Meeting.id")

    @property
    def held(self) -> bool:
        """True once the meeting has been recorded as held."""
        return self.held_at is not None

    def __repr__(self) -> str:
        return f"<Meeting {self.id} case={self.case_id} {self.kind}>"


class MeetingParticipant(db.Model):
    """Who takes part: someone on the core team, a family member, or an external partner."""

    __tablename__ = "meeting_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # "team" | "family" | "external"
    group: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    family_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("family_members.id", ondelete="SET NULL"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="participants")


class MeetingAgreement(db.Model):
    """An agreement made at a meeting: what, who, by when; open until marked done."""

    __tablename__ = "meeting_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    what: Mapped[str] = mapped_column(String(500))
    who: Mapped[str] = mapped_column(String(200), default="")
    by_when: Mapped[date | None] = mapped_column(nullable=True)
    done: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="agreements")

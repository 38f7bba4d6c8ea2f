"""A family's case and the people on its core team."""

from __future__ import annotations

import enum
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.user import User


def local_today() -> date:
    """Today in the configured time zone (ENINDGANG_TIMEZONE): the day a referral is dated."""
    from app.web.i18n import current_zone  # imported late: the web layer builds on the models

    return datetime.now(ZoneInfo(current_zone())).date()


class CaseStatus(enum.StrEnum):
    """Where a case is in its life."""

    OPEN = "open"
    CLOSED = "closed"
    HANDED_OVER = "handed_over"  # to adult services (voksenområdet); reopening is possible


class Case(db.Model):
    """One child's and family's case (sag)."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_updated_at", "status", "updated_at"),
        # The case list's default order and the dashboard at 100,000 cases (migration 0022).
        Index("ix_cases_updated_at_id", "updated_at", "id"),
        Index(
            "ix_cases_status_coordinator_follow_up", "status", "coordinator_id", "next_follow_up"
        ),
        Index("ix_cases_plan_first_final_on", "plan_first_final_on"),
        Index("ix_cases_status_plan_first_final_on", "status", "plan_first_final_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(50), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=CaseStatus.OPEN.value)
    # What controllers see instead of the title; empty means "Sag <reference>".
    neutral_title: Mapped[str] = mapped_column(String(200), default="")
    # The municipality's case-flow document (a /dokumenter "sagsforloeb") the case follows.
    flow_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="SET NULL", use_alter=True)
    )
    # Month and year only: enough to plan the transitions at 16 and 18, not an identifier.
    birth_month: Mapped[int | None] = mapped_column()
    birth_year: Mapped[int | None] = mapped_column()
    # The next follow-up, stored so lists sort and filter on it in SQL; app.followup.services
    # recomputes it whenever its inputs change. The rule key names the rule that decided it.
    next_follow_up: Mapped[date | None] = mapped_column(Date, index=True)
    next_follow_up_rule: Mapped[str | None] = mapped_column(String(40))
    # The day the referral came in (editable: a case is often opened days after it); by
    # default the local day the case was opened. Leaders' "time from referral to plan".
    referred_on: Mapped[date] = mapped_column(Date, default=local_today)
    # The local day the joint plan (the SMARTE sheet) was first saved as final; set once by
    # app.submissions.services.save and never moved, so dashboards read it without a join.
    plan_first_final_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    coordinator: Mapped[User | None] = relationship()
    members: Mapped[list[CaseMember]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseMember.id"
    )
    paragraphs: Mapped[list[CaseParagraph]] = relationship(
        cascade="all, delete-orphan", order_by="CaseParagraph.id"
    )
    events: Mapped[list[CaseEvent]] = relationship(
        cascade="all, delete-orphan", order_by="CaseEvent.id.desc()"
    )
    partners: Mapped[list[CasePartner]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CasePartner.id"
    )

    @property
    def paragraph_keys(self) -> list[str]:
        """The keys (paragraphs vocabulary values) of the law paragraphs the case holds."""
        return [p.key for p in self.paragraphs]

    def __repr__(self) -> str:
        return f"<Case {self.id}>"


class CaseMember(db.Model):
    """A user on a case's core team (kerneteam), with the role they have there."""

    __tablename__ = "case_members"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # A key of the ``roles`` vocabulary ("" when none is chosen): what the member may do
    # follows from it (app/authz.py). ``team_note`` is a free label beside it, e.g. the free
    # text of team roles written before the vocabulary was used (migration 0014).
    team_role: Mapped[str] = mapped_column(String(100), default="")
    team_note: Mapped[str] = mapped_column(String(100), default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class CasePartner(db.Model):
    """An external partner on the core team without a login (a private school's teacher, a
    hospital's nurse, a psychologist in private practice). Partners never get a user account:
    they are contact rows, reached by phone and e-mail, and can take part in meetings."""

    __tablename__ = "case_partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")  # a ``roles`` vocabulary key
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="partners")


class CaseParagraph(db.Model):
    """A law paragraph the case holds (a value of the paragraphs vocabulary).

    A row per paragraph rather than a JSON list, so that lists can search by paragraph and
    later rules (follow-up cadence) can select cases by it in SQL."""

    __tablename__ = "case_paragraphs"
    __table_args__ = (UniqueConstraint("case_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100), index=True)


class CaseEventKind(enum.StrEnum):
    """The steps of a case's life that carry a note for the people on the case."""

    COORDINATOR_CHANGED = "coordinator_changed"
    CLOSED = "closed"
    REOPENED = "reopened"
    HANDED_OVER = "handed_over"
    PHASE_CHANGED = "phase_changed"  # started the flow or moved on (app/phases)
    FLOW_REPINNED = "flow_repinned"  # now follows a newer revision of its template


class CaseEvent(db.Model):
    """One step in the case's life with the note written for colleagues (case text).

    The audit trail records the same step with ids only; the note lives here, beside the
    case, because the trail must never hold case text."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    effective_on: Mapped[date | None] = mapped_column(Date)  # the handover's date
    from_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    to_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # A phase step: the phases' names as the pinned template revision gave them.
    phase_from: Mapped[str | None] = mapped_column(String(200))
    phase_to: Mapped[str | None] = mapped_column(String(200))

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    from_user: Mapped[User | None] = relationship(foreign_keys=[from_user_id])
    to_user: Mapped[User | None] = relationship(foreign_keys=[to_user_id])

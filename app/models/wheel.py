"""The family's year wheel (årshjul) and each user's personal calendar feed.

The wheel is 12 months of a case's planned activities, given by month without a date
[Socialstyrelsen, *Sammen om familien*, "Mere systematisk og hyppig opfølgning med et
årshjul"]. ``CaseWheel`` holds where the 12 months start and the version that guards
concurrent edits (a conditional UPDATE, as for meetings); ``WheelActivity`` is one activity.

``CalendarFeed`` is a secret URL a user's calendar subscribes to; only the SHA-256 of its
token is stored (as for API tokens), and it can be revoked and expires.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.user import User


class CaseWheel(db.Model):
    """A case's wheel: its first month and its version (one row per case, once saved)."""

    __tablename__ = "case_wheels"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    # The first day of the wheel's first month; the wheel covers 12 months from it.
    start_month: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    activities: Mapped[list[WheelActivity]] = relationship(
        cascade="all, delete-orphan",
        order_by="WheelActivity.position",
    )


class WheelActivity(db.Model):
    """A planned activity of a month (no date: the model plans by month)."""

    __tablename__ = "wheel_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("case_wheels.case_id", ondelete="CASCADE"), index=True
    )
    month: Mapped[int] = mapped_column()  # 1-12
    # A key of the meeting_types vocabulary, or "other".
    kind: Mapped[str] = mapped_column(String(40))
    purpose: Mapped[str] = mapped_column(String(300), default="")
    who: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)


class CalendarFeed(db.Model):
    """A user's personal calendar feed; only the SHA-256 of its token is stored."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()

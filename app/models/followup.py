"""The recorded, justified decision on a case's follow-up cadence (barnets lov § 95)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.user import User


class CadenceDecision(db.Model):
    """At § 95's first follow-up the municipality sets the further cadence and explains it.

    One row per decision; the newest (by decided_on, then id) is the one in force, so the
    history of decisions stays readable."""

    __tablename__ = "cadence_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    interval_count: Mapped[int] = mapped_column()
    interval_unit: Mapped[str] = mapped_column(String(10))  # "weeks" | "months"
    justification: Mapped[str] = mapped_column(Text)  # case text: never in the audit trail
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    decided_by: Mapped[User | None] = relationship()

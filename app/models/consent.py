"""The family's consents to share information about the case with departments and partners.

A consent is given by a family member of the case, covers some information (a text and/or
categories), some departments (``departments`` vocabulary keys) and some of the case's
external partners, for a purpose, from a date until an expiry date. It can be withdrawn
(date, by whom, a note). Whether it is valid is computed on each request from these dates
(app.consent.services), never stored, so expiry and withdrawal take effect at once.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.case import Case
from app.models.family import FamilyMember
from app.models.user import User


class Consent(db.Model):
    """One consent given for a case."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # Who gave it; SET NULL keeps the record when the family member is taken off the case.
    given_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("family_members.id", ondelete="SET NULL")
    )
    information: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    departments: Mapped[list[str]] = mapped_column(JSON, default=list)
    partner_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    purpose: Mapped[str] = mapped_column(Text, default="")
    given_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    withdrawal_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship()
    given_by: Mapped[FamilyMember | None] = relationship()
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])

    def __repr__(self) -> str:
        return f"<Consent {self.id} case={self.case_id}>"

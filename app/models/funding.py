"""The funding split of a case: one immutable row per saved version.

Every save of a case's split (in the editor, through the API or by importing the workbook)
adds a ``FundingVersion`` holding all lines as JSON; the newest version is the current split.
Rows are never updated, so the history is complete and a diff between any two versions is a
comparison of two JSON documents. The unique (case_id, version) pair is also the optimistic
lock: two saves based on the same version cannot both insert the next number.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.case import Case
from app.models.user import User


class FundingSource(enum.StrEnum):
    """Where a version of the split came from."""

    WEB = "web"
    API = "api"
    EXCEL = "excel"


class FundingVersion(db.Model):
    """One saved version of a case's funding lines (who saved it, when, and how)."""

    __tablename__ = "funding_versions"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column()
    # [{"intervention", "paragraph", "description", "annual_cost": "120000.00", "start":
    #   "2025-01-01", "end": null, "authority_level", "shares": {dept: "60.00"}, "notes"}]
    #   (and since issue 9: "cost_kind", "amount", "quantity", "quantity_unit",
    #   "split_reason"; a line without "cost_kind" is yearly, see app.funding.lines)
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    #: When the split is to be looked at again (the model: the split can be re-assessed).
    review_date: Mapped[date | None] = mapped_column()
    #: Keys of the municipality's joint-funding criteria the case was found to meet.
    criteria_met: Mapped[list[str] | None] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(20), default=FundingSource.WEB.value)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship()
    saved_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<FundingVersion case={self.case_id} v{self.version}>"

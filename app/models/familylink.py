"""The family's side of a case: the contact agreement, personal links, plan acceptances.

- ``ContactAgreement``: how and how often the family wants contact and who coordinates, one
  per case, versioned so that two people editing it cannot silently overwrite each other.
- ``FamilyLink``: a personal link to the family page for one person. Only the SHA-256 of its
  random token is stored (like ``ApiToken``); a one-time code, when asked for, is stored as
  an HMAC with its expiry and the attempts used. ``kind`` is "family" (a family member of
  the case) today; "partner" is reserved for external partners.
- ``PlanAcceptance``: a family member confirmed the plan, with the plan's version.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.models.case import Case, CasePartner
from app.models.family import FamilyMember
from app.models.user import User


class LinkKind(enum.StrEnum):
    """Who a personal link is for (stored value)."""

    FAMILY = "family"  # a family member of the case (a parent, the young person)
    PARTNER = "partner"  # an external partner on the core team (only while a consent names it)


class ContactAgreement(db.Model):
    """How the family wants contact with the core team: channels, how often, who coordinates."""

    __tablename__ = "contact_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), unique=True, index=True
    )
    channels: Mapped[list] = mapped_column(JSON, default=list)  # keys of CHANNELS
    frequency: Mapped[str] = mapped_column(String(200), default="")
    coordinated_by: Mapped[str] = mapped_column(String(20), default="")  # family | adviser
    best_times: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship()
    updated_by: Mapped[User | None] = relationship()


class FamilyLink(db.Model):
    """A personal, expiring, revocable link to the family page for one person."""

    __tablename__ = "family_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default=LinkKind.FAMILY.value)
    family_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("family_members.id", ondelete="CASCADE"), index=True
    )
    # kind "partner": the external partner on the core team the link is for.
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_partners.id", ondelete="CASCADE")
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The optional one-time code sent by e-mail: its HMAC, expiry and the attempts used.
    code_required: Mapped[bool] = mapped_column(default=False)
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    code_attempts: Mapped[int] = mapped_column(default=0)

    case: Mapped[Case] = relationship()
    family_member: Mapped[FamilyMember | None] = relationship()
    partner: Mapped[CasePartner | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    def usable(self, now: datetime | None = None) -> bool:
        """True when the link is neither revoked nor expired."""
        return self.revoked_at is None and self.expires_at > (now or utcnow())

    @property
    def for_partner(self) -> bool:
        """True for a link to an external partner (reads the plan; answers nothing)."""
        return self.kind == LinkKind.PARTNER.value

    @property
    def holder(self) -> FamilyMember | CasePartner | None:
        """The person the link is for: the family member or the partner (None: removed)."""
        return self.partner if self.for_partner else self.family_member


class PlanAcceptance(db.Model):
    """A family member confirmed the family's plan (which version of the goal sheet, when)."""

    __tablename__ = "plan_acceptances"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    family_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("family_members.id", ondelete="SET NULL")
    )
    link_id: Mapped[int | None] = mapped_column(ForeignKey("family_links.id", ondelete="SET NULL"))
    given_by: Mapped[str] = mapped_column(String(200), default="")  # the name as it was
    plan_version: Mapped[int | None] = mapped_column()  # the goal sheet's version
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

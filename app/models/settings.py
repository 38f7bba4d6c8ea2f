"""The municipality's own settings (one row)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: The caseload threshold while the municipality has chosen none: the upper end of the ca.
#: 20–25 cases per caseworker in the earlier project municipalities (Socialstyrelsen,
#: *Modelbeskrivelse: Én familie – én indgang*, 2022, "Passende sagstal"). The model leaves
#: the caseload to each municipality, so this is a product default, not a rule of the model.
DEFAULT_CASELOAD_THRESHOLD = 25
CASELOAD_THRESHOLD_MIN, CASELOAD_THRESHOLD_MAX = 1, 200


class MunicipalitySettings(db.Model):
    """Name and logo of the municipality running this installation."""

    __tablename__ = "municipality_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mimetype: Mapped[str | None] = mapped_column(String(50))
    # Which criteria a final SMARTE plan needs (app/goals/criteria.py); None: the defaults.
    smarte_final_criteria: Mapped[list[str] | None] = mapped_column(JSON)
    #: [{"key", "label", "source"}]; None = the defaults in app.funding.criteria.
    joint_funding_criteria: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    #: The municipality's own status-meeting interval for cases following Én familie – én
    #: indgang or its own model (the model gives no interval): weeks, None = not chosen.
    status_interval_weeks: Mapped[int | None] = mapped_column()
    #: Open cases per family coordinator above which leaders' dashboard marks a coordinator;
    #: None = the product default, DEFAULT_CASELOAD_THRESHOLD.
    caseload_threshold: Mapped[int | None] = mapped_column()
    #: The consent gate (app/consent): on, members of a case's core team see the family's
    #: content only when a valid consent covers their department. A municipality that records
    #: another legal basis for sharing turns it off and writes that basis here; cases show it.
    consent_gate: Mapped[bool] = mapped_column(default=True)
    consent_legal_basis: Mapped[str] = mapped_column(Text, default="")
    #: The municipality's own accessibility statement (tilgængelighedserklæring, typically made
    #: in Digitaliseringsstyrelsen's WAS tool); None: the footer links to the app's own page.
    accessibility_statement_url: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

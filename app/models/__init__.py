"""All models, imported here so that metadata and Alembic see every table."""

from app.models.audit import AuditEvent
from app.models.case import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseMember,
    CaseParagraph,
    CasePartner,
    CaseStatus,
)
from app.models.consent import Consent
from app.models.family import FamilyMember, GoalReading, ReadingSource, Relation
from app.models.familylink import ContactAgreement, FamilyLink, LinkKind, PlanAcceptance
from app.models.followup import CadenceDecision
from app.models.forms import (
    CurrentFormVersion,
    DocumentTemplate,
    FormVersion,
    Submission,
    SubmissionRevision,
    SubmissionStatus,
    VocabularyOverride,
)
from app.models.funding import FundingSource, FundingVersion
from app.models.meeting import Meeting, MeetingAgreement, MeetingParticipant
from app.models.phase import CasePhase
from app.models.settings import MunicipalitySettings
from app.models.user import ApiToken, LoginSession, Role, User
from app.models.wheel import CalendarFeed, CaseWheel, WheelActivity

__all__ = [
    "ApiToken",
    "AuditEvent",
    "CalendarFeed",
    "CadenceDecision",
    "Case",
    "CaseEvent",
    "CaseEventKind",
    "CaseMember",
    "CaseParagraph",
    "CasePartner",
    "CasePhase",
    "CaseStatus",
    "CaseWheel",
    "Consent",
    "ContactAgreement",
    "CurrentFormVersion",
    "DocumentTemplate",
    "FamilyLink",
    "FamilyMember",
    "FormVersion",
    "FundingSource",
    "FundingVersion",
    "GoalReading",
    "LinkKind",
    "LoginSession",
    "Meeting",
    "MeetingAgreement",
    "MeetingParticipant",
    "MunicipalitySettings",
    "PlanAcceptance",
    "ReadingSource",
    "Relation",
    "Role",
    "Submission",
    "SubmissionRevision",
    "SubmissionStatus",
    "User",
    "VocabularyOverride",
    "WheelActivity",
]

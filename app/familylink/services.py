"""Family links: create, list, revoke, open by token, one-time codes, answers, acceptance.

Plain functions; they flush and the caller commits, except the family's own actions, which
commit their audit event at once (a read has no transaction of its own). The family's
actions are audited with no staff actor: the event names the link and the family member
(``by="family_link"``), so the trail says who did it without a user account.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app import audit
from app.consent import services as consent
from app.database import utcnow
from app.extensions import db
from app.family import services as family
from app.familylink import codes
from app.goals import readings
from app.models import (
    Case,
    CasePartner,
    FamilyLink,
    FamilyMember,
    GoalReading,
    LinkKind,
    PlanAcceptance,
    ReadingSource,
    Relation,
    User,
)
from app.models.user import hash_secret

log = logging.getLogger(__name__)

#: Lifetimes a coordinator can choose when creating a link, in days (the product's choices).
DAY_CHOICES = (7, 14, 30, 90)
TOKEN_BYTES = 32
#: Who may get a family link: the young person (relation "child") and the parents.
LINK_RELATIONS = frozenset({Relation.CHILD, Relation.MOTHER, Relation.FATHER, Relation.PARENT})


class LinkError(family.FamilyError):
    """A link that cannot be made; messages by field name."""


@dataclass(frozen=True)
class NewLink:
    """A link just made: the row and its token, shown once and never stored."""

    link: FamilyLink
    token: str


def default_days() -> int:
    """The product's default lifetime of a link (setting FAMILY_LINK_DAYS, 30 days)."""
    return int(current_app.config.get("FAMILY_LINK_DAYS", 30))


def linkable_members(case: Case) -> list[FamilyMember]:
    """The case's family members who may get a link: the young person and the parents."""
    return [m for m in family.list_members(case) if m.relation in LINK_RELATIONS]


#: How a partner is named in the link form's choice of person ("partner-<id>").
PARTNER_PREFIX = "partner-"


def linkable_partners(case: Case) -> list[CasePartner]:
    """The case's external partners (a link for one needs a valid consent naming them)."""
    return sorted(case.partners, key=lambda p: (p.name.casefold(), p.id))


def _holder(case: Case, chosen: Any) -> tuple[FamilyMember | None, CasePartner | None]:
    """The family member or the partner a link form names ("<id>" or "partner-<id>")."""
    text = str(chosen or "")
    if text.startswith(PARTNER_PREFIX) and text[len(PARTNER_PREFIX) :].isdigit():
        wanted = int(text[len(PARTNER_PREFIX) :])
        return None, next((p for p in case.partners if p.id == wanted), None)
    member = family.get_member(case, int(text)) if text.isdigit() else None
    return (member if member is not None and member.relation in LINK_RELATIONS else None), None


def create_link(actor: User, case: Case, member_id: Any, *, days: Any, with_code: bool) -> NewLink:
    """Make a personal link for one family member of the case, or for one external partner
    on its core team whom a valid consent names (the family decides who takes part);
    LinkError on bad input."""
    errors: dict[str, list[str]] = {}
    member, partner = _holder(case, member_id)
    holder = member or partner
    if holder is None:
        errors["member"] = [_("Vælg en forælder eller den unge fra familien på sagen.")]
    elif partner is not None and not consent.partner_covered(case, partner):
        errors["member"] = [
            _(
                "Intet gyldigt samtykke fra familien nævner %(name)s. Registrér samtykket, "
                "før partneren får et link.",
                name=partner.name,
            )
        ]
    lifetime = int(days) if str(days).isdigit() else 0
    if not 1 <= lifetime <= 365:
        errors["days"] = [_("Vælg, hvor længe linket skal virke.")]
    if with_code and holder is not None and not holder.email:
        errors["with_code"] = [
            _("Skriv personens e-mailadresse under Familien, før linket kan kræve en kode.")
        ]
    if errors:
        raise LinkError(errors)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    link = FamilyLink(
        case_id=case.id,
        kind=(LinkKind.PARTNER if partner else LinkKind.FAMILY).value,
        family_member_id=member.id if member else None,
        partner_id=partner.id if partner else None,
        token_hash=hash_secret(token),
        created_at=now,
        created_by_id=actor.id,
        expires_at=now + timedelta(days=lifetime),
        code_required=bool(with_code),
    )
    db.session.add(link)
    db.session.flush()
    audit.record(
        "family_link_created",
        case,
        actor=actor,
        family_link_id=link.id,
        family_member_id=member.id if member else None,
        partner_id=partner.id if partner else None,
        days=lifetime,
        code=bool(with_code),
    )
    return NewLink(link, token)


def links_of(case: Case) -> list[FamilyLink]:
    """The case's links, newest first (revoked and expired ones too)."""
    query = select(FamilyLink).where(FamilyLink.case_id == case.id)
    return list(db.session.scalars(query.order_by(FamilyLink.created_at.desc(), FamilyLink.id)))


def get_link(case: Case, link_id: int) -> FamilyLink | None:
    """One link of the case, or None."""
    link = db.session.get(FamilyLink, link_id)
    return link if link is not None and link.case_id == case.id else None


def revoke_link(actor: User, case: Case, link: FamilyLink) -> None:
    """Stop a link at once (revoking twice changes nothing)."""
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        db.session.flush()
        audit.record("family_link_revoked", case, actor=actor, family_link_id=link.id)


def find(token: str) -> tuple[FamilyLink | None, str]:
    """(the usable link, "ok") for a token, else (None, why): unknown, expired, revoked.

    A refused token is audited (no case for an unknown one) so guessing shows in the trail.
    """
    link = None
    if token and len(token) <= 100:
        link = db.session.scalar(
            select(FamilyLink).where(FamilyLink.token_hash == hash_secret(token))
        )
    why = "ok"
    if link is None:
        why = "unknown"
    elif link.revoked_at is not None:
        why = "revoked"
    elif not link.usable() or link.holder is None:
        why = "expired"
    elif link.for_partner and not consent.partner_covered(link.case, link.partner):
        why = "no_consent"  # withdrawn or expired consent closes a partner's link at once
    if why != "ok":
        audit.record(
            "family_link_refused",
            link.case if link else None,
            actor=None,
            reason=why,
            family_link_id=link.id if link else None,
        )
        db.session.commit()
        return None, why
    return link, why


def record(action: str, link: FamilyLink, **details: Any) -> None:
    """Audit (and commit) something the family did through its link: no staff actor."""
    audit.record(
        action,
        link.case,
        actor=None,
        by="partner_link" if link.for_partner else "family_link",
        family_link_id=link.id,
        family_member_id=link.family_member_id,
        partner_id=link.partner_id,
        **details,
    )
    db.session.commit()


def mark_opened(link: FamilyLink) -> None:
    """The family opened its page: note when, and audit the read."""
    link.last_opened_at = utcnow()
    record("family_link_opened", link, what="family_plan")


# One-time codes -----------------------------------------------------------------------------


def send_code(link: FamilyLink) -> None:
    """Make a new code for the link, store its HMAC and send it to the member's e-mail;
    CodeNotSent (and nothing stored: a code sent earlier still works) when the sender
    fails. The log names the link and the failure's kind, never the address or the code."""
    code = codes.new_code()
    now = utcnow()
    link.code_hash = codes.code_hash(code, link.id)
    link.code_expires_at = codes.expiry(now)
    link.code_attempts = 0
    db.session.flush()
    holder = link.holder
    try:
        codes.sender().send(
            to=holder.email if holder else "",
            code=code,
            link_id=link.id,
            minutes=codes.CODE_MINUTES,
        )
    except (OSError, smtplib.SMTPException) as error:
        db.session.rollback()
        log.warning("family link %s: the code was not sent (%s)", link.id, type(error).__name__)
        raise codes.CodeNotSent from None
    record("family_code_sent", link)


def check_code(link: FamilyLink, typed: str) -> str:
    """ "ok", or why the typed code is refused: "none" (no code sent), "expired", "used_up"
    (too many attempts), "wrong". A refused attempt counts; a right one spends the code."""
    now = utcnow()
    if not link.code_hash or link.code_expires_at is None:
        result = "none"
    elif link.code_attempts >= codes.CODE_ATTEMPTS:
        result = "used_up"
    elif link.code_expires_at <= now:
        result = "expired"
    else:
        link.code_attempts += 1
        result = "ok" if codes.matches(typed or "", link.id, link.code_hash) else "wrong"
    if result == "ok":
        link.code_hash, link.code_expires_at = None, None
    record("family_code_checked", link, result=result)
    return result


# What the family does -----------------------------------------------------------------------


def answer(link: FamilyLink, goal_key: str, value: Any, note: Any) -> GoalReading:
    """The family's "hvordan går det?" on a goal: a reading with source "family" given by
    the link's family member; ReadingError with messages by field."""
    case, member = link.case, link.family_member
    assert member is not None
    reading = readings.add_reading(
        None,
        case,
        goal_key,
        measured_on=date.today(),
        value=value,
        note=note,
        who=family.person_value(member),
        source=ReadingSource.FAMILY,
    )
    record("family_answer_given", link, reading_id=reading.id)
    return reading


def plan_version(case: Case) -> int | None:
    """The version of the goal sheet the family's plan is made from (None: not saved)."""
    sheet = readings.sheet_of(case)
    return sheet.version if sheet else None


def accept_plan(link: FamilyLink) -> PlanAcceptance:
    """The family member confirms the plan as it is now (its version is kept)."""
    member = link.family_member
    acceptance = PlanAcceptance(
        case_id=link.case_id,
        family_member_id=link.family_member_id,
        link_id=link.id,
        given_by=member.name if member else "",
        plan_version=plan_version(link.case),
        accepted_at=utcnow(),
    )
    db.session.add(acceptance)
    db.session.flush()
    record(
        "family_plan_accepted", link, acceptance_id=acceptance.id, version=acceptance.plan_version
    )
    return acceptance


def acceptances(case: Case) -> list[PlanAcceptance]:
    """The case's plan acceptances, newest first."""
    query = select(PlanAcceptance).where(PlanAcceptance.case_id == case.id)
    return list(db.session.scalars(query.order_by(PlanAcceptance.accepted_at.desc())))


def accepted_current(link: FamilyLink) -> PlanAcceptance | None:
    """This person's acceptance of the plan's current version, if given."""
    version = plan_version(link.case)
    query = select(PlanAcceptance).where(
        PlanAcceptance.case_id == link.case_id,
        PlanAcceptance.family_member_id == link.family_member_id,
        PlanAcceptance.plan_version.is_(None)
        if version is None
        else PlanAcceptance.plan_version == version,
    )
    return db.session.scalar(query.order_by(PlanAcceptance.accepted_at.desc()).limit(1))


def family_answers(case: Case, limit: int = 10) -> list[GoalReading]:
    """The family's latest answers on the case's goals, newest first."""
    query = (
        select(GoalReading)
        .where(GoalReading.case_id == case.id, GoalReading.source == ReadingSource.FAMILY.value)
        .order_by(GoalReading.recorded_at.desc(), GoalReading.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def link_state(link: FamilyLink, now: datetime | None = None) -> str:
    """ "active", "revoked" or "expired", for the list on the case."""
    if link.revoked_at is not None:
        return "revoked"
    return "active" if link.usable(now) else "expired"

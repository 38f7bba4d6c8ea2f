"""The demo family's contact agreement, a working link for Sofie (the mother), one answer
she gave on a goal and her acceptance of the plan.

Real links get a random token that is shown once and stored only as a hash. The demo link's
token is fixed and published (``DEMO_FAMILY_TOKEN``, printed by ``enindgang demo``) so that
a newcomer can open the family page at once; it exists only in the demo data, like the demo
passwords. Each run renews it (30 days, not revoked). Idempotent like the rest of the demo.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.database import utcnow
from app.extensions import db
from app.family import contact
from app.family import services as family
from app.familylink import services
from app.goals import readings
from app.models import Case, FamilyLink, LinkKind, PlanAcceptance, ReadingSource, User
from app.models.user import hash_secret

#: Published on purpose: the demo is for trying the app on one's own machine.
DEMO_FAMILY_TOKEN = "demo-familie-sofie-2026"  # noqa: S105 (published, demo only)
#: The demo partner's link (published too): the family's consent names the partner.
DEMO_PARTNER_TOKEN = "demo-partner-2026"  # noqa: S105 (published, demo only)
DEMO_LINK_DAYS = 30


def demo_family_path() -> str:
    """The demo family page's path (the server's address goes in front)."""
    return f"/familie/{DEMO_FAMILY_TOKEN}"


def demo_partner_path() -> str:
    """The demo partner's page (the family's plan, read-only, while the consent names them)."""
    return f"/familie/{DEMO_PARTNER_TOKEN}"


def seed_family_view(coordinator: User, case: Case) -> None:
    """The contact agreement, Sofie's link, her answer on the first goal and her yes."""
    if contact.agreement_of(case) is None:
        contact.save_agreement(
            coordinator,
            case,
            {
                "channels": ["phone", "sms"],
                "frequency": "Hver 14. dag, og ellers når der er nyt",
                "coordinated_by": "adviser",
                "best_times": "Hverdage efter kl. 15",
                "notes": "Sofie vil helst have en SMS først, så ringer hun tilbage.",
            },
            0,
        )
    mother = next((m for m in family.list_members(case) if m.relation == "mother"), None)
    if mother is None:
        return
    link = _demo_link(coordinator, case, DEMO_FAMILY_TOKEN, family_member_id=mother.id)
    partner = next(iter(services.linkable_partners(case)), None)
    if partner is not None:  # app.demo_team's partner, named in the family's consent
        _demo_link(coordinator, case, DEMO_PARTNER_TOKEN, partner_id=partner.id)
    goals = readings.goals_of(case)
    if goals and not services.family_answers(case, limit=1):
        readings.add_reading(
            None,
            case,
            goals[0].key,
            measured_on=date.today() - timedelta(days=2),
            value=6,
            note="Emma sover bedre, når vi holder fast i aftenrutinen.",
            who=family.person_value(mother),
            source=ReadingSource.FAMILY,
        )
    if not services.acceptances(case):
        db.session.add(
            PlanAcceptance(
                case_id=case.id,
                family_member_id=mother.id,
                link_id=link.id,
                given_by=mother.name,
                plan_version=services.plan_version(case),
                accepted_at=utcnow() - timedelta(days=1),
            )
        )
    db.session.flush()


def _demo_link(
    coordinator: User,
    case: Case,
    token: str,
    *,
    family_member_id: int | None = None,
    partner_id: int | None = None,
) -> FamilyLink:
    """A demo link with its published token, made or renewed for 30 days."""
    digest = hash_secret(token)
    link = db.session.scalar(select(FamilyLink).where(FamilyLink.token_hash == digest))
    now = utcnow()
    if link is None:
        link = FamilyLink(
            case_id=case.id,
            kind=(LinkKind.PARTNER if partner_id else LinkKind.FAMILY).value,
            family_member_id=family_member_id,
            partner_id=partner_id,
            token_hash=digest,
            created_at=now,
            created_by_id=coordinator.id,
        )
        db.session.add(link)
    link.expires_at = now + timedelta(days=DEMO_LINK_DAYS)
    link.revoked_at = None
    db.session.flush()
    return link

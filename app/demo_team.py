"""The demo's core team across departments and the family's consent (issue 11).

Per PPR (PPR) and Sara Skole (the school) are members on the demo family's core team; an
external partner without a login is on it too. The mother's consent covers PPR and the
partner but not the school, so Sara sees the case without the family's content and "Hvem kan
se hvad" says why. A second consent, to the health visitors, expires within the month and
shows on Karen's "Mine sager". Idempotent like the rest of the demo.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.consent import services as consent
from app.family import services as family
from app.models import Case, CaseMember, User
from app.team import services as team

KOORDINATOR = "koordinator@demo.enindgang.dk"
SKOLE = "skole@demo.enindgang.dk"


def seed_team_and_consent(
    users: dict[str, User], case: Case, departments: dict[str, str | None]
) -> None:
    """Departments on the demo users, Sara on the team, a partner, and two consents."""
    for email, department in departments.items():
        if department and users[email].department is None:  # an admin's choice is kept
            users[email].department = department
    coordinator = users[KOORDINATOR]
    if not any(m.user_id == users[SKOLE].id for m in case.members):
        case.members.append(CaseMember(user_id=users[SKOLE].id, team_role="laerer"))
    partner = case.partners[0] if case.partners else None
    if partner is None:
        partner = team.add_partner(
            coordinator,
            case,
            {
                "organisation": "Ergoterapeuterne i Midtbyen (privat praksis)",
                "role": "terapeut",
                "name": "Lone Lund",
                "phone": "33 44 55 66",
                "email": "lone@example.dk",
            },
        )
    if consent.list_consents(case):
        return
    mother = next(m for m in family.list_members(case) if m.relation == "mother")
    today = date.today()
    consent.record_consent(
        coordinator,
        case,
        {
            "given_by_id": mother.id,
            "categories": ["plans", "forms", "meetings"],
            "information": "Emmas trivsel og udvikling i skolen og hjemme.",
            "departments": ["boern_familie", "ppr"],
            "partner_ids": [partner.id],
            "purpose": "At PPR og ergoterapeuten kan deltage i kerneteamets møder og planen.",
            "given_on": today - timedelta(days=60),
            "expires_on": today + timedelta(days=300),
        },
    )
    consent.record_consent(
        coordinator,
        case,
        {
            "given_by_id": mother.id,
            "categories": ["health"],
            "departments": ["sundhed"],
            "purpose": "Sundhedsplejens opfølgning på Noahs søvn.",
            "given_on": today - timedelta(days=340),
            "expires_on": today + timedelta(days=20),
        },
    )

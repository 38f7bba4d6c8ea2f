"""A case with a family, a coordinator and two members from other departments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.consent import services as consent
from app.extensions import db
from app.family import services as family
from app.models import Case, CaseMember, User


@dataclass
class Team:
    """The case and its people."""

    case: Case
    coordinator: User
    ppr: User  # a member from PPR
    school: User  # a member from the school
    mother_id: int


def team_case(make_user, make_case) -> Team:
    """A case coordinated by a coordinator, with a PPR and a school member (team roles set)."""
    coordinator = make_user("coordinator")
    ppr, school = make_user("member"), make_user("member")
    ppr.department, school.department = "ppr", "skole_dagtilbud"
    case = make_case(coordinator=coordinator, title="Familien Hemmelig")
    case.members.append(CaseMember(user_id=ppr.id, team_role="ppr_psykolog"))
    case.members.append(CaseMember(user_id=school.id, team_role="laerer"))
    mother = family.add_member(coordinator, case, {"name": "Sofie", "relation": "mother"})
    db.session.commit()
    return Team(case, coordinator, ppr, school, mother.id)


def give(team: Team, departments, days_left: int = 200, partners=(), given_days_ago: int = 10):
    """Record a consent for the departments (and partners); committed."""
    today = date.today()
    row = consent.record_consent(
        team.coordinator,
        team.case,
        {
            "given_by_id": team.mother_id,
            "categories": ["plans"],
            "departments": list(departments),
            "partner_ids": [str(p) for p in partners],
            "purpose": "Samarbejde om Emmas skolegang.",
            "given_on": today - timedelta(days=given_days_ago),
            "expires_on": today + timedelta(days=days_left),
        },
    )
    db.session.commit()
    return row

"""A family case with a plan, money, internal notes and meetings, and links into it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.family import services as family
from app.familylink import services as links
from app.funding import services as funding
from app.models import Case, FamilyMember, FundingSource, Meeting, MeetingAgreement, User
from tests.funding.support import api_lines
from tests.goals.support import full_goal, save_sheet

#: Text that must never reach the family's page: the staff's notes and the money.
INTERNAL = (
    "Tolk bestilt via INTERN-NOTE",  # the family member's staff notes
    "Aftalt på analysemødet",  # a funding line's note
    "Weekendaflastning hver 3. weekend",  # a funding line's description
    "REFERAT-KUN-FOR-TEAMET",  # a held meeting's minutes
    "BESLUTNING-INTERN",  # a held meeting's decisions
    "120.000",
    "120000",
    " kr.",
    "Beslutningskompetence",
)


@dataclass
class FamilyCase:
    """What `family_case` made: the case, its parent (with e-mail) and the goals' keys."""

    case: Case
    parent: FamilyMember
    child: FamilyMember
    keys: list[str]


def family_case(make_case, make_user, title="Familien Hansen", goal="Ro ved sengetid"):
    """A case with a mother (e-mail), a child, a final goal sheet of two goals with a
    sub-goal and an agreement, a funding split, a held meeting with minutes and an open
    agreement, and a planned meeting."""
    coordinator = make_user("coordinator", name=f"Koordinator {title}")
    coordinator.phone = "12 34 56 78"
    case = make_case(coordinator=coordinator, title=title)
    parent = family.add_member(
        coordinator,
        case,
        {
            "name": f"Mor {title}",
            "relation": "mother",
            "email": "mor@example.dk",
            "notes": "Tolk bestilt via INTERN-NOTE",
        },
    )
    child = family.add_member(coordinator, case, {"name": f"Barn {title}", "relation": "child"})
    owner = family.person_value(parent)
    goals = [
        full_goal(
            owner,
            title=goal,
            subgoals=[{"text": "Fast tid for tandbørstning", "deadline": None, "status": "i_gang"}],
            agreements=[{"what": "Far læser godnathistorie", "who": "Far", "by_when": None}],
        ),
        full_goal(owner, title="Skolen hver dag"),
    ]
    sheet = save_sheet(case, goals, family_wishes="Vi vil have roligere aftener")
    funding.save_raw(coordinator, case, api_lines(), base_version=None, source=FundingSource.API)
    now = datetime.now(UTC)
    held = Meeting(
        case_id=case.id,
        kind="status",
        starts_at=now - timedelta(days=7),
        held_at=now - timedelta(days=7),
        minutes="REFERAT-KUN-FOR-TEAMET",
        decisions="BESLUTNING-INTERN",
    )
    held.agreements = [MeetingAgreement(position=0, what="Mor ringer til skolen", who="Mor")]
    db.session.add(held)
    db.session.add(
        Meeting(
            case_id=case.id, kind="status", starts_at=now + timedelta(days=10), place="Rådhuset"
        )
    )
    db.session.commit()
    return FamilyCase(case, parent, child, [g["key"] for g in sheet.data["goals"]])


def new_link(user: User, made: FamilyCase, *, days=30, with_code=False, member=None):
    """A link for the case's mother (or ``member``); (link, token). Commits."""
    created = links.create_link(
        user, made.case, (member or made.parent).id, days=days, with_code=with_code
    )
    db.session.commit()
    return created.link, created.token

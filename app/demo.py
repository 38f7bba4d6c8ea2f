"""The demo municipality: idempotent seed data for trying enindgang out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.auth import services as auth
from app.extensions import db
from app.models import Case, CaseMember, MunicipalitySettings, Role

DEMO_MUNICIPALITY = "Demo Kommune"


@dataclass(frozen=True)
class DemoUser:
    """A demo login printed by `make run`."""

    email: str
    name: str
    role: Role
    password: str


# Published on purpose: the demo is for trying the app on one's own machine.
DEMO_USERS = (
    DemoUser("admin@demo.enindgang.dk", "Anne Admin", Role.ADMIN, "demo-admin-2026"),
    DemoUser("leder@demo.enindgang.dk", "Lars Leder", Role.LEADER, "demo-leder-2026"),
    DemoUser(
        "koordinator@demo.enindgang.dk",
        "Karen Koordinator",
        Role.COORDINATOR,
        "demo-koordinator-2026",
    ),
    DemoUser("ppr@demo.enindgang.dk", "Per PPR", Role.COORDINATOR, "demo-ppr-2026"),
    DemoUser(
        "controller@demo.enindgang.dk", "Connie Controller", Role.CONTROLLER, "demo-controller-2026"
    ),
)
DEMO_CASE_REFERENCE = "DEMO-2026-001"


def seed_demo() -> list[DemoUser]:
    """Create the demo municipality, users and one family case unless they exist."""
    settings = db.session.scalar(select(MunicipalitySettings).limit(1))
    if settings is None:
        db.session.add(MunicipalitySettings(name=DEMO_MUNICIPALITY))
    users = {}
    for demo in DEMO_USERS:
        user = auth.find_user(demo.email)
        if user is None:
            user = auth.create_user(demo.email, demo.name, demo.role.value, demo.password)
        users[demo.email] = user
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    if case is None:
        coordinator = users["koordinator@demo.enindgang.dk"]
        case = Case(
            reference=DEMO_CASE_REFERENCE,
            title="Familien Demo – Emma (7 år), autisme og ADHD",
            coordinator_id=coordinator.id,
        )
        db.session.add(case)
        db.session.flush()
        db.session.add(
            CaseMember(
                case_id=case.id, user_id=users["ppr@demo.enindgang.dk"].id, team_role="PPR-psykolog"
            )
        )
    db.session.flush()
    return list(DEMO_USERS)

"""The demo municipality: idempotent seed data for trying enindgang out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app import demo_life
from app.auth import services as auth
from app.extensions import db
from app.forms.definitions import current_version, definition_of, sync_builtin_forms
from app.funding import services as funding
from app.models import Case, CaseMember, FundingSource, MunicipalitySettings, Role, User
from app.municipal_documents import starts
from app.submissions import services as submissions
from app.vocabularies.services import load_vocabularies

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
    sync_builtin_forms()  # before any write: the sync commits on its own connection
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
    _seed_documents(users["leder@demo.enindgang.dk"])
    _seed_joint_plan(users["koordinator@demo.enindgang.dk"], case)
    _seed_funding(users["koordinator@demo.enindgang.dk"], case)
    demo_life.seed_case_facts_and_life(users, case)
    db.session.flush()
    return list(DEMO_USERS)


def _seed_documents(leader: User) -> None:
    """Both built-in case-flow templates and a decision plan in force, from the defaults."""
    flow = {"target_group": "0–17 år", "valid_from": "2026-01-01"}
    titles = {doc.title for doc in submissions.municipal_submissions("sagsforloeb")}
    version = current_version("sagsforloeb")
    for start in starts.starting_points("sagsforloeb"):
        data, _dropped = starts.starting_data(definition_of(version), start, load_vocabularies())
        if data.get("title") not in titles:
            _save_document(leader, "sagsforloeb", data | flow)
    if not submissions.municipal_submissions("beslutningskompetence"):
        data = submissions.new_form_data(current_version("beslutningskompetence")) | {
            "title": "Beslutningskompetenceplan 2026",
            "unit": "Børn og Familie, handicapteamet",
            "valid_from": "2026-01-01",
            "approved_by": "Børne- og familiechefen",
        }
        _save_document(leader, "beslutningskompetence", data)


def _save_document(leader: User, form_name: str, data: dict) -> None:
    """Save a municipal document as final."""
    submissions.save(leader, form_name=form_name, data=data, status="final", base_version=None)


def _seed_joint_plan(coordinator: User, case: Case) -> None:
    """A draft SMARTE plan for the demo family."""
    if submissions.find_case_submission(case, "smarte_maal") is not None:
        return
    sleep = {
        "area": "barnets_udvikling",
        "title": "Emma sover hele natten",
        "specific": "Emma sover i egen seng uden at vågne",
        "indicator": "Nætter uden opvågning",
        "baseline": 2,
        "target": 7,
        "target_number": "5 af 7 nætter",
        "accepted_by": ["barnet", "foraeldre"],
        "realistic": "Aflastning giver overskud",
        "deadline": "2027-03-01",
        "evaluation": "Søvndagbog",
        "evaluation_date": "2027-02-15",
        "department": "boernehandicap",
        "status": "i_gang",
        "subgoals": [{"text": "Fast aftenrutine", "deadline": "2026-12-15", "status": "i_gang"}],
        "agreements": [{"what": "Søvndagbog", "who": "Mor", "by_when": "2026-12-01"}],
    }
    work = {
        "area": "foraeldres_beskaeftigelse",
        "title": "Far arbejder 20 timer om ugen",
        "indicator": "Timer om ugen",
        "target_number": "20 timer",
        "deadline": "2027-06-30",
        "department": "jobcenter",
        "status": "ikke_startet",
        "subgoals": [],
        "agreements": [],
    }
    data = {
        "child_wishes": "Jeg vil gerne sove hjemme og have en ven i klassen.",
        "how_heard": ["samtale", "dialoglineal"],
        "family_wishes": "Mere ro om aftenen, og at far kan arbejde igen.",
        "long_term_goal": "Emma trives i skolen, og familien har overskud i hverdagen.",
        "goals": [sleep, work],
    }
    submissions.save(
        coordinator,
        form_name="smarte_maal",
        case=case,
        data=data,
        status="draft",
        base_version=None,
    )


def _seed_funding(coordinator: User, case: Case) -> None:
    """Three funding lines split between departments, for the editor and the workbook."""
    if funding.current_version(case) is not None:
        return
    lines = [
        {
            "intervention": "aflastning",
            "paragraph": "bl_90",
            "description": "Weekendaflastning hver 3. weekend",
            "annual_cost": "120000",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "authority_level": "kerneteam",
            "shares": {"boernehandicap": 60, "ppr": 40},
            "notes": "Aftalt på analysemødet",
        },
        {
            "intervention": "merudgifter",
            "paragraph": "bl_86",
            "description": "Særlig kost og medicin",
            "annual_cost": "18500",
            "start": "2026-02-01",
            "end": None,
            "authority_level": "sagsbehandler",
            "shares": {"ydelsescenter": 100},
        },
        {
            "intervention": "mentor",
            "paragraph": "lab_167",  # mentorstøtte; not barnets lov § 32
            "description": "Mentor til far",
            "annual_cost": "42000",
            "start": "2026-03-01",
            "end": "2026-12-31",
            "authority_level": "teamleder",
            "shares": {"jobcenter": 75, "boern_familie": 25},
        },
    ]
    funding.save_raw(coordinator, case, lines, base_version=None, source=FundingSource.WEB)

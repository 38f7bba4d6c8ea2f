"""The demo municipality: idempotent seed data for trying enindgang out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app import demo_dashboards as dashboards_demo
from app import demo_familylink, demo_life, demo_meetings, demo_phases, demo_team, demo_wheel
from app import demo_followup as follow_up_demo
from app.auth import services as auth
from app.extensions import db
from app.family import services as family
from app.forms.definitions import current_version, definition_of, sync_builtin_forms
from app.funding import services as funding
from app.goals import readings
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
    phone: str | None = None  # invented; shown in the family's plan
    department: str | None = None  # a departments key; set by app.demo_team


# Published on purpose: the demo is for trying the app on one's own machine.
DEMO_USERS = (
    DemoUser("admin@demo.enindgang.dk", "Anne Admin", Role.ADMIN, "demo-admin-2026"),
    DemoUser("leder@demo.enindgang.dk", "Lars Leder", Role.LEADER, "demo-leder-2026"),
    DemoUser(
        "koordinator@demo.enindgang.dk",
        "Karen Koordinator",
        Role.COORDINATOR,
        "demo-koordinator-2026",
        "12 34 56 01",
        "boernehandicap",
    ),
    # Staff from other departments on the demo family's core team (app/demo_team.py): the
    # family's consent covers PPR, not the school, so the consent gate shows.
    DemoUser(
        "ppr@demo.enindgang.dk", "Per PPR", Role.MEMBER, "demo-ppr-2026", "12 34 56 02", "ppr"
    ),
    DemoUser(
        "skole@demo.enindgang.dk",
        "Sara Skole",
        Role.MEMBER,
        "demo-skole-2026",
        "12 34 56 03",
        "skole_dagtilbud",
    ),
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
        if user.phone is None:  # a phone someone set on /profil is kept
            user.phone = demo.phone
        users[demo.email] = user
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    if case is None:
        coordinator = users["koordinator@demo.enindgang.dk"]
        case = Case(
            reference=DEMO_CASE_REFERENCE,
            # As the title's hint asks: no diagnoses or full names (they live in the forms).
            title="Familien Demo",
            coordinator_id=coordinator.id,
        )
        db.session.add(case)
        db.session.flush()
        db.session.add(
            CaseMember(
                case_id=case.id, user_id=users["ppr@demo.enindgang.dk"].id, team_role="ppr_psykolog"
            )
        )
        db.session.flush()
    _seed_documents(users["leder@demo.enindgang.dk"])
    family_ids = _seed_family(users["koordinator@demo.enindgang.dk"], case)
    _seed_joint_plan(users["koordinator@demo.enindgang.dk"], case, family_ids)
    _seed_readings(users["koordinator@demo.enindgang.dk"], case)
    _seed_funding(users["koordinator@demo.enindgang.dk"], case)
    demo_life.seed_case_facts_and_life(users, case)
    demo_phases.seed_phases(users["koordinator@demo.enindgang.dk"], case)
    demo_meetings.seed_meetings(users, case)
    follow_up_demo.seed_follow_ups(users["koordinator@demo.enindgang.dk"], case)
    demo_team.seed_team_and_consent(users, case, {d.email: d.department for d in DEMO_USERS})
    demo_wheel.seed_wheel(users["koordinator@demo.enindgang.dk"], case)
    dashboards_demo.seed_dashboards(users, case, follow_up_demo.OVERDUE_REFERENCE)
    demo_familylink.seed_family_view(users["koordinator@demo.enindgang.dk"], case)
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


def _seed_family(coordinator: User, case: Case) -> dict[str, str]:
    """Emma, her parents and her little brother; returns their person values by relation."""
    if not family.list_members(case):
        for data in (
            {"name": "Emma", "relation": "child", "notes": "7 år. Går i 1. klasse."},
            {"name": "Sofie", "relation": "mother", "phone": "20 30 40 50",
             "email": "sofie@example.dk", "notes": "Bedst at ringe efter kl. 15."},
            {"name": "Jonas", "relation": "father", "phone": "60 70 80 90"},
            {"name": "Noah", "relation": "sibling", "notes": "4 år. Går i børnehave."},
        ):  # fmt: skip
            family.add_member(coordinator, case, data)
    return {m.relation: family.person_value(m) for m in family.list_members(case)}


def _seed_readings(coordinator: User, case: Case) -> None:
    """A few readings per goal, so the progress charts show (dates relative to today)."""
    if readings.readings_by_goal(case):
        return
    today = date.today()
    who = {m.relation: family.person_value(m) for m in family.list_members(case)}
    plan = {
        0: [(70, 2, "Vågner 5-6 gange om natten", "mother"), (42, 3, "", "mother"),
            (14, 5, "Sov hele natten 3 gange i sidste uge", "mother")],
        1: [(56, 1, "Ikke startet i praktik endnu", "father"),
            (21, 3, "Praktik 8 timer om ugen", "father")],
    }  # fmt: skip
    for index, goal in enumerate(readings.goals_of(case)):
        for days_ago, value, note, relation in plan.get(index, []):
            readings.add_reading(
                coordinator,
                case,
                goal.key,
                measured_on=today - timedelta(days=days_ago),
                value=value,
                note=note,
                who=who.get(relation, coordinator.name),
            )


def _seed_joint_plan(coordinator: User, case: Case, family_ids: dict[str, str]) -> None:
    """A final SMARTE plan for the demo family that meets the default criteria for a final
    plan; its deadlines are set from today, so they are never already past."""
    if submissions.find_case_submission(case, "smarte_maal") is not None:
        return
    today = date.today()
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
        "deadline": (today + timedelta(days=120)).isoformat(),
        "evaluation": "Søvndagbog",
        "evaluation_date": (today + timedelta(days=105)).isoformat(),
        "responsible": family_ids.get("mother", ""),
        "department": "boernehandicap",
        "status": "i_gang",
        # Dates from today, so the family's plan always has coming dates to show.
        "subgoals": [
            {
                "text": "Fast aftenrutine",
                "deadline": (today + timedelta(days=21)).isoformat(),
                "status": "i_gang",
            }
        ],
        "agreements": [
            {
                "what": "Søvndagbog",
                "who": "Mor",
                "by_when": (today + timedelta(days=14)).isoformat(),
            }
        ],
    }
    work = {
        "area": "foraeldres_beskaeftigelse",
        "title": "Far arbejder 20 timer om ugen",
        "specific": "Far er i praktik og arbejder 20 timer om ugen",
        "indicator": "Timer om ugen",
        "baseline": 1,
        "target": 8,
        "target_number": "20 timer",
        "accepted_by": ["foraeldre", "kerneteam"],
        "accepted_how": "Aftalt på mødet med familien",
        "realistic": "Mentor hjælper; Emmas nætter kan gøre det svært",
        "deadline": (today + timedelta(days=210)).isoformat(),
        "evaluation": "Far og jobcentret følger timerne hver måned",
        "responsible": family_ids.get("father", ""),
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
        "siblings": "Noah (4 år) savner tid alene med mor og far.",
        "other_plans": [
            {
                "plan": "Jobplan for far",
                "department": "jobcenter",
                "plan_date": (today - timedelta(days=30)).isoformat(),
            },
        ],  # fmt: skip
        "family_accepted_on": (today - timedelta(days=7)).isoformat(),
        "family_accepted_how": "moede",
    }
    submissions.save(
        coordinator,
        form_name="smarte_maal",
        case=case,
        data=data,
        status="final",
        base_version=None,
    )


def _seed_funding(coordinator: User, case: Case) -> None:
    """Funding lines of every cost kind split between departments, with a review date.

    A yearly, a monthly, an hourly and a one-off line (a home adaptation booked in full in
    June), split reasons, the joint-funding criteria ticked and a review date the controller
    sees in the portfolio.
    """
    if funding.current_version(case) is not None:
        return
    lines = [
        {
            "intervention": "aflastning",
            "paragraph": "bl_90",
            "description": "Weekendaflastning hver 3. weekend",
            "cost_kind": "yearly",
            "amount": "120000",
            # Two nights every third weekend: about 2.9 døgn a month, within the core team's
            # limit in the default decision plan (a definite answer, no flag).
            "quantity": "3",
            "quantity_unit": "days_per_month",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "authority_level": "kerneteam",
            "shares": {"boernehandicap": 60, "ppr": 40},
            "notes": "Aftalt på analysemødet",
            "split_reason": "Børnehandicap bevilger aflastningen; PPR bidrager, fordi roligere "
            "weekender giver Emma overskud i skolen.",
        },
        {
            "intervention": "merudgifter",
            "paragraph": "bl_86",
            "description": "Særlig kost og medicin",
            "cost_kind": "monthly",
            "amount": "1550",
            "start": "2026-02-01",
            "end": None,
            "authority_level": "sagsbehandler",
            "shares": {"ydelsescenter": 100},
        },
        {
            "intervention": "mentor",
            "paragraph": "lab_167",  # mentorstøtte; not barnets lov § 32
            "description": "Mentor til far",
            "cost_kind": "hourly",
            "amount": "350",
            "quantity": "2",
            "quantity_unit": "hours_per_week",
            "start": "2026-03-01",
            "end": "2026-12-31",
            "authority_level": "teamleder",
            "shares": {"jobcenter": 75, "boern_familie": 25},
            "split_reason": "Jobcentret betaler det meste, fordi målet er, at far kommer i "
            "arbejde; Børn og Familie har gavn af, at familien får mere overskud.",
        },
        {
            "intervention": "boligaendring",
            "paragraph": "sel_116",
            "description": "Rampe og ombygget badeværelse",
            "cost_kind": "one_off",
            "amount": "200000",
            "start": "2026-06-01",
            "end": "2026-06-30",
            "authority_level": "afdelingsleder",
            "shares": {"boernehandicap": 70, "voksenhandicap": 30},
            "split_reason": "Boligen skal også passe til Emma som voksen, så "
            "voksenhandicap bidrager med 30 %.",
        },
    ]
    funding.save_raw(
        coordinator,
        case,
        lines,
        base_version=None,
        source=FundingSource.WEB,
        review_date="2027-01-15",
        criteria_met=["two_sectors", "motivated"],
    )

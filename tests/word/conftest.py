"""Fixtures for the Word documents: saved forms with rich data, the municipality's letterhead."""

from __future__ import annotations

from datetime import date

import pytest

from app.admin.services import get_settings
from app.extensions import db
from app.forms.definitions import current_version
from app.submissions import services as submissions
from app.word import services as documents
from tests.docgen.helpers import png_bytes
from tests.word.helpers import HOSTILE

FLOW_HEADER = {
    "title": "Sagsforløb 0–6 år",
    "target_group": "Familier med børn 0–6 år",
    "team": "Handicapteamet Nord",
    "owner": "Lise Leder",
    "valid_from": "2026-02-01",
    "version_note": "Første linje\nAnden linje med " + HOSTILE,
}


#: The day the plan tests make their documents on (the data's dates are relative to it).
PLAN_DAY = date(2026, 11, 23)


@pytest.fixture
def plan_day(monkeypatch):
    """Documents are made on PLAN_DAY, whatever the real date is."""
    monkeypatch.setattr(documents, "document_date", lambda: PLAN_DAY)
    return PLAN_DAY


@pytest.fixture
def municipality(app):
    """The municipality's name and logo, as the letterhead shows them."""
    settings = get_settings()
    settings.name = "Testby Kommune"
    settings.logo, settings.logo_mimetype = png_bytes(120, 40), "image/png"
    db.session.commit()
    return settings


@pytest.fixture
def save_form(app):
    """save_form(user, form_name, data, case=None, status="final") → the saved submission.

    `data` is laid over the form's starting values (prefilled rows included).
    """

    def factory(user, form_name, data, *, case=None, status="final", submission=None):
        version = submission.definition if submission else current_version(form_name)
        full = submissions.new_form_data(version) if submission is None else dict(submission.data)
        full.update(data)
        saved = submissions.save(
            user,
            form_name=form_name,
            data=full,
            status=status,
            base_version=submission.version if submission else None,
            case=case,
            submission=submission,
        )
        db.session.commit()
        return saved

    return factory


@pytest.fixture
def flow_doc(save_form, make_user):
    """A case-flow template with the models' phases, a hostile header and a changed phase."""
    leader = make_user("leader", name="Lise Leder")
    version = current_version("sagsforloeb")
    phases = submissions.new_form_data(version)["phases"]
    phases[0] = dict(
        phases[0],
        name="Henvendelse & visitation",
        timing="<b>Samme uge</b>",
        timing_source="Kommunens eget valg & <i>lokalt</i>",
        activities="Linje 1\nLinje 2 {{ 7*7 }}",
    )
    return save_form(leader, "sagsforloeb", dict(FLOW_HEADER, phases=phases))


DECISION_ROWS = [
    {
        "intervention": "merudgifter",
        "paragraphs": ["bl_86"],
        "authority_level": "sagsbehandler",
        "threshold_unit": "kr_per_year",
        "threshold": 30000,
        "authority_above": "teamleder",
        "appealable": True,
        "conditions": "",
        "paying_department": "ydelsescenter",
    },
    {
        "intervention": "aflastning",
        "paragraphs": ["bl_90"],
        "authority_level": "kerneteam",
        "threshold_unit": "hours_per_month",
        "threshold": 10.5,
        "authority_above": "visitationsudvalg",
        "appealable": True,
        "conditions": "Kerneteamet enstemmigt & " + HOSTILE,
        "paying_department": "boernehandicap",
    },
    {
        "intervention": "familievejledning",
        "paragraphs": ["bl_81", "bl_32"],
        "authority_level": "sagsbehandler",
        "threshold_unit": None,
        "threshold": None,
        "authority_above": None,
        "appealable": False,
        "conditions": "Skal tilbydes inden 3 måneder.",
        "paying_department": "boernehandicap",
    },
]


@pytest.fixture
def decision_doc(save_form, make_user):
    """A final decision-competence plan with three rows (one hostile, one without threshold)."""
    leader = make_user("leader", name="Lise Leder")
    return save_form(
        leader,
        "beslutningskompetence",
        {
            "title": "Beslutningskompetenceplan 2026",
            "unit": "Børn og Familie",
            "valid_from": "2026-01-01",
            "approved_by": "Børne- og Ungeudvalget",
            "rows": DECISION_ROWS,
        },
    )


GOAL_SHEET = {
    "child_wishes": "Jeg vil lege i frikvarteret.\nOg sove hjemme. " + HOSTILE,
    "how_heard": ["samtale", "dialoglineal"],
    "how_heard_note": "Emma tegnede sin dag.",
    "family_wishes": "Ro om aftenen & én indgang.",
    "long_term_goal": "Emma går i skole hver dag.",
}


def goal_rows(responsible_id: int) -> list[dict]:
    """Three goals: one full with sub-goals and agreements, one hostile, one short."""
    return [
        {
            "area": "barnets_udvikling",
            "title": "Emma går i skole hver dag",
            "specific": "Møder til første time.",
            "indicator": "Hele skoledage pr. uge",
            "baseline": 3,
            "target": 8,
            "target_number": "5 af 5 dage",
            "accepted_by": ["barnet", "foraeldre"],
            "accepted_how": "Aftalt hjemme.",
            "realistic": "Morgenerne er svære.",
            "deadline": "2027-06-30",
            "evaluation": "Skolen tæller dagene.",
            "evaluation_date": "2027-03-01",
            "responsible": str(responsible_id),
            "department": "skole_dagtilbud",
            "status": "i_gang",
            "subgoals": [
                {"text": "Fast morgenrutine", "deadline": "2027-01-15", "status": "i_gang"},
                {"text": "Kontaktperson", "deadline": "2026-12-15", "status": "naaet"},
            ],
            "agreements": [
                {"what": "Bestille aflastning", "who": "Karen", "by_when": "2026-12-01"},
                {"what": "Møde med skolen", "who": "Forældrene", "by_when": "2026-01-10"},
            ],
        },
        {
            "area": "foraeldrekompetencer",
            "title": HOSTILE,
            "indicator": "Skala 4 → 7",
            "deadline": "2027-09-01",
            "status": "ikke_startet",
            "subgoals": [],
            "agreements": [{"what": "Kursus & netværk", "who": "Mor", "by_when": "2027-02-01"}],
        },
        {
            "area": "foraeldres_beskaeftigelse",
            "title": "Mor er i praktik",
            "indicator": "Timer pr. uge",
            "deadline": "2026-03-01",
            "status": "naaet",
            "subgoals": [],
            "agreements": [],
        },
    ]


@pytest.fixture
def family(make_user, make_case):
    """A case with a coordinator and a core-team member, both with contact details."""
    karen = make_user("coordinator", email="karen@testby.dk", name="Karen Koordinator")
    per = make_user("coordinator", email="per@testby.dk", name="Per Psykolog")
    karen.phone, karen.department = "11 22 33 44", "boern_familie"
    per.phone, per.department = "55 66 77 88", "ppr"
    db.session.commit()
    case = make_case(
        coordinator=karen, reference="SAG-2026-0042", title="Familien Hansen", team=[per]
    )
    return case


@pytest.fixture
def goal_sheet(family, save_form):
    """The case's final goal sheet with three goals.

    Goals 2 and 3 are incomplete on purpose (a hostile title, a deadline in the past), so
    this municipality requires none of the SMARTE criteria of a final plan (goals.criteria).
    """
    get_settings().smarte_final_criteria = []
    data = dict(GOAL_SHEET, goals=goal_rows(family.coordinator_id))
    return save_form(family.coordinator, "smarte_maal", data, case=family)


FUNDING_LINES = [
    {
        "intervention": "aflastning",
        "paragraph": "bl_90",
        "description": "8 døgn om måneden",
        "annual_cost": 96000,
        "start": "2026-12-01",
        "end": "2027-11-30",
        "authority_level": "kerneteam",
        "shares": {"boern_familie": 60, "skole_dagtilbud": 40},
        "notes": "",
    },
    {
        "intervention": "merudgifter",
        "paragraph": "bl_86",
        "description": "Medicin & kørsel",
        "annual_cost": 24000,
        "start": "2026-01-01",
        "end": None,
        "authority_level": None,
        "shares": {"ydelsescenter": 100},
        "notes": "",
    },
]


@pytest.fixture
def funding_lines(family, api_as):
    """Two funding lines on the case, saved through the funding API."""
    response = api_as(family.coordinator).put(
        f"/cases/{family.id}/funding", json={"version": None, "lines": FUNDING_LINES}
    )
    assert response.status_code == 200, response.json
    return FUNDING_LINES

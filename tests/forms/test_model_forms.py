"""The model's three built-in forms: prefilled flow, SMARTE rules, the decision plan."""

from __future__ import annotations

from app.forms.definitions import current_version, definition_of
from app.submissions import services as submissions
from app.vocabularies.services import load_vocabularies


def _validate(name, data, final=True):
    """Validate data against a built-in form's current version."""
    version = current_version(name)
    return submissions.validate(version, data, final=final, case=None)


def test_builtin_forms_are_installed_with_their_scopes(app):
    """sagsforloeb and beslutningskompetence belong to the municipality, smarte_maal to a case."""
    scopes = {
        name: current_version(name).scope
        for name in ("sagsforloeb", "smarte_maal", "beslutningskompetence")
    }
    assert scopes == {
        "sagsforloeb": "municipality",
        "smarte_maal": "case",
        "beslutningskompetence": "municipality",
    }
    assert {current_version(n).origin for n in scopes} == {"builtin"}


def test_case_flow_starts_with_the_models_phases(app):
    """A new case-flow template has the models' flow, each phase with a responsible role."""
    data = submissions.new_form_data(current_version("sagsforloeb"))
    names = [p["name"] for p in data["phases"]]
    assert names[0] == "Henvendelse" and names[-1] == "Afslutning og overdragelse"
    for expected in (
        "Forberedelse med familien",
        "Tværfaglig udredning",
        "Analysemøde",
        "Fælles plan med SMARTE-mål",
        "Afgørelse og bevilling",
        "Statusmøder i kerneteamet",
        "Opfølgning med familien",
        "Ungeplan og overgang til voksenlivet",
    ):
        assert expected in names
    roles = {i["value"] for i in load_vocabularies()["roles"]}
    assert all(p["responsible_role"] in roles for p in data["phases"])
    analysis = next(p for p in data["phases"] if p["name"] == "Analysemøde")
    assert analysis["with_family"] is False
    follow_up = next(p for p in data["phases"] if p["name"] == "Opfølgning med familien")
    assert "3 måneder" in follow_up["timing"] and "bl_95" in follow_up["law"]
    data["title"] = "Sagsforløb 0–6 år"
    assert _validate("sagsforloeb", data).ok


def test_the_form_itself_leaves_the_smarte_criteria_to_the_municipal_setting(app):
    """Issue 9: what a final plan needs is the municipality's setting, checked when the plan
    is saved (tests/goals/test_criteria.py), not the form's `required` flags; the form still
    requires the goal's own words."""
    data = {"goals": [{"title": "Emma sover hele natten", "subgoals": [], "agreements": []}]}
    assert _validate("smarte_maal", data, final=False).ok
    assert _validate("smarte_maal", data).ok
    untitled = {"goals": [{"title": "", "subgoals": [], "agreements": []}]}
    assert _validate("smarte_maal", untitled).errors == {
        "goals[0].title": ["Skriv målet med almindelige ord."]
    }


def test_a_full_smarte_plan_with_subgoals_and_agreements(app):
    """Goals with every letter, sub-goals and agreements validate as final."""
    goal = {
        "area": "barnets_udvikling",
        "title": "Emma sover hele natten",
        "specific": "Emma sover i egen seng uden at vågne",
        "indicator": "nætter uden opvågning",
        "baseline": 2,
        "target": 7,
        "target_number": "5 af 7 nætter",
        "accepted_by": ["barnet", "foraeldre"],
        "accepted_how": "Talt om med dialoglinealen",
        "realistic": "Aflastning hjælper; sygdom kan forsinke",
        "deadline": "2027-03-01",
        "evaluation": "Forældrene fører søvndagbog",
        "evaluation_date": "2027-03-01",
        "department": "boernehandicap",
        "status": "i_gang",
        "subgoals": [{"text": "Fast aftenrutine", "deadline": "2026-12-15", "status": "i_gang"}],
        "agreements": [{"what": "Søvndagbog", "who": "Mor", "by_when": "2026-12-01"}],
    }
    result = _validate(
        "smarte_maal",
        {
            "child_wishes": "Jeg vil sove hjemme",
            "how_heard": ["samtale", "dialoglineal"],
            "goals": [goal],
        },
    )
    assert result.ok, result.errors
    late = dict(goal, evaluation_date="2027-03-02")
    errors = _validate("smarte_maal", {"goals": [late]}).errors
    assert errors == {
        "goals[0].evaluation_date": [
            "Datoen må ikke ligge efter T – Tidsbestemt, frist (1. marts 2027)."
        ]
    }
    missing = dict(goal, subgoals=[{"text": ""}])
    assert "goals[0].subgoals[0].text" in _validate("smarte_maal", {"goals": [missing]}).errors


def test_smarte_letters_have_guiding_questions(app):
    """Each SMARTE letter is a field whose label and help the municipality can reword."""
    definition = definition_of(current_version("smarte_maal"))
    goals = definition.field("goals")
    labels = {c.name: c.label.da for c in goals.fields}
    for column, letter in (
        ("specific", "S"),
        ("indicator", "M"),
        ("accepted_by", "A"),
        ("realistic", "R"),
        ("deadline", "T"),
        ("evaluation", "E"),
    ):
        assert labels[column].startswith(letter + " – ")
        assert next(c for c in goals.fields if c.name == column).help is not None


def test_decision_plan_example_rows_are_valid(app):
    """The example plan validates as final once it has a title and a valid-from date."""
    data = submissions.new_form_data(current_version("beslutningskompetence"))
    assert len(data["rows"]) >= 5
    data.update(title="Plan", valid_from="2026-01-01")
    assert _validate("beslutningskompetence", data).ok

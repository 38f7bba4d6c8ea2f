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
    """A new case-flow template has Én familie – én indgang's flow with the law's steps, each
    phase with a stable id and a responsible role."""
    data = submissions.new_form_data(current_version("sagsforloeb"))
    assert data["model"] == "een_familie_een_indgang"
    keys = [p["key"] for p in data["phases"]]
    assert keys[0] == "henvendelse" and keys[-1] == "afslutning"
    # The order the model and the law give: screening before the core team's assessment,
    # the joint plan on the assessment, the decision before barnets plan and follow-up.
    for earlier, later in (
        ("screening", "tvaerfaglig_udredning"),
        ("tvaerfaglig_udredning", "analysemoede"),
        ("analysemoede", "faelles_plan"),
        ("faelles_plan", "afgoerelse"),
        ("afgoerelse", "barnets_plan"),
        ("afgoerelse", "opfoelgning"),
    ):
        assert keys.index(earlier) < keys.index(later), (earlier, later)
    roles = {i["value"] for i in load_vocabularies()["roles"]}
    assert all(p["responsible_role"] in roles for p in data["phases"])
    phases = {p["key"]: p for p in data["phases"]}
    assert phases["analysemoede"]["with_family"] is False
    assert "i fællesskab" in phases["tvaerfaglig_udredning"]["activities"]
    assert "hver inden for sit fag" not in phases["tvaerfaglig_udredning"]["activities"]
    assert phases["opfoelgning"]["timing_source"] == "Barnets lov § 95, stk. 2–3"
    assert "bl_95" in phases["opfoelgning"]["law"]
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

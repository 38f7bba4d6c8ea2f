"""A final SMARTE plan meets the municipality's criteria: one message per missing criterion
per goal, in the coordinator's words; drafts may be incomplete; the setting decides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask_babel import force_locale

from app.admin.services import get_settings
from app.extensions import db
from app.goals import criteria
from app.submissions import services as submissions
from tests.goals.support import full_goal, save_sheet

TODAY = date(2026, 11, 23)
COLUMNS = [c.column for c in criteria.CRITERIA]
EMPTY_GOAL = {"title": "Ro om aftenen", "deadline": None, "accepted_by": []}


def _problems(goals, required=criteria.DEFAULT, **kwargs):
    """final_plan_problems with the default columns and TODAY."""
    return criteria.final_plan_problems(
        goals, required=required, columns=COLUMNS, today=TODAY, **kwargs
    )


def test_one_message_per_missing_criterion_per_goal_in_the_coordinators_words(app):
    """The second goal lacks everything: seven messages, each on its own field."""
    complete = full_goal("1", deadline="2027-03-01")
    assert _problems([complete]) == {}
    assert _problems([complete, EMPTY_GOAL]) == {
        "goals[1].specific": ["Mål 2: Skriv, hvad der skal være anderledes (S – specifikt)."],
        "goals[1].indicator": [
            "Mål 2: Skriv, hvordan I kan se, at forandringen er sket (M – målbart)."
        ],
        "goals[1].accepted_by": ["Mål 2: Vælg, hvem der har accepteret målet (A – accepteret)."],
        "goals[1].realistic": [
            "Mål 2: Skriv, hvad der støtter målet, og hvad der kan stå i vejen (R – realistisk)."
        ],
        "goals[1].deadline": ["Mål 2: Skriv, hvornår målet skal være nået (T – tidsbestemt)."],
        "goals[1].evaluation": [
            "Mål 2: Skriv, hvem der vurderer, om målet er nået, og hvordan (E – evaluerbart)."
        ],
        "goals[1].responsible": ["Mål 2: Vælg, hvem der er ansvarlig for målet."],
    }


def test_blank_text_counts_as_missing(app):
    """Spaces are not a specific goal."""
    assert list(_problems([full_goal("1", deadline="2027-01-01", specific="   ")])) == [
        "goals[0].specific"
    ]


def test_a_deadline_already_past_is_refused(app):
    """Yesterday is refused, today is not; a reached or dropped goal may keep its date."""
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    assert _problems([full_goal("1", deadline=yesterday)]) == {
        "goals[0].deadline": [
            "Mål 1: Fristen 22. november 2026 er allerede passeret. "
            "Vælg en frist, der ikke er passeret."
        ]
    }
    assert _problems([full_goal("1", deadline=TODAY.isoformat())]) == {}
    for status in ("naaet", "opgivet"):
        assert _problems([full_goal("1", deadline=yesterday, status=status)]) == {}


def test_a_deadline_accepted_when_the_plan_was_final_stays_accepted(app):
    """Time passing does not make an unchanged, accepted deadline wrong; a changed one is new."""
    goal = full_goal("1", key="m1", deadline="2026-11-01")
    assert _problems([goal], accepted_deadlines={("m1", "2026-11-01")}) == {}
    assert "goals[0].deadline" in _problems([goal], accepted_deadlines={("m1", "2026-10-01")})


def test_the_setting_decides_which_criteria_are_asked_for(app):
    """Only the chosen criteria give messages; none chosen, none asked."""
    assert list(_problems([EMPTY_GOAL], required=["S", "responsible"])) == [
        "goals[0].specific",
        "goals[0].responsible",
    ]
    assert _problems([EMPTY_GOAL], required=[]) == {}


def test_a_criterion_whose_field_the_form_no_longer_has_is_not_asked_for(app):
    """A municipality that removed R from its form is not asked for R."""
    columns = [c for c in COLUMNS if c != "realistic"]
    found = criteria.final_plan_problems(
        [EMPTY_GOAL], required=criteria.DEFAULT, columns=columns, today=TODAY
    )
    assert "goals[0].realistic" not in found and "goals[0].specific" in found


def test_stored_setting_defaults_and_order(app):
    """None means all; a stored choice keeps the fixed order; unknown keys are refused."""
    assert criteria.required_from_setting(None) == list(criteria.KEYS)
    assert criteria.clean_choice(["T", "S"]) == ["S", "T"]
    with pytest.raises(ValueError):
        criteria.clean_choice(["S", "X"])


def test_english_messages(app):
    """The messages are translated for an English page."""
    with app.test_request_context(), force_locale("en"):
        found = _problems([EMPTY_GOAL], required=["S", "responsible"])
    assert found == {
        "goals[0].specific": ["Goal 1: Write what should be different (S – specific)."],
        "goals[0].responsible": ["Goal 1: Choose who is responsible for the goal."],
    }


# The save flow ----------------------------------------------------------------------------


def test_a_final_plan_is_refused_until_the_criteria_are_met_and_a_draft_is_not(app, make_case):
    """Web and API share save(): refused with the messages, then accepted once complete."""
    case = make_case()
    owner = str(case.coordinator_id)
    incomplete = [full_goal(owner), {"title": "Far arbejder", "subgoals": [], "agreements": []}]
    draft = save_sheet(case, incomplete, status="draft")
    assert draft.status == "draft"
    with pytest.raises(submissions.SubmissionInvalid) as caught:
        save_sheet(case, incomplete, submission=draft)
    db.session.rollback()
    assert sorted(caught.value.errors) == [
        "goals[1].accepted_by", "goals[1].deadline", "goals[1].evaluation",
        "goals[1].indicator", "goals[1].realistic", "goals[1].responsible",
        "goals[1].specific",
    ]  # fmt: skip
    complete = [full_goal(owner), full_goal(owner, title="Far arbejder 20 timer")]
    final = save_sheet(case, complete, submission=draft)
    assert (final.status, final.version) == ("final", 2)


def test_changing_the_setting_changes_what_a_final_plan_needs(app, make_case):
    """With only T required, a goal with a deadline and nothing else may be final."""
    case = make_case()
    goal = {"title": "Ro om aftenen", "deadline": "2027-06-01", "subgoals": [], "agreements": []}
    with pytest.raises(submissions.SubmissionInvalid):
        save_sheet(case, [goal])
    db.session.rollback()
    get_settings().smarte_final_criteria = ["T"]
    db.session.commit()
    assert save_sheet(case, [goal]).status == "final"
    get_settings().smarte_final_criteria = ["T", "S"]
    db.session.commit()
    sheet = submissions.find_case_submission(case, "smarte_maal")
    with pytest.raises(submissions.SubmissionInvalid) as caught:
        save_sheet(case, sheet.data["goals"], submission=sheet)
    assert list(caught.value.errors) == ["goals[0].specific"]


def test_resaving_a_final_plan_after_its_deadline_passed(app, make_case, clock):
    """A plan final with a future deadline can be saved again later; a new past date cannot."""
    if clock is None:
        pytest.skip("needs the test clock")
    case = make_case()
    owner = str(case.coordinator_id)
    deadline = date.today() + timedelta(days=10)
    sheet = save_sheet(case, [full_goal(owner, deadline=deadline.isoformat())])
    clock.shift(timedelta(days=40))
    again = save_sheet(case, sheet.data["goals"], submission=sheet)
    assert again.version == 2
    moved = [dict(again.data["goals"][0], deadline=(deadline + timedelta(days=1)).isoformat())]
    with pytest.raises(submissions.SubmissionInvalid) as caught:
        save_sheet(case, moved, submission=again)
    assert list(caught.value.errors) == ["goals[0].deadline"]


def test_a_family_member_may_own_a_goal(app, make_case):
    """The mother chosen as responsible satisfies the criterion."""
    from app.family import services as family

    case = make_case()
    mother = family.add_member(case.coordinator, case, {"name": "Sofie", "relation": "mother"})
    db.session.commit()
    saved = save_sheet(case, [full_goal(family.person_value(mother))])
    assert saved.data["goals"][0]["responsible"] == f"familie-{mother.id}"

"""Family members of a case: checked data, no CPR numbers, goal owners, the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.cpr import looks_like_cpr
from app.extensions import db
from app.family import services as family
from app.models import AuditEvent
from app.submissions.services import people_for_case

CPR_MESSAGE = "Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer."


@pytest.mark.parametrize(
    "text",
    ["010203-1234", "0102031234", "Født 311299 4321", "cpr: 150788-0000"],
)
def test_text_that_looks_like_a_cpr_number_is_recognised(text):
    """Birth date and four digits, with or without hyphen or space."""
    assert looks_like_cpr(text)


@pytest.mark.parametrize(
    "text",
    ["12 34 56 78", "+45 12345678", "27.15.00-G01-123-26", "320199-1234", "011399-1234", ""],
)
def test_phone_numbers_and_case_numbers_are_not_cpr_numbers(text):
    """Phone numbers, case references and impossible dates pass."""
    assert not looks_like_cpr(text)


def test_add_change_and_remove_a_family_member(app, make_case):
    """A member is stored cleaned, changed and removed, each step in the audit trail."""
    case = make_case()
    actor = case.coordinator
    member = family.add_member(
        actor,
        case,
        {"name": "  Sofie  ", "relation": "mother", "phone": "20 30 40 50",
         "email": "sofie@example.dk", "notes": "Ring efter kl. 15"},
    )  # fmt: skip
    db.session.commit()
    assert (member.name, member.relation, member.phone) == ("Sofie", "mother", "20 30 40 50")
    family.update_member(actor, case, member, {"name": "Sofie Hansen", "relation": "parent"})
    db.session.commit()
    assert (member.name, member.relation, member.email) == ("Sofie Hansen", "parent", "")
    family.remove_member(actor, case, member)
    db.session.commit()
    assert family.list_members(case) == []
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("family_member_%"))
    ).all()
    assert actions == ["family_member_added", "family_member_changed", "family_member_removed"]


@pytest.mark.parametrize("field", ["name", "phone", "email", "notes"])
def test_a_cpr_number_in_any_field_is_refused_with_a_clear_message(app, make_case, field):
    """Nothing is stored, and the message says what to do."""
    case = make_case()
    data = {"name": "Emma", "relation": "child", field: "0102031234"}
    with pytest.raises(family.FamilyError) as caught:
        family.add_member(case.coordinator, case, data)
    assert CPR_MESSAGE in caught.value.errors[field]
    db.session.rollback()
    assert family.list_members(case) == []


def test_missing_name_unknown_relation_and_bad_contact_details(app, make_case):
    """Each problem is named on its own field."""
    case = make_case()
    bad = {"name": "", "relation": "cousin", "phone": "ring mig", "email": "sofie@", "notes": ""}
    with pytest.raises(family.FamilyError) as caught:
        family.add_member(case.coordinator, case, bad)
    assert caught.value.errors == {
        "name": ["Skriv personens navn."],
        "relation": ["Vælg, hvem personen er i familien."],
        "phone": ["Skriv telefonnummeret med tal, fx 12 34 56 78."],
        "email": ["Skriv en gyldig e-mailadresse."],
    }


def test_the_child_and_the_parents_may_own_a_goal_siblings_may_not(app, make_case):
    """The goal sheet's person choices: the core team, then the child and the parents."""
    case = make_case()
    for name, relation in [("Noah", "sibling"), ("Jonas", "father"), ("Emma", "child")]:
        family.add_member(case.coordinator, case, {"name": name, "relation": relation})
    db.session.commit()
    people = people_for_case(case)
    assert people[0]["value"] == str(case.coordinator_id)
    labels = [p["label"] for p in people[1:]]
    assert labels == ["Emma (barnet)", "Jonas (far)"]
    emma = family.list_members(case)[0]
    assert people[1]["value"] == f"familie-{emma.id}"


def test_members_of_another_case_are_not_found(app, make_case):
    """get_member only finds the case's own members."""
    one, other = make_case(), make_case()
    member = family.add_member(one.coordinator, one, {"name": "Emma", "relation": "child"})
    db.session.commit()
    assert family.get_member(one, member.id) is member
    assert family.get_member(other, member.id) is None

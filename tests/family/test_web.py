"""The family on the case page: who sees it, adding, changing and removing, the API."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.family import services as family
from app.models import AuditEvent, FamilyMember


def _member(case, name="Emma", relation="child", **extra):
    """A family member stored directly."""
    member = family.add_member(
        case.coordinator, case, {"name": name, "relation": relation, **extra}
    )
    db.session.commit()
    return member


def _reads(case):
    """The audit trail's reads of the case's family."""
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "content_read", AuditEvent.object_id == case.id
        )
    )
    return [e for e in events if e.details.get("what") == "family"]


def test_case_page_shows_the_family_and_records_the_read(login_as, make_case):
    """Names, relations and contact details in their section; the read is in the trail."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    sofie = _member(case, "Sofie", "mother", phone="20 30 40 50", email="sofie@example.dk")
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'data-testid="family-members"' in html
    assert "Sofie" in html and "Mor" in html and "20 30 40 50" in html
    assert f"/sager/{case.id}/familie/{sofie.id}" in html
    assert [e.details["family_member_ids"] for e in _reads(case)] == [[sofie.id]]


def test_controllers_never_see_the_family(login_as, make_case):
    """Money only: no section, and the pages answer 403."""
    case = make_case()
    member = _member(case)
    web = login_as("controller")
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "Emma" not in html and "family-members" not in html
    assert web.get(f"/sager/{case.id}/familie/ny").status_code == 403
    assert web.get(f"/sager/{case.id}/familie/{member.id}").status_code == 403


def test_add_a_member_and_a_refused_one_keeps_what_was_typed(login_as, make_case):
    """A CPR number is refused with its message beside the field; the rest stays typed."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = f"/sager/{case.id}/familie/ny"
    refused = web.post_form(
        page,
        {"name": "Jonas", "relation": "father", "phone": "60 70 80 90", "notes": "010203-1234"},
        page=page,
    )
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Skriv ikke CPR-numre her." in html and 'href="#notes"' in html
    assert 'value="Jonas"' in html and 'value="60 70 80 90"' in html
    assert family.list_members(case) == []
    added = web.post_form(
        page, {"name": "Jonas", "relation": "father", "phone": "60 70 80 90"}, page=page
    )
    assert added.status_code == 302 and added.headers["Location"].endswith("#familie")
    assert [(m.name, m.relation) for m in family.list_members(case)] == [("Jonas", "father")]


def test_change_and_remove_a_member(login_as, make_case):
    """The edit page is filled from the stored member; removing takes them off the case."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    member_id = _member(case, "Noah", "sibling").id
    page = f"/sager/{case.id}/familie/{member_id}"
    assert 'value="Noah"' in web.get(page).get_data(as_text=True)
    changed = web.post_form(
        page, {"name": "Noah", "relation": "sibling", "notes": "4 år"}, page=page
    )
    assert changed.status_code == 302
    db.session.expire_all()
    assert db.session.get(FamilyMember, member_id).notes == "4 år"
    removed = web.post_form(f"{page}/fjern", page=f"/sager/{case.id}")
    assert removed.status_code == 302
    db.session.expire_all()
    assert db.session.get(FamilyMember, member_id) is None


def test_a_member_of_another_case_is_not_found_through_this_one(login_as, make_case):
    """The URL's case and the member's case must match."""
    web = login_as("coordinator")
    mine = make_case(coordinator=web.user)
    theirs = make_case(coordinator=web.user)
    member = _member(theirs)
    assert web.get(f"/sager/{mine.id}/familie/{member.id}").status_code == 404


def test_english_messages(login_as, make_case):
    """The refusal is in English for an English page."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    web.post_form("/sprog", {"lang": "en", "next": "/"}, page="/")
    page = f"/sager/{case.id}/familie/ny"
    html = web.post_form(page, {"name": "", "relation": "child"}, page=page).get_data(as_text=True)
    assert "Write the person&#39;s name." in html or "Write the person's name." in html


def test_the_api_lists_the_family_to_those_who_may_read_it(api_as, make_case):
    """GET /cases/<id> gains `family`; a controller's answer leaves it out; lists never."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    _member(case, "Emma", "child", notes="7 år")
    body = api.get(f"/cases/{case.id}").json
    assert body["family"] == [
        {"id": body["family"][0]["id"], "name": "Emma", "relation": "child", "phone": None,
         "email": None, "notes": "7 år"}
    ]  # fmt: skip
    assert body["reference"] == case.reference and "next_follow_up" in body
    assert len(_reads(case)) == 1
    assert "family" not in api_as("controller").get(f"/cases/{case.id}").json
    assert all("family" not in c for c in api.get("/cases").json["cases"])

"""Editing a case's facts on the web and through the API; the CPR check; the neutral title."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Case
from tests.helpers import save_draft


def _facts(**changes) -> dict:
    """A full edit form's fields with ``changes``."""
    data = {
        "reference": "SAG-1",
        "title": "Familien Hansen",
        "neutral_title": "",
        "flow_document_id": "",
        "birth_month": "",
        "birth_year": "",
    }
    data.update(changes)
    return data


def test_coordinator_edits_the_facts_and_sees_the_transitions(login_as, make_case, make_user):
    """Title, number, case flow, paragraphs and birth month are saved; 16 and 18 are shown."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user, reference="SAG-1")
    flow = save_draft(make_user("leader"), "sagsforloeb")
    db.session.commit()
    url = f"/sager/{case.id}/rediger"
    data = _facts(
        reference="SAG-1A",
        title="Familien Holm",
        flow_document_id=str(flow.id),
        paragraphs=["bl_32", "bl_20"],
        birth_month="3",
        birth_year="2015",
    )
    response = web.post_form(url, data, page=url)
    assert response.status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.reference, case.title, case.flow_document_id) == (
        "SAG-1A",
        "Familien Holm",
        flow.id,
    )
    assert case.paragraph_keys == ["bl_32", "bl_20"]
    assert (case.birth_month, case.birth_year) == (3, 2015)
    page = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "fylder 16 i marts 2031" in page
    assert "fylder 18 i marts 2033" in page
    assert "Barnets lov § 32" in page
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_facts_changed"))
    assert set(event.details["fields"]) >= {"reference", "title", "paragraphs", "birth_month"}


def test_cpr_in_number_or_title_is_refused_and_what_was_typed_is_kept(login_as, make_case):
    """A CPR-like number is refused with a clear message; the other fields keep their text."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user, reference="SAG-2")
    url = f"/sager/{case.id}/rediger"
    data = _facts(reference="010203-1234", title="Barn 0102031234", birth_year="20x5")
    response = web.post_form(url, data, page=url)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Sagsnummeret ligner et CPR-nummer" in html
    assert "Titlen ligner et CPR-nummer" in html
    assert 'value="20x5"' in html  # kept as typed
    assert "Skriv ikke diagnoser, fulde navne" in html  # the title's hint
    db.session.expire_all()
    assert db.session.get(Case, case.id).reference == "SAG-2"


def test_creating_a_case_with_a_cpr_number_is_refused(login_as):
    """The create form uses the same check."""
    web = login_as("coordinator")
    response = web.post_form("/sager", {"reference": "SAG-9", "title": "311299-1234"}, page="/")
    assert response.status_code == 422
    assert "Titlen ligner et CPR-nummer" in response.get_data(as_text=True)
    assert db.session.scalar(select(Case)) is None


def test_bad_input_is_refused_without_a_500(login_as, make_case):
    """Unknown paragraphs and documents, half a birth date, a future month: messages, no 500."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user, reference="SAG-3")
    url = f"/sager/{case.id}/rediger"
    cases = [
        (_facts(reference="SAG-3", paragraphs=["nope"]), "Ukendt paragraf: nope."),
        (_facts(reference="SAG-3", flow_document_id="99999"), "Vælg et sagsforløb"),
        (_facts(reference="SAG-3", birth_month="5"), "Angiv både fødselsmåned og fødselsår"),
        (_facts(reference="SAG-3", birth_month="13", birth_year="2015"), "Vælg en måned."),
        (_facts(reference="SAG-3", birth_month="1", birth_year="1900"), "Angiv et år mellem"),
        (_facts(reference="SAG-3", paragraphs=["bl_35"]), "Ukendt paragraf: bl_35."),  # retired
    ]
    for data, message in cases:
        response = web.post_form(url, data, page=url)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data


def test_only_the_coordinator_edits_not_the_team_or_controllers(login_as, make_case, make_user):
    """Editing the facts is Action.EDIT: since issue 11 the case's own coordinator, not the
    rest of the core team (403); controllers 403."""
    member = make_user("coordinator")
    case = make_case(team=[member], reference="SAG-4")
    assert login_as(case.coordinator).get(f"/sager/{case.id}/rediger").status_code == 200
    assert login_as(member).get(f"/sager/{case.id}/rediger").status_code == 403
    assert login_as("controller").get(f"/sager/{case.id}/rediger").status_code == 403


def test_controller_sees_the_neutral_title_only(login_as, make_case):
    """The case page and list show controllers "Sag <number>" or the neutral title."""
    case = make_case(reference="SAG-5", title="Familien Skjult")
    controller = login_as("controller")
    page = controller.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "Sag SAG-5" in page and "Familien Skjult" not in page
    case.neutral_title = "Aflastningssag"
    db.session.commit()
    listing = controller.get("/").get_data(as_text=True)
    assert "Sager til økonomiopfølgning" in listing
    assert "Aflastningssag" in listing and "Familien Skjult" not in listing
    assert "Familiekoordinator" not in listing  # only number and neutral title


def test_api_reads_and_patches_the_facts(api_as, make_case):
    """GET gives the facts; PATCH changes only what is sent, with the web form's checks."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user, reference="SAG-6", title="Familien Api")
    answer = api.get(f"/cases/{case.id}/facts")
    assert answer.status_code == 200
    assert answer.json["paragraphs"] == [] and answer.json["birth_month"] is None
    answer = api.patch(
        f"/cases/{case.id}/facts",
        json={"paragraphs": ["bl_32"], "birth_month": 6, "birth_year": 2012},
    )
    assert answer.status_code == 200, answer.json
    assert answer.json["title"] == "Familien Api"  # not sent, not changed
    assert answer.json["transitions"] == [
        {"age": 16, "month": "2028-06-01"},
        {"age": 18, "month": "2030-06-01"},
    ]
    refused = api.patch(f"/cases/{case.id}/facts", json={"reference": "0102031234"})
    assert refused.status_code == 422
    assert "CPR" in refused.json["errors"]["reference"][0]
    unknown = api.patch(f"/cases/{case.id}/facts", json={"status": "closed"})
    assert unknown.status_code == 422  # the status changes through the case's life steps
    case_answer = api.get(f"/cases/{case.id}").json
    assert case_answer["neutral_title"] == "Sag SAG-6"
    assert db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "content_read", AuditEvent.object_id == case.id
        )
    )


def test_controller_cannot_read_the_facts_through_the_api(api_as, make_case):
    """The facts hold the child's birth month: family content, not for controllers."""
    case = make_case()
    api = api_as("controller")
    assert api.get(f"/cases/{case.id}/facts").status_code == 403
    assert api.patch(f"/cases/{case.id}/facts", json={"title": "X"}).status_code == 403


def test_a_paragraph_held_by_a_case_cannot_be_removed_from_the_list(make_case, make_user, app):
    """The vocabulary editor's usage finders include the cases' paragraphs."""
    from app.cases.facts import update_facts
    from app.vocabularies.services import VocabularyError, get_vocabulary, save_vocabulary

    case = make_case(reference="SAG-7")
    leader = make_user("leader")
    update_facts(leader, case, {"paragraphs": ["bl_32"]})
    db.session.commit()
    items = [i for i in get_vocabulary("paragraphs") if i["value"] != "bl_32"]
    with app.test_request_context():
        try:
            save_vocabulary(leader, "paragraphs", items)
        except VocabularyError as error:
            assert "sag SAG-7: sagens paragraffer" in str(error.errors)
        else:
            raise AssertionError("removing a paragraph a case holds was allowed")


def test_api_patch_with_odd_types_answers_422_not_500(api_as, make_case):
    """Wrong JSON types for each fact are refused with a message on that field."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    odd = {
        "reference": 5,
        "title": None,
        "neutral_title": ["x"],
        "flow_document_id": [1],
        "paragraphs": "bl_32",
        "birth_month": True,
        "birth_year": "2015",
    }
    for name, value in odd.items():
        answer = api.patch(f"/cases/{case.id}/facts", json={name: value})
        assert answer.status_code == 422, (name, answer.status_code)
        assert answer.json["errors"], name
    assert api.patch(f"/cases/{case.id}/facts", json={"neutral_title": None}).status_code == 200

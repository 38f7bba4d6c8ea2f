"""The phase on the case page (step indicator, the one action, its rights) and the timeline."""

from __future__ import annotations

import re

import jsonschema
from sqlalchemy import select

from app.api.openapi import openapi_document
from app.extensions import db
from app.models import Case, CasePhase
from app.phases import services
from tests.test_phases import FIRST, SECOND, edit_phases, flow_document


def _case_with_flow(make_case, make_user, coordinator, team=()):
    """A case following a final template, started: (case, leader, document)."""
    leader = make_user("leader")
    document = flow_document(leader)
    case = make_case(coordinator=coordinator, team=list(team))
    case.flow_document_id = document.id
    services.start_flow(coordinator, case)
    db.session.commit()
    return case, leader, document


def _states(html: str) -> list[str]:
    """The step indicator's states, in order."""
    return re.findall(r'data-state="(\w+)"', html)


def test_the_indicator_shows_done_current_and_next_with_the_current_details(
    login_as, make_case, make_user
):
    """An ordered list with aria-current on the current phase, its responsible (with the
    coordinator's name) and its deadline with the source the template gives."""
    web = login_as("coordinator")
    case, _leader, _doc = _case_with_flow(make_case, make_user, web.user)
    page = f"/sager/{case.id}"
    for seen in (FIRST, SECOND):
        response = web.post_form(
            f"/sager/{case.id}/fase/naeste", {"phase": seen, "note": "Videre."}, page=page
        )
        assert response.status_code == 302
    html = web.get(page).get_data(as_text=True)
    assert '<ol class="step-indicator enindgang-phases"' in html
    assert _states(html)[:4] == ["done", "done", "current", "next"]
    assert html.count('aria-current="step"') == 1
    current = html.split('data-testid="phase-current"')[1].split("</dl>")[0]
    assert "Tilbud om familievejledning" in current
    assert "Familievejleder" in current
    assert "senest 3 måneder" in current and "kilde: Barnets lov § 81, stk. 4" in current
    history = html.split('data-testid="case-history"')[1]
    assert "Screening" in history and "Videre." in history
    db.session.expire_all()
    assert db.session.get(Case, case.id).phase.phase_key == "familievejledning"


def test_the_coordinators_name_is_shown_when_the_role_is_theirs(login_as, make_case, make_user):
    """A phase the family coordinator is responsible for names the case's coordinator."""
    web = login_as("coordinator")
    case, _leader, _doc = _case_with_flow(make_case, make_user, web.user)
    for seen in (FIRST, SECOND, "familievejledning"):
        services.move_on(web.user, db.session.get(Case, case.id), "", seen)
    db.session.commit()
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    responsible = html.split('data-testid="phase-responsible">')[1].split("</dd>")[0]
    assert responsible == f"Familiekoordinator ({web.user.name})"


def test_only_the_coordinator_gets_the_button_and_others_get_403(login_as, make_case, make_user):
    """Someone on the core team sees the indicator but not the button, and a post is 403."""
    coordinator = make_user("coordinator")
    member = make_user("coordinator")
    case, _leader, _doc = _case_with_flow(make_case, make_user, coordinator, team=[member])
    web = login_as(member)
    page = f"/sager/{case.id}"
    html = web.get(page).get_data(as_text=True)
    assert 'data-testid="phase-steps"' in html
    assert "Gå til næste fase" not in html
    response = web.post_form(f"/sager/{case.id}/fase/naeste", {"phase": FIRST}, page=page)
    assert response.status_code == 403
    assert "Gå til næste fase" in login_as(coordinator).get(page).get_data(as_text=True)


def test_a_lost_race_answers_409_with_a_clear_message(login_as, make_case, make_user):
    """Two people saw the first phase; the second post is refused, not a skip."""
    web = login_as("coordinator")
    case, _leader, _doc = _case_with_flow(make_case, make_user, web.user)
    page = f"/sager/{case.id}"
    assert (
        web.post_form(f"/sager/{case.id}/fase/naeste", {"phase": FIRST}, page=page).status_code
        == 302
    )
    response = web.post_form(f"/sager/{case.id}/fase/naeste", {"phase": FIRST}, page=page)
    assert response.status_code == 409
    assert "allerede gået videre og er nu i fasen »Screening«" in response.get_data(as_text=True)
    db.session.expire_all()
    phase = db.session.scalar(select(CasePhase).where(CasePhase.case_id == case.id))
    assert phase.phase_key == SECOND


def test_start_from_the_page_and_a_newer_template_is_offered(login_as, make_case, make_user):
    """Not started: a start button; after a template edit, the page offers the new revision."""
    web = login_as("coordinator")
    leader = make_user("leader")
    document = flow_document(leader)
    case = make_case(coordinator=web.user)
    case.flow_document_id = document.id
    db.session.commit()
    page = f"/sager/{case.id}"
    assert 'data-testid="phase-not-started"' in web.get(page).get_data(as_text=True)
    assert web.post_form(f"/sager/{case.id}/fase/start", {}, page=page).status_code == 302
    edit_phases(leader, db.session.get(type(document), document.id), lambda rows: rows)
    db.session.commit()
    html = web.get(page).get_data(as_text=True)
    assert 'data-testid="phase-newer"' in html and "Følg version 2" in html
    assert web.post_form(f"/sager/{case.id}/fase/ny-version", {}, page=page).status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).phase.revision == 2


def test_a_coordinator_reads_the_template_as_a_timeline(login_as, make_user):
    """A reader gets the phases in order with responsible, deadline and its source; an
    editor still reaches the form and can open the timeline too."""
    document = flow_document(make_user("leader"))
    db.session.commit()
    url = f"/dokumenter/sagsforloeb/{document.id}"
    html = login_as("coordinator").get(url).get_data(as_text=True)
    assert '<ol class="enindgang-timeline"' in html
    assert "<input" not in html.split('data-testid="timeline"')[1]  # not a disabled form
    names = re.findall(r"</span> ([^<]+)</h3>", html)
    assert names[:3] == ["Henvendelse", "Screening", "Tilbud om familievejledning"]
    assert "Barnets lov § 81, stk. 4" in html and "Familievejleder" in html
    editor = login_as("leader")
    form = editor.get(url).get_data(as_text=True)
    assert 'data-testid="show-timeline"' in form and "<textarea" in form
    timeline = editor.get(url + "/forloeb?version=1")
    assert timeline.status_code == 200 and 'data-testid="timeline-edit"' in timeline.get_data(
        as_text=True
    )
    assert editor.get(url + "/forloeb?version=9").status_code == 404


def test_the_timeline_is_only_for_case_flow_templates(login_as, make_user):
    """Another municipal document has no timeline."""
    from tests.helpers import save_draft

    plan = save_draft(make_user("leader"), "beslutningskompetence")
    db.session.commit()
    web = login_as("coordinator")
    assert web.get(f"/dokumenter/beslutningskompetence/{plan.id}/forloeb").status_code == 404


def test_mine_sager_shows_and_searches_the_phase(login_as, make_case, make_user):
    """The list has a phase column, sorts by it and finds a case by its phase's name."""
    web = login_as("coordinator")
    case, _leader, _doc = _case_with_flow(make_case, make_user, web.user)
    other = make_case(coordinator=web.user, reference="UDEN-FASE")
    services.move_on(web.user, db.session.get(Case, case.id), "", FIRST)
    db.session.commit()
    html = web.get("/?sort=phase").get_data(as_text=True)
    assert ">Fase ▲</a>" in html and "<td>Screening</td>" in html
    found = web.get("/?q=screen").get_data(as_text=True)
    assert case.reference in found and other.reference not in found


def test_the_api_answers_the_phase_and_moves_on(api_as, make_case, make_user):
    """GET /cases/<id> gains ``phase``; POST …/phase/next moves one step, 409 when stale."""
    api = api_as("coordinator")
    case, _leader, document = _case_with_flow(make_case, make_user, api.user)
    plain = make_case(coordinator=api.user)
    got = api.get(f"/cases/{plain.id}")
    assert got.get_json()["phase"] is None
    phase = api.get(f"/cases/{case.id}").get_json()["phase"]
    assert {k: phase[k] for k in ("key", "name", "flow_document_id", "pinned_revision")} == {
        "key": FIRST,
        "name": "Henvendelse",
        "flow_document_id": document.id,
        "pinned_revision": 1,
    }
    url = f"/cases/{case.id}/phase/next"
    moved = api.post(url, json={"from_phase": FIRST, "note": "Videre."})
    assert moved.status_code == 200 and moved.get_json()["phase"]["key"] == SECOND
    spec = openapi_document()
    jsonschema.validate(moved.json, {"$ref": "#/components/schemas/Case", **spec})
    stale = api.post(url, json={"from_phase": FIRST})
    assert stale.status_code == 409
    assert "»Screening«" in stale.get_json()["error"]
    listed = {c["id"]: c["phase"] for c in api.get("/cases").get_json()["cases"]}
    assert listed[case.id]["key"] == SECOND and listed[plain.id] is None
    refused = api.post(f"/cases/{plain.id}/phase/next", json={})
    assert refused.status_code == 422
    assert "ikke startet" in refused.get_json()["errors"]["phase"][0]

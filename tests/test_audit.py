"""The audit helper: events built from the request; reads and exports of family content.

Every read or download of a case's forms, plan or funding writes exactly one event with the
actor, the client's address, its user agent and the object's id, and never the case's text.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import audit, create_app
from app.extensions import db
from app.models import AuditEvent
from app.submissions import services as submissions
from tests.conftest import _test_config
from tests.helpers import save_draft

IP = "203.0.113.7"
AGENT = "MatrixBrowser/1.0 " + "x" * 400  # longer than the column
SECRET = "Familien Hemmelig 0101011234"
# What a person can type as a title: a CPR-like number in it is refused (issue 10).
SECRET_TITLE = "Familien Hemmelig"


@pytest.fixture
def family_case(make_case, make_user):
    """A case whose title is text that must never reach the trail, with a saved goal sheet."""
    coordinator = make_user("coordinator")
    case = make_case(coordinator=coordinator, reference="AUD-1", title=SECRET)
    save_draft(coordinator, "smarte_maal", case)
    db.session.commit()
    return case


def _submission_id(case) -> int:
    """The id of the case's saved goal sheet."""
    return submissions.find_case_submission(case, "smarte_maal").id


def _events(action: str | None = None) -> list[AuditEvent]:
    """Audit events, optionally of one action, oldest first."""
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    db.session.expire_all()
    return list(db.session.scalars(query))


def _as_browser(client):
    """Make every request of a test client come from IP with the user agent AGENT."""
    client.environ_base.update({"REMOTE_ADDR": IP, "HTTP_USER_AGENT": AGENT})
    return client


def _assert_one(action, user, object_id, **details):
    """Exactly one event of the action, with actor, address, agent, object and details."""
    events = _events(action)
    assert len(events) == 1, [(e.action, e.details) for e in events]
    event = events[0]
    assert event.actor_id == user.id
    assert event.ip == IP
    assert event.user_agent == AGENT[: audit.USER_AGENT_MAX]
    assert event.object_id == object_id
    for key, value in details.items():
        assert event.details[key] == value, key
    text = f"{event.details} {event.object_type} {event.action}"
    assert "Hemmelig" not in text and "0101011234" not in text and "AUD-1" not in text
    return event


WEB_EXPORTS = [
    ("/sager/{case}/faelles-plan.docx", {"what": "plan", "format": "docx"}),
    ("/sager/{case}/intern-plan.docx", {"what": "plan", "format": "docx"}),
    ("/sager/{case}/familiens-plan.docx", {"what": "family_plan", "format": "docx"}),
    ("/sager/{case}/formularer/smarte_maal/dokument.docx", {"what": "form", "format": "docx"}),
    ("/sager/{case}/finansiering.xlsx", {"what": "funding", "format": "xlsx"}),
]


@pytest.mark.parametrize("url,details", WEB_EXPORTS)
def test_web_download_of_family_content_writes_one_export_event(
    login_as, family_case, url, details
):
    """Word and workbook downloads on the web are audited once, with who and from where."""
    web = _as_browser(login_as("leader"))
    response = web.get(url.format(case=family_case.id))
    assert response.status_code == 200
    _assert_one("content_exported", web.user, family_case.id, **details)


API_EXPORTS = [
    ("/cases/{case}/plan.docx", {"what": "plan", "format": "docx"}),
    ("/cases/{case}/family-plan.docx", {"what": "family_plan", "format": "docx"}),
    ("/cases/{case}/forms/smarte_maal/document", {"what": "form", "format": "docx"}),
    ("/cases/{case}/funding.xlsx", {"what": "funding", "format": "xlsx"}),
]


@pytest.mark.parametrize("url,details", API_EXPORTS)
def test_api_download_of_family_content_writes_one_export_event(api_as, family_case, url, details):
    """The API's downloads are audited like the web's."""
    api = api_as("admin")
    _as_browser(api.client)
    response = api.get(url.format(case=family_case.id))
    assert response.status_code == 200
    _assert_one("content_exported", api.user, family_case.id, **details)


def test_form_export_names_the_form_and_the_submission(login_as, family_case):
    """A form's download says which form and which saved submission left the server."""
    web = _as_browser(login_as("admin"))
    web.get(f"/sager/{family_case.id}/formularer/smarte_maal/dokument.docx")
    event = _assert_one("content_exported", web.user, family_case.id)
    assert event.object_type == "case"
    assert event.details["form"] == "smarte_maal"
    assert event.details["submission_id"] == _submission_id(family_case)


def test_api_get_of_a_case_form_writes_one_read_event(api_as, family_case):
    """Reading a case's form data through the API is a read of family content."""
    api = api_as("leader")
    _as_browser(api.client)
    response = api.get(f"/cases/{family_case.id}/forms/smarte_maal")
    assert response.status_code == 200
    _assert_one(
        "content_read",
        api.user,
        family_case.id,
        what="form",
        form="smarte_maal",
        submission_id=_submission_id(family_case),
    )


def test_web_form_page_and_revision_are_reads(login_as, family_case):
    """Showing a case's form or one of its saved versions records a read each."""
    web = _as_browser(login_as("admin"))
    base = f"/sager/{family_case.id}/formularer/smarte_maal"
    assert web.get(base).status_code == 200
    _assert_one("content_read", web.user, family_case.id, form="smarte_maal")
    assert web.get(base + "/historik/1").status_code == 200
    assert [e.details.get("revision") for e in _events("content_read")] == [None, 1]


@pytest.mark.parametrize("web", [True, False], ids=["web", "api"])
def test_portfolio_download_lists_the_cases_it_covers(login_as, api_as, family_case, web):
    """The portfolio spans cases: no single object, the case ids in the details."""
    from tests.funding.support import api_lines, put

    writer = api_as("admin")
    assert put(writer, family_case.id, api_lines()).status_code == 200
    if web:
        client = _as_browser(login_as("controller"))
        user, response = client.user, client.get("/okonomi/portefoelje.xlsx")
    else:
        api = api_as("controller")
        _as_browser(api.client)
        user, response = api.user, api.get("/funding/portfolio.xlsx")
    assert response.status_code == 200
    event = _assert_one("content_exported", user, None, what="funding_portfolio")
    assert event.details["case_ids"] == [family_case.id]


def test_refused_download_writes_no_event(login_as, family_case):
    """A read that is refused (another coordinator's case) leaves no read event behind."""
    web = _as_browser(login_as("coordinator"))
    assert web.get(f"/sager/{family_case.id}/faelles-plan.docx").status_code == 404
    assert _events("content_exported") == []


def test_events_of_changes_carry_address_and_agent(login_as):
    """The former calls without an IP (saves, templates, lists) now have the request's."""
    web = _as_browser(login_as("coordinator"))
    response = web.post_form("/sager", {"reference": "AUD-2", "title": SECRET_TITLE}, page="/")
    assert response.status_code == 302
    event = _assert_one("case_created", web.user, _events("case_created")[0].object_id)
    assert event.object_type == "case"
    web.get(response.headers["Location"])


def test_saves_through_the_api_carry_address_and_agent(api_as, family_case):
    """Funding and form saves used to record no IP; now they have the request's."""
    from tests.funding.support import api_lines, put

    api = api_as("admin")
    _as_browser(api.client)
    assert put(api, family_case.id, api_lines()).status_code == 200
    _assert_one("funding_saved", api.user, family_case.id, source="api", lines=3)
    form = api.get(f"/cases/{family_case.id}/forms/smarte_maal").json
    body = {"version": form["version"], "status": "draft", "data": form["data"]}
    assert api.put(f"/cases/{family_case.id}/forms/smarte_maal", json=body).status_code == 200
    saved = [e for e in _events("submission_saved") if e.actor_id == api.user.id]
    assert len(saved) == 1 and saved[0].ip == IP and saved[0].user_agent


def test_address_comes_through_the_trusted_proxy(database_url, make_user):
    """Behind a proxy (TRUSTED_PROXIES=1) the client's address is X-Forwarded-For's."""
    user = make_user("coordinator")
    served = create_app(_test_config(database_url, TRUSTED_PROXIES=1))
    from tests.helpers import WebClient

    served.test_client_class = WebClient
    web = served.test_client()
    web.environ_base.update({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": IP})
    web.login(user)
    [login] = _events("login")
    assert login.ip == IP and login.actor_id == user.id
    with served.app_context():
        db.engine.dispose()


def test_record_outside_a_request_has_no_address(app, make_user):
    """CLI and start-up events have an actor only when one is given, and no IP or agent."""
    user = make_user("admin")
    event = audit.record("user_created", user, actor=user, role="admin")
    assert (event.actor_id, event.object_type, event.object_id) == (user.id, "user", user.id)
    assert event.ip is None and event.user_agent is None
    assert audit.record("vocabulary_reset", object_type="vocabulary").actor_id is None


@pytest.mark.parametrize(
    "value",
    [
        SECRET,
        "0101011234",
        "0101011234",
        "AUD-1",
        "Familien",
        "x" * 65,
        1.5,
        {"a": 1},
        ["ok", "Nej"],
    ],
)
def test_details_refuse_anything_but_ids_and_codes(app, make_case, value):
    """Text, references, CPR-like numbers and floats never reach the trail."""
    case = make_case()
    with pytest.raises(ValueError):
        audit.record("content_read", case, note=value)
    with pytest.raises(ValueError):
        audit.record_event("content_read", details={"note": value})


def test_details_accept_ids_codes_and_lists_of_them(app, make_case):
    """Form names, statuses, formats, numbers and lists of ids are what details are made of."""
    case = make_case()
    event = audit.record(
        "content_exported", case, form="smarte_maal", format="docx", case_ids=[1, 2], done=True
    )
    assert event.details == {
        "form": "smarte_maal",
        "format": "docx",
        "case_ids": [1, 2],
        "done": True,
    }


def test_one_commit_writes_a_pages_reads_together_and_a_failed_page_writes_none(family_case):
    """Inside ``one_commit`` reads wait for the block's end and are committed once; a block
    that fails leaves nothing (the page was never shown); outside it each read commits."""
    from flask import current_app

    with current_app.test_request_context():
        with audit.one_commit():
            audit.read(family_case, "family")
            audit.read(family_case, "meetings")
            db.session.rollback()  # what a commit inside the block would have kept
            assert _events("content_read") == []
        with audit.one_commit():
            audit.read(family_case, "family")
            audit.read(family_case, "meetings")
        db.session.rollback()
        assert [e.details["what"] for e in _events("content_read")] == ["family", "meetings"]
        with pytest.raises(RuntimeError), audit.one_commit():
            audit.read(family_case, "consents")
            raise RuntimeError("the page failed")
        db.session.rollback()
        assert len(_events("content_read")) == 2
        audit.read(family_case, "consents")  # no block: committed at once
        db.session.rollback()
        assert len(_events("content_read")) == 3

"""The family's page behind a personal link: only that case's family plan, the kind page for
every link that does not work, the one-time code, answers and acceptance, all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db, limiter
from app.familylink import codes
from app.familylink import services as links
from app.models import AuditEvent, GoalReading, PlanAcceptance, ReadingSource
from tests.familylink.support import INTERNAL, family_case, new_link

GONE = "Linket virker ikke længere – kontakt din familiekoordinator"


def _events(action: str) -> list[AuditEvent]:
    """The audit events of one action, oldest first."""
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def made(app, make_case, make_user):
    """The family's case and, beside it, another family's case."""
    other = family_case(make_case, make_user, title="Familien Jensen", goal="Andet-families-maal")
    return family_case(make_case, make_user), other


def test_a_valid_link_shows_only_that_cases_family_plan(client, made):
    """Goals, sub-goals, agreements, the next meeting, the coordinator's phone and the
    contact agreement show; amounts, notes, minutes and the other case never do."""
    mine, other = made
    _link, token = new_link(mine.case.coordinator, mine)
    response = client.get(f"/familie/{token}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for shown in (
        "Ro ved sengetid",
        "Fast tid for tandbørstning",  # a sub-goal
        "Far læser godnathistorie",  # a goal's agreement
        "Mor ringer til skolen",  # an open agreement from a meeting
        "Rådhuset",  # the next meeting's place
        "Koordinator Familien Hansen",
        "12 34 56 78",
        "Vi vil have roligere aftener",
        'name="value"',  # the ruler
    ):
        assert shown in html, shown
    assert "None" not in html  # an empty value shows as nothing
    for hidden in (*INTERNAL, "Familien Jensen", "Andet-families-maal", "Mor Familien Jensen"):
        assert hidden not in html, hidden
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'data-testid="current-user"' not in html  # no staff header


def test_opening_is_audited_with_the_link_as_actor(client, made):
    """The event names the link and the family member, not a staff user."""
    mine, _other = made
    link, token = new_link(mine.case.coordinator, mine)
    client.get(f"/familie/{token}")
    (event,) = _events("family_link_opened")
    assert event.actor_id is None and event.object_id == mine.case.id
    assert event.details["family_link_id"] == link.id
    assert event.details["family_member_id"] == mine.parent.id
    assert event.details["by"] == "family_link"
    assert link.last_opened_at is not None


@pytest.mark.parametrize("how", ["expired", "revoked", "guessed"])
def test_links_that_do_not_work_show_the_kind_page_and_nothing_else(client, made, clock, how):
    """One kind page with the municipality's name, status 404, no case data."""
    mine, _other = made
    link, token = new_link(mine.case.coordinator, mine, days=7)
    if how == "expired":
        clock.shift(timedelta(days=8))
    elif how == "revoked":
        links.revoke_link(mine.case.coordinator, mine.case, link)
        db.session.commit()
    else:
        token = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    for url in (f"/familie/{token}", f"/familie/{token}/kode"):
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 404
        assert GONE in html
        for hidden in ("Ro ved sengetid", "Familien Hansen", "Koordinator", "12 34 56 78"):
            assert hidden not in html
    reasons = [e.details["reason"] for e in _events("family_link_refused")]
    assert reasons and set(reasons) == {"unknown" if how == "guessed" else how}


def test_posts_through_a_revoked_link_store_nothing(client, made):
    """An answer or an acceptance through a link revoked since the page was opened fails."""
    mine, _other = made
    link, token = new_link(mine.case.coordinator, mine)
    csrf = client.csrf_token(f"/familie/{token}")
    links.revoke_link(mine.case.coordinator, mine.case, link)
    db.session.commit()
    headers = {"Referer": f"https://localhost/familie/{token}"}
    answer = {"csrf_token": csrf, "goal": mine.keys[0], "value": "6"}
    assert client.post(f"/familie/{token}/svar", data=answer, headers=headers).status_code == 404
    accept = {"csrf_token": csrf}
    assert (
        client.post(f"/familie/{token}/accepter", data=accept, headers=headers).status_code == 404
    )
    assert db.session.scalar(select(GoalReading.id)) is None
    assert db.session.scalar(select(PlanAcceptance.id)) is None


def test_guessing_is_rate_limited(app, client, made):
    """Refused tokens count per address; a valid link's openings do not."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine)
    limiter.reset()
    app.config["FAMILY_LINK_RATE_LIMIT"] = "3 per minute"
    try:
        for _ in range(5):
            assert client.get(f"/familie/{token}").status_code == 200
        codes_seen = [client.get(f"/familie/gaet-{n}").status_code for n in range(4)]
        assert codes_seen == [404, 404, 404, 429]
    finally:
        app.config["FAMILY_LINK_RATE_LIMIT"] = "20 per minute"
        limiter.reset()


class RecordingSender:
    """Keeps the codes it was asked to send."""

    def __init__(self):
        self.sent: list[dict] = []

    def send(self, **message):
        self.sent.append(message)


@pytest.fixture
def sender(app):
    """A sender that records instead of printing."""
    recording = RecordingSender()
    app.extensions["family_code_sender"] = recording
    yield recording
    del app.extensions["family_code_sender"]


def _post(client, token, path, data):
    """Post a family form with a CSRF token read from the code page."""
    return client.post_form(f"/familie/{token}{path}", data, page=f"/familie/{token}/kode")


def test_a_link_with_a_code_asks_for_it_before_showing_anything(client, made, sender):
    """No plan before the code; a wrong code is refused; the right one opens the page."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine, with_code=True)
    response = client.get(f"/familie/{token}")
    assert response.status_code == 302 and response.location.endswith(f"/familie/{token}/kode")
    page = client.get(f"/familie/{token}/kode").get_data(as_text=True)
    assert "Ro ved sengetid" not in page and "Familien Hansen" not in page
    assert _post(client, token, "/kode/send", {}).status_code == 302
    (message,) = sender.sent
    assert message["to"] == "mor@example.dk" and len(message["code"]) == 6
    wrong = "000000" if message["code"] != "000000" else "111111"
    refused = _post(client, token, "/kode", {"code": wrong})
    assert refused.status_code == 422 and "Koden er forkert" in refused.get_data(as_text=True)
    assert client.get(f"/familie/{token}").status_code == 302
    assert _post(client, token, "/kode", {"code": message["code"]}).status_code == 302
    opened = client.get(f"/familie/{token}")
    assert opened.status_code == 200 and "Ro ved sengetid" in opened.get_data(as_text=True)
    results = [e.details["result"] for e in _events("family_code_checked")]
    assert results == ["wrong", "ok"]


def test_a_code_allows_five_attempts_then_a_new_code_is_needed(client, made, sender):
    """After five wrong codes even the right one is refused until a new one is sent."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine, with_code=True)
    _post(client, token, "/kode/send", {})
    right = sender.sent[-1]["code"]
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(codes.CODE_ATTEMPTS):
        assert _post(client, token, "/kode", {"code": wrong}).status_code == 422
    used_up = _post(client, token, "/kode", {"code": right})
    assert used_up.status_code == 422 and "for mange gange" in used_up.get_data(as_text=True)
    _post(client, token, "/kode/send", {})
    assert _post(client, token, "/kode", {"code": sender.sent[-1]["code"]}).status_code == 302


class FailingSender:
    """A mail server that cannot be reached."""

    def send(self, **_message):
        raise ConnectionRefusedError(111, "Connection refused")


def test_a_mail_server_that_fails_gets_a_kind_answer_and_the_earlier_code_still_works(
    app, client, made, sender, caplog
):
    """503 with words for the parent, nothing stored or audited, the earlier code still
    works; the log names the link and the kind of failure, never the address or a code."""
    mine, _other = made
    link, token = new_link(mine.case.coordinator, mine, with_code=True)
    _post(client, token, "/kode/send", {})
    earlier = sender.sent[-1]["code"]
    app.extensions["family_code_sender"] = FailingSender()
    try:
        failed = _post(client, token, "/kode/send", {})
    finally:
        app.extensions["family_code_sender"] = sender
    assert failed.status_code == 503
    assert "Vi kunne ikke sende koden lige nu" in failed.get_data(as_text=True)
    assert len(_events("family_code_sent")) == 1
    logged = caplog.text
    assert f"family link {link.id}: the code was not sent (ConnectionRefusedError)" in logged
    assert "mor@example.dk" not in logged and earlier not in logged
    assert _post(client, token, "/kode", {"code": earlier}).status_code == 302


def test_an_expired_code_is_refused(client, made, sender, clock):
    """A code older than ten minutes no longer works."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine, with_code=True)
    _post(client, token, "/kode/send", {})
    clock.shift(timedelta(minutes=codes.CODE_MINUTES + 1))
    expired = _post(client, token, "/kode", {"code": sender.sent[-1]["code"]})
    assert expired.status_code == 422 and "udløbet" in expired.get_data(as_text=True)


def test_the_code_is_stored_only_as_an_hmac(client, made, sender):
    """The database never holds the code itself."""
    mine, _other = made
    link, token = new_link(mine.case.coordinator, mine, with_code=True)
    _post(client, token, "/kode/send", {})
    db.session.refresh(link)
    assert link.code_hash and sender.sent[-1]["code"] not in link.code_hash
    assert len(link.code_hash) == 64


def test_a_link_needs_an_email_to_ask_for_a_code(app, made):
    """The child has no e-mail: a link with a code is refused with a message."""
    mine, _other = made
    with pytest.raises(links.LinkError) as refused:
        links.create_link(mine.case.coordinator, mine.case, mine.child.id, days=30, with_code=True)
    assert "with_code" in refused.value.errors


def test_a_family_answer_is_a_reading_on_the_case_and_in_the_audit_log(client, login_as, made):
    """The ruler and a comment become a reading with source family, given by the parent;
    the coordinator sees it on the case marked as coming from the family."""
    mine, _other = made
    link, token = new_link(mine.case.coordinator, mine)
    page = f"/familie/{token}"
    response = client.post_form(
        f"{page}/svar", {"goal": mine.keys[0], "value": "7", "note": "Bedre aftener"}, page=page
    )
    assert response.status_code == 302
    reading = db.session.scalar(select(GoalReading))
    assert (reading.value, reading.note, reading.source) == (7, "Bedre aftener", "family")
    assert reading.family_member_id == mine.parent.id and reading.recorded_by_id is None
    assert reading.source == ReadingSource.FAMILY
    (given,) = _events("family_answer_given")
    assert given.details["reading_id"] == reading.id and given.actor_id is None
    assert given.details["family_link_id"] == link.id
    (added,) = _events("goal_reading_added")
    assert added.actor_id is None and added.details["source"] == "family"
    web = login_as(mine.case.coordinator)
    case_page = web.get(f"/sager/{mine.case.id}").get_data(as_text=True)
    assert "Bedre aftener" in case_page and "fra familien" in case_page


def test_a_refused_answer_keeps_what_was_typed(client, made):
    """No number chosen: 422, the comment stays, nothing stored."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine)
    page = f"/familie/{token}"
    response = client.post_form(
        f"{page}/svar", {"goal": mine.keys[0], "value": "", "note": "Svært at sige"}, page=page
    )
    assert response.status_code == 422
    assert "Svært at sige" in response.get_data(as_text=True)
    assert db.session.scalar(select(GoalReading.id)) is None


def test_acceptance_is_recorded_with_the_plans_version_and_shown_on_the_case(
    client, login_as, made
):
    """The parent says yes to the plan; the case shows who, when and which version."""
    mine, _other = made
    link, token = new_link(mine.case.coordinator, mine)
    page = f"/familie/{token}"
    assert client.post_form(f"{page}/accepter", {}, page=page).status_code == 302
    acceptance = db.session.scalar(select(PlanAcceptance))
    assert acceptance.family_member_id == mine.parent.id and acceptance.link_id == link.id
    assert acceptance.plan_version == links.plan_version(mine.case) is not None
    assert "Du sagde ja til planen" in client.get(page).get_data(as_text=True)
    (event,) = _events("family_plan_accepted")
    assert event.details["version"] == acceptance.plan_version
    web = login_as(mine.case.coordinator)
    html = web.get(f"/sager/{mine.case.id}").get_data(as_text=True)
    assert "Mor Familien Hansen har sagt ja til planen" in html


def test_the_smarte_page_marks_the_familys_answers(client, login_as, made):
    """Among the goal's readings the family's own is marked "fra familien"."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine)
    page = f"/familie/{token}"
    client.post_form(f"{page}/svar", {"goal": mine.keys[0], "value": "4"}, page=page)
    web = login_as(mine.case.coordinator)
    html = web.get(f"/sager/{mine.case.id}/formularer/smarte_maal").get_data(as_text=True)
    table = html.split(f'data-testid="readings-{mine.keys[0]}"')[1].split("</table>")[0]
    assert "Mor Familien Hansen <strong>(fra familien)</strong>" in table


def test_the_family_page_speaks_english_when_asked(client, made):
    """The language button on the family page switches it to English and back to the page."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine)
    page = f"/familie/{token}"
    response = client.post_form("/sprog", {"lang": "en", "next": page}, page=page)
    assert response.status_code == 302 and response.location.endswith(page)
    html = client.get(page).get_data(as_text=True)
    assert "Your plan" in html and "How is it going?" in html


def test_no_code_can_be_sent_without_an_email(client, made, sender):
    """A link asking for a code whose person lost their e-mail says so; nothing is sent."""
    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine, with_code=True)
    mine.parent.email = ""
    db.session.commit()
    response = _post(client, token, "/kode/send", {})
    assert response.status_code == 422 and sender.sent == []


def test_the_family_page_shows_the_year_wheel_without_staff_links(client, made):
    """The wheel handed to the parents: its months, activities and dated meetings, with the
    text alternative, but no links into the staff's meeting pages; none without a wheel."""
    from tests.wheel.support import save as save_wheel

    mine, other = made
    _link, token = new_link(mine.case.coordinator, mine)
    save_wheel(mine.case, start=f"{mine.case.created_at:%Y-%m}")
    html = client.get(f"/familie/{token}").get_data(as_text=True)
    assert 'data-testid="family-wheel"' in html and "Jeres årshjul" in html
    assert "Netværksmøde om skolen" in html and 'role="img"' in html
    assert 'data-testid="wheel-list"' in html  # the month-by-month text alternative
    assert "/moeder/" not in html and "Planlæg som møde" not in html
    _other_link, other_token = new_link(other.case.coordinator, other)
    other_html = client.get(f"/familie/{other_token}").get_data(as_text=True)
    assert "Netværksmøde om skolen" not in other_html


def test_the_family_page_links_the_accessibility_statement_too(client, made):
    """The family's own pages have the same footer as the staff's: the statement is linked
    from every page, and the link page sends no referrer with the family's token."""
    import lxml.html

    mine, _other = made
    _link, token = new_link(mine.case.coordinator, mine)
    tree = lxml.html.fromstring(client.get(f"/familie/{token}").get_data(as_text=True))
    assert tree.xpath('//footer//a[@data-testid="accessibility-link"]')[0].get("href") == (
        "/tilgaengelighed"
    )
    assert tree.xpath('//meta[@name="referrer"]/@content') == ["same-origin"]

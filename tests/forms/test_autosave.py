"""Never lose typed work: autosave (one revision per sitting, audited once, the version check),
a failed final save keeping a draft, asking before a final becomes a draft, logout wiping
what the browser kept. The browser journeys are in tests/browser/test_autosave.py."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.auth.session_loader import SEEN
from app.database import utcnow
from app.extensions import db
from app.models import AuditEvent, Submission, SubmissionRevision
from app.submissions import services, sittings
from tests.forms.conftest import MUNICIPAL

FORM = "/sager/{case}/formularer/test_goals"
SITTING = "sitting-aaaaaaaaaaaaaaaa"


def _autosave(user, case, wishes: str, base: int | None, sitting: str = SITTING):
    """One autosave of the test form, as the service gets it."""
    return services.autosave(
        user,
        form_name="test_goals",
        data={"wishes": wishes, "goals": []},
        base_version=base,
        sitting=sitting,
        case=case,
    )


def _save_final(user, case) -> None:
    """Store the test form as final ("Endelig"), committed."""
    services.save(
        user,
        form_name="test_goals",
        data={"wishes": "Endelig", "goals": []},
        status="final",
        base_version=None,
        case=case,
    )
    db.session.commit()


def _revisions(submission: Submission) -> list[SubmissionRevision]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(SubmissionRevision)
            .where(SubmissionRevision.submission_id == submission.id)
            .order_by(SubmissionRevision.version)
        )
    )


def _events(action: str, submission: Submission) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action == action, AuditEvent.object_id == submission.id)
    )


def _stored(case) -> Submission:
    db.session.expire_all()
    return db.session.scalar(select(Submission).where(Submission.case_id == case.id))


# ---- the service -----------------------------------------------------------------------------


def test_one_sitting_keeps_one_revision_and_one_audit_event(goals_form, make_user, make_case):
    """Autosaves of a sitting update its one revision; a deliberate save in the same sitting
    folds into it too; the next sitting starts a new revision."""
    user = make_user("coordinator")
    case = make_case(coordinator=user)
    first = _autosave(user, case, "Et", None)
    _autosave(user, case, "Et to", 1)
    saved = _autosave(user, case, "Et to tre", 2)
    db.session.commit()
    assert saved.version == 3 and saved.status == "draft"
    [revision] = _revisions(saved)
    assert (revision.version, revision.data["wishes"]) == (3, "Et to tre")
    assert revision.note == "Gemt automatisk" and revision.sitting == SITTING
    assert _events("submission_autosaved", first) == 1  # not one per autosave
    assert _events("submission_saved", first) == 0

    services.save(
        user,
        form_name="test_goals",
        data={"wishes": "Gemt med vilje", "goals": []},
        status="draft",
        base_version=3,
        case=case,
        sitting=SITTING,
    )
    db.session.commit()
    [revision] = _revisions(saved)
    assert (revision.version, revision.data["wishes"], revision.note) == (4, "Gemt med vilje", "")
    assert _events("submission_saved", first) == 1  # a deliberate save is always audited

    _autosave(user, case, "Næste gang", 4, sitting=sittings.new_token())
    db.session.commit()
    assert [r.version for r in _revisions(saved)] == [4, 5]


def test_a_save_by_someone_else_closes_the_sitting(goals_form, make_user, make_case):
    """The other person's save gets its own revision; the next autosave starts a new one."""
    me, colleague = make_user("coordinator"), make_user("coordinator")
    case = make_case(coordinator=me, team=[colleague])
    _autosave(me, case, "Min tekst", None)
    _autosave(colleague, case, "Kollegaens tekst", 1, sitting=sittings.new_token())
    saved = _autosave(me, case, "Min tekst igen", 2)
    db.session.commit()
    revisions = _revisions(saved)
    assert [(r.version, r.data["wishes"]) for r in revisions] == [
        (1, "Min tekst"),
        (2, "Kollegaens tekst"),
        (3, "Min tekst igen"),
    ]


def test_an_autosave_never_overwrites_a_newer_save(goals_form, make_user, make_case):
    """Same version check as a save: from version 1 while version 2 is stored, nothing is
    written and the conflict carries what is stored."""
    me, colleague = make_user("coordinator"), make_user("coordinator")
    case = make_case(coordinator=me, team=[colleague])
    _autosave(me, case, "Start", None)
    _autosave(colleague, case, "Kollegaens nyere tekst", 1, sitting=sittings.new_token())
    db.session.commit()
    with pytest.raises(services.ConflictError) as caught:
        _autosave(me, case, "Min ældre tekst", 1)
    db.session.rollback()
    assert caught.value.current.version == 2
    assert _stored(case).data["wishes"] == "Kollegaens nyere tekst"


def test_a_final_submission_is_never_autosaved(goals_form, make_user, make_case):
    """Autosaving would turn a final plan into a draft without asking: refused."""
    user = make_user("coordinator")
    case = make_case(coordinator=user)
    _save_final(user, case)
    with pytest.raises(services.FinalNotAutosaved):
        _autosave(user, case, "Ændret", 1)
    db.session.rollback()
    stored = _stored(case)
    assert (stored.status, stored.data["wishes"]) == ("final", "Endelig")


def test_a_sitting_token_that_is_not_ours_is_ignored():
    """Only a token of our shape names a sitting (anything else: a sitting of its own)."""
    assert sittings.clean_token(sittings.new_token())
    assert sittings.clean_token("x") is None
    assert sittings.clean_token("<script>alert(1)</script>aaaaaaaaaa") is None
    assert sittings.clean_token(None) is None


# ---- the web: the JSON endpoint and the form ------------------------------------------------


def _autosave_post(web, case, data: dict, token: str | None = None):
    page = FORM.format(case=case.id)
    body = {"_sitting": SITTING, **data}
    if token is not False:
        body["csrf_token"] = token or web.csrf_token(page)
    return web.post(page + "/autogem", data=body, headers={"Referer": "https://localhost" + page})


def test_autosave_answers_json_with_the_local_time(goals_form, login_as, make_case):
    """200 with the new version and "Gemt kl. HH.MM" (Copenhagen time); the page carries
    the status line, the sitting and where to autosave."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    html = web.get(FORM.format(case=case.id)).get_data(as_text=True)
    assert 'id="autosave-status" role="status"' in html
    assert f'data-autosave-url="{FORM.format(case=case.id)}/autogem"' in html
    assert re.search(r'name="_sitting" value="[A-Za-z0-9_-]{16,}"', html)
    response = _autosave_post(web, case, {"_version": "", "wishes": "Skrevet"})
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["outcome"] == "saved" and answer["version"] == 1
    assert re.fullmatch(r"Gemt kl\. \d\d\.\d\d", answer["message"])
    response = _autosave_post(web, case, {"_version": "1", "wishes": "Skrevet mere"})
    assert response.get_json()["version"] == 2
    stored = _stored(case)
    assert (stored.status, stored.data["wishes"]) == ("draft", "Skrevet mere")
    assert len(_revisions(stored)) == 1


def test_autosave_conflict_is_409_and_stores_nothing(goals_form, login_as, make_user, make_case):
    """Someone saved after the version the page started from: 409, their save stays."""
    web = login_as("coordinator")
    colleague = make_user("coordinator")
    case = make_case(coordinator=web.user, team=[colleague])
    _autosave(colleague, case, "Kollegaens", None, sitting=sittings.new_token())
    _autosave(colleague, case, "Kollegaens nyere", 1, sitting=sittings.new_token())
    db.session.commit()
    response = _autosave_post(web, case, {"_version": "1", "wishes": "Min"})
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["outcome"] == "conflict" and answer["version"] == 2
    assert "Din tekst er bevaret" in answer["message"]
    assert _stored(case).data["wishes"] == "Kollegaens nyere"


def test_autosave_of_a_final_or_a_bad_value_stores_nothing(goals_form, login_as, make_case):
    """A final form: 409 "final"; a value of the wrong kind: 422 with the field named."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    response = _autosave_post(
        web, case, {"_version": "", "wishes": "x", "goals-0-_row": "1", "goals-0-deadline": "nej"}
    )
    assert response.status_code == 422
    assert any("deadline" in path for path in response.get_json()["errors"])
    assert _stored(case) is None
    _save_final(web.user, case)
    response = _autosave_post(web, case, {"_version": "1", "wishes": "Ændret"})
    assert response.status_code == 409 and response.get_json()["outcome"] == "final"
    assert _stored(case).status == "final"


def test_autosave_needs_csrf_and_edit_rights(goals_form, login_as, make_user, make_case):
    """No token: 400 and nothing stored; a coordinator not on the case: 404."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    response = _autosave_post(web, case, {"_version": "", "wishes": "x"}, token=False)
    assert response.status_code == 400 and _stored(case) is None
    stranger = login_as(make_user("coordinator"))
    token = stranger.csrf_token("/")
    response = _autosave_post(stranger, case, {"_version": "", "wishes": "x"}, token=token)
    assert response.status_code == 404 and _stored(case) is None


def test_a_logged_out_autosave_goes_to_the_login_page(goals_form, client, make_case):
    """Without a login the endpoint answers like every page: to /login (autosave.js keeps
    the text and says so)."""
    case = make_case()
    token = client.csrf_token("/login")
    response = client.post(
        FORM.format(case=case.id) + "/autogem",
        data={"csrf_token": token, "_version": "", "wishes": "x"},
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 302 and "/login" in response.location


def test_a_final_plan_becomes_a_draft_only_when_confirmed(goals_form, login_as, make_case):
    """ "Gem kladde" on a final form asks first (nothing stored, text kept); the confirming
    button stores the draft."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = FORM.format(case=case.id)
    final = {"_version": "", "_save_final": "1", "wishes": "Endelig"}
    assert web.post_form(page, final, page=page).status_code == 302
    draft = {"_version": "1", "_save_draft": "1", "wishes": "Ændret"}
    response = web.post_form(page, draft, page=page)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-testid="confirm-draft"' in html and "Ændret" in html
    assert 'name="_confirm_draft"' in html
    assert _stored(case).status == "final"
    response = web.post_form(page, {**draft, "_confirm_draft": "1"}, page=page)
    assert response.status_code == 302
    stored = _stored(case)
    assert (stored.status, stored.data["wishes"]) == ("draft", "Ændret")


def test_a_refused_final_save_of_a_final_form_keeps_it_final(goals_form, login_as, make_case):
    """The kept draft is for forms not yet final: a final plan is not quietly demoted."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = FORM.format(case=case.id)
    web.post_form(page, {"_version": "", "_save_final": "1", "wishes": "Endelig"}, page=page)
    response = web.post_form(page, {"_version": "1", "_save_final": "1", "wishes": ""}, page=page)
    assert response.status_code == 422
    assert 'data-testid="kept-draft"' not in response.get_data(as_text=True)
    stored = _stored(case)
    assert (stored.status, stored.version, stored.data["wishes"]) == ("final", 1, "Endelig")


def test_logout_tells_the_browser_to_wipe_its_storage(login_as):
    """Text kept while typing belongs to the one logging out."""
    web = login_as("coordinator")
    html = web.get("/").get_data(as_text=True)
    assert f'<meta name="enindgang-user" content="{web.user.id}">' in html
    assert "data-logout" in html
    response = web.logout()
    assert response.headers["Clear-Site-Data"] == '"storage"'


def test_a_municipal_document_autosaves_once_it_exists(publish, login_as):
    """A new document is saved by hand first (no autosave address yet); then it autosaves
    like a case's form, its title following the typing."""
    publish(MUNICIPAL)
    leader = login_as("leader")
    html = leader.get("/dokumenter/test_flow/ny").get_data(as_text=True)
    assert "data-autosave-url" not in html and 'id="autosave-status"' in html
    doc = services.save(
        leader.user,
        form_name="test_flow",
        data={"title": "Forløb"},
        status="draft",
        base_version=None,
    )
    db.session.commit()
    page = f"/dokumenter/test_flow/{doc.id}"
    assert f'data-autosave-url="{page}/autogem"' in leader.get(page).get_data(as_text=True)
    response = leader.post(
        page + "/autogem",
        data={"csrf_token": leader.csrf_token(page), "_version": "1", "title": "Forløb 0–6 år"},
        headers={"Referer": "https://localhost" + page},
    )
    assert response.status_code == 200 and response.get_json()["version"] == 2
    db.session.expire_all()
    stored = db.session.get(Submission, doc.id)
    assert (stored.title, stored.status) == ("Forløb 0–6 år", "draft")


def test_an_idle_timed_out_autosave_stores_nothing(app, goals_form, login_as, make_case):
    """The idle timeout passed while typing: the autosave goes to the login page, as every
    page does, and stores nothing."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    token = web.csrf_token(FORM.format(case=case.id))
    with web.session_transaction() as cookie:
        idle = utcnow() - timedelta(minutes=app.config["IDLE_TIMEOUT_MINUTES"] + 1)
        cookie[SEEN] = int(idle.timestamp())
    response = _autosave_post(web, case, {"_version": "", "wishes": "Efter pausen"}, token=token)
    # To /login (fetch with redirect "manual" sees an opaque redirect); a deleted cookie
    # gets 400 instead (no CSRF token in the session): autosave.js reads both as logged out.
    assert response.status_code == 302 and "/login" in response.location
    assert _stored(case) is None

"""Races on PostgreSQL: several people doing the same versioned write at the same moment get
exactly one success and conflicts (409) for the rest; no row is lost or doubled.

Real concurrency: each person is a thread with its own request, session and database
connection. A barrier inside the service holds every request just before its write (after
every request has read the same state and passed the plain checks), so the writes really
meet in the database; the unique constraints and conditional UPDATEs must sort them out.

Only PostgreSQL: SQLite runs one writer at a time for the whole file, so its writers never
meet this way (the same code paths run on SQLite in the ordinary tests).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import func, select

from app.cases import services as cases
from app.extensions import db
from app.forms import definitions as registry
from app.models import Case, CaseMember, FormVersion, Submission, SubmissionRevision
from app.submissions import services as submissions
from tests.helpers import ApiClient


@pytest.fixture(params=[pytest.param("postgresql", marks=pytest.mark.postgres)])
def _session_apps(request) -> Iterator:
    """These tests run on PostgreSQL only (see the module's docstring)."""
    apps = request.getfixturevalue("_postgres_apps")
    try:
        yield apps
    finally:
        apps.restore()
        apps.reset()


def _held_at_barrier(monkeypatch, module, name: str, parties: int) -> None:
    """Make ``module.name`` wait until ``parties`` requests have reached it."""
    barrier = threading.Barrier(parties, timeout=20)
    original = getattr(module, name)

    def waiting(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, waiting)


def _at_once(calls: list[Callable[[], object]]) -> list:
    """Run the calls in parallel threads; their results in order (an exception re-raised)."""
    results: list = [None] * len(calls)

    def run(index: int) -> None:
        try:
            results[index] = calls[index]()
        except BaseException as error:  # noqa: BLE001 - shown to the test below
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def _clients(app, api: ApiClient, count: int) -> list[ApiClient]:
    """``count`` API clients of the same person (each its own connection per request)."""
    return [ApiClient(app.test_client(), api.token, api.user) for _ in range(count)]


@pytest.mark.parametrize("people", [2, 5])
def test_simultaneous_first_saves_of_a_case_form(app, api_as, make_case, monkeypatch, people):
    """N first saves at once: one 200, N-1 × 409 with the winner's text; one row."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    _held_at_barrier(monkeypatch, submissions, "_first_save", people)
    url = f"/cases/{case.id}/forms/smarte_maal"
    answers = _at_once(
        [
            lambda c=client, n=n: c.put(
                url, json={"version": None, "status": "draft", "data": {"family_wishes": f"T{n}"}}
            )
            for n, client in enumerate(_clients(app, api, people))
        ]
    )
    codes = Counter(a.status_code for a in answers)
    assert codes == {200: 1, 409: people - 1}, codes
    rows = db.session.scalars(select(Submission).where(Submission.case_id == case.id)).all()
    assert len(rows) == 1 and rows[0].version == 1
    winner = next(a for a in answers if a.status_code == 200).json["data"]["family_wishes"]
    assert rows[0].data["family_wishes"] == winner
    for lost in (a for a in answers if a.status_code == 409):
        assert lost.json["current"]["data"]["family_wishes"] == winner  # what is stored now


@pytest.mark.parametrize("people", [2, 5])
def test_simultaneous_saves_of_the_same_version(app, api_as, make_case, monkeypatch, people):
    """N saves of version 1 at once: one becomes version 2, the rest 409; one revision each."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    url = f"/cases/{case.id}/forms/smarte_maal"
    first = api.put(url, json={"version": None, "status": "draft", "data": {}})
    assert first.status_code == 200
    _held_at_barrier(monkeypatch, submissions, "claim_version", people)
    answers = _at_once(
        [
            lambda c=client, n=n: c.put(
                url, json={"version": 1, "status": "draft", "data": {"family_wishes": f"T{n}"}}
            )
            for n, client in enumerate(_clients(app, api, people))
        ]
    )
    assert Counter(a.status_code for a in answers) == {200: 1, 409: people - 1}
    db.session.expire_all()
    stored = db.session.scalar(select(Submission).where(Submission.case_id == case.id))
    assert stored.version == 2
    versions = db.session.scalars(
        select(SubmissionRevision.version).where(SubmissionRevision.submission_id == stored.id)
    ).all()
    assert sorted(versions) == [1, 2]


def test_restore_and_save_at_once(app, login_as, api_as, make_case, monkeypatch):
    """A restore (web) and a save (API) of the same version: one wins, the other conflicts."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    url = f"/cases/{case.id}/forms/smarte_maal"
    for version, wish in ((None, "Først"), (1, "Dernæst")):
        assert (
            api.put(
                url, json={"version": version, "status": "draft", "data": {"family_wishes": wish}}
            ).status_code
            == 200
        )
    web = login_as(api.user)
    token = web.csrf_token(f"/sager/{case.id}/formularer/smarte_maal/historik")
    _held_at_barrier(monkeypatch, submissions, "claim_version", 2)
    restored, saved = _at_once(
        [
            lambda: web.post_form(
                f"/sager/{case.id}/formularer/smarte_maal/historik/1/gendan",
                {"csrf_token": token, "_version": "2"},
                page=f"/sager/{case.id}/formularer/smarte_maal/historik",
            ),
            lambda: api.put(
                url, json={"version": 2, "status": "draft", "data": {"family_wishes": "Til sidst"}}
            ),
        ]
    )
    outcomes = sorted([restored.status_code, saved.status_code])
    assert outcomes == [200, 409] or outcomes == [302, 409], outcomes
    db.session.expire_all()
    stored = db.session.scalar(select(Submission).where(Submission.case_id == case.id))
    assert stored.version == 3
    count = db.session.scalar(
        select(func.count()).where(SubmissionRevision.submission_id == stored.id)
    )
    assert count == 3


@pytest.mark.parametrize("people", [2, 5])
def test_simultaneous_case_creations_with_one_number(app, api_as, monkeypatch, people):
    """N creations of the same case number: one 201, the rest 409; one case."""
    api = api_as("coordinator")
    _held_at_barrier(monkeypatch, cases, "reference_taken", people)
    answers = _at_once(
        [
            lambda c=client: c.post("/cases", json={"reference": "RACE-1", "title": "Familien"})
            for client in _clients(app, api, people)
        ]
    )
    assert Counter(a.status_code for a in answers) == {201: 1, 409: people - 1}
    assert db.session.scalar(select(func.count()).where(Case.reference == "RACE-1")) == 1


@pytest.mark.parametrize("people", [2, 5])
def test_simultaneous_publishes_of_a_form(app, login_as, monkeypatch, people):
    """N leaders publish a new version of the same form at once: one version, the rest 409
    with their text kept in the editor."""
    webs = [login_as("leader") for _ in range(people)]
    current = registry.current_version("smarte_maal")
    page = f"/formularer/{current.name}/rediger"
    tokens = [web.csrf_token(page) for web in webs]
    _held_at_barrier(monkeypatch, registry, "_add_version", people)
    answers = _at_once(
        [
            lambda w=web, t=token, n=n: w.post_form(
                page,
                {
                    "csrf_token": t,
                    "source": current.source + f"\n# udgave {n}\n",
                    "base": str(current.version),
                    "note": f"Udgave {n}",
                    "_publish": "1",
                },
                page=page,
            )
            for n, (web, token) in enumerate(zip(webs, tokens, strict=True))
        ]
    )
    codes = Counter(a.status_code for a in answers)
    assert codes == {302: 1, 409: people - 1}, codes
    for lost in (a for a in answers if a.status_code == 409):
        assert "# udgave" in lost.get_data(as_text=True)  # the leader's text is still there
    db.session.expire_all()
    newest = db.session.scalar(
        select(func.max(FormVersion.version)).where(FormVersion.name == current.name)
    )
    assert newest == current.version + 1


@pytest.mark.parametrize("people", [2, 5])
def test_simultaneous_adds_of_one_person_to_the_team(
    app, login_as, make_case, make_user, monkeypatch, people
):
    """N people put the same colleague on the core team at once: one is added (302), the
    rest see the case page with 409 and why; one membership row."""
    webs = [login_as("leader") for _ in range(people)]
    case = make_case()
    colleague = make_user("coordinator", name="Kollega Samtidig")
    colleague_id = str(colleague.id)  # read here: the threads have no app context
    page = f"/sager/{case.id}"
    tokens = [web.csrf_token(page) for web in webs]
    _held_at_barrier(monkeypatch, cases, "check_role", people)
    answers = _at_once(
        [
            lambda w=web, t=token: w.post_form(
                f"{page}/kerneteam",
                {"csrf_token": t, "user_id": colleague_id, "team_role": ""},
                page=page,
            )
            for web, token in zip(webs, tokens, strict=True)
        ]
    )
    assert Counter(a.status_code for a in answers) == {302: 1, 409: people - 1}
    for lost in (a for a in answers if a.status_code == 409):
        assert "lige blevet sat på kerneteamet" in lost.get_data(as_text=True)
    rows = select(func.count()).where(
        CaseMember.case_id == case.id, CaseMember.user_id == colleague.id
    )
    assert db.session.scalar(rows) == 1


@pytest.mark.parametrize("people", [2, 5])
def test_simultaneous_withdrawals_of_one_consent(
    login_as, make_user, make_case, monkeypatch, people
):
    """N coordinators withdraw the same consent at once: one is written (one audit event),
    the rest see 409 with who withdrew it and their own note."""
    from app.consent import services as consent
    from app.models import AuditEvent, Consent
    from tests.consent.support import give, team_case

    team = team_case(make_user, make_case)
    row = give(team, ["ppr"])
    webs = [login_as(team.coordinator) for _ in range(people)]
    tokens = [web.csrf_token("/") for web in webs]
    _held_at_barrier(monkeypatch, consent, "update", people)
    url = f"/sager/{team.case.id}/samtykker/{row.id}/tilbagekald"
    answers = _at_once(
        [
            lambda w=web, n=n: w.post(
                url,
                data={"note": f"Note {n}", "csrf_token": tokens[n]},
                headers={"Referer": "https://localhost/"},
            )
            for n, web in enumerate(webs)
        ]
    )
    assert Counter(a.status_code for a in answers) == {302: 1, 409: people - 1}
    db.session.expire_all()
    stored = db.session.get(Consent, row.id)
    winner = next(n for n, a in enumerate(answers) if a.status_code == 302)
    assert stored.withdrawal_note == f"Note {winner}"
    for n, lost in enumerate(answers):
        if lost.status_code == 409:
            assert f"Note {n}" in lost.get_data(as_text=True)
    events = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "consent_withdrawn")
    )
    assert events == 1


@pytest.mark.parametrize("people", [2, 5])
def test_simultaneous_saves_of_one_meeting(app, api_as, make_case, monkeypatch, people):
    """N saves of a meeting at the version they read: one 200 (version 2), the rest 409
    with what is stored; the winner's minutes are kept."""
    from app.meetings import services as meetings

    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    base = f"/cases/{case.id}/meetings"
    planned = api.post(base, json={"kind": "status", "starts_at": "2027-01-15T09:30"})
    assert planned.status_code == 201, planned.json
    meeting = planned.json
    _held_at_barrier(monkeypatch, meetings, "claim_version", people)
    answers = _at_once(
        [
            lambda c=client, n=n: c.put(
                f"{base}/{meeting['id']}",
                json={
                    "version": meeting["version"],
                    "kind": "status",
                    "starts_at": "2027-01-15T09:30",
                    "place": f"Sted {n}",
                },
            )
            for n, client in enumerate(_clients(app, api, people))
        ]
    )
    codes = Counter(a.status_code for a in answers)
    assert codes == {200: 1, 409: people - 1}, [a.json for a in answers]
    winner = next(a for a in answers if a.status_code == 200).json
    assert winner["version"] == meeting["version"] + 1
    for lost in (a for a in answers if a.status_code == 409):
        assert lost.json["current"]["place"] == winner["place"]

"""Every route × every role × own case / a colleague's case / no case, by real requests.

The rules are stated once in tests/route_table.py. A route added to the app without a line
there fails test_every_route_is_classified, naming the route. Each route's test makes one
request per role and case kind against one app and one SQLite database for the module, with
real ids and real CSRF tokens, and compares the outcome class (allowed, forbidden, hidden,
login-required) with the table's.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from flask import url_for
from sqlalchemy import select

from app import create_app
from app.admin.services import get_settings
from app.auth import services as auth
from app.extensions import db, limiter
from app.forms.definitions import current_version, sync_builtin_forms
from app.funding import services as funding
from app.models import (
    Case,
    CaseMember,
    CasePartner,
    Consent,
    FamilyLink,
    FamilyMember,
    FundingSource,
    GoalReading,
    Meeting,
)
from app.models.user import hash_secret
from app.word import pdfs, store
from app.word import services as documents
from tests.conftest import _test_config
from tests.docgen.helpers import png_bytes
from tests.funding.support import api_lines
from tests.helpers import PASSWORD, WebClient, save_draft
from tests.oidc.provider import app_config, running
from tests.route_table import (
    ALLOWED,
    FORBIDDEN,
    HIDDEN,
    LOGIN,
    MUNICIPAL,
    PEOPLE,
    ROUTES,
    routed,
)

#: The people of the matrix (tests/route_table.py PEOPLE): a user of each role, a coordinator
#: on the core team, and two members from other departments on it, one covered by consent.
ROLES = PEOPLE
#: The members' departments; the own case's consent covers the first only.
DEPARTMENTS = {"member": "ppr", "uncovered": "skole_dagtilbud"}
TEAM_ROLES = {"member": "ppr_psykolog", "uncovered": "laerer"}
VALIDATION = {400, 409, 422}
#: The sign-in settings the matrix runs under: passwords, and the production one, OIDC only.
SIGN_IN_SETTINGS = ["local", "oidc"]
CSRF_REFUSED = "sikkerhedsnøglen"


@dataclass
class World:
    """What the fixture made: the served app, users, cases and the ids routes need."""

    app: object
    users: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)
    own: Case | None = None
    colleague: Case | None = None
    ids: dict = field(default_factory=dict)
    sign_in: str = "local"  # ENINDGANG_SIGN_IN of the served app


def _user(world: World, key: str, role: str):
    """Create a user, and an API token for them."""
    user = auth.create_user(f"{key}@matrix.dk", key.replace("_", " ").title(), role, PASSWORD)
    world.users[key] = user
    world.tokens[key] = auth.create_token(user, "matrix")
    return user


def _case(reference: str, coordinator, team=()) -> Case:
    """A case with a saved goal sheet and a saved funding split (version 1 of each)."""
    case = Case(reference=reference, title="Familien Matrix", coordinator_id=coordinator.id)
    db.session.add(case)
    db.session.flush()
    for member in team:
        role = member.department and TEAM_ROLES[member.email.split("@")[0]]
        db.session.add(CaseMember(case_id=case.id, user_id=member.id, team_role=role or "PPR"))
    save_draft(coordinator, "smarte_maal", case)
    funding.save_raw(coordinator, case, api_lines(), base_version=None, source=FundingSource.API)
    return case


def _consent(case: Case, departments: list[str], purpose: str) -> Consent:
    """A consent of the case valid from a month ago for a year."""
    today = date.today()
    return Consent(
        case_id=case.id,
        departments=departments,
        categories=["plans"],
        partner_ids=[],
        purpose=purpose,
        given_on=today - timedelta(days=30),
        expires_on=today + timedelta(days=365),
    )


def _spare_consent(case: Case) -> int:
    """A consent the withdraw route may withdraw (made again once withdrawn): never the one
    that covers the member, whose cells would otherwise change mid-run."""
    db.session.expire_all()
    spare = db.session.scalar(
        select(Consent).where(
            Consent.case_id == case.id, Consent.purpose == "spare", Consent.withdrawn_on.is_(None)
        )
    )
    if spare is None:
        spare = _consent(case, ["jobcenter"], purpose="spare")
        db.session.add(spare)
        db.session.commit()
    return spare.id


def _build(world: World) -> None:
    """Users, the own and the colleague's case, a municipal document, a template, a logo."""
    sync_builtin_forms()  # the built-in forms, as `db upgrade` stores them: before any write
    for key, role in ROLES.items():
        _user(world, key, role).department = DEPARTMENTS.get(key)
    colleague = _user(world, "colleague", "coordinator")
    world.ids["user_id"] = _user(world, "target", "coordinator").id  # for the admin routes
    _user(world, "spare", "coordinator")  # put on and taken off the core team
    users = world.users
    team = [
        users[k] for k in ("team_member", "member", "uncovered", "leader", "admin", "controller")
    ]
    world.own = _case("MATRIX-OWN", users["coordinator"], team)
    # The family's consent covers PPR (the member), not the school (the uncovered member).
    db.session.add(_consent(world.own, ["ppr"], purpose="matrix"))
    world.colleague = _case("MATRIX-OTHER", colleague)
    world.ids["doc_id"] = save_draft(users["leader"], MUNICIPAL).id
    target = documents.template_target("smarte_maal")
    store.upload_template(
        users["admin"],
        target.name,
        "skabelon.docx",
        store.default_template(target.name),
        known_names=target.known_names(),
        sample_context=target.sample_context(),
    )
    settings = get_settings()
    settings.logo, settings.logo_mimetype = png_bytes(), "image/png"
    world.ids["form_number"] = current_version("smarte_maal").version
    db.session.commit()


@pytest.fixture(scope="module", params=SIGN_IN_SETTINGS)
def world(request, migrated_sqlite, tmp_path_factory) -> World:
    """One served app on one SQLite file for the whole module, and its data; once with
    passwords (the default) and once signing in through OIDC only, against the test
    OpenID provider (every login of the matrix goes through it, tests/oidc/flow.py)."""
    path = tmp_path_factory.mktemp("matrix") / "matrix.sqlite3"
    shutil.copyfile(migrated_sqlite, path)
    sign_in = {} if request.param == "local" else app_config(running(), request.param)
    config = _test_config(f"sqlite:///{path}", **sign_in)
    served = create_app(config)
    served.test_client_class = WebClient
    test_side = create_app(config)
    limiter.reset()
    mp = pytest.MonkeyPatch()
    # PDF conversion is LibreOffice's job (tests/word/test_pdf.py); here a PDF is the docx.
    mp.setattr(pdfs, "as_pdf", lambda document, user_id=None: document)
    with test_side.app_context():
        world = World(served, sign_in=request.param)
        _build(world)
        yield world
        db.session.remove()
        db.engine.dispose()
    mp.undo()
    with served.app_context():
        db.engine.dispose()


def _client(world: World, role: str | None, fresh: bool = False) -> WebClient:
    """A browser for the role (None: anonymous), logged in once and reused unless fresh."""
    if not fresh and role in world.clients:
        return world.clients[role]
    client = world.app.test_client()
    if role is not None:
        client.login(world.users[role])
    if not fresh:
        world.clients[role] = client
    return client


def _spare_member(world: World, case: Case) -> int:
    """Put the spare user on the case's core team (again) and return the membership's id."""
    db.session.expire_all()
    spare = world.users["spare"]
    member = db.session.scalar(
        select(CaseMember).where(CaseMember.case_id == case.id, CaseMember.user_id == spare.id)
    )
    if member is None:
        member = CaseMember(case_id=case.id, user_id=spare.id, team_role="")
        db.session.add(member)
        db.session.commit()
    return member.id


def _kept_row(case: Case, model, **fields) -> int:
    """A row of ``model`` on the case (a family member, a reading), made again after a
    request removed it; its id."""
    db.session.expire_all()
    row = db.session.scalar(select(model).where(model.case_id == case.id))
    if row is None:
        row = model(case_id=case.id, **fields)
        db.session.add(row)
        db.session.commit()
    return row.id


def _url(world: World, endpoint: str, case: Case | None) -> str:
    """The route's URL with real ids of what the fixture made."""
    rule = next(r for r in world.app.url_map.iter_rules() if r.endpoint == endpoint)
    spec = ROUTES[next(key for key in ROUTES if key.endswith(" " + endpoint))]
    values = {
        "case_id": case.id if case else None,
        "form_name": spec.form_name,
        "name": "departments" if "vocabular" in endpoint else "smarte_maal",
        "version": 1,
        "number": world.ids["form_number"] if endpoint.startswith("forms.") else 1,
        "kind": "docx",
        "doc_id": world.ids["doc_id"],
        "user_id": world.ids["user_id"],
        "token": "cal_unknown",  # a calendar feed's token nobody was given
    }
    if "member_id" in rule.arguments:
        values["member_id"] = _spare_member(world, case)
    if "person_id" in rule.arguments:
        values["person_id"] = _kept_row(case, FamilyMember, name="Emma", relation="child")
    if "meeting_id" in rule.arguments:
        planned = {"kind": "status", "starts_at": datetime(2026, 12, 1, 8, 0, tzinfo=UTC)}
        values["meeting_id"] = _kept_row(case, Meeting, **planned)
    if "partner_id" in rule.arguments:
        values["partner_id"] = _kept_row(case, CasePartner, organisation="Skolen", name="Ida")
    if "consent_id" in rule.arguments:
        values["consent_id"] = _spare_consent(case)
    if "reading_id" in rule.arguments:
        reading = {"goal_key": "m1", "measured_on": date(2026, 11, 1), "value": 4}
        values["reading_id"] = _kept_row(case, GoalReading, **reading)
    if "link_id" in rule.arguments:
        values["link_id"] = _family_link(case)
    if "token" in rule.arguments:  # the public family page: a working link of the own case
        _family_link(world.own)
        values["token"] = f"matrix-token-{world.own.id}"
    with world.app.test_request_context():
        return url_for(endpoint, **{k: values[k] for k in rule.arguments})


def _family_link(case: Case) -> int:
    """A working family link of the case (made again after a request revoked it); its id.
    Its token is "matrix-token-<case id>"."""
    db.session.expire_all()
    member_id = _kept_row(case, FamilyMember, name="Emma", relation="child")
    link = db.session.scalar(
        select(FamilyLink).where(FamilyLink.case_id == case.id, FamilyLink.revoked_at.is_(None))
    )
    if link is None:
        db.session.query(FamilyLink).filter(FamilyLink.case_id == case.id).delete()
        link = FamilyLink(
            case_id=case.id,
            family_member_id=member_id,
            token_hash=hash_secret(f"matrix-token-{case.id}"),
            expires_at=datetime(2099, 1, 1, tzinfo=UTC),
        )
        db.session.add(link)
        db.session.commit()
    return link.id


def _request(world: World, method: str, endpoint: str, role: str | None, url: str):
    """Make the request as the role would: API with its token, web with a CSRF token."""
    if endpoint.startswith("api."):
        client = world.app.test_client()
        headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role else {}
        body = {"json": {}} if method in ("POST", "PUT", "PATCH") else {}
        return client.open(url, method=method, headers=headers, **body)
    # Anonymous visits pile up "log in" flash messages in the session cookie until it is too
    # large to keep (and its CSRF token with it): an anonymous visitor starts afresh each time.
    client = _client(world, role, fresh=role is None or endpoint == "auth.logout")
    if method == "GET":
        response = client.get(url)
        if role is not None and response.status_code == 302 and "/login" in response.location:
            # A kept browser found logged out (see below): log in again and ask once more, so
            # that the cell checks the route's rule. A route that really sends this role to
            # the login page does so again after a fresh login, and the cell fails.
            client.login(world.users[role])
            response = client.get(url)
        return response
    # A token read now, in this test: the test clock starts anew in each test, so a token
    # kept from an earlier test may carry a later time than now and count as expired.
    # Reading a page also shows (and so clears) the flash messages earlier requests left.
    page = client.get("/" if role else "/login")
    if role is not None and page.status_code == 302:
        # A kept browser found logged out: seen only under the new-year clock in one random
        # order (seed 1231, ENINDGANG_TEST_CLOCK=newyear); log in again so that the cell
        # checks the route's rule, not the kept session. Cause not yet found.
        client.login(world.users[role])
    token = client.csrf_token("/" if role else "/login")
    return client.post(url, data={"csrf_token": token}, headers={"Referer": "https://localhost/"})


def outcome(response, api: bool) -> str:
    """The outcome class of a response."""
    code = response.status_code
    location = urlsplit(response.headers.get("Location", ""))
    # Flask-Login sends the way back along (?next=); logging out lands on /login without it.
    to_login = location.path == "/login" and "next=" in location.query
    if (api and code == 401) or (not api and code == 302 and to_login):
        return LOGIN
    if code == 400 and CSRF_REFUSED in response.get_data(as_text=True):
        return "refused for want of a CSRF token"  # the view never ran: nothing was checked
    if code == 403:
        return FORBIDDEN
    if code == 404:
        return HIDDEN
    if 200 <= code < 400 or code in VALIDATION:
        return ALLOWED
    return f"unexpected {code}"


def _cells(world: World, has_case: bool):
    """(role, case kind, case, own?) for every cell of a route's row."""
    if not has_case:
        yield from ((role, "no case", None, False) for role in [*ROLES, None])
        return
    for role in ROLES:
        yield role, "own case", world.own, True
        yield role, "colleague's case", world.colleague, False
    yield None, "own case", world.own, True


def test_every_route_is_classified(world):
    """A new route must be given its rule in tests/route_table.py; gone routes leave it."""
    actual = routed(world.app)
    unclassified = sorted(actual - set(ROUTES))
    assert not unclassified, f"classify these routes in tests/route_table.py: {unclassified}"
    stale = sorted(set(ROUTES) - actual)
    assert not stale, f"tests/route_table.py lists routes that no longer exist: {stale}"


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route_answers_each_role_as_the_rules_say(world, route):
    """One real request per role and case kind; every mismatch is named."""
    method, endpoint = route.split(" ")
    rule = next(r for r in world.app.url_map.iter_rules() if r.endpoint == endpoint)
    spec = ROUTES[route]
    wrong = []
    for role, kind, case, own in _cells(world, "case_id" in rule.arguments):
        url = _url(world, endpoint, case)
        response = _request(world, method, endpoint, role, url)
        got = outcome(response, endpoint.startswith("api."))
        response.close()
        want = spec.expected(role, own, world.sign_in)
        if got != want:
            who = role or "anonymous"
            wrong.append(f"{route} as {who} on {kind}: {got} ({response.status_code}), want {want}")
    assert not wrong, "\n".join(wrong)


FORM_POSTS = sorted(r for r in ROUTES if r.startswith("POST ") and " api." not in r)


@pytest.mark.parametrize("route", FORM_POSTS)
def test_every_form_post_requires_a_csrf_token(world, route):
    """Each non-API POST refuses a logged-in post without a token, with the plain message."""
    endpoint = route.split(" ")[1]
    admin = _client(world, "admin")
    url = _url(world, endpoint, world.own)
    response = admin.post(url, data={}, headers={"Referer": "https://localhost/"})
    assert response.status_code == 400, f"{route} answered {response.status_code}"
    assert CSRF_REFUSED in response.get_data(as_text=True), route

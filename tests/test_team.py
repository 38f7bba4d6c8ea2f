"""The core team across departments: the member role, team roles from the vocabulary,
external partners without a login, a user's phone (self) and department (administrators
only), and "Hvem kan se hvad"."""

from __future__ import annotations

from sqlalchemy import func, select

from app.auth import services as auth
from app.authz import Action, can, can_create_case, who_sees_what
from app.consent import services as consent
from app.extensions import db
from app.models import AuditEvent, CaseMember, CasePartner, Role, User
from app.team import services as team_services
from tests.consent.support import give, team_case
from tests.helpers import PASSWORD

PARTNER = {
    "organisation": "Privatskolen Lærkereden",
    "role": "laerer",
    "name": "Ida Isaksen",
    "phone": "44 55 66 77",
    "email": "ida@laerkereden.dk",
}


def _users() -> int:
    """How many user accounts there are."""
    return db.session.scalar(select(func.count()).select_from(User))


def test_an_external_partner_has_no_login_at_all(login_as, client, make_user, make_case):
    """Adding a partner makes a contact row, never a user: no account, no token, no way in
    with the partner's e-mail; the partner shows on the case page and in the plans."""
    team = team_case(make_user, make_case)
    before = _users()
    web = login_as(team.coordinator)
    page = f"/sager/{team.case.id}"
    assert web.post_form(f"{page}/partnere", PARTNER, page=page).status_code == 302
    (partner,) = db.session.scalars(select(CasePartner)).all()
    assert (partner.name, partner.organisation, partner.role) == (
        "Ida Isaksen",
        "Privatskolen Lærkereden",
        "laerer",
    )
    assert _users() == before and auth.find_user(PARTNER["email"]) is None
    assert not hasattr(partner, "password_hash")
    refused = client.post_form("/login", {"email": PARTNER["email"], "password": PASSWORD})
    assert refused.status_code != 302  # the login page again, nobody logged in
    html = web.get(page).get_data(as_text=True)
    assert "Ida Isaksen" in html and "ekstern, intet login" in html
    from app.word.services import case_context

    names = [p["navn"] for p in case_context(team.case)["kerneteam"]]
    assert "Ida Isaksen" in names
    lines = {line.who: line for line in who_sees_what(team.case)}
    assert lines["Ida Isaksen (Privatskolen Lærkereden)"].may == []
    assert lines["Ida Isaksen (Privatskolen Lærkereden)"].closed  # no consent names her


def test_a_member_cannot_create_cases_change_the_team_or_the_funding(
    login_as, api_as, make_user, make_case
):
    """Even covered by consent: 403 on the team, the partners, the funding and the facts."""
    team = team_case(make_user, make_case)
    give(team, ["ppr"])
    assert not can_create_case(team.ppr)
    for action in (Action.EDIT, Action.MANAGE, Action.VIEW_FUNDING, Action.EDIT_FUNDING):
        assert not can(team.ppr, action, team.case), action
    web = login_as(team.ppr)
    page = f"/sager/{team.case.id}"
    posts = [
        (f"{page}/kerneteam", {"user_id": str(team.coordinator.id)}),
        (f"{page}/partnere", PARTNER),
        (f"{page}/finansiering", {}),
        (f"{page}/samtykker/ny", {}),
        ("/sager", {"reference": "NY-1", "title": "Ny"}),
    ]
    for url, data in posts:
        assert web.post_form(url, data, page=page).status_code == 403, url
    api = api_as(team.ppr)
    assert api.put(f"/cases/{team.case.id}/funding", json={}).status_code == 403
    assert api.post("/cases", json={"reference": "NY-2", "title": "x"}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(CasePartner)) == 0


def test_team_roles_come_from_the_vocabulary_and_decide_what_a_member_may_do(
    login_as, make_user, make_case
):
    """A role's label is accepted as its key; an unknown role is refused; a member without a
    role reads but does not fill forms; the coordinator changes the role."""
    team = team_case(make_user, make_case)
    give(team, ["ppr", "skole_dagtilbud"])
    web = login_as(team.coordinator)
    page = f"/sager/{team.case.id}"
    newcomer = make_user("member")
    refused = web.post_form(
        f"{page}/kerneteam", {"user_id": str(newcomer.id), "team_role": "Troldmand"}, page=page
    )
    assert refused.status_code == 302
    assert "Vælg en rolle fra listen." in web.get(page).get_data(as_text=True)
    web.post_form(
        f"{page}/kerneteam",
        {"user_id": str(newcomer.id), "team_role": "Sundhedsplejerske", "team_note": "Noah"},
        page=page,
    )
    row = db.session.scalar(select(CaseMember).where(CaseMember.user_id == newcomer.id))
    assert (row.team_role, row.team_note) == ("sundhedsplejerske", "Noah")
    assert team_services.member_role_text(row) == "Sundhedsplejerske – Noah"
    school = next(m for m in team.case.members if m.user_id == team.school.id)
    assert can(team.school, Action.EDIT_CONTENT, team.case)
    web.post_form(f"{page}/kerneteam/{school.id}/rolle", {"team_role": ""}, page=page)
    db.session.expire_all()
    assert can(team.school, Action.VIEW_CONTENT, team.case)
    assert not can(team.school, Action.EDIT_CONTENT, team.case)
    events = [e.action for e in db.session.scalars(select(AuditEvent))]
    assert "case_member_role_changed" in events


def test_who_sees_what_names_each_person_and_why_not(make_user, make_case):
    """The coordinator, each member by position, the gate's reason, then the groups."""
    team = team_case(make_user, make_case)
    give(team, ["ppr"])
    lines = {line.who: line for line in who_sees_what(team.case)}
    assert "ændre finansieringen" in lines[team.coordinator.name].may
    assert lines[team.ppr.name].may == [
        "se sagen",
        "læse familiens oplysninger",
        "udfylde formularer og skrive møder",
    ]
    assert lines[team.ppr.name].closed == ""
    assert lines[team.school.name].may == ["se sagen"]
    assert lines[team.school.name].closed == "Intet gyldigt samtykke dækker brugerens afdeling."
    assert "Controllere" in lines and "Ledere og administratorer" in lines


def test_phone_is_the_users_own_and_the_department_the_administrators(login_as, make_user):
    """A user changes their phone; a forged department in the same post is ignored; only an
    administrator sets a department, from the vocabulary, audited with its key."""
    web = login_as("member")
    response = web.post_form(
        "/profil",
        {"name": web.user.name, "phone": "11 22 33 44", "department": "ppr"},
        page="/profil",
    )
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, web.user.id)
    assert (user.phone, user.department) == ("11 22 33 44", None)
    own = web.post_form(f"/admin/brugere/{user.id}/afdeling", {"department": "ppr"}, page="/")
    assert own.status_code == 403
    admin = login_as("admin")
    page = "/admin/brugere"
    admin.post_form(f"/admin/brugere/{user.id}/afdeling", {"department": "hekseri"}, page=page)
    db.session.expire_all()
    assert db.session.get(User, user.id).department is None
    admin.post_form(f"/admin/brugere/{user.id}/afdeling", {"department": "ppr"}, page=page)
    db.session.expire_all()
    assert db.session.get(User, user.id).department == "ppr"
    (event,) = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "user_department_changed")
    ).all()
    assert event.details == {"department": "ppr"}
    assert "PPR (Pædagogisk Psykologisk Rådgivning)" in web.get("/profil").get_data(as_text=True)


def test_the_member_role_is_offered_everywhere_roles_are_named(login_as, runner):
    """The admin's role pickers and the CLI know `member`."""
    html = login_as("admin").get("/admin/brugere").get_data(as_text=True)
    assert 'value="member"' in html and "Fagperson (deltager i sager)" in html
    result = runner.invoke(
        args=["users", "create", "fag@example.dk", "--role", "member", "--password-stdin"],
        input="et-langt-kodeord-2026\n",
    )
    assert result.exit_code == 0, result.output
    assert auth.find_user("fag@example.dk").role == Role.MEMBER


def test_consent_coverage_lists_partners_and_departments(make_user, make_case):
    """A partner named by a valid consent is covered; a department no consent names shows."""
    team = team_case(make_user, make_case)
    partner = team_services.add_partner(team.coordinator, team.case, PARTNER)
    db.session.commit()
    give(team, ["ppr"], partners=[partner.id])
    rows = {row.key: row for row in consent.coverage(team.case)}
    assert rows[f"partner-{partner.id}"].covered and rows["ppr"].covered
    assert rows["skole_dagtilbud"].status is None
    assert consent.partner_covered(team.case, partner)


def test_a_new_meeting_offers_the_cases_partners_as_external_participants(
    login_as, make_user, make_case
):
    """The planning form starts with the partner's row filled (and blank rows to add to)."""
    team = team_case(make_user, make_case)
    team_services.add_partner(team.coordinator, team.case, PARTNER)
    db.session.commit()
    html = login_as(team.coordinator).get(f"/sager/{team.case.id}/moeder/ny").get_data(as_text=True)
    assert 'value="Ida Isaksen"' in html and 'value="Privatskolen Lærkereden"' in html
    assert 'value="Skole / lærer"' in html
    assert 'name="externals-2-name"' in html  # two blank rows after the partner's

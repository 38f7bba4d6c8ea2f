"""The consent gate: no consent closes it, a consent opens its departments only, expiry and
withdrawal close it at once, a member without a department is never covered, and the
municipality's setting turns it off and shows the recorded legal basis."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.admin.services import get_settings
from app.authz import Action, can
from app.consent import services as consent
from app.extensions import db
from app.models import AuditEvent
from tests.consent.support import give, team_case


def test_no_consent_closes_the_gate(make_user, make_case):
    """Members see that the case exists, never its content; the coordinator is not gated."""
    team = team_case(make_user, make_case)
    for member in (team.ppr, team.school):
        assert can(member, Action.VIEW, team.case)
        assert not consent.content_allowed(member, team.case)
        assert not can(member, Action.VIEW_CONTENT, team.case)
        assert not can(member, Action.EDIT_CONTENT, team.case)
    assert consent.content_allowed(team.coordinator, team.case)
    assert can(team.coordinator, Action.VIEW_CONTENT, team.case)


def test_a_consent_for_one_department_opens_that_department_only(make_user, make_case):
    """PPR is covered, the school is not."""
    team = team_case(make_user, make_case)
    give(team, ["ppr"])
    assert can(team.ppr, Action.VIEW_CONTENT, team.case)
    assert can(team.ppr, Action.EDIT_CONTENT, team.case)
    assert not can(team.school, Action.VIEW_CONTENT, team.case)


def test_a_member_without_a_department_is_never_covered(make_user, make_case):
    """Even a consent naming every department does not cover a member with none."""
    team = team_case(make_user, make_case)
    team.ppr.department = None
    db.session.commit()
    give(team, [d for d in consent.choices(team.case).departments])
    assert not can(team.ppr, Action.VIEW_CONTENT, team.case)
    assert can(team.school, Action.VIEW_CONTENT, team.case)


def test_expiry_closes_the_gate_on_the_next_day(make_user, make_case):
    """Valid through its expiry date, closed the day after; computed, not stored."""
    team = team_case(make_user, make_case)
    give(team, ["ppr"], days_left=0)
    today = date.today()
    assert consent.content_allowed(team.ppr, team.case, today)
    assert not consent.content_allowed(team.ppr, team.case, today + timedelta(days=1))


def test_withdrawal_closes_the_member_out_at_the_next_request(login_as, make_user, make_case):
    """The member reads the case's form; the coordinator records the withdrawal; the same
    member's next request gets 403 and the case page no longer shows the family."""
    team = team_case(make_user, make_case)
    row = give(team, ["ppr"])
    member = login_as(team.ppr)
    page = f"/sager/{team.case.id}"
    html = member.get(page).get_data(as_text=True)
    assert "Sofie" in html and "Familien Hemmelig" in html
    coordinator = login_as(team.coordinator)
    done = coordinator.post_form(
        f"{page}/samtykker/{row.id}/tilbagekald", {"note": "Mor ringede."}, page=page
    )
    assert done.status_code == 302
    html = member.get(page).get_data(as_text=True)
    assert "Sofie" not in html and "Familien Hemmelig" not in html
    assert "intet gyldigt samtykke dækker din afdeling" in html
    assert member.get(f"/sager/{team.case.id}/formularer/smarte_maal").status_code == 403
    db.session.expire_all()
    assert consent.status(row) == consent.WITHDRAWN


def test_the_gate_setting_off_shows_the_recorded_legal_basis(login_as, make_user, make_case):
    """An administrator turns the gate off with the basis; members then see the content and
    the case page shows the basis. Off without a basis is refused."""
    team = team_case(make_user, make_case)
    get_settings()  # the one settings row, stored before the app's requests read it
    db.session.commit()
    admin = login_as("admin")
    refused = admin.post_form("/admin/kommune/samtykke", {"legal_basis": ""}, page="/admin/kommune")
    assert refused.status_code == 302
    db.session.expire_all()
    assert get_settings().consent_gate is True
    basis = "Kommunens eget grundlag (et eksempel i testen)."
    admin.post_form("/admin/kommune/samtykke", {"legal_basis": basis}, page="/admin/kommune")
    db.session.expire_all()
    assert get_settings().consent_gate is False
    assert can(team.school, Action.VIEW_CONTENT, team.case)
    html = login_as(team.school).get(f"/sager/{team.case.id}").get_data(as_text=True)
    assert 'data-testid="legal-basis"' in html and basis in html
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "settings_changed")
    ).all()
    assert [e.details for e in events] == [{"part": "consent_gate", "consent_gate": False}]


def test_consent_changes_are_audited_with_ids_only(make_user, make_case):
    """Recording and withdrawing each leave one event with ids and codes, never names."""
    team = team_case(make_user, make_case)
    row = give(team, ["ppr"])
    consent.withdraw(team.coordinator, team.case, row, "Mor ringede.")
    db.session.commit()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("consent_%")).order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.object_id) for e in events] == [
        ("consent_recorded", team.case.id),
        ("consent_withdrawn", team.case.id),
    ]
    assert events[0].details == {
        "consent_id": row.id,
        "family_member_id": team.mother_id,
        "departments": ["ppr"],
        "partner_ids": [],
    }
    assert events[1].details == {"consent_id": row.id}
    assert "Sofie" not in str([e.details for e in events])


def test_without_an_installed_gate_members_get_no_content(make_user, make_case, monkeypatch):
    """app/authz.py fails closed: with no gate installed, even a covered member is refused;
    the coordinator is not gated at all."""
    from app import authz

    team = team_case(make_user, make_case)
    give(team, ["ppr"])
    assert can(team.ppr, Action.VIEW_CONTENT, team.case)
    monkeypatch.setattr(authz, "_content_gate", None)
    assert not can(team.ppr, Action.VIEW_CONTENT, team.case)
    assert can(team.coordinator, Action.VIEW_CONTENT, team.case)


def test_expiry_closes_the_api_the_next_day_without_anything_stored(
    api_as, make_user, make_case, clock
):
    """A consent expiring today opens the API today; a day later the same token gets 403,
    with no job or stored status in between."""
    if clock is None:
        pytest.skip("needs the test clock (ENINDGANG_TEST_CLOCK is 'real')")
    team = team_case(make_user, make_case)
    give(team, ["ppr"], days_left=0)
    api = api_as(team.ppr)
    assert api.get(f"/cases/{team.case.id}/facts").status_code == 200
    clock.shift(timedelta(days=1))
    assert api.get(f"/cases/{team.case.id}/facts").status_code == 403
    assert api.get(f"/cases/{team.case.id}").status_code == 200  # still on the case

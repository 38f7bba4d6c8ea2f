"""Links for external partners on the core team: only while a valid consent from the family
names the partner; the partner reads the family's plan and answers nothing; a withdrawn
consent closes the link at once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.consent import services as consent
from app.extensions import db
from app.familylink import services as links
from app.models import AuditEvent, CasePartner, GoalReading
from app.team import services as team
from tests.familylink.support import family_case

GONE = "Linket virker ikke længere – kontakt din familiekoordinator"


@pytest.fixture
def partnered(app, make_case, make_user):
    """The family's case with an external partner (the school's teacher) on the core team."""
    made = family_case(make_case, make_user)
    partner = team.add_partner(
        made.case.coordinator,
        made.case,
        {"organisation": "Skolen", "name": "Lise Lærer", "role": "", "email": "lise@skole.dk"},
    )
    db.session.commit()
    return made, partner


def _consent_for(made, partner: CasePartner):
    """The mother's consent naming the partner; committed."""
    row = consent.record_consent(
        made.case.coordinator,
        made.case,
        {
            "given_by_id": made.parent.id,
            "categories": ["plans"],
            "partner_ids": [str(partner.id)],
            "purpose": "Samarbejde om skolen.",
            "given_on": date.today() - timedelta(days=1),
            "expires_on": date.today() + timedelta(days=100),
        },
    )
    db.session.commit()
    return row


def test_no_partner_link_without_a_consent_naming_the_partner(partnered):
    """The family decides who takes part: without consent the link is refused, saying why."""
    made, partner = partnered
    with pytest.raises(links.LinkError) as refused:
        links.create_link(
            made.case.coordinator, made.case, f"partner-{partner.id}", days=30, with_code=False
        )
    assert "Intet gyldigt samtykke" in refused.value.errors["member"][0]


def test_a_partner_reads_the_plan_and_answers_nothing(partnered, client):
    """With consent: the family's plan under the partner's name, no ruler and no acceptance;
    posting an answer or an acceptance is refused and stores nothing; opening is audited."""
    made, partner = partnered
    _consent_for(made, partner)
    created = links.create_link(
        made.case.coordinator, made.case, f"partner-{partner.id}", days=30, with_code=False
    )
    db.session.commit()
    assert created.link.kind == "partner" and created.link.holder.name == "Lise Lærer"
    page = client.get(f"/familie/{created.token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-testid="partner-intro"' in html
    assert "Lise Lærer" in html and "Ro ved sengetid" in html
    assert 'name="value"' not in html and 'data-testid="family-accept"' not in html
    token = client.csrf_token(f"/familie/{created.token}")
    for path, data in (
        ("svar", {"goal": made.keys[0], "value": "7", "note": ""}),
        ("accepter", {}),
    ):
        answer = client.post(
            f"/familie/{created.token}/{path}",
            data={"csrf_token": token, **data},
            headers={"Referer": f"https://localhost/familie/{created.token}"},
        )
        assert answer.status_code == 403, path
    assert db.session.scalar(select(GoalReading).where(GoalReading.case_id == made.case.id)) is None
    opened = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "family_link_opened")
    ).all()
    assert opened and opened[-1].details["by"] == "partner_link"
    assert opened[-1].details["partner_id"] == partner.id


def test_withdrawing_the_consent_closes_the_partners_link_at_once(partnered, client):
    """The kind page (404) and no data from the moment the consent is withdrawn; audited."""
    made, partner = partnered
    given = _consent_for(made, partner)
    created = links.create_link(
        made.case.coordinator, made.case, f"partner-{partner.id}", days=30, with_code=False
    )
    db.session.commit()
    assert client.get(f"/familie/{created.token}").status_code == 200
    consent.withdraw(made.case.coordinator, made.case, given, "Mor har trukket det tilbage.")
    db.session.commit()
    closed = client.get(f"/familie/{created.token}")
    html = closed.get_data(as_text=True)
    assert closed.status_code == 404 and GONE in html and "Ro ved sengetid" not in html
    refused = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "family_link_refused")
    ).all()
    assert refused[-1].details["reason"] == "no_consent"


def test_the_staff_form_offers_the_partners(partnered, login_as):
    """The new-link form lists the family's parents and the case's partners."""
    made, partner = partnered
    web = login_as(made.case.coordinator)
    html = web.get(f"/sager/{made.case.id}/familielinks/ny").get_data(as_text=True)
    assert f'value="partner-{partner.id}"' in html and "Lise Lærer (Skolen" in html

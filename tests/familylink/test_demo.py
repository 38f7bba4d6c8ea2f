"""The demo family has a contact agreement, a working link, an answer and an acceptance."""

from __future__ import annotations

from sqlalchemy import func, select

from app.demo import DEMO_CASE_REFERENCE, seed_demo
from app.demo_familylink import demo_family_path, demo_partner_path
from app.extensions import db
from app.family import contact
from app.familylink import services as links
from app.models import Case, FamilyLink


def test_the_demo_family_page_works_and_the_case_shows_the_familys_side(app, client):
    """Twice seeded: one family link and one partner link; the family's page opens and shows
    the agreement and the plan; the partner (named in the demo consent) reads the plan."""
    seed_demo()
    db.session.commit()
    seed_demo()
    db.session.commit()
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    assert db.session.scalar(select(func.count(FamilyLink.id))) == 2
    assert contact.agreement_of(case).channels == ["phone", "sms"]
    (answer,) = links.family_answers(case)
    assert answer.given_by == "Sofie" and answer.source == "family"
    (accepted,) = links.acceptances(case)
    assert accepted.plan_version == links.plan_version(case)
    html = client.get(demo_family_path()).get_data(as_text=True)
    assert "Hej Sofie" in html and "Hver 14. dag" in html and "Karen Koordinator" in html
    partner = client.get(demo_partner_path())
    assert partner.status_code == 200
    assert 'data-testid="partner-intro"' in partner.get_data(as_text=True)

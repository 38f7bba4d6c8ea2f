"""The coordinator makes a personal link (its address shown once), sees it listed on the
case, and revokes it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.family import services as family
from app.models import AuditEvent, FamilyLink
from app.models.user import hash_secret
from tests.familylink.support import family_case


@pytest.fixture
def made(app, make_case, make_user):
    """A family case."""
    return family_case(make_case, make_user)


def test_a_link_is_shown_once_listed_and_revoked(login_as, client, made):
    """Create → the address with its token (stored only as a hash) → the family page opens
    → the list shows it as working → revoke → the kind page."""
    web = login_as(made.case.coordinator)
    url = f"/sager/{made.case.id}/familielinks/ny"
    form = web.get(url).get_data(as_text=True)
    assert f'value="{made.parent.id}"' in form and f'value="{made.child.id}"' in form
    assert "Produktets standard er, at et link virker i 30 dage" in form
    response = web.post_form(url, {"member": str(made.parent.id), "days": "14"}, page=url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    token = re.search(r"/familie/([A-Za-z0-9_-]{40,})", html).group(1)
    link = db.session.scalar(select(FamilyLink))
    assert link.token_hash == hash_secret(token) and token not in link.token_hash
    assert (link.expires_at - link.created_at).days == 14
    assert client.get(f"/familie/{token}").status_code == 200
    case_page = web.get(f"/sager/{made.case.id}").get_data(as_text=True)
    listing = case_page.split('data-testid="family-links"')[1].split("</table>")[0]
    assert "Mor Familien Hansen" in listing and "Virker" in listing
    assert token not in case_page  # the address is never shown again
    revoke = f"/sager/{made.case.id}/familielinks/{link.id}/tilbagekald"
    assert web.post_form(revoke, page=f"/sager/{made.case.id}").status_code == 302
    assert client.get(f"/familie/{token}").status_code == 404
    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert "family_link_created" in actions and "family_link_revoked" in actions


def test_a_sibling_cannot_get_a_link(login_as, made):
    """Links are for the young person and the parents only; a bad choice answers 422."""
    sibling = family.add_member(
        made.case.coordinator, made.case, {"name": "Lillebror", "relation": "sibling"}
    )
    db.session.commit()
    web = login_as(made.case.coordinator)
    url = f"/sager/{made.case.id}/familielinks/ny"
    assert f'value="{sibling.id}"' not in web.get(url).get_data(as_text=True)
    response = web.post_form(url, {"member": str(sibling.id), "days": "30"}, page=url)
    assert response.status_code == 422
    assert db.session.scalar(select(FamilyLink.id)) is None

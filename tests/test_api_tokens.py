"""Personal API tokens: listed, named and revoked one by one on the profile page; they
expire; a new password ends them as deactivation does; nobody revokes another's token."""

from __future__ import annotations

from datetime import timedelta

import lxml.html
import pytest
from sqlalchemy import select

from app.auth import services as auth
from app.database import utcnow
from app.extensions import db
from app.models import ApiToken, AuditEvent
from tests.helpers import PASSWORD


def _new_token(web, name: str) -> str:
    """Make a token on the profile page; the raw token shown once."""
    page = web.post_form("/profil/api-noegler", {"name": name}, page="/profil")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return lxml.html.document_fromstring(html).xpath('//input[@id="new-token"]/@value')[0]


def test_make_list_use_and_revoke_a_token_on_the_profile(app, login_as):
    """The token is shown once, works with the API, is listed by name (never in full), and
    stops working when revoked; both steps are audited."""
    web = login_as("coordinator")
    raw = _new_token(web, "Integration med ESDH")
    api = app.test_client()
    headers = {"Authorization": f"Bearer {raw}"}
    assert api.get("/api/v1/cases", headers=headers).status_code == 200
    profile = web.get("/profil").get_data(as_text=True)
    assert "Integration med ESDH" in profile and raw not in profile and raw[:12] in profile
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == web.user.id))
    assert token.expires_at - utcnow() > timedelta(days=364)
    web.post_form("/profil/api-noegler/tilbagekald", {"token_id": str(token.id)}, page="/profil")
    assert api.get("/api/v1/cases", headers=headers).status_code == 401
    actions = {e.action for e in db.session.scalars(select(AuditEvent))}
    assert {"api_token_created", "api_token_revoked"} <= actions


def test_a_token_needs_a_name(login_as):
    """Without a name nothing is made and the reason is shown."""
    web = login_as("coordinator")
    answer = web.post_form("/profil/api-noegler", {"name": "  "}, page="/profil")
    assert answer.status_code == 302
    assert db.session.scalar(select(ApiToken).where(ApiToken.user_id == web.user.id)) is None


def test_nobody_revokes_another_users_token(app, login_as, make_user):
    """A forged id of someone else's token changes nothing."""
    owner = make_user("coordinator")
    raw = auth.create_token(owner, "Ejerens")
    db.session.commit()
    other = login_as("leader")
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == owner.id))
    other.post_form("/profil/api-noegler/tilbagekald", {"token_id": str(token.id)}, page="/profil")
    db.session.refresh(token)
    assert token.revoked_at is None
    headers = {"Authorization": f"Bearer {raw}"}
    assert app.test_client().get("/api/v1/cases", headers=headers).status_code == 200


def test_an_expired_token_is_refused(app, make_user, clock):
    """A token past its expiry answers 401 like a revoked one."""
    if clock is None:
        pytest.skip("ENINDGANG_TEST_CLOCK=real: the clock cannot be moved")
    user = make_user("coordinator")
    raw = auth.create_token(user, "Kort", days=1)
    db.session.commit()
    headers = {"Authorization": f"Bearer {raw}"}
    assert app.test_client().get("/api/v1/cases", headers=headers).status_code == 200
    clock.shift(timedelta(days=1, minutes=1))
    assert app.test_client().get("/api/v1/cases", headers=headers).status_code == 401


def test_a_new_password_ends_every_token(app, login_as, make_user):
    """An administrator's password reset (and the user's own change) revokes the tokens."""
    user = make_user("coordinator")
    raw = auth.create_token(user, "Gammel")
    db.session.commit()
    auth.set_password(user, PASSWORD + "-ny")
    db.session.commit()
    headers = {"Authorization": f"Bearer {raw}"}
    assert app.test_client().get("/api/v1/cases", headers=headers).status_code == 401

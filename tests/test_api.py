"""The /api/v1 contract: tokens, JSON errors, cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.auth import services as auth
from app.database import utcnow
from app.extensions import db
from app.models import ApiToken


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer eig_not-a-real-token"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer " + "x" * 5000},
    ],
)
def test_missing_or_bogus_token_is_401_json(client, headers):
    """Requests without a valid token get 401 with a JSON error body."""
    response = client.get("/api/v1/cases", headers=headers)
    assert response.status_code == 401
    assert response.is_json
    assert response.json["error"]


def test_revoked_token_is_401(api_as):
    """A revoked token stops working at once."""
    api = api_as("coordinator")
    assert api.get("/cases").status_code == 200
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == api.user.id))
    auth.revoke_token(token)
    db.session.commit()
    response = api.get("/cases")
    assert response.status_code == 401
    assert response.is_json


def test_token_of_deactivated_user_is_401(api_as):
    """Deactivating a user revokes their tokens."""
    api = api_as("coordinator")
    auth.set_active(api.user, False)
    db.session.commit()
    assert api.get("/cases").status_code == 401


def test_token_use_is_recorded_and_only_hash_stored(api_as):
    """last_used_at is set, at most once a minute; the raw token is not in the database."""
    api = api_as("coordinator")
    api.get("/cases")
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == api.user.id))
    assert token.last_used_at is not None and utcnow() - token.last_used_at < timedelta(minutes=1)
    assert api.token not in (token.token_hash, token.prefix)
    assert api.token.startswith(token.prefix)


def test_create_list_and_get_case(api_as):
    """POST /cases answers 201 with the id; GET returns it with next_follow_up."""
    api = api_as("coordinator")
    response = api.post("/cases", json={"reference": "API-1", "title": "Familien Api"})
    assert response.status_code == 201
    case_id = response.json["id"]
    listed = api.get("/cases").json["cases"]
    assert [c["reference"] for c in listed] == ["API-1"]
    case = api.get(f"/cases/{case_id}").json
    assert case["title"] == "Familien Api"
    assert case["coordinator"]["id"] == api.user.id
    assert "next_follow_up" in case and case["next_follow_up"] is None


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"title": "Uden nummer"}, 422, "reference"),
        ({"reference": "X", "title": ""}, 422, "title"),
        ({"reference": 12, "title": "Tal"}, 422, "reference"),
        ({"reference": "A" * 51, "title": "Lang"}, 422, "reference"),
        ({"reference": "bad ref with spaces", "title": "x"}, 422, "reference"),
        ({"reference": "NUL\x00", "title": "x\x00"}, 201, None),
    ],
)
def test_create_case_validation(api_as, body, status, field):
    """Bad fields give 422 with per-field errors; control characters are cleaned."""
    api = api_as("coordinator")
    response = api.post("/cases", json=body)
    assert response.status_code == status, response.json
    if field:
        assert field in response.json["errors"]


@pytest.mark.parametrize("payload", [b"not json", b"[1,2,3]", b'"text"', b'{"a":'])
def test_non_object_body_is_400_json(api_as, payload):
    """Anything but a JSON object is a 400 JSON error."""
    api = api_as("coordinator")
    response = api.post("/cases", data=payload, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.is_json and response.json["error"]


def test_duplicate_reference_is_409(api_as):
    """A taken reference is a conflict."""
    api = api_as("coordinator")
    assert api.post("/cases", json={"reference": "D-1", "title": "a"}).status_code == 201
    response = api.post("/cases", json={"reference": "D-1", "title": "b"})
    assert response.status_code == 409
    assert response.json["errors"]["reference"]


def test_api_errors_are_json_never_html(api_as):
    """404 for unknown routes and 405 for wrong methods come back as JSON too."""
    api = api_as("coordinator")
    for response in (api.get("/no-such-thing"), api.put("/cases"), api.get("/cases/abc")):
        assert response.is_json, response.get_data(as_text=True)[:200]
        assert "error" in response.json
    assert api.put("/cases").status_code == 405


def test_session_auth_works_and_unsafe_methods_need_csrf(login_as):
    """A logged-in browser may use the API; a POST without CSRF token is refused as JSON."""
    web = login_as("coordinator")
    assert web.get("/api/v1/cases").status_code == 200
    response = web.post(
        "/api/v1/cases",
        json={"reference": "S-1", "title": "x"},
        headers={"Referer": "https://localhost/"},
    )
    assert response.status_code == 400
    assert response.is_json
    token = web.csrf_token("/")
    response = web.post(
        "/api/v1/cases",
        json={"reference": "S-1", "title": "x"},
        headers={"X-CSRFToken": token, "Referer": "https://localhost/"},
    )
    assert response.status_code == 201

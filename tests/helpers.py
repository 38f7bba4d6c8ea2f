"""Factories and client helpers, loaded as a pytest plugin by conftest.py."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import lxml.html
import pytest
from flask.testing import FlaskClient

from app.auth import services as auth
from app.extensions import db
from app.models import Case, CaseMember, User

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


@pytest.fixture
def make_user(app):
    """Create a user: make_user(role="coordinator", email=None, name=None, password=PASSWORD)."""

    def factory(
        role: str = "coordinator",
        email: str | None = None,
        name: str | None = None,
        password: str = PASSWORD,
    ) -> User:
        n = next(_counter)
        user = auth.create_user(
            email or f"{role}{n}@example.dk", name or f"{role.title()} {n}", role, password
        )
        db.session.commit()
        return user

    return factory


def save_draft(user: User, form_name: str, case: Case | None = None):
    """Save a form's starting values as a draft (a case's form, or a municipal document)."""
    from app.forms.definitions import current_version
    from app.submissions.services import new_form_data, save

    data = new_form_data(current_version(form_name))
    return save(user, form_name=form_name, data=data, status="draft", base_version=None, case=case)


@pytest.fixture
def make_case(app, make_user):
    """Create a case: make_case(coordinator=None, reference=None, title=..., team=[users])."""

    def factory(
        coordinator: User | None = None,
        reference: str | None = None,
        title: str = "Familien Hansen",
        team: list[User] = (),
    ) -> Case:
        coordinator = coordinator or make_user("coordinator")
        case = Case(
            reference=reference or f"SAG-{next(_counter):04d}",
            title=title,
            coordinator_id=coordinator.id,
        )
        db.session.add(case)
        db.session.flush()
        for member in team:
            db.session.add(CaseMember(case_id=case.id, user_id=member.id, team_role="PPR"))
        db.session.commit()
        return case

    return factory


class WebClient(FlaskClient):
    """A test client that logs in and posts forms with a real CSRF token."""

    def csrf_token(self, page: str = "/login") -> str:
        """Read a CSRF token from a page, the way a browser would have it."""
        response = self.get(page)
        html = response.get_data(as_text=True)
        tokens = lxml.html.document_fromstring(html).xpath('//input[@name="csrf_token"]/@value')
        where = response.headers.get("Location", "")
        assert tokens and tokens[0], f"no CSRF token on {page} ({response.status_code} {where})"
        return tokens[0]

    def post_form(self, url: str, data: dict | None = None, page: str = "/login", **kwargs):
        """POST form data with a CSRF token taken from `page`."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token(page))
        headers = {"Referer": "https://localhost" + page, **kwargs.pop("headers", {})}
        return self.post(url, data=data, headers=headers, **kwargs)

    def login(self, user_or_email, password: str = PASSWORD):
        """Log in through the login form (through the test OpenID provider when the app
        signs in with OIDC only); asserts it worked."""
        if self.application.config.get("SIGN_IN") == "oidc":
            from tests.oidc.flow import sign_in_user

            response = sign_in_user(self, user_or_email)
            assert response.status_code == 302, response.get_data(as_text=True)[:2000]
            return response
        email = getattr(user_or_email, "email", user_or_email)
        response = self.post_form("/login", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return response

    def logout(self):
        """Log out through the logout button."""
        return self.post_form("/logout", page="/")


@pytest.fixture
def client(app) -> WebClient:
    """A browser-like test client."""
    app.test_client_class = WebClient
    return app.test_client()


@pytest.fixture
def login_as(app, make_user):
    """login_as(role_or_user) → a logged-in WebClient."""

    def factory(who="coordinator") -> WebClient:
        user = make_user(who) if isinstance(who, str) else who
        app.test_client_class = WebClient
        web = app.test_client()
        web.login(user)
        web.user = user
        return web

    return factory


@dataclass
class ApiClient:
    """Calls /api/v1 with a Bearer token."""

    client: FlaskClient
    token: str
    user: User

    def _headers(self, extra=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        headers.update(extra or {})
        return headers

    def get(self, path: str, **kwargs):
        """GET /api/v1<path>."""
        return self.client.get(
            "/api/v1" + path, headers=self._headers(kwargs.pop("headers", None)), **kwargs
        )

    def post(self, path: str, **kwargs):
        """POST /api/v1<path>."""
        return self.client.post(
            "/api/v1" + path, headers=self._headers(kwargs.pop("headers", None)), **kwargs
        )

    def put(self, path: str, **kwargs):
        """PUT /api/v1<path>."""
        return self.client.put(
            "/api/v1" + path, headers=self._headers(kwargs.pop("headers", None)), **kwargs
        )

    def patch(self, path: str, **kwargs):
        """PATCH /api/v1<path>."""
        return self.client.patch(
            "/api/v1" + path, headers=self._headers(kwargs.pop("headers", None)), **kwargs
        )

    def delete(self, path: str, **kwargs):
        """DELETE /api/v1<path>."""
        return self.client.delete(
            "/api/v1" + path, headers=self._headers(kwargs.pop("headers", None)), **kwargs
        )


@pytest.fixture
def api_as(app, make_user):
    """api_as(role_or_user) → an ApiClient with a fresh token."""

    def factory(who="coordinator") -> ApiClient:
        user = make_user(who) if isinstance(who, str) else who
        token = auth.create_token(user, "test")
        db.session.commit()
        return ApiClient(app.test_client(), token, user)

    return factory

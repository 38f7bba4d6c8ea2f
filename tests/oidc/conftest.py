"""Fixtures for the OpenID Connect tests: the running test provider and an app pointed at it."""

from __future__ import annotations

import itertools

import pytest
from flask import current_app

from tests.oidc.provider import app_config, running

_subs = itertools.count(1)
#: The directory's groups of the tests and the enindgang roles they map to.
ROLE_MAP = (
    "grp-admin=admin, grp-leader=leader; grp-coord=coordinator, grp-ctrl=controller, grp-ppr=member"
)


@pytest.fixture
def provider():
    """The test process's OpenID provider, with no leftovers from the test before."""
    server = running()
    server.reset()
    yield server
    server.reset()


@pytest.fixture
def oidc_app(app, provider):
    """The served app signing in with OIDC only, against the test provider (the session's
    app gets its configuration back after the test)."""
    config = app_config(
        provider,
        OIDC_ROLE_MAP=ROLE_MAP,
        OIDC_DEPARTMENT_CLAIM="department",
        OIDC_DEPARTMENT_MAP="Pædagogisk Psykologisk Rådgivning=ppr",
    )
    app.config.update(config)
    current_app.config.update(config)  # the test side's app: CLI commands run on it
    return app


@pytest.fixture
def account(provider):
    """account(**claims) → a new account's sub at the provider (e-mail and name made up)."""

    def factory(**claims) -> str:
        n = next(_subs)
        claims.setdefault("email", f"person{n}@kommune.dk")
        claims.setdefault("name", f"Person {n}")
        return provider.add_account(f"sub-{n}-{claims['email']}", **claims)

    return factory

"""Which sign-in methods are on: local passwords, the municipality's identity provider, or both.

ENINDGANG_SIGN_IN chooses: ``local`` (the default, for `make run` and the demo), ``oidc+local``
or ``oidc`` (production: the password forms are gone). API tokens work under every choice.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import abort, current_app

LOCAL, OIDC, BOTH = "local", "oidc", "oidc+local"
CHOICES = (LOCAL, BOTH, OIDC)
#: What OIDC needs from the environment (ENINDGANG_<key>) before it can be switched on.
REQUIRED_FOR_OIDC = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")


class SignInMisconfigured(RuntimeError):
    """The sign-in settings cannot work; the app refuses to start and says why."""


def check(config: Mapping) -> None:
    """Raise SignInMisconfigured for an unknown choice or OIDC without its settings."""
    choice = config.get("SIGN_IN", LOCAL)
    if choice not in CHOICES:
        raise SignInMisconfigured(
            f"ENINDGANG_SIGN_IN={choice!r}: choose one of {', '.join(CHOICES)}."
        )
    if choice != LOCAL:
        missing = [f"ENINDGANG_{key}" for key in REQUIRED_FOR_OIDC if not config.get(key)]
        if missing:
            raise SignInMisconfigured(
                f"ENINDGANG_SIGN_IN={choice} needs {', '.join(missing)} (see docs/sign-in.md)."
            )
        from app.auth.oidc_claims import parse_pairs, parse_role_map

        for key, parse in (("OIDC_ROLE_MAP", parse_role_map), ("OIDC_DEPARTMENT_MAP", parse_pairs)):
            try:
                parse(config.get(key, ""))
            except ValueError as error:
                raise SignInMisconfigured(f"ENINDGANG_{key}: {error}") from None


def oidc_on(config: Mapping | None = None) -> bool:
    """True when people may sign in through the identity provider."""
    return (current_app.config if config is None else config).get("SIGN_IN", LOCAL) in (OIDC, BOTH)


def local_on(config: Mapping | None = None) -> bool:
    """True when people may sign in with a local password (and passwords are managed)."""
    return (current_app.config if config is None else config).get("SIGN_IN", LOCAL) in (LOCAL, BOTH)


def require_local() -> None:
    """404 for a password form when passwords are off (OIDC only): the form is gone."""
    if not local_on():
        abort(404)


def require_oidc() -> None:
    """404 for an OIDC route when the identity provider is off."""
    if not oidc_on():
        abort(404)

"""The claim mapping and the sign-in settings, as plain functions (no request, no database)."""

from __future__ import annotations

import pytest

from app.auth import methods
from app.auth.oidc_claims import (
    KEEP,
    OidcSettings,
    identity_from_claims,
    map_department,
    map_role,
    parse_role_map,
    scopes_with_openid,
)

DEPARTMENTS = {
    "ppr": "PPR (Pædagogisk Psykologisk Rådgivning)",
    "skole_dagtilbud": "Skole og dagtilbud",
}
SETTINGS = OidcSettings(
    issuer="https://login.example/tenant/v2.0",
    client_id="c",
    client_secret="s",
    role_map=parse_role_map("Enindgang.Koordinator=coordinator; Enindgang.Leder=leader"),
    department_claim="department",
    department_map={"Børnenes PPR": "ppr"},
)


def test_an_empty_role_map_maps_the_role_names_themselves():
    """Without ENINDGANG_OIDC_ROLE_MAP, app roles named like enindgang's roles work."""
    mapping = parse_role_map("")
    assert mapping == {r: r for r in ("admin", "leader", "coordinator", "controller", "member")}


def test_the_role_map_takes_commas_semicolons_and_lines():
    """Group object ids and app role values, any separator."""
    text = "11111111-aaaa=admin,\n Enindgang.Leder = leader ; grp=member"
    assert parse_role_map(text) == {
        "11111111-aaaa": "admin",
        "Enindgang.Leder": "leader",
        "grp": "member",
    }


@pytest.mark.parametrize("text", ["grp=boss", "no-equals-sign", "=admin"])
def test_a_bad_role_map_is_named(text):
    """An unknown role or a broken pair is a ValueError naming it."""
    with pytest.raises(ValueError, match="unknown role|is not"):
        parse_role_map(text)


def test_the_strongest_mapped_role_wins_and_unmapped_values_count_for_nothing():
    """admin > leader > coordinator > controller > member; no mapped value: None."""
    mapping = parse_role_map("")
    assert map_role(["member", "controller", "x"], mapping) == "controller"
    assert map_role(["member", "admin"], mapping) == "admin"
    assert map_role(["member"], mapping) == "member"
    assert map_role(["x", "Admin"], mapping) is None  # values match exactly
    assert map_role([], mapping) is None


def test_the_department_claim_matches_key_label_or_alias():
    """Key, label (case and spaces ignored) or the configured alias; unknown keeps."""
    assert map_department("ppr", DEPARTMENTS) == "ppr"
    assert map_department("  skole og   DAGTILBUD", DEPARTMENTS) == "skole_dagtilbud"
    assert map_department("børnenes ppr", DEPARTMENTS, {"Børnenes PPR": "ppr"}) == "ppr"
    assert map_department("Kantinen", DEPARTMENTS) is KEEP
    assert map_department(None, DEPARTMENTS) is KEEP
    assert map_department("", DEPARTMENTS) is None


def test_an_identity_from_entra_like_claims():
    """Subject with its issuer, e-mail lower-cased, role and department mapped."""
    claims = {
        "iss": SETTINGS.issuer,
        "sub": "abc",
        "email": "Ida.Holm@Kommune.DK",
        "name": "Ida  Holm",
        "roles": "Enindgang.Leder",  # a single value may come as a string
        "department": "Børnenes PPR",
    }
    identity = identity_from_claims(claims, SETTINGS, DEPARTMENTS)
    assert identity.subject == "https://login.example/tenant/v2.0 abc"
    assert (identity.email, identity.name, identity.role, identity.department) == (
        "ida.holm@kommune.dk",
        "Ida Holm",
        "leader",
        "ppr",
    )


def test_an_identity_without_an_email_is_an_error():
    """The e-mail claim names nothing: the provider's set-up is wrong, not the person."""
    with pytest.raises(ValueError, match="e-mail"):
        identity_from_claims({"sub": "abc", "roles": ["x"]}, SETTINGS, DEPARTMENTS)


def test_openid_is_always_asked_for():
    """Without the openid scope there is no ID token."""
    assert scopes_with_openid("email profile") == "openid email profile"
    assert scopes_with_openid("profile openid") == "openid profile"
    assert OidcSettings.from_config({"OIDC_ISSUER": "https://x/"}).discovery_url == (
        "https://x/.well-known/openid-configuration"
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"SIGN_IN": "sso"}, "choose one of"),
        ({"SIGN_IN": "oidc"}, "ENINDGANG_OIDC_ISSUER"),
        (
            {
                "SIGN_IN": "oidc+local",
                "OIDC_ISSUER": "https://x",
                "OIDC_CLIENT_ID": "c",
                "OIDC_CLIENT_SECRET": "s",
                "OIDC_ROLE_MAP": "g=boss",
            },
            "ENINDGANG_OIDC_ROLE_MAP",
        ),
    ],
)
def test_sign_in_settings_that_cannot_work_stop_the_start(config, message):
    """The app refuses to start and says what is missing or wrong."""
    with pytest.raises(methods.SignInMisconfigured, match=message):
        methods.check(config)


def test_the_default_is_local_passwords():
    """`make run` and the demo: passwords only, no OIDC."""
    methods.check({})
    assert methods.local_on({}) and not methods.oidc_on({})
    assert methods.local_on({"SIGN_IN": "oidc+local"}) and methods.oidc_on(
        {"SIGN_IN": "oidc+local"}
    )
    assert not methods.local_on({"SIGN_IN": "oidc"})

"""From the identity provider's claims to an enindgang identity: e-mail, name, role and
department. Plain functions on plain data (no request, no database), so every rule of the
mapping is testable on its own.

Roles: the claim named by ENINDGANG_OIDC_ROLES_CLAIM (Entra ID app roles: ``roles``; group
object ids: ``groups``) holds values that ENINDGANG_OIDC_ROLE_MAP maps to enindgang's roles.
Every role is mappable, ``member`` too: staff from other departments (school, PPR, health
visitor) who take part in cases sign in with their municipal account like everyone else, and
``member`` is the role with the least rights. A person whose values map to several roles gets
the first of ROLE_PRECEDENCE; one whose values map to none is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.models import Role

#: When directory values map to several roles, the first of these wins (the directory's
#: administrators choose the groups; this order is the product's, in docs/sign-in.md).
ROLE_PRECEDENCE = (Role.ADMIN, Role.LEADER, Role.COORDINATOR, Role.CONTROLLER, Role.MEMBER)
_PAIR_SEPARATORS = re.compile(r"[,;\n]")
#: The department claim was not configured or not sent: the stored department stays.
KEEP = object()


@dataclass(frozen=True)
class OidcSettings:
    """The OIDC part of the configuration, read once per use from the app's config."""

    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid email profile"
    email_claim: str = "email"
    name_claim: str = "name"
    roles_claim: str = "roles"
    role_map: Mapping[str, str] | None = None
    department_claim: str = ""
    department_map: Mapping[str, str] | None = None
    timeout: int = 10

    @classmethod
    def from_config(cls, config: Mapping) -> OidcSettings:
        """The settings from a Flask config (ENINDGANG_OIDC_* in app/config.py)."""
        return cls(
            issuer=(config.get("OIDC_ISSUER") or "").strip(),
            client_id=config.get("OIDC_CLIENT_ID", ""),
            client_secret=config.get("OIDC_CLIENT_SECRET", ""),
            scopes=scopes_with_openid(config.get("OIDC_SCOPES", "")),
            email_claim=config.get("OIDC_EMAIL_CLAIM") or "email",
            name_claim=config.get("OIDC_NAME_CLAIM") or "name",
            roles_claim=config.get("OIDC_ROLES_CLAIM") or "roles",
            role_map=parse_role_map(config.get("OIDC_ROLE_MAP", "")),
            department_claim=config.get("OIDC_DEPARTMENT_CLAIM") or "",
            department_map=parse_pairs(config.get("OIDC_DEPARTMENT_MAP", "")),
            timeout=int(config.get("OIDC_TIMEOUT_SECONDS", 10)),
        )

    @property
    def discovery_url(self) -> str:
        """Where the provider describes itself (OpenID Connect Discovery 1.0)."""
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in, in enindgang's terms."""

    subject: str  # "<issuer> <sub>"
    email: str
    name: str  # "" when the provider sends no name
    role: str | None  # None: no directory value maps to a role
    department: Any = KEEP  # a departments key, None (no department) or KEEP


def scopes_with_openid(scopes: str) -> str:
    """The configured scopes, with ``openid`` first (without it there is no ID token)."""
    words = [word for word in (scopes or "").split() if word != "openid"]
    return " ".join(["openid", *dict.fromkeys(words)])


def parse_pairs(text: str) -> dict[str, str]:
    """``"value=target, value=target"`` (commas, semicolons or new lines between pairs) as a
    dict; ValueError names a pair that is not one."""
    mapping: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in _PAIR_SEPARATORS.split(text or ""))):
        value, sep, target = (item.strip() for item in pair.rpartition("="))
        if not sep or not value or not target:
            raise ValueError(f"{pair!r} is not 'directory value=enindgang value'")
        mapping[value] = target
    return mapping


def parse_role_map(text: str) -> dict[str, str]:
    """ENINDGANG_OIDC_ROLE_MAP as {directory value: role}; empty text maps every role's own
    name to itself. ValueError names a bad pair or an unknown role."""
    if not (text or "").strip():
        return {role.value: role.value for role in Role}
    known = {role.value for role in Role}
    mapping = parse_pairs(text)
    for value, role in mapping.items():
        if role not in known:
            raise ValueError(f"{value}={role}: unknown role (known: {', '.join(sorted(known))})")
    return mapping


def claim_values(claims: Mapping[str, Any], name: str) -> list[str]:
    """A claim as a list of strings: a list is kept, a single string becomes one item."""
    value = claims.get(name)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def map_role(values: Iterable[str], role_map: Mapping[str, str]) -> str | None:
    """The enindgang role for these directory values (ROLE_PRECEDENCE), or None."""
    mapped = {role_map[value] for value in values if value in role_map}
    return next((role.value for role in ROLE_PRECEDENCE if role.value in mapped), None)


def map_department(
    value: Any, departments: Mapping[str, str], aliases: Mapping[str, str] | None = None
) -> Any:
    """A department claim as a ``departments`` vocabulary key: through ``aliases``
    (ENINDGANG_OIDC_DEPARTMENT_MAP, directory value → key), else matched on the key or the
    label (case and spaces ignored). None for an empty claim; KEEP for an unknown value
    (nothing made up: the administrator's choice stays) or a claim that was not sent."""
    if value is None:
        return KEEP
    text = _folded(value)
    if not text:
        return None
    for alias, key in (aliases or {}).items():
        if text == _folded(alias) and key in departments:
            return key
    for key, label in departments.items():
        if text in (key.casefold(), _folded(label)):
            return key
    return KEEP


def _folded(value: Any) -> str:
    """Text compared without case or extra spaces."""
    return " ".join(str(value).split()).casefold()


def identity_from_claims(
    claims: Mapping[str, Any], settings: OidcSettings, departments: Mapping[str, str]
) -> Identity:
    """The identity in validated ID-token claims; ValueError when the e-mail or the subject
    is missing (the provider is misconfigured: the e-mail claim names nothing)."""
    subject = claims.get("sub")
    email = " ".join(str(claims.get(settings.email_claim) or "").split()).lower()
    if not subject or not isinstance(subject, str):
        raise ValueError("no sub claim")
    if "@" not in email:
        raise ValueError(f"no e-mail in the {settings.email_claim!r} claim")
    name = " ".join(str(claims.get(settings.name_claim) or "").split())[:200]
    department = KEEP
    if settings.department_claim:
        department = map_department(
            claims.get(settings.department_claim), departments, settings.department_map
        )
    return Identity(
        subject=f"{claims.get('iss') or settings.issuer} {subject}",
        email=email,
        name=name,
        role=map_role(claim_values(claims, settings.roles_claim), settings.role_map or {}),
        department=department,
    )

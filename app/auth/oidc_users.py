"""The enindgang account behind an identity provider's sign-in: found, created or brought up
to date from the claims, or refused. Plain functions that flush and audit; the caller commits.

An account is found by the provider's subject ("<issuer> <sub>"), else by e-mail (an account
an administrator made beforehand, or one that used a password before OIDC was switched on);
the subject is then stored, so that a later change of e-mail address finds the same person.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app import audit
from app.auth import services
from app.auth.oidc_claims import KEEP, Identity
from app.extensions import db
from app.models import User
from app.vocabularies.services import get_vocabulary

#: Why a sign-in was refused (the audit event's ``reason``; the page says it in words).
NO_ROLE, DEACTIVATED, OTHER_ACCOUNT = "no_role", "deactivated", "subject_mismatch"


@dataclass(frozen=True)
class Outcome:
    """The account to log in, or why there is none."""

    user: User | None
    refused: str | None = None


def departments() -> dict[str, str]:
    """The departments vocabulary as {key: label}, for the department claim."""
    return {item["value"]: item["label"] for item in get_vocabulary("departments") or []}


def find_account(identity: Identity) -> User | None:
    """The account of this subject, else the one with this e-mail."""
    user = db.session.scalar(select(User).where(User.oidc_subject == identity.subject))
    return user or services.find_user(identity.email)


def sign_in(identity: Identity) -> Outcome:
    """Find, create or update the account for a validated identity, or refuse it.

    Refused: no directory value maps to a role, the account is deactivated in enindgang (the
    provider letting someone in does not undo that), or the e-mail belongs to an account
    already tied to another subject. Every refusal is audited as ``login_refused``.
    """
    user = find_account(identity)
    refused = None
    if user is not None and user.oidc_subject not in (None, identity.subject):
        refused = OTHER_ACCOUNT
    elif identity.role is None:
        refused = NO_ROLE
    elif user is not None and not user.active:
        refused = DEACTIVATED
    if refused:
        # No actor: nobody is signed in; the account the provider's person would have had
        # is the event's object (none for someone unknown).
        audit.record("login_refused", user, actor=None, method="oidc", reason=refused)
        return Outcome(None, refused)
    if user is None:
        user = _create(identity)
    else:
        _update(user, identity)
    return Outcome(user)


def _create(identity: Identity) -> User:
    """A new account from the first sign-in: no password, the mapped role."""
    user = User(
        email=identity.email,
        name=identity.name or identity.email,
        role=identity.role,
        password_hash=None,
        oidc_subject=identity.subject,
        department=None if identity.department is KEEP else identity.department,
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user_created", user, actor=None, role=user.role, source="oidc")
    return user


def _update(user: User, identity: Identity) -> None:
    """Bring the account up to date with the directory (role, department, name, e-mail)."""
    user.oidc_subject = identity.subject
    if identity.role != user.role:
        old, user.role = user.role, identity.role
        audit.record(
            "user_role_changed", user, actor=None, source="oidc", **{"from": old, "to": user.role}
        )
    if identity.department is not KEEP and identity.department != user.department:
        user.department = identity.department
        audit.record(
            "user_department_changed", user, actor=None, source="oidc", department=user.department
        )
    if identity.name:  # a provider that sends no name keeps the one enindgang has
        user.name = identity.name
    if identity.email != user.email and services.find_user(identity.email) is None:
        user.email = identity.email
    db.session.flush()

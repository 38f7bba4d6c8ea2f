"""The audit trail: one helper builds every event from the request.

Use
---
- Inside a request, record what a person did with ``audit.record(action, obj, **details)``.
  The actor is the request's user (the API caller or the logged-in person) unless ``actor=``
  is given; the client's IP address (``request.remote_addr``, resolved through ProxyFix when
  TRUSTED_PROXIES is set) and the user agent (truncated) are taken from the request.
- Outside a request (CLI commands, start-up, the demo seed) the same call records no IP or
  user agent; pass ``actor=`` when a person is responsible. ``record_event`` is the
  lower-level function for callers that build every field themselves.
- **Call ``audit.read`` for every read of family content** (a case's forms, plans and
  documents shown or answered to someone) and ``audit.export`` for every download of it
  (Word, PDF, workbooks). Both commit at once: a read has no transaction of its own, and the
  trail must hold even when the answer is never finished. A page built of several sections
  wraps them in ``with audit.one_commit():`` to commit their reads once, before answering.

Details carry ids and codes only, never CPR numbers or case text: a detail value must be an
integer, a boolean, None, a lowercase code such as a form or vocabulary name, or a list of
those. Anything else (free text, a reference, a title) raises ``ValueError`` so that a
mistake shows up in the tests and never in the trail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import g, has_request_context, request
from flask_login import current_user

from app.extensions import db
from app.models import (
    AuditEvent,
    Case,
    DocumentTemplate,
    FormVersion,
    MunicipalitySettings,
    Submission,
    User,
)

USER_AGENT_MAX = 255
# A code: a form, vocabulary, role, status or format name. Not a sentence, not a reference.
_CODE = re.compile(r"^[a-z][a-z0-9_]*(?:[.-][a-z0-9_]+)*$")
_CODE_MAX = 64
_OBJECT_TYPES: dict[type, str] = {
    Case: "case",
    DocumentTemplate: "document_template",
    FormVersion: "form_version",
    MunicipalitySettings: "municipality_settings",
    Submission: "submission",
    User: "user",
}
_FROM_REQUEST = object()  # the default actor: whoever makes the request


def record_event(
    action: str,
    *,
    actor: User | None = None,
    object_type: str | None = None,
    object_id: int | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event with every field given (flushed, committed by the caller).

    The low-level writer for code outside a request; inside a request use ``record``.
    """
    clean = check_details(details or {})
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor is not None else None,
        object_type=object_type,
        object_id=object_id,
        ip=ip,
        user_agent=user_agent[:USER_AGENT_MAX] if user_agent else None,
        details=clean,
    )
    db.session.add(event)
    db.session.flush()
    return event


def record(
    action: str,
    obj: Any = None,
    *,
    actor: Any = _FROM_REQUEST,
    object_type: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an event about ``obj`` built from the current request (flushed, not committed).

    ``obj`` is a model instance (its type and id are recorded) or None; ``object_type``
    names the kind of object when there is no instance (a vocabulary, a form by name).
    """
    if actor is _FROM_REQUEST:
        actor = request_user()
    ip, user_agent = None, None
    if has_request_context():
        ip = request.remote_addr
        user_agent = request.user_agent.string or None
    return record_event(
        action,
        actor=actor,
        object_type=object_type or (_object_type(obj) if obj is not None else None),
        object_id=getattr(obj, "id", None),
        ip=ip,
        user_agent=user_agent,
        details=details,
    )


def read(case: Case, what: str, **details: Any) -> AuditEvent:
    """Record (and commit) that the request's user read family content of ``case``.

    ``what`` is a code for the content: "form", "plan", …; details add ids such as the
    form name or submission id. Inside ``one_commit`` the commit waits for the block's end.
    """
    event = record("content_read", case, what=what, **details)
    _commit_unless_batched()
    return event


def export(case: Case | None, what: str, fmt: str, **details: Any) -> AuditEvent:
    """Record (and commit) that the request's user downloaded ``what`` as ``fmt``.

    ``case`` is None for exports that span cases (the portfolio); list their ids in details.
    """
    event = record("content_exported", case, what=what, format=fmt, **details)
    _commit_unless_batched()
    return event


@contextmanager
def one_commit() -> Iterator[None]:
    """Reads recorded inside the block are committed together when it ends, before the
    answer is made (a page of several sections: one commit, not one per section). A block
    that fails commits nothing; nested blocks commit with the outermost."""
    outer = bool(g.get("_audit_one_commit", False))
    g._audit_one_commit = True
    try:
        yield
    finally:
        g._audit_one_commit = outer
    if not outer:
        db.session.commit()


def _commit_unless_batched() -> None:
    if not (has_request_context() and g.get("_audit_one_commit", False)):
        db.session.commit()


def request_user() -> User | None:
    """The person behind the current request: the API caller or the logged-in user."""
    if not has_request_context():
        return None
    api_user = g.get("api_user")
    if api_user is not None:
        return api_user
    if current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def check_details(details: dict[str, Any]) -> dict[str, Any]:
    """The details unchanged when every value is an id or a code; ValueError otherwise."""
    for key, value in details.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if not _is_id_or_code(item):
                raise ValueError(f"audit detail {key!r} is not an id or a code")
    return {k: list(v) if isinstance(v, tuple) else v for k, v in details.items()}


def _is_id_or_code(value: Any) -> bool:
    """True for None, booleans, integers and short lowercase codes."""
    if value is None or isinstance(value, bool | int):
        return True
    return isinstance(value, str) and len(value) <= _CODE_MAX and bool(_CODE.match(value))


def _object_type(obj: Any) -> str:
    """The audit name of a model instance's type."""
    for cls, name in _OBJECT_TYPES.items():
        if isinstance(obj, cls):
            return name
    raise TypeError(f"no audit object type for {type(obj).__name__}")

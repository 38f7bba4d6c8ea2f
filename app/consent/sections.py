"""The case's consents as a section of the case page."""

from __future__ import annotations

from app import audit
from app.authz import Action, can
from app.consent import services
from app.models import Case, User
from app.web.sections import PageSection


def case_section(case: Case, user: User) -> PageSection | None:
    """The consents in full (who gave them, what, to whom, why) for users who may read the
    family's content; the read is audited."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    consents = services.list_consents(case)
    if consents:
        audit.read(case, "consents", consent_ids=[c.id for c in consents])
    options = services.choices(case)
    return PageSection(
        "consent/_case_section.html",
        {
            "consents": consents,
            "status": services.status,
            "status_labels": services.STATUS_LABELS,
            "categories": services.CATEGORIES,
            "options": options,
            "can_edit": can(user, Action.EDIT, case),
        },
    )

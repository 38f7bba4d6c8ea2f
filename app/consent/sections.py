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
    rows = [
        {
            "consent": c,
            "status": services.status(c),
            "categories": [str(services.CATEGORIES[k]) for k in c.categories],
            "to": [options.departments.get(d, d) for d in c.departments]
            + [options.partners[p] for p in c.partner_ids if p in options.partners],
        }
        for c in consents
    ]
    return PageSection(
        "consent/_case_section.html",
        {
            "rows": rows,
            "status_labels": services.STATUS_LABELS,
            "can_edit": can(user, Action.EDIT, case),
        },
    )

"""The case's forms as a section of the case page."""

from __future__ import annotations

from app.authz import Action, can
from app.models import Case, User
from app.submissions.services import case_forms_overview
from app.web.sections import PageSection


def case_section(case: Case, user: User) -> PageSection | None:
    """Each case form with its status, for users who may read the family's content."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    forms = case_forms_overview(case)
    if not forms:
        return None
    return PageSection("submissions/_case_section.html", {"forms": forms})

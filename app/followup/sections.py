"""The next follow-up as a section of the case page."""

from __future__ import annotations

from app.authz import Action, can
from app.followup import services
from app.models import Case, User
from app.web.sections import PageSection


def case_section(case: Case, user: User) -> PageSection | None:
    """The next follow-up, the rule and its source, for those who may read the case's content."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    return PageSection(
        "followup/_case_section.html",
        {"view": services.view(case), "can_decide": can(user, Action.EDIT_CONTENT, case)},
    )

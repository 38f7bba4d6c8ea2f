"""The case's family as a section of the case page."""

from __future__ import annotations

from app import audit
from app.authz import Action, can
from app.family import services
from app.models import Case, User
from app.web.sections import PageSection


def case_section(case: Case, user: User) -> PageSection | None:
    """The family members with how to reach them, for users who may read family content."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    members = services.list_members(case)
    if members:
        # Names and contact details are family content: showing them is a read.
        audit.read(case, "family", family_member_ids=[m.id for m in members])
    return PageSection(
        "family/_case_section.html",
        {
            "members": members,
            "label": services.relation_label,
            "can_edit": can(user, Action.EDIT, case),
        },
    )

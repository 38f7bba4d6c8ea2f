"""The case's meetings as a section of the case page."""

from __future__ import annotations

from app import audit
from app.authz import Action, can
from app.meetings import pages, services
from app.models import Case, User
from app.web.i18n import current_locale
from app.web.sections import PageSection


def case_section(case: Case, user: User) -> PageSection | None:
    """Upcoming and held meetings, for users who may read the family's content."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    planned, held = services.list_meetings(case)
    if planned or held:
        # Places, participants and open agreements are about the family: showing them is a read.
        audit.read(case, "meetings", meeting_ids=[m.id for m in planned + held])
    return PageSection(
        "meetings/_case_section.html",
        {
            "planned": planned,
            "held": held,
            "kind_label": pages.kind_label,
            "kinds": pages.kind_choices(current_locale()),
            "last_follow_up": services.last_held_follow_up(case),
            "can_edit": can(user, Action.EDIT_CONTENT, case),
        },
    )

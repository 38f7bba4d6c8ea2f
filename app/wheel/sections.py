"""The year wheel as a section of the case page."""

from __future__ import annotations

from app import audit
from app.authz import Action, can
from app.models import Case, User
from app.web.sections import PageSection
from app.wheel import feeds, pages, services


def case_section(case: Case, user: User) -> PageSection | None:
    """The wheel's picture and list, for users who may read the family's content."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    wheel = services.wheel_of(case)
    if wheel.version or wheel.meetings:
        # The activities and meeting dates are about the family: showing them is a read.
        audit.read(case, "annual_wheel", meeting_ids=[m.id for m in wheel.meetings])
    return PageSection(
        "wheel/_case_section.html",
        {
            "wheel": wheel,
            "view": pages.wheel_view(case, wheel),
            "can_edit": can(user, Action.EDIT_CONTENT, case),
        },
    )


def profile_section(user: User) -> PageSection:
    """The personal calendar feed on the user's own profile page."""
    return PageSection("wheel/_profile_feeds.html", {"feeds": feeds.active_feeds(user)})

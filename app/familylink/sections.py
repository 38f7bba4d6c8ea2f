"""The contact agreement, the family's answers and acceptance, and the family's links as a
section of the case page."""

from __future__ import annotations

from app import audit
from app.authz import Action, can
from app.family import contact
from app.familylink import services
from app.goals import readings
from app.models import Case, User
from app.web.sections import PageSection


def case_section(case: Case, user: User) -> PageSection | None:
    """What the family agreed and said, and its links, for users who may read its content."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    agreement = contact.agreement_of(case)
    answers = services.family_answers(case)
    accepted = services.acceptances(case)
    links = services.links_of(case)
    if agreement or answers or accepted or links:
        # The agreement and the family's own words are family content: showing them is a read.
        audit.read(
            case,
            "family_view",
            reading_ids=[r.id for r in answers],
            family_link_ids=[link.id for link in links],
        )
    return PageSection(
        "familylink/_case_section.html",
        {
            "agreement": contact.shown(agreement),
            "version": agreement.version if agreement else 0,
            "answers": answers,
            "goal_titles": {g.key: g for g in readings.goals_of(case)},
            "acceptances": accepted,
            "plan_version": services.plan_version(case),
            "links": links,
            "state": services.link_state,
            "can_edit_content": can(user, Action.EDIT_CONTENT, case),
            "can_manage_links": can(user, Action.EDIT, case),
        },
    )

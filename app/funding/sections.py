"""The case's funding as a section of the case page."""

from __future__ import annotations

from app.authz import Action, can
from app.funding import display, services
from app.models import Case, User
from app.web.i18n import current_locale
from app.web.sections import PageSection


def case_overview(case: Case, user: User) -> dict:
    """What the case page's funding section shows (current split, totals, recent changes)."""
    vocab = services.funding_vocab()
    current = services.current_version(case)
    lines = services.version_lines(current)
    year = services.this_year()
    return {
        "vocab": vocab,
        "current": current,
        "lines": lines,
        "totals": services.department_totals(lines, vocab, year, current_locale()),
        "recent": services.history_with_changes(case, vocab, services.RECENT_VERSIONS),
        "can_edit": can(user, Action.EDIT_FUNDING, case),
        "locale": current_locale(),
    }


def case_section(case: Case, user: User) -> PageSection | None:
    """The funding split, totals and recent changes, for users who may see the funding."""
    if not can(user, Action.VIEW_FUNDING, case):
        return None
    # `fd`: the funding macros format with it (imported `with context`).
    return PageSection("funding/_case_section.html", {**case_overview(case, user), "fd": display})

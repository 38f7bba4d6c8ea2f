"""The two plans' downloads as a section of the case page."""

from __future__ import annotations

from app.authz import Action, can
from app.models import Case, User
from app.web.sections import PageSection
from app.word.pdfs import pdf_available


def plan_section(case: Case, user: User) -> PageSection | None:
    """Both plans' Word (and PDF) buttons, for users who may read the family's content."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    internal = can(user, Action.VIEW_FUNDING, case)  # the internal plan holds the funding
    return PageSection("word/_plan_downloads.html", {"pdf": pdf_available(), "internal": internal})

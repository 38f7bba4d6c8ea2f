""" "Hvem kan se hvad" as a section of the case page."""

from __future__ import annotations

from app.authz import Action, can, sees_only_money, who_sees_what
from app.consent import services as consent
from app.models import Case, User
from app.team import services
from app.vocabularies.services import load_vocabularies
from app.web.sections import PageSection


def case_section(case: Case, user: User) -> PageSection | None:
    """Who can see and do what on the case, with the consent status per department and
    partner; for everyone on the case but controllers (who see only the money)."""
    if not can(user, Action.VIEW, case) or sees_only_money(user):
        return None
    gate = consent.gate_on()
    return PageSection(
        "team/_who_sees_what.html",
        {
            "lines": who_sees_what(case, lambda p: consent.partner_covered(case, p)),
            "coverage": consent.coverage(case) if gate else [],
            "gate_on": gate,
            "legal_basis": "" if gate else consent.legal_basis(),
            "status_labels": consent.STATUS_LABELS,
        },
    )


def core_team_context() -> dict:
    """What the case page's core-team table needs: the team roles offered, how a
    membership's role and a partner's role read, and department labels."""
    departments = {d["value"]: d["label"] for d in load_vocabularies().get("departments", [])}
    return {
        "role_choices": services.role_choices,
        "member_role": services.member_role_text,
        "role_label": services.role_label,
        "department": lambda key: departments.get(key, key) if key else "",
    }

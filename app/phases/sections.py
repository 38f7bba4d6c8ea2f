"""The case's phase as a part of the case page: the step indicator and the one action."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length

from app.authz import Action, can
from app.models import Case, User
from app.phases import services
from app.web.forms import BaseForm
from app.web.i18n import current_locale
from app.web.sections import PageSection


class PhaseForm(BaseForm):
    """Move on, start or re-pin: an optional note; ``phase`` is the phase the person saw."""

    note = TextAreaField(
        _l("Note til kerneteamet (valgfri)"), validators=[Length(max=services.NOTE_MAX)]
    )
    phase = HiddenField()


def responsible_text(case: Case, shown: str, role: str) -> str:
    """The responsible role as the template names it, with the coordinator's name when the
    role is the family coordinator's (the case knows who that is)."""
    if role == "familiekoordinator" and case.coordinator is not None:
        return f"{shown} ({case.coordinator.name})"
    return shown


def case_phase(case: Case, user: User, form: PhaseForm | None = None) -> PageSection | None:
    """The step indicator for users who may read the case's content; None for others."""
    if not can(user, Action.VIEW_CONTENT, case):
        return None
    found = services.case_flow(case, current_locale())
    if found is None and case.flow_document_id is None:
        return None
    may_manage = can(user, Action.MANAGE, case) and case.status == "open"
    current = found.current if found else None
    responsible = ""
    if current is not None:
        row = _row(found, current.step.key)
        responsible = responsible_text(
            case, current.step.shown.get("responsible_role", ""), row.get("responsible_role", "")
        )
    return PageSection(
        "phases/_case_phase.html",
        {
            "flow": found,
            "current": current,
            "responsible": responsible,
            "may_manage": may_manage,
            "restart": found is not None and found.flow.id != case.flow_document_id,
            "phase_form": form or PhaseForm(formdata=None),
        },
    )


def _row(found: services.CaseFlow, key: str) -> dict:
    """The raw template row of the phase ``key`` in the pinned revision."""
    rows = services.flow.phase_rows(found.revision.data)
    return next((r for r in rows if r["key"] == key), {})

"""The one place that answers "may this user do X to this case?".

Views and the API both call these functions; nothing else decides access to a case.
A case the user may not see at all answers 404 (its existence is not revealed); a case
the user may see but not change in the asked way answers 403.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, exists, false, or_, select, true
from werkzeug.exceptions import Forbidden, NotFound

from app.extensions import db
from app.models import Case, CaseMember, CasePartner, Role, User


class Action(enum.StrEnum):
    """What a user wants to do to a case."""

    VIEW = "view"  # see the case exists: reference, title, status, coordinator
    EDIT = "edit"  # change the case itself (its facts) and its core team
    # Change who coordinates the case and where it is in its life (close, reopen, hand over):
    # the case's own coordinator, not everyone on the core team.
    MANAGE = "manage"
    VIEW_CONTENT = "view_content"  # forms, plans and documents about the family
    EDIT_CONTENT = "edit_content"
    VIEW_FUNDING = "view_funding"
    EDIT_FUNDING = "edit_funding"


#: The actions about the family's own content: the consent gate (app/consent) applies to them.
CONTENT_ACTIONS = frozenset({Action.VIEW_CONTENT, Action.EDIT_CONTENT})


class Position(enum.StrEnum):
    """Where a user stands towards one case; what they may do follows from it (RULES)."""

    LEADERSHIP = "leadership"  # leaders and administrators: every case
    CONTROLLER = "controller"  # every case, only its money
    COORDINATOR = "coordinator"  # the case's own family coordinator
    TEAM_CASEWORKER = "team_caseworker"  # a coordinator on a colleague's core team
    TEAM_MEMBER = "team_member"  # a member (other department) with a team role
    TEAM_READER = "team_reader"  # a member on the core team without a team role yet
    OUTSIDER = "outsider"  # none of these: the case is hidden


@dataclass(frozen=True)
class AccessRule:
    """What one position may do to a case, whether the consent gate applies to the content
    actions, and the plain words the case page uses to explain it ("Hvem kan se hvad")."""

    actions: frozenset[Action]
    gated: bool
    who: object  # a lazy string: the position in plain Danish
    why: object  # a lazy string: why the position may do this


_ALL = frozenset(Action)
_TEAM_WORK = frozenset({Action.VIEW, Action.VIEW_CONTENT, Action.EDIT_CONTENT})

#: The rules, as data. Changing the funding split and the team (EDIT, EDIT_FUNDING) and the
#: case's life (MANAGE) stay with the case's own coordinator, leaders and admins; controllers
#: change the funding only. Everyone else on the core team reads the family's content, fills
#: forms and records meetings. A coordinator on a colleague's core team is a caseworker of the
#: unit that holds the case: not consent-gated, may read the funding, changes neither it nor
#: the team. Members from other departments are consent-gated and never see the funding.
RULES: dict[Position, AccessRule] = {
    Position.LEADERSHIP: AccessRule(
        _ALL, False, _l("Ledere og administratorer"), _l("Har ansvaret for alle sager.")
    ),
    Position.CONTROLLER: AccessRule(
        frozenset({Action.VIEW, Action.VIEW_FUNDING, Action.EDIT_FUNDING}),
        False,
        _l("Controllere"),
        _l("Følger økonomien i alle sager, men ser aldrig familiens oplysninger."),
    ),
    Position.COORDINATOR: AccessRule(
        _ALL, False, _l("Familiekoordinator"), _l("Koordinerer sagen og har ansvaret for den.")
    ),
    Position.TEAM_CASEWORKER: AccessRule(
        _TEAM_WORK | {Action.VIEW_FUNDING},
        False,
        _l("Rådgiver i kerneteamet"),
        _l("Rådgiver i den enhed, der har sagen; ændrer ikke kerneteamet eller finansieringen."),
    ),
    Position.TEAM_MEMBER: AccessRule(
        _TEAM_WORK,
        True,
        _l("Fagperson i kerneteamet"),
        _l("Deltager i sagen efter sin rolle i teamet, når familiens samtykke dækker afdelingen."),
    ),
    Position.TEAM_READER: AccessRule(
        frozenset({Action.VIEW, Action.VIEW_CONTENT}),
        True,
        _l("Fagperson i kerneteamet uden rolle"),
        _l("Har endnu ingen rolle i teamet og kan derfor kun læse."),
    ),
    Position.OUTSIDER: AccessRule(frozenset(), False, _l("Andre"), _l("Er ikke med på sagen.")),
}

#: What each action means, in the words of the case page.
ACTION_LABELS = {
    Action.VIEW: _l("se sagen"),
    Action.VIEW_CONTENT: _l("læse familiens oplysninger"),
    Action.EDIT_CONTENT: _l("udfylde formularer og skrive møder"),
    Action.EDIT: _l("rette sagen og kerneteamet"),
    Action.MANAGE: _l("skifte koordinator, lukke og overdrage sagen"),
    Action.VIEW_FUNDING: _l("se finansieringen"),
    Action.EDIT_FUNDING: _l("ændre finansieringen"),
}


def is_on_case(user: User, case: Case) -> bool:
    """True when the user is the case's coordinator or on its core team."""
    if case.coordinator_id == user.id:
        return True
    return any(member.user_id == user.id for member in case.members)


def membership(user: User, case: Case) -> CaseMember | None:
    """The user's row on the case's core team, if any."""
    return next((m for m in case.members if m.user_id == user.id), None)


def position_of(user: User, case: Case) -> Position:
    """Where an active user stands towards the case."""
    if user.has_role(Role.ADMIN, Role.LEADER):
        return Position.LEADERSHIP
    if user.has_role(Role.CONTROLLER):
        return Position.CONTROLLER
    if user.has_role(Role.COORDINATOR):
        if case.coordinator_id == user.id:
            return Position.COORDINATOR
        return Position.TEAM_CASEWORKER if membership(user, case) else Position.OUTSIDER
    if user.has_role(Role.MEMBER):
        row = membership(user, case)
        if row is None:
            # A member never coordinates; one who still does (their role was changed) counts
            # as a reader: gated, no funding, no team changes.
            return Position.TEAM_READER if case.coordinator_id == user.id else Position.OUTSIDER
        return Position.TEAM_MEMBER if row.team_role else Position.TEAM_READER
    return Position.OUTSIDER


def is_gated(user: User, case: Case) -> bool:
    """True when the user's content actions on the case need a valid consent."""
    return user.is_active and RULES[position_of(user, case)].gated


#: The consent gate: a function (user, case) → may the user see the family's content as far
#: as consent goes? app.consent.services.content_allowed, set by the composition root
#: (app/__init__.py), since this shared module imports no feature. Unset, the gate is closed.
_content_gate: Callable[[User, Case], bool] | None = None


def set_content_gate(gate: Callable[[User, Case], bool] | None) -> None:
    """Install the consent gate that gated positions' content actions must pass."""
    global _content_gate
    _content_gate = gate


def gate_open(user: User, case: Case) -> bool:
    """True when the installed consent gate lets the user see the family's content (False
    when none is installed: a missing gate never opens content)."""
    return _content_gate is not None and _content_gate(user, case)


def can(user: User | None, action: Action, case: Case) -> bool:
    """True when the user may do the action to the case."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    rule = RULES[position_of(user, case)]
    if action not in rule.actions:
        return False
    if rule.gated and action in CONTENT_ACTIONS:
        # Asked on every call, never cached: a withdrawal or an expiry closes it at once.
        return gate_open(user, case)
    return True


def visible_cases_filter(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting the cases the user may see (Action.VIEW)."""
    if not user.is_active:
        return false()
    if user.has_role(Role.ADMIN, Role.LEADER, Role.CONTROLLER):
        return true()
    if user.has_role(Role.COORDINATOR, Role.MEMBER):
        return own_cases_filter(user)
    return false()


def own_cases_filter(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting the cases the user coordinates or is on the core team of."""
    on_team = exists().where(CaseMember.case_id == Case.id, CaseMember.user_id == user.id)
    return or_(Case.coordinator_id == user.id, on_team)


def sees_only_money(user: User) -> bool:
    """True for controllers: they see every case, but its number and neutral title only."""
    return user.has_role(Role.CONTROLLER)


def lists_neutral_titles(user: User) -> bool:
    """True for users whose case list shows numbers and neutral titles only: controllers,
    and members, whose consent gate may differ from case to case (a list never leaks a title
    the gate closes; the case page shows the title when the gate is open)."""
    return user.has_role(Role.CONTROLLER, Role.MEMBER)


def may_coordinate(user: User) -> bool:
    """Who can be made a case's family coordinator: active caseworkers, not controllers."""
    return user.active and user.has_role(Role.ADMIN, Role.LEADER, Role.COORDINATOR)


def can_create_case(user: User) -> bool:
    """Coordinators, leaders and admins open cases; controllers do not."""
    return user.is_active and user.has_role(Role.ADMIN, Role.LEADER, Role.COORDINATOR)


def can_manage_users(user: User) -> bool:
    """Only administrators manage user accounts."""
    return user.is_active and user.has_role(Role.ADMIN)


def can_adapt_forms(user: User) -> bool:
    """Leaders and admins adapt forms and lists and edit the municipality's documents."""
    return user.is_active and user.has_role(Role.ADMIN, Role.LEADER)


def can_view_dashboards(user: User) -> bool:
    """Leaders and admins see the leaders' dashboard (caseloads, overdue follow-ups, time
    from referral to plan across all cases); coordinators and controllers do not."""
    return user.is_active and user.has_role(Role.ADMIN, Role.LEADER)


def can_read_audit_trail(user: User) -> bool:
    """Leaders and admins read and export the audit trail (who did what, never content)."""
    return user.is_active and user.has_role(Role.ADMIN, Role.LEADER)


def can_read_municipal_documents(user: User) -> bool:
    """Every active user reads the municipality's own documents (case flow, decision plan)."""
    return user.is_active


def get_case_for(user: User, case_id: int, action: Action = Action.VIEW) -> Case:
    """Load a case the user may act on, or raise NotFound (invisible) / Forbidden."""
    case = db.session.get(Case, case_id)
    if case is None or not can(user, Action.VIEW, case):
        raise NotFound()
    if not can(user, action, case):
        raise Forbidden()
    return case


def visible_cases(user: User):
    """A SELECT of the cases the user may see, newest first."""
    return select(Case).where(visible_cases_filter(user)).order_by(Case.updated_at.desc())


@dataclass(frozen=True)
class AccessLine:
    """One line of "Hvem kan se hvad": a person or a group, what they may do, and why not."""

    who: str  # a name, or a group ("Ledere og administratorer")
    position: object  # the position's plain words
    may: list[str]  # what they may do, in plain Danish
    why: str  # why the position may do this
    closed: str = ""  # why the consent gate keeps the family's content from them ("": open)


def who_sees_what(
    case: Case, partner_covered: Callable[[CasePartner], bool] = lambda partner: False
) -> list[AccessLine]:
    """Who can see and do what on the case, today, in plain Danish (the case page's
    "Hvem kan se hvad"): the coordinator, each core-team member by their position and the
    consent gate, each external partner (``partner_covered``: does a valid consent name
    them?), then leaders/admins and controllers as groups."""
    from flask_babel import gettext as _

    def line(who: str, user: User | None, position: Position) -> AccessLine:
        rule = RULES[position]
        actions = [a for a in Action if a in rule.actions]
        closed = ""
        if user is not None and rule.gated and not gate_open(user, case):
            actions = [a for a in actions if a not in CONTENT_ACTIONS]
            closed = (
                _("Ingen afdeling er angivet på brugeren, så intet samtykke kan dække den.")
                if not user.department
                else _("Intet gyldigt samtykke dækker brugerens afdeling.")
            )
        return AccessLine(
            who, rule.who, [str(ACTION_LABELS[a]) for a in actions], str(rule.why), closed
        )

    lines = []
    if case.coordinator is not None:
        lines.append(
            line(case.coordinator.name, case.coordinator, position_of(case.coordinator, case))
        )
    for member in case.members:
        user = member.user
        if user.is_active and user.id != case.coordinator_id:
            lines.append(line(user.name, user, position_of(user, case)))
    for partner in case.partners:
        covered = partner_covered(partner)
        lines.append(
            AccessLine(
                f"{partner.name} ({partner.organisation})",
                _l("Ekstern samarbejdspartner"),
                [],
                _(
                    "Har intet login og ser intet i systemet; kerneteamet deler oplysninger med "
                    "partneren uden for systemet."
                )
                if covered
                else _("Har intet login og ser intet i systemet."),
                ""
                if covered
                else _(
                    "Intet gyldigt samtykke nævner partneren: del ikke "
                    "familiens oplysninger med partneren."
                ),
            )
        )
    for position in (Position.LEADERSHIP, Position.CONTROLLER):
        rule = RULES[position]
        lines.append(line(str(rule.who), None, position))
    return lines

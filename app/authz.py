"""The one place that answers "may this user do X to this case?".

Views and the API both call these functions; nothing else decides access to a case.
A case the user may not see at all answers 404 (its existence is not revealed); a case
the user may see but not change in the asked way answers 403.
"""

from __future__ import annotations

import enum

from sqlalchemy import ColumnElement, exists, false, or_, select, true
from werkzeug.exceptions import Forbidden, NotFound

from app.extensions import db
from app.models import Case, CaseMember, Role, User


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


# Controllers work across all cases, but only with money: never the family's own text.
_CONTROLLER_ACTIONS = frozenset({Action.VIEW, Action.VIEW_FUNDING, Action.EDIT_FUNDING})


def is_on_case(user: User, case: Case) -> bool:
    """True when the user is the case's coordinator or on its core team."""
    if case.coordinator_id == user.id:
        return True
    return any(member.user_id == user.id for member in case.members)


def can(user: User | None, action: Action, case: Case) -> bool:
    """True when the user may do the action to the case."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.has_role(Role.ADMIN, Role.LEADER):
        return True
    if user.has_role(Role.CONTROLLER):
        return action in _CONTROLLER_ACTIONS
    if user.has_role(Role.COORDINATOR):
        if action == Action.MANAGE:
            return case.coordinator_id == user.id
        return is_on_case(user, case)
    return False


def visible_cases_filter(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting the cases the user may see (Action.VIEW)."""
    if not user.is_active:
        return false()
    if user.has_role(Role.ADMIN, Role.LEADER, Role.CONTROLLER):
        return true()
    if user.has_role(Role.COORDINATOR):
        return own_cases_filter(user)
    return false()


def own_cases_filter(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting the cases the user coordinates or is on the core team of."""
    on_team = exists().where(CaseMember.case_id == Case.id, CaseMember.user_id == user.id)
    return or_(Case.coordinator_id == user.id, on_team)


def sees_only_money(user: User) -> bool:
    """True for controllers: they see every case, but its number and neutral title only."""
    return user.has_role(Role.CONTROLLER)


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

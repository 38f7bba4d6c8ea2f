"""'Mine sager' as a page of rows: search, filters, sorting and paging in SQL.

A page costs a fixed number of statements whatever the number of cases: one count and one
page query (and the paragraphs list when the search names a paragraph). Rows are plain tuples
of the columns shown, not Case objects, so nothing is loaded lazily per row.

The table's columns are the ``COLUMNS`` list: a column names its sort expression and the
template macro that draws its cell, so later columns (phase, next follow-up) slot in by adding
an entry here, a cell macro in ``cases/_columns.html`` and the value to ``_row_columns``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, func, literal, select, union

from app.authz import (
    lists_neutral_titles,
    own_cases_filter,
    sees_only_money,
    visible_cases_filter,
)
from app.cases.facts import paragraph_labels
from app.extensions import db
from app.followup.services import DUE_SOON_DAYS, state
from app.models import Case, CaseParagraph, CasePhase, CaseStatus, User

PAGE_SIZE = 50
SEARCH_MAX = 100
STATUSES = tuple(s.value for s in CaseStatus)
SCOPES = ("mine", "all")
DUE_FILTERS = ("soon", "overdue", "upcoming")  # within 14 days or overdue; overdue; within
# 14 days and not overdue (the leaders' dashboard counts the last two apart)
NO_COORDINATOR = "none"  # ?coordinator=none: cases without a family coordinator
NO_DEPARTMENT = "-"  # ?department=-: the coordinator has no department (or there is none)
DEPARTMENT_MAX = 100
#: A case without a next follow-up sorts after every dated one, on SQLite and PostgreSQL alike.
NO_DATE = date(9999, 12, 31)


def _neutral_sort() -> ColumnElement:
    """What controllers sort titles by: the neutral title, else the case number it defaults to."""
    return func.coalesce(func.nullif(Case.neutral_title, ""), literal("Sag ") + Case.reference)


@dataclass(frozen=True)
class Column:
    """One column of the list: its label, how it sorts, and whether controllers see it."""

    key: str
    label: Any
    sort: Any  # a SQL expression, or a function of nothing giving one
    for_controllers: bool = False

    def sort_expression(self) -> ColumnElement:
        """The SQL expression the column sorts by."""
        return self.sort() if callable(self.sort) else self.sort


COLUMNS = (
    Column("reference", _l("Sagsnummer"), Case.reference, for_controllers=True),
    Column("title", _l("Titel"), Case.title),
    Column("neutral_title", _l("Neutral titel"), _neutral_sort, for_controllers=True),
    Column("coordinator", _l("Familiekoordinator"), User.name),
    Column("phase", _l("Fase"), CasePhase.phase_name),
    Column("status", _l("Status"), Case.status),
    Column("updated_at", _l("Senest ændret"), Case.updated_at),
    Column(
        "next_follow_up",
        _l("Næste opfølgning"),
        lambda: func.coalesce(Case.next_follow_up, NO_DATE),
    ),
)
DEFAULT_SORT = ("updated_at", True)


def columns_for(user: User) -> list[Column]:
    """The columns ``user`` sees: controllers only the case number and the neutral title."""
    if sees_only_money(user):
        return [c for c in COLUMNS if c.for_controllers]
    if lists_neutral_titles(user):  # members: the consent gate may differ per case
        return [c for c in COLUMNS if c.key != "title"]
    return [c for c in COLUMNS if c.key != "neutral_title"]


@dataclass(frozen=True)
class ListQuery:
    """What the person asked for (from the query string), already made safe."""

    q: str = ""
    status: str = ""  # "" all, else a CaseStatus value
    scope: str = "all"  # "mine" or "all" (all the cases the user may see)
    due: str = ""  # "" all, "soon" (next follow-up within 14 days or overdue), "overdue"
    coordinator: str = ""  # "" all, a user id, or NO_COORDINATOR (links from the dashboard)
    department: str = ""  # "" all, the coordinator's department, or NO_DEPARTMENT
    sort: str = DEFAULT_SORT[0]
    desc: bool = DEFAULT_SORT[1]
    page: int = 1

    def args(self, **changes: Any) -> dict[str, Any]:
        """The query string for this query with ``changes`` (defaults left out)."""
        query = replace(self, **changes)
        plain = {
            "q": query.q,
            "status": query.status,
            "scope": query.scope,
            "due": query.due,
            "coordinator": query.coordinator,
            "department": query.department,
            "sort": query.sort,
            "desc": "1" if query.desc else "0",
            "page": query.page,
        }
        return {k: v for k, v in plain.items() if v not in ("", 1) or k == "desc"}


def parse_query(args: Mapping[str, str], user: User) -> ListQuery:
    """A ListQuery from request arguments; anything unknown falls back to the default."""
    keys = {c.key for c in columns_for(user)}
    sort = args.get("sort", "")
    sort_ok = sort in keys
    page = args.get("page", "")
    default_scope = "mine" if user.has_role("coordinator") else "all"
    scope = args.get("scope", default_scope)
    return ListQuery(
        q=(args.get("q") or "").strip()[:SEARCH_MAX],
        status=args.get("status", "") if args.get("status", "") in STATUSES else "",
        scope=scope if scope in SCOPES and not sees_only_money(user) else "all",
        due=args.get("due", "") if args.get("due", "") in DUE_FILTERS else "",
        coordinator=_coordinator_arg(args.get("coordinator", ""), user),
        department="" if sees_only_money(user) else args.get("department", "")[:DEPARTMENT_MAX],
        sort=sort if sort_ok else DEFAULT_SORT[0],
        desc=args.get("desc") == "1" if sort_ok else DEFAULT_SORT[1],
        page=int(page) if page.isdigit() and 0 < int(page) < 10**6 else 1,
    )


def _coordinator_arg(value: str, user: User) -> str:
    """A coordinator filter that is a user id or NO_COORDINATOR (controllers: none)."""
    if sees_only_money(user):
        return ""
    return value if value == NO_COORDINATOR or (value.isdigit() and len(value) < 10) else ""


@dataclass
class CasePage:
    """One page of the list: the rows, the columns and what the pager needs."""

    query: ListQuery
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    pages: int = 1


def _escape_like(text: str) -> str:
    """``text`` for a LIKE pattern: its own % and _ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(q: str, user: User) -> ColumnElement[bool]:
    """Rows matching ``q`` in what ``user`` may see: case number and titles, the coordinator,
    a paragraph by its label, the phase by its name. Controllers search the number and the
    neutral title only.

    One set of case ids per place the text can be (united), not one OR over the joined
    rows: each part can use its own index (PostgreSQL's trigram indexes, migration 0023),
    where the OR across tables made the database test every case's texts (100,000 cases)."""
    pattern = f"%{_escape_like(q.lower())}%"

    def like(column):
        return func.lower(column).like(pattern, escape="\\")

    def cases_where(column):
        return select(Case.id).where(like(column))

    by_coordinator = (
        select(Case.id).join(User, User.id == Case.coordinator_id).where(like(User.name))
    )
    if sees_only_money(user):
        parts = [cases_where(Case.reference), cases_where(Case.neutral_title)]
    elif lists_neutral_titles(user):  # members: never a title or paragraph the gate may close
        parts = [cases_where(Case.reference), cases_where(Case.neutral_title), by_coordinator]
    else:
        parts = [cases_where(Case.reference), cases_where(Case.title), by_coordinator]
        parts.append(select(CasePhase.case_id).where(like(CasePhase.phase_name)))
        needle = q.casefold()
        keys = [k for k, label in paragraph_labels().items() if needle in label.casefold()]
        if keys:
            parts.append(select(CaseParagraph.case_id).where(CaseParagraph.key.in_(keys)))
    return Case.id.in_(union(*parts))


def _due(due: str, today: date) -> ColumnElement[bool]:
    """Cases whose stored next follow-up is overdue, due within DUE_SOON_DAYS (or overdue), or
    due within DUE_SOON_DAYS and not overdue ("upcoming")."""
    if due == "overdue":
        return Case.next_follow_up < today
    soon = Case.next_follow_up <= today + timedelta(days=DUE_SOON_DAYS)
    return and_(soon, Case.next_follow_up >= today) if due == "upcoming" else soon


def _team(query: ListQuery) -> list[ColumnElement[bool]]:
    """The coordinator and department filters (the page joins the coordinator as User)."""
    conditions = []
    if query.coordinator == NO_COORDINATOR:
        conditions.append(Case.coordinator_id.is_(None))
    elif query.coordinator:
        conditions.append(Case.coordinator_id == int(query.coordinator))
    if query.department == NO_DEPARTMENT:
        conditions.append(func.coalesce(User.department, "") == "")
    elif query.department:
        conditions.append(User.department == query.department)
    return conditions


def _where(query: ListQuery, user: User, today: date | None = None) -> ColumnElement[bool]:
    """The WHERE clause of the query for ``user``."""
    conditions = [visible_cases_filter(user)]
    if query.scope == "mine":
        conditions.append(own_cases_filter(user))
    if query.status:
        conditions.append(Case.status == query.status)
    if query.q:
        conditions.append(_search(query.q, user))
    if query.due:
        conditions.append(_due(query.due, today or date.today()))
    conditions.extend(_team(query))
    return and_(*conditions)


def _row_columns():
    """The values a row carries (every column's, whoever looks; the template picks)."""
    return (
        Case.id,
        Case.reference,
        Case.title,
        Case.neutral_title,
        Case.status,
        Case.updated_at,
        Case.next_follow_up,
        User.name.label("coordinator"),
        CasePhase.phase_name.label("phase"),
    )


def _joined(query):
    """``query`` with the coordinator and the phase (each at most one row per case)."""
    return query.outerjoin(User, User.id == Case.coordinator_id).outerjoin(
        CasePhase, CasePhase.case_id == Case.id
    )


def case_page(user: User, query: ListQuery, page_size: int = PAGE_SIZE) -> CasePage:
    """The page of cases ``query`` asks for: two statements (count and rows)."""
    columns = columns_for(user)
    where = _where(query, user)
    # The joins give at most one row per case, so the count needs them only when a team
    # filter looks at the coordinator (100,000 cases: a fifth of the time); the search has
    # its own subqueries.
    joined = bool(_team(query))
    base = (_joined(select(Case.id)) if joined else select(Case.id)).where(where)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, math.ceil(total / page_size))
    query = replace(query, page=min(query.page, pages))
    sort = next(c for c in COLUMNS if c.key == query.sort).sort_expression()
    order = (sort.desc(), Case.id.desc()) if query.desc else (sort.asc(), Case.id.asc())
    rows = db.session.execute(
        _joined(select(*_row_columns()))
        .where(where)
        .order_by(*order)
        .limit(page_size)
        .offset((query.page - 1) * page_size)
    )
    today = date.today()
    found = [dict(r._mapping) for r in rows]
    for row in found:  # "overdue" / "soon" / "": the cell says it in words
        row["follow_up_state"] = state(row["next_follow_up"], today)
    return CasePage(query, columns, found, total, pages)

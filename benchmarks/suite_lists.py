"""`make bench`, part 3: the case list and the leader's dashboard at many cases.

For each size a fresh database (throw-away SQLite, or the PostgreSQL database named by
--database-url, whose tables it fills) gets the statement tests' bulk seed. "Ours" is the
whole page (the view called in a request context with the leader logged in: access filter,
search, count, one page of rows, template); the floor is the bare statements the page needs
(bench_cases.list_query, bench_dashboards.dashboard_queries) without access check or template.
"""

from __future__ import annotations

import argparse

from bench_cases import list_query, seeded_app, settle
from bench_common import Row, paired
from bench_dashboards import TEAMS, dashboard_queries


def rows_at(cases: int, repeat: int, database_url: str | None) -> list[Row]:
    """The case list and the dashboard at ``cases`` cases."""
    from flask_login import login_user

    from app.cases.routes import my_cases
    from app.dashboards.routes import overview
    from app.extensions import db
    from tests.dashboards.test_scale import seed_dates

    args = argparse.Namespace(cases=cases, database_url=database_url)
    app, _users, leader = seeded_app(args, "bench-lists-", TEAMS)
    seed_dates(cases)
    settle(db)
    bare_list = list_query()
    bare_board = dashboard_queries()

    def page(path: str, view) -> str:
        with app.test_request_context(path):
            login_user(leader)
            return view()

    def bare() -> None:
        db.session.execute(bare_list).all()

    def board() -> None:
        for query in bare_board:
            db.session.execute(query).all()

    try:
        return [
            Row(
                f"case list at {cases:,} cases (leader, page 1)",
                *paired(repeat, lambda: page("/", my_cases), bare),
                target="< 100 ms",
            ),
            Row(
                f"case list at {cases:,} cases, search '§ 32'",
                *paired(repeat, lambda: page("/?q=%C2%A7+32", my_cases), bare),
                target="< 100 ms",
            ),
            Row(
                f"dashboard at {cases:,} cases",
                *paired(repeat, lambda: page("/oversigt", overview), board),
                target="< 100 ms",
            ),
        ]
    finally:
        db.session.remove()
        if database_url:  # leave the shared database empty for the next size
            from sqlalchemy import text

            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.engine.dispose()


def run(repeat: int, sizes=(10_000, 100_000), database_url: str | None = None) -> list[Row]:
    """All rows of this part."""
    rows = []
    for cases in sizes:
        rows += rows_at(cases, repeat, database_url)
    return rows

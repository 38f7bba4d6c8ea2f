"""Timings of the leaders' dashboard (/oversigt) at many cases, against the bare queries.

Not a test. Run from the repository root (a throw-away SQLite database in a temp folder, or
the PostgreSQL database named by --database-url, whose tables it fills):

    python benchmarks/bench_dashboards.py [--cases 10000] [--repeat 5] [--database-url URL]

"bare queries" runs the dashboard's grouped counts and its date query as plain SQL, without
access filter, dataclasses or statistics; "dashboard" is ``app.dashboards.services.dashboard``
(the same statements, plus median and percentiles in Python); "whole page" also renders the
template (the view called in a request context with the leader logged in). The ratio is the
price of what the app adds to the database's own work.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_cases import bench_arguments, seeded_app  # noqa: E402 — this folder is on the path
from bench_funding import best_of  # noqa: E402 — the benchmarks' timer

TEAMS = ("Børn Nord", "Børn Syd", "Børn Vest", None)


def dashboard_queries() -> list:
    """The dashboard's grouped counts and its date query as plain statements."""
    from sqlalchemy import case, func, or_, select

    from app.models import Case, User
    from app.models.case import local_today

    today = local_today()
    # The shapes the page uses: counted per coordinator (the teams are added up in Python
    # from the coordinators' departments, which the second statement reads).
    bare_queries = [
        select(Case.coordinator_id, func.count())
        .where(Case.status == "open")
        .group_by(Case.coordinator_id),
        select(User.id, User.name, User.department).where(User.role == "coordinator"),
        select(
            Case.coordinator_id,
            func.count(),
            func.sum(case((Case.next_follow_up < today, 1), else_=0)),
        )
        .where(Case.status == "open")
        .group_by(Case.coordinator_id),
        select(Case.coordinator_id, Case.referred_on, Case.plan_first_final_on, func.count())
        .where(
            or_(
                Case.plan_first_final_on >= today - timedelta(days=365),
                (Case.status == "open") & Case.plan_first_final_on.is_(None),
            )
        )
        .group_by(Case.coordinator_id, Case.referred_on, Case.plan_first_final_on),
    ]
    return bare_queries


def main() -> None:
    """Seed cases with dates, then time the dashboard against its bare queries."""
    args = bench_arguments(__doc__.splitlines()[0])
    from flask_login import login_user

    from app.dashboards.routes import overview
    from app.dashboards.services import dashboard
    from app.extensions import db
    from tests.dashboards.test_scale import seed_dates

    app, _users, leader = seeded_app(args, "bench-dashboards-", TEAMS)
    seed_dates(args.cases)
    print(f"{args.cases} cases, 20 coordinators in 4 teams ({db.engine.dialect.name})")

    bare_queries = dashboard_queries()

    def bare() -> None:
        for query in bare_queries:
            db.session.execute(query).all()

    def whole_page() -> str:
        """The view's HTML for the leader, as a request would get it."""
        with app.test_request_context("/oversigt"):
            login_user(leader)
            return overview()

    timings = {
        "bare queries (grouped counts + dates)": best_of(args.repeat, bare),
        "dashboard (services.dashboard)": best_of(args.repeat, lambda: dashboard(leader)),
        "whole page /oversigt": best_of(args.repeat, whole_page),
    }
    base = timings["bare queries (grouped counts + dates)"]
    for name, seconds in timings.items():
        print(f"{name:<40} {seconds * 1000:9.1f} ms   x{seconds / base:5.2f}")
    board = dashboard(leader)
    assert sum(t.open_cases for t in board.teams) == args.cases - len(range(0, args.cases, 7))


if __name__ == "__main__":
    main()

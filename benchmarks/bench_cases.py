"""Timings of 'Mine sager' at many cases: the app's page against the bare query.

Not a test. Run from the repository root (a throw-away SQLite database in a temp folder, or
the PostgreSQL database named by --database-url, whose tables it fills):

    python benchmarks/bench_cases.py [--cases 10000] [--repeat 5] [--database-url URL]

"app page" is ``app.cases.listing.case_page``: access filter, search, count and one page of
rows. "bare query" is the same 50 rows selected without access check, search or count, so the
difference is the price of what the list adds. "whole page" also renders the template
(the view called in a request context with the leader logged in).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_funding import best_of  # noqa: E402 — the benchmarks' timer (this folder is on the path)


def bench_arguments(description: str) -> argparse.Namespace:
    """The benchmarks' options: how many cases, how many runs, which database."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    return parser.parse_args()


def seeded_app(args: argparse.Namespace, prefix: str, departments=(None,)):
    """A migrated app with its context pushed: 20 coordinators (departments in turn), a leader
    and ``args.cases`` cases from the statement tests' bulk seed. Returns (app, users, leader)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    os.environ["ENINDGANG_INSTANCE_PATH"] = folder
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import User
    from tests.test_case_list import seed_cases  # the same bulk seed as the statement test

    url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    app.app_context().push()
    upgrade()
    users = [
        User(
            email=f"k{n}@bench.dk",
            name=f"Koordinator {n}",
            role="coordinator",
            password_hash="",
            department=departments[n % len(departments)],
        )
        for n in range(20)
    ]
    leader = User(email="l@bench.dk", name="Leder", role="leader", password_hash="")
    db.session.add_all([*users, leader])
    db.session.flush()
    seed_cases(users, args.cases)
    return app, users, leader


def settle(db) -> None:
    """Commit the seed and let the database gather its statistics, as it does for a table at
    rest (PostgreSQL's autovacuum: VACUUM ANALYZE, which also lets index-only scans skip the
    table; SQLite: ANALYZE). Without it a bulk-loaded table is measured as no real one is."""
    db.session.commit()
    engine = db.engine
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


def list_query():
    """The list's first 50 rows as a plain statement: no access check, search or count."""
    from sqlalchemy import select

    from app.models import Case, User

    return (
        select(Case.id, Case.reference, Case.title, Case.status, Case.updated_at, User.name)
        .outerjoin(User, User.id == Case.coordinator_id)
        .order_by(Case.updated_at.desc(), Case.id.desc())
        .limit(50)
    )


def main() -> None:
    """Seed cases, then time list pages for a leader and a coordinator against the bare query."""
    args = bench_arguments(__doc__.splitlines()[0])
    from flask_login import login_user

    from app.cases.listing import ListQuery, case_page
    from app.cases.routes import my_cases
    from app.extensions import db

    app, users, leader = seeded_app(args, "bench-cases-")
    coordinator = users[3]
    print(f"{args.cases} cases, 20 coordinators ({db.engine.dialect.name})")

    bare = list_query()
    steps = {
        "bare query (50 rows, no access/count)": lambda: db.session.execute(bare).all(),
        "leader, first page": lambda: case_page(leader, ListQuery()),
        "leader, page 150 sorted by coordinator": lambda: case_page(
            leader, ListQuery(sort="coordinator", desc=False, page=150)
        ),
        "leader, search 'familie 12'": lambda: case_page(leader, ListQuery(q="familie 12")),
        "leader, search '§ 32', open": lambda: case_page(
            leader, ListQuery(q="§ 32", status="open")
        ),
        "coordinator, own cases": lambda: case_page(coordinator, ListQuery(scope="mine")),
    }

    def whole_page(query: str = "") -> str:
        """The view's HTML for the leader, as a request would get it."""
        with app.test_request_context("/" + query):
            login_user(leader)
            return my_cases()

    steps["whole page, leader, first page"] = whole_page
    steps["whole page, leader, search '§ 32'"] = lambda: whole_page("?q=%C2%A7+32")
    for name, work in steps.items():
        print(f"{name:<44} {best_of(args.repeat, work) * 1000:9.1f} ms")
    assert case_page(leader, ListQuery()).total == args.cases


if __name__ == "__main__":
    main()

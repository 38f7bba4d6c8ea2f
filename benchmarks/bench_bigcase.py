"""A migrated app with the demo municipality and one big case, for the HTTP benchmarks.

The demo family's case is enlarged to what the issue names: 20 goals (each with a sub-goal,
the first ten with an agreement), 15 funding lines and a year of monthly meetings. Requests go
through Flask's test client with the demo coordinator logged in (CSRF and secure cookies on,
as in production), so a timing covers routing, session, access check, database and the page.
"""

from __future__ import annotations

import copy
import os
import tempfile
from datetime import date, timedelta
from typing import Any

import lxml.html

COORDINATOR = "koordinator@demo.enindgang.dk"


def bench_app(database_url: str | None = None, setup=None, **config: Any):
    """A migrated app (throw-away SQLite unless ``database_url``); ``setup(app)`` runs before
    the first request (to add a floor's routes).

    No app context stays pushed: a request made inside a pushed context would share its
    ``g`` with every other request (the logged-in user and the CSRF token cached there), so
    work outside requests runs in ``with app.app_context()``."""
    folder = tempfile.mkdtemp(prefix="bench-app-")
    os.environ["ENINDGANG_INSTANCE_PATH"] = folder
    from flask_migrate import upgrade

    from app import create_app

    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{folder}/bench.sqlite3",
        "SECRET_KEY": "bench",
        "PREFERRED_URL_SCHEME": "https",
        "SESSION_COOKIE_SECURE": True,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    } | config
    app = create_app(settings)
    if setup is not None:
        setup(app)
    with app.app_context():
        upgrade()
    return app


def _goal(number: int, base: dict[str, Any], today: date) -> dict[str, Any]:
    """Goal ``number``: the demo's sleep goal with its own title and dates."""
    goal = copy.deepcopy(base)
    goal.pop("key", None)
    goal["title"] = f"Mål {number + 1}: Emma sover hele natten & trives i skolen"
    goal["deadline"] = (today + timedelta(days=60 + number * 7)).isoformat()
    goal["evaluation_date"] = (today + timedelta(days=45 + number * 7)).isoformat()
    goal["subgoals"] = [
        {"text": f"Delmål {number + 1}.1", "deadline": goal["deadline"], "status": "i_gang"}
    ]
    goal["agreements"] = (
        [{"what": f"Aftale {number + 1}", "who": "Mor", "by_when": goal["deadline"]}]
        if number < 10
        else []
    )
    return goal


def _funding_line(number: int) -> dict[str, Any]:
    """Funding line ``number``: a yearly, monthly or hourly line split between departments."""
    kind = ("yearly", "monthly", "hourly")[number % 3]
    return {
        "intervention": ("aflastning", "merudgifter", "mentor")[number % 3],
        "paragraph": ("bl_90", "bl_86", "lab_167")[number % 3],
        "description": f"Indsats {number + 1}",
        "cost_kind": kind,
        "amount": str(1000 + number * 250),
        "quantity": "2" if kind == "hourly" else None,
        "quantity_unit": "hours_per_week" if kind == "hourly" else None,
        "start": "2026-01-01",
        "end": "2026-12-31" if number % 2 else None,
        "authority_level": "kerneteam",
        "shares": {"boernehandicap": 60, "ppr": 40},
        "split_reason": "Begge afdelinger har gavn af indsatsen.",
    }


def seed_big_case() -> int:
    """The demo data with its case enlarged (in an app context); returns the case's id."""
    from sqlalchemy import select

    from app.demo import DEMO_CASE_REFERENCE, seed_demo
    from app.extensions import db
    from app.family import services as family
    from app.funding import services as funding
    from app.meetings import services as meetings
    from app.models import Case, FundingSource, User
    from app.submissions import services as submissions

    seed_demo()
    db.session.commit()
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    coordinator = db.session.scalar(select(User).where(User.email == COORDINATOR))
    today = date.today()
    sheet = submissions.find_case_submission(case, "smarte_maal")
    data = copy.deepcopy(sheet.data)
    data["goals"] = [_goal(n, data["goals"][0], today) for n in range(20)]
    submissions.save(
        coordinator, form_name="smarte_maal", case=case, data=data, status="final",
        base_version=sheet.version,
    )  # fmt: skip
    version = funding.current_version(case)
    funding.save_raw(
        coordinator, case, [_funding_line(n) for n in range(15)],
        base_version=version.version if version else None, source=FundingSource.WEB,
    )  # fmt: skip
    parents = [family.person_value(m) for m in family.list_members(case)][:2]
    for month in range(12):
        day = today + timedelta(days=30 * month - 300)
        meetings.plan_meeting(
            coordinator, case,
            {"kind": "status", "starts_on": day.isoformat(), "starts_time": "09:00",
             "place": "Familiens hjem", "team": [str(coordinator.id)], "family": parents,
             "externals": [], "agenda": "1. Søvnen\n2. Skolen", "agenda_by_family": True},
        )  # fmt: skip
    db.session.commit()
    return case.id


def logged_in_client(app, email: str = COORDINATOR):
    """A test client logged in as a demo user through the login form (a real CSRF token)."""
    from app.demo import DEMO_USERS

    password = next(user.password for user in DEMO_USERS if user.email == email)
    client = app.test_client()
    token = form_values(client.get("/login").get_data(as_text=True), "csrf_token")
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def form_values(html: str, only: str | None = None):
    """What a browser posts from the page's main form (or one field's value)."""
    document = lxml.html.document_fromstring(html)
    forms = [f for f in document.forms if f.method.upper() == "POST"]
    form = max(forms, key=lambda f: len(f.inputs))
    values = list(form.form_values())
    if only is not None:
        return next(value for name, value in values if name == only)
    return values


def seed_load_users(count: int, password: str, big_case_id: int) -> list[int]:
    """``count`` coordinators load0…@bench.dk, each with a case LOAD-nnn holding the big
    case's goal sheet and funding lines; returns the cases' ids in the users' order."""
    from app.auth import services as auth
    from app.extensions import db
    from app.funding import services as funding
    from app.models import Case, FundingSource
    from app.submissions import services as submissions

    big = db.session.get(Case, big_case_id)
    data = copy.deepcopy(submissions.find_case_submission(big, "smarte_maal").data)
    for goal in data["goals"]:
        goal["responsible"] = ""  # the big case's family members are not in these cases
    lines = [_funding_line(n) for n in range(15)]
    ids = []
    for number in range(count):
        user = auth.create_user(f"load{number}@bench.dk", f"Load {number}", "coordinator", password)
        case = Case(
            reference=f"LOAD-{number:03d}", title=f"Familie {number}", coordinator_id=user.id
        )
        db.session.add(case)
        db.session.flush()
        submissions.save(
            user, form_name="smarte_maal", case=case, data=copy.deepcopy(data),
            status="draft", base_version=None,
        )  # fmt: skip
        funding.save_raw(user, case, lines, base_version=None, source=FundingSource.WEB)
        ids.append(case.id)
    db.session.commit()
    return ids

"""'Mine sager': search, filters, sorting, paging; a bounded number of statements per page
at 10,000 cases (on SQLite and PostgreSQL, as every database test)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event, insert

from app.database import utcnow
from app.extensions import db
from app.models import Case, CaseMember, CaseParagraph

SEEDED = 10_000
# Per page request: the login session, its user, the municipality's settings (the page
# header), the count, the page's rows, and the paragraphs list when searching (a paragraph
# is found by its label). Independent of the number of cases.
MAX_STATEMENTS = 6


def seed_cases(coordinators, count: int = SEEDED) -> None:
    """``count`` cases in bulk (one INSERT per table): coordinators take turns; every tenth
    case holds § 32, every seventh is closed; the second coordinator joins 100 of the first's core teams."""
    now = utcnow()
    rows = [
        {
            "reference": f"BULK-{n:05d}",
            "title": f"Familie {n}",
            "neutral_title": "",
            "coordinator_id": coordinators[n % len(coordinators)].id,
            "status": "closed" if n % 7 == 0 else "open",
            "created_at": now,
            "updated_at": now - timedelta(minutes=n),
        }
        for n in range(count)
    ]
    db.session.execute(insert(Case), rows)
    ids = dict(db.session.execute(db.select(Case.reference, Case.id)).all())
    db.session.execute(
        insert(CaseParagraph),
        [{"case_id": ids[f"BULK-{n:05d}"], "key": "bl_32"} for n in range(0, count, 10)],
    )
    if len(coordinators) > 1:
        db.session.execute(
            insert(CaseMember),
            [
                {"case_id": ids[f"BULK-{n:05d}"], "user_id": coordinators[1].id, "team_role": ""}
                for n in range(0, 1000, 10)
            ],
        )
    db.session.commit()


def served_engine(app):
    """The engine of the served app (the test side has its own)."""
    with app.app_context():
        return db.engine


@contextmanager
def statements(engine):
    """Count the SQL statements run on ``engine`` inside the block."""
    counted: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        counted.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_pages_cost_a_bounded_number_of_statements_at_10000_cases(app, login_as, make_user):
    """First page, a search, a filter, a sort and a far page all cost the same few queries."""
    web = login_as("leader")
    coordinator = make_user("coordinator")
    seed_cases([coordinator, make_user("coordinator")])
    urls = [
        "/",
        "/?q=familie+12",
        "/?q=%C2%A7+32",
        "/?status=closed&sort=reference&desc=0",
        "/?sort=coordinator&desc=1&page=150",
    ]
    for url in urls:
        with statements(served_engine(app)) as counted:
            response = web.get(url)
        assert response.status_code == 200, url
        assert len(counted) <= MAX_STATEMENTS, (url, len(counted), counted)
    html = web.get("/?q=%C2%A7+32&scope=all").get_data(as_text=True)
    assert "1000 sager" in html
    html = web.get("/?status=closed").get_data(as_text=True)
    assert "1429 sager" in html
    last = web.get("/?page=9999").get_data(as_text=True)
    assert "Side 200 af 200" in last  # a page past the end shows the last one


def test_the_list_itself_is_two_statements(app, make_user):
    """case_page: one count and one page of rows, whatever the sort or the page."""
    from app.cases.listing import ListQuery, case_page

    leader = make_user("leader")
    seed_cases([make_user("coordinator")], count=500)
    db.session.refresh(leader)  # loaded before counting: the caller has its user already
    with statements(db.engine) as counted:
        page = case_page(leader, ListQuery(sort="coordinator", desc=False, page=3))
    assert len(counted) == 2
    assert (page.total, page.pages, len(page.rows)) == (500, 10, 50)
    assert page.rows[0]["reference"].startswith("BULK-")


def test_a_coordinator_sees_own_cases_and_searches_them(login_as, make_user):
    """Mine: coordinated or on the core team; search by number, title, coordinator, paragraph."""
    web = login_as("coordinator")
    other = make_user("coordinator", name="Olga Anden")
    seed_cases([other, web.user], count=1000)
    html = web.get("/").get_data(as_text=True)
    # Every other case is theirs (500), plus the 100 of Olga's they are on the team of.
    assert "600 sager" in html
    assert "Side 1 af 12" in html
    assert "BULK-00001" in web.get("/?q=bulk-00001").get_data(as_text=True)
    assert "1 sag<" in web.get("/?q=familie+999").get_data(as_text=True)
    assert "100 sager" in web.get("/?q=olga").get_data(as_text=True)
    # § 32: the 100 team cases; 15 of them (every 70th) are closed.
    assert "85 sager" in web.get("/?q=%C2%A7+32&status=open").get_data(as_text=True)
    html = web.get("/?sort=reference&desc=0").get_data(as_text=True)
    assert html.index("BULK-00000") < html.index("BULK-00001")
    assert 'aria-sort="ascending"' in html


def test_odd_list_arguments_fall_back_to_defaults(login_as, make_case):
    """Unknown sorts, statuses and pages, and LIKE wildcards, give a page, never a 500."""
    web = login_as("leader")
    make_case(reference="ODD-1", title="100% sikker_sag")
    for url in ("/?sort=drop+table&desc=x&page=-3", "/?status=zzz&scope=x", "/?page=99999999999"):
        assert web.get(url).status_code == 200, url
    assert "ODD-1" in web.get("/?q=100%25").get_data(as_text=True)
    assert "ODD-1" not in web.get("/?q=1%25s").get_data(as_text=True)  # % is not a wildcard


def test_controllers_search_only_the_number_and_neutral_title(login_as, make_case):
    """A controller's search cannot find a case by the title it may not see."""
    make_case(reference="CTL-1", title="Familien Hemmelig")
    web = login_as("controller")
    assert "Ingen sager passer" in web.get("/?q=hemmelig").get_data(as_text=True)
    assert "CTL-1" in web.get("/?q=ctl").get_data(as_text=True)

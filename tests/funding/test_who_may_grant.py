"""'Who may grant this?' on the case's funding lines, from the decision plan in force."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.extensions import db
from app.submissions import services as submissions
from tests.funding.support import put

PLAN_YAML = (Path(__file__).parents[2] / "forms" / "beslutningskompetence.yaml").read_text()


@pytest.fixture
def plan(app, make_user):
    """The built-in decision plan saved final, in force from 2026-01-01."""
    from app.forms.definitions import current_version

    data = submissions.new_form_data(current_version("beslutningskompetence"))
    data.update(title="Plan 2026", valid_from="2026-01-01")
    submissions.save(
        make_user("leader"),
        form_name="beslutningskompetence",
        data=data,
        status="final",
        base_version=None,
    )
    db.session.commit()


def _line(intervention, cost, authority=None, end="2026-12-31"):
    """One funding line for the API."""
    return {
        "intervention": intervention,
        "paragraph": "bl_86",
        "description": "x",
        "annual_cost": cost,
        "start": "2026-01-01",
        "end": end,
        "authority_level": authority,
        "shares": {"boernehandicap": 100},
    }


def test_case_page_shows_who_may_grant_each_line(plan, api_as, login_as, make_case):
    """Each line says which level decides and why; a lower recorded level is flagged."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    lines = [
        _line("merudgifter", 20000, "sagsbehandler"),
        _line("merudgifter", 45000, "sagsbehandler"),
        _line("bil", 90000),
    ]
    assert put(api, case.id, lines).status_code == 200
    html = login_as(api.user).get(f"/sager/{case.id}").get_data(as_text=True)
    cells = html.split('data-testid="who-may-grant"')[1:]
    assert len(cells) == 3
    assert "Sagsbehandler / familiekoordinator" in cells[0] and "inden for grænsen" in cells[0]
    assert "below-plan" not in cells[0]
    assert "Teamleder" in cells[1] and "over grænsen på 30.000 kr. om året" in cells[1]
    assert 'data-testid="below-plan"' in cells[1]
    assert "Ikke dækket af planen" in cells[2] and "kontakt leder" in cells[2]
    # The Word plan flags the same line, and only that one (a definite answer above 30.000).
    from app.word.services import funding_parts

    rows, _totals, _ends = funding_parts(case, date(2026, 6, 1))
    assert [row["under_planen"] for row in rows] == [False, True, False]


def test_without_a_plan_every_line_says_so(api_as, login_as, make_case):
    """No plan in force is a clear answer, not an empty cell."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    put(api, case.id, [_line("aflastning", 1000)])
    html = login_as(api.user).get(f"/sager/{case.id}").get_data(as_text=True)
    assert "Der er ingen gældende beslutningskompetenceplan" in html


def test_a_threshold_the_line_cannot_measure_explains_instead_of_flagging(
    plan, api_as, login_as, make_case
):
    """Respite is limited in døgn a month, which this funding line does not carry: the page
    explains both levels and does not call the core team's grant too low."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    put(api, case.id, [_line("aflastning", 120000, "kerneteam")])
    html = login_as(api.user).get(f"/sager/{case.id}").get_data(as_text=True)
    cell = html.split('data-testid="who-may-grant"')[1].split("</td>")[0]
    assert "op til og med 4 døgn om måneden beslutter Kerneteam (enstemmigt)" in cell
    assert 'data-testid="below-plan"' not in cell


def test_the_case_page_reads_the_decision_plans_once_for_all_its_lines(
    plan, api_as, login_as, make_case
):
    """One query for the final decision plans, however many lines the table shows."""
    from tests.test_case_list import served_engine, statements

    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    assert put(api, case.id, [_line("merudgifter", 1000 * n) for n in range(1, 9)]).status_code
    browser = login_as(api.user)
    browser.get(f"/sager/{case.id}")  # warm: settings and lists read once per process
    with statements(served_engine(browser.application)) as counted:
        html = browser.get(f"/sager/{case.id}").get_data(as_text=True)
    assert html.count('data-testid="who-may-grant"') == 8
    plan_reads = [s for s in counted if "submissions.form_name" in s and "case_id IS NULL" in s]
    assert len(plan_reads) == 1, plan_reads

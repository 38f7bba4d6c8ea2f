"""The demo case shows no false authority flag: the respite granted by the core team is not
called "lavere niveau, end planen kræver" on the case page, in the funding editor's table or
in the Word plan; the page "Hvem må bevilge?" answers from the demo's plan."""

from __future__ import annotations

from sqlalchemy import select

from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS
from app.extensions import db
from app.funding.services import current_lines
from app.models import Case
from app.word.services import funding_parts
from tests.word.helpers import open_docx

COORDINATOR = next(user for user in DEMO_USERS if user.email.startswith("koordinator@"))


def _demo(runner, client):
    """Seed the demo and log its coordinator in; (its case, the web client)."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    client.login(COORDINATOR.email, COORDINATOR.password)
    return case, client


def _all_text(document) -> str:
    """Every paragraph of a Word document, tables included."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def test_no_demo_line_is_flagged_below_the_plan(runner, client):
    """Each demo line's answer; none flags the level the demo recorded."""
    case, web = _demo(runner, client)
    from app.funding.display import decision, granted_below_plan

    lines = current_lines(case)
    respite = next(line for line in lines if line.intervention == "aflastning")
    assert respite.authority_level == "kerneteam"
    answer = decision(respite)
    assert answer.covered and answer.plan is not None
    # The line states its size (3 døgn a month), so the answer is definite: the core team.
    assert answer.definite and answer.level == "kerneteam"
    assert not granted_below_plan(respite, answer)
    assert [line.intervention for line in lines if granted_below_plan(line, decision(line))] == []
    rows, _totals, _ends = funding_parts(case, case.created_at.date())
    assert [row["indsats"] for row in rows if row["under_planen"]] == []

    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'data-testid="below-plan"' not in html
    assert "lavere niveau, end planen kræver" not in html
    # The editor carries the badge hidden for js/decision_hint.js; the server flags nothing.
    html = web.get(f"/sager/{case.id}/finansiering").get_data(as_text=True)
    assert 'data-testid="below-plan"' not in html
    assert html.count("<p data-decision-flag hidden>") == html.count("data-decision-flag")
    response = web.get(f"/sager/{case.id}/faelles-plan.docx")
    assert response.status_code == 200
    assert "lavere niveau, end planen kræver" not in _all_text(open_docx(response.data))


def test_the_demo_plan_answers_on_the_page(runner, client):
    """The demo's decision plan answers the page: weekend respite (about 3 døgn a month)."""
    _case, web = _demo(runner, client)
    page = "/dokumenter/hvem-maa-bevilge"
    html = web.get(
        f"{page}?intervention=aflastning&paragraph=bl_90&days_per_month=3&on=2026-01-01"
    ).get_data(as_text=True)
    assert "Kerneteam (enstemmigt)" in html
    assert "række 3 i »Beslutningskompetenceplan 2026«" in html

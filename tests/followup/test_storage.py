"""The stored next follow-up: refreshed when the case's paragraphs, case flow or funding
change and when a cadence decision is recorded; shown on the case, in Mine sager, in the API
and in both plans; recomputed by the CLI; the demo has one due and one overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.cases import facts
from app.extensions import db
from app.followup import services
from app.followup.calc import add_months
from app.followup.rules import SOF
from app.funding import services as funding
from app.models import AuditEvent, CadenceDecision, Case, FundingSource
from app.word import services as documents
from tests.helpers import save_draft


def _flow(user, model: str):
    """A case-flow document built on ``model``."""
    flow = save_draft(user, "sagsforloeb")
    flow.data = {**flow.data, "model": model}
    db.session.commit()
    return flow


def _line(paragraph: str, start: str) -> dict:
    """One funding line as the API takes it."""
    return {
        "intervention": "aflastning",
        "paragraph": paragraph,
        "description": "Støtte",
        "annual_cost": 12000,
        "start": start,
        "end": None,
        "shares": {"boernehandicap": 100},
    }


@pytest.fixture
def sof_case(make_case, make_user):
    """A case following Sammen om familien with compensation only (3 months)."""
    case = make_case(reference="SAG-FU-1")
    flow = _flow(make_user("leader"), SOF)
    facts.update_facts(
        case.coordinator, case, {"flow_document_id": flow.id, "paragraphs": ["bl_86"]}
    )
    db.session.commit()
    return case


def test_facts_change_stores_and_moves_the_next_follow_up(sof_case):
    """3 months from the opening; adding a child assessment moves it to 6 weeks; back again."""
    opened = sof_case.created_at.date()
    assert (sof_case.next_follow_up, sof_case.next_follow_up_rule) == (
        add_months(opened, 3),
        "sof_3_months",
    )
    facts.update_facts(sof_case.coordinator, sof_case, {"paragraphs": ["bl_86", "bl_20"]})
    assert (sof_case.next_follow_up, sof_case.next_follow_up_rule) == (
        opened + timedelta(weeks=6),
        "sof_6_weeks",
    )
    facts.update_facts(sof_case.coordinator, sof_case, {"flow_document_id": None})
    assert (sof_case.next_follow_up, sof_case.next_follow_up_rule) == (None, None)


def test_a_held_status_meeting_moves_the_next_follow_up(sof_case):
    """Holding a status meeting counts as a follow-up: the next one is 3 months after it."""
    from app.meetings import services as meetings
    from tests.meetings.support import plan, record_data

    held = date.today() - timedelta(days=10)
    status = plan(sof_case, kind="status")
    data = record_data(sof_case, status, held_on=held.isoformat(), next_on="")
    meetings.save_meeting(sof_case.coordinator, sof_case, status, data, 1)
    db.session.commit()
    assert (sof_case.next_follow_up, sof_case.next_follow_up_rule) == (
        add_months(held, 3),
        "sof_3_months",
    )


def test_funding_save_applies_bl95_to_a_covered_measure(make_case):
    """A § 32 line starting 31 Jan 2026: first follow-up 30 Apr 2026 (no model needed)."""
    case = make_case()
    funding.save_raw(
        case.coordinator,
        case,
        [_line("bl_32", "2026-01-31")],
        base_version=None,
        source=FundingSource.API,
    )
    assert (case.next_follow_up, case.next_follow_up_rule) == (date(2026, 4, 30), "bl95_first")


def test_cadence_decision_is_recorded_audited_and_sets_the_cadence(
    make_case, login_as, monkeypatch
):
    """After § 95's first follow-up the page asks for the decision; a refused one keeps what
    was typed (422); a recorded one sets last + interval and the trail holds no text."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    funding.save_raw(
        web.user, case, [_line("bl_32", "2026-01-10")], base_version=None, source=FundingSource.API
    )
    db.session.commit()
    monkeypatch.setattr(services, "last_held_follow_up", lambda case: date(2026, 4, 1))
    services.refresh_next_follow_up(case)
    db.session.commit()
    url = f"/sager/{case.id}/opfoelgning"
    page = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "kommunens begrundede beslutning om den videre opfølgning er ikke registreret" in page
    refused = web.post_form(
        url, {"interval_count": "2", "interval_unit": "months", "justification": ""}, page=url
    )
    assert refused.status_code == 422
    assert "Skriv begrundelsen for kadencen." in refused.get_data(as_text=True)
    data = {
        "interval_count": "2",
        "interval_unit": "months",
        "decided_on": "2026-04-01",
        "justification": "Emma ønsker færre møder; forældrene er enige.",
    }
    assert web.post_form(url, data, page=url).status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.next_follow_up, case.next_follow_up_rule) == (date(2026, 6, 1), "bl95_decided")
    decision = db.session.scalar(select(CadenceDecision))
    assert (decision.interval_count, decision.decided_by_id) == (2, web.user.id)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "cadence_decided"))
    assert "Emma" not in str(event.details)
    shown = web.get(url).get_data(as_text=True)
    assert "Emma ønsker færre møder" in shown
    read = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "content_read"))
    assert read is not None


def test_case_page_list_api_and_plans_show_it(sof_case, login_as, api_as):
    """Case page with rule and source; the list marks overdue and filters; API and Word."""
    sof_case.next_follow_up = date.today() - timedelta(days=2)  # as if overdue
    db.session.commit()
    web = login_as(sof_case.coordinator)
    page = web.get(f"/sager/{sof_case.id}").get_data(as_text=True)
    assert "Sammen om familien: opfølgning hver 3. måned" in page
    assert "Opfølgningskadencerne er faste" in page and "overskredet" in page
    listing = web.get("/?due=overdue&sort=next_follow_up").get_data(as_text=True)
    assert "SAG-FU-1" in listing and 'data-testid="follow-up-overdue"' in listing
    sof_case.next_follow_up = date.today() + timedelta(days=40)
    db.session.commit()
    assert "SAG-FU-1" not in web.get("/?due=soon").get_data(as_text=True)
    assert "SAG-FU-1" in web.get("/?due=").get_data(as_text=True)
    answer = api_as(sof_case.coordinator).get(f"/cases/{sof_case.id}").get_json()
    assert answer["next_follow_up"] == sof_case.next_follow_up.isoformat()
    assert answer["next_follow_up_rule"] == "sof_3_months"
    for context in (documents.plan_context(sof_case), documents.family_plan_context(sof_case)):
        assert context["sag"]["naeste_opfoelgning"] == sof_case.next_follow_up
        assert {"dato": sof_case.next_follow_up, "hvad": "Opfølgning på sagen"}.items() <= (
            context["naeste_opfoelgning"].items()
        )


def test_list_sorts_by_next_follow_up_with_undated_cases_last(make_case, login_as, make_user):
    """Ascending: the soonest first and cases without a date after every dated one."""
    web = login_as("leader")
    for reference, due in (
        ("A-NONE", None),
        ("B-LATE", date(2030, 1, 1)),
        ("C-SOON", date(2026, 1, 1)),
    ):
        make_case(reference=reference).next_follow_up = due
    db.session.commit()
    text = web.get("/?scope=all&sort=next_follow_up&desc=0").get_data(as_text=True)
    assert text.index("C-SOON") < text.index("B-LATE") < text.index("A-NONE")


def test_cli_recompute_refreshes_every_case(sof_case, runner):
    """A stale stored date is put right by `enindgang followup recompute`."""
    right = sof_case.next_follow_up
    sof_case.next_follow_up = date(2000, 1, 1)
    db.session.commit()
    result = runner.invoke(args=["followup", "recompute"])
    assert result.exit_code == 0 and "Recomputed" in result.output
    db.session.expire_all()
    assert db.session.get(Case, sof_case.id).next_follow_up == right


def test_demo_has_a_next_follow_up_and_an_overdue_case(runner):
    """The demo family's case has a date; DEMO-2026-022 is overdue (3 months since opening)."""
    from app.demo import DEMO_CASE_REFERENCE
    from app.demo_followup import OVERDUE_REFERENCE

    assert runner.invoke(args=["demo"]).exit_code == 0
    demo = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    late = db.session.scalar(select(Case).where(Case.reference == OVERDUE_REFERENCE))
    assert demo.next_follow_up is not None and demo.next_follow_up >= date.today()
    assert late.next_follow_up < date.today() and late.next_follow_up_rule == "sof_3_months"
    assert runner.invoke(args=["demo"]).exit_code == 0  # idempotent


def test_status_interval_is_the_municipalitys_choice_for_efei_cases(make_case, make_user, runner):
    """No interval chosen: an ÉFÉI case has no date; 8 weeks chosen: opened + 8 weeks."""
    case = make_case()
    flow = _flow(make_user("leader"), "een_familie_een_indgang")
    facts.update_facts(case.coordinator, case, {"flow_document_id": flow.id})
    db.session.commit()
    assert case.next_follow_up is None
    result = runner.invoke(args=["followup", "status-interval", "8"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.next_follow_up == case.created_at.date() + timedelta(weeks=8)
    assert case.next_follow_up_rule == "local_status"

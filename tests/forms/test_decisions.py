"""'Who may grant this?': thresholds just below, at and above each limit; API and no plan."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.extensions import db
from app.municipal_documents.decisions import who_may_grant
from app.submissions import services as submissions

PLAN_YAML = (Path(__file__).parents[2] / "forms" / "beslutningskompetence.yaml").read_text()


@pytest.fixture
def plan(publish, make_user):
    """The built-in decision plan, saved final with its example rows."""
    version = publish(PLAN_YAML)
    data = submissions.new_form_data(version)
    data.update(title="Beslutningskompetenceplan 2026", valid_from="2026-01-01")
    doc = submissions.save(
        make_user("leader"),
        form_name="beslutningskompetence",
        data=data,
        status="final",
        base_version=None,
    )
    db.session.commit()
    return doc


@pytest.mark.parametrize(
    ("intervention", "measure", "value", "level", "within"),
    [
        ("merudgifter", "kr_per_year", "29999.99", "sagsbehandler", True),
        ("merudgifter", "kr_per_year", "30000", "sagsbehandler", True),
        ("merudgifter", "kr_per_year", "30000.01", "teamleder", False),
        ("tabt_arbejdsfortjeneste", "hours_per_week", "36.5", "teamleder", True),
        ("tabt_arbejdsfortjeneste", "hours_per_week", "37", "teamleder", True),
        ("tabt_arbejdsfortjeneste", "hours_per_week", "37.5", "visitationsudvalg", False),
        ("aflastning", "days_per_month", "3.5", "kerneteam", True),
        ("aflastning", "days_per_month", "4", "kerneteam", True),
        ("aflastning", "days_per_month", "4.5", "visitationsudvalg", False),
        ("afloesning", "hours_per_month", "9", "sagsbehandler", True),
        ("afloesning", "hours_per_month", "10", "sagsbehandler", True),
        ("afloesning", "hours_per_month", "11", "teamleder", False),
        ("boligaendring", "kr_one_off", "49999", "teamleder", True),
        ("boligaendring", "kr_one_off", "50000", "teamleder", True),
        ("boligaendring", "kr_one_off", "50001", "afdelingsleder", False),
        ("stoette_i_hjemmet", "months", "5", "kerneteam", True),
        ("stoette_i_hjemmet", "months", "6", "kerneteam", True),
        ("stoette_i_hjemmet", "months", "7", "afdelingsleder", False),
    ],
)
def test_threshold_below_at_and_above(plan, intervention, measure, value, level, within):
    """Up to and including the limit the row's level decides; above it the level above."""
    answer = who_may_grant(intervention, measures={measure: Decimal(value)})
    assert answer.covered and answer.level == level
    assert "Beslutningskompetenceplan 2026" in answer.reason
    assert ("inden for grænsen" if within else "over grænsen") in answer.reason


def test_unknown_size_takes_the_safe_side(plan):
    """Without the amount the higher level answers, and says why."""
    answer = who_may_grant("merudgifter")
    assert answer.level == "teamleder" and not answer.definite
    assert "op til og med 30.000 kr. om året beslutter Sagsbehandler" in answer.reason
    assert "derover Teamleder" in answer.reason


def test_rows_without_threshold_and_interventions_not_in_the_plan(plan):
    """A row without a limit answers its level; an intervention not in the plan is not covered."""
    one = {"kr_per_year": Decimal(1)}
    assert who_may_grant("familievejledning", measures=one).level == "sagsbehandler"
    # Issue 9: placement has a § 46 row (visitationsudvalget) and a § 47 row (børne- og
    # ungeudvalget); asked without the paragraph, the stricter row answers.
    assert who_may_grant("anbringelse", measures=one).level == "politisk_udvalg"
    assert who_may_grant("anbringelse", paragraph="bl_46", measures=one).level == (
        "visitationsudvalg"
    )
    assert who_may_grant("anbringelse", paragraph="bl_47", measures=one).level == (
        "politisk_udvalg"
    )
    answer = who_may_grant("bil")
    assert not answer.covered and "ikke dækket af planen" in answer.reason.lower()


def test_drafts_and_future_plans_are_not_in_force(publish, make_user, app):
    """Only a final plan whose valid_from has come is used."""
    version = publish(PLAN_YAML)
    data = submissions.new_form_data(version)
    data.update(title="Kommende plan", valid_from="2199-01-01")
    submissions.save(
        make_user("leader"),
        form_name="beslutningskompetence",
        data=data,
        status="final",
        base_version=None,
    )
    db.session.commit()
    answer = who_may_grant("merudgifter", measures={"kr_per_year": Decimal(1)})
    assert not answer.covered and "ingen gældende" in answer.reason


def test_api_answers_and_validates(plan, api_as):
    """GET /decision-authority answers as JSON; bad numbers give 422 per parameter."""
    api = api_as("coordinator")
    answer = api.get("/decision-authority?intervention=aflastning&days_per_month=5").json
    assert answer["covered"] is True
    assert answer["authority_level"]["value"] == "visitationsudvalg"
    assert answer["plan"]["title"] == "Beslutningskompetenceplan 2026"
    assert answer["row"] == 3
    bad = api.get("/decision-authority?intervention=&amount=mange&months=-1")
    assert bad.status_code == 422
    assert set(bad.json["errors"]) == {"intervention", "amount", "months"}
    assert api.get("/decision-authority?intervention=bil").json["covered"] is False

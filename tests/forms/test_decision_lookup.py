"""The lookup for every unit just below, at and above its threshold; the plan in force on the
start date; hours a week ↔ a month at 52/12; conditions, appeal note and payer in the answer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from app.extensions import db
from app.forms.definitions import current_version
from app.municipal_documents.decisions import for_funding_line, who_may_grant
from app.municipal_documents.measures import MEASURES
from app.submissions import services as submissions


def _row(intervention, unit, limit, below, above, **extra):
    """One plan row with a threshold."""
    return {
        "intervention": intervention,
        "paragraphs": [],
        "authority_level": below,
        "threshold_unit": unit,
        "threshold": limit,
        "authority_above": above,
        **extra,
    }


# One row per measure; limits chosen so that 52/12 converts them exactly (39 h/week = 169
# h/month, 26 h/month = 6 h/week).
UNIT_ROWS = [
    _row("merudgifter", "kr_per_year", 20000, "sagsbehandler", "teamleder"),
    _row("boligaendring", "kr_one_off", 50000, "teamleder", "afdelingsleder"),
    _row("tabt_arbejdsfortjeneste", "hours_per_week", 39, "teamleder", "visitationsudvalg"),
    _row("afloesning", "hours_per_month", 26, "sagsbehandler", "teamleder"),
    _row("aflastning", "days_per_month", 4, "kerneteam", "visitationsudvalg"),
    _row("stoette_i_hjemmet", "months", 6, "kerneteam", "afdelingsleder"),
]
PLAN = SimpleNamespace(
    id=1, title="Plan til test", data={"valid_from": "2026-01-01", "rows": UNIT_ROWS}
)
STEP = Decimal("0.01")


def test_every_measure_has_a_row_here():
    """The table below covers every unit a row can measure."""
    assert {row["threshold_unit"] for row in UNIT_ROWS} == set(MEASURES)


@pytest.mark.parametrize("row", UNIT_ROWS, ids=lambda r: r["threshold_unit"])
@pytest.mark.parametrize("offset", [-STEP, Decimal(0), STEP], ids=["below", "at", "above"])
def test_every_unit_below_at_and_above(app, row, offset):
    """Up to and including the limit the row's level decides; above it the level above."""
    limit = Decimal(row["threshold"])
    size = limit + offset
    answer = who_may_grant(row["intervention"], measures={row["threshold_unit"]: size}, plan=PLAN)
    above = offset > 0
    assert answer.covered and answer.definite
    assert answer.level == (row["authority_above"] if above else row["authority_level"])
    assert answer.unit == row["threshold_unit"] and answer.threshold == limit
    assert ("over grænsen" if above else "inden for grænsen") in answer.reason
    # A definite answer flags a grant by the row's own level only above the limit.
    assert answer.below_plan(row["authority_level"]) is above
    assert not answer.below_plan(row["authority_above"])


@pytest.mark.parametrize(
    ("given", "size", "level"),
    [
        ("hours_per_month", "168.99", "teamleder"),  # 38.998 h/week
        ("hours_per_month", "169", "teamleder"),  # exactly 39 h/week
        ("hours_per_month", "169.01", "visitationsudvalg"),
    ],
)
def test_hours_a_month_against_a_weekly_limit(app, given, size, level):
    """A monthly size is converted at 52/12 weeks a month, and the answer says so."""
    answer = who_may_grant("tabt_arbejdsfortjeneste", measures={given: Decimal(size)}, plan=PLAN)
    assert answer.level == level and answer.definite
    assert "52/12 uger om måneden" in answer.conversion
    assert answer.conversion in answer.reason
    assert f"{size.replace('.', ',')} timer om måneden svarer til" in answer.conversion


@pytest.mark.parametrize(
    ("size", "level"), [("5.99", "sagsbehandler"), ("6", "sagsbehandler"), ("6.01", "teamleder")]
)
def test_hours_a_week_against_a_monthly_limit(app, size, level):
    """6 hours a week is exactly 26 hours a month (multiplied before divided)."""
    answer = who_may_grant("afloesning", measures={"hours_per_week": Decimal(size)}, plan=PLAN)
    assert answer.level == level
    assert answer.conversion.startswith(f"{size.replace('.', ',')} timer om ugen svarer til")
    assert "timer om måneden (omregnet med 52/12 uger om måneden)" in answer.conversion


def test_a_given_unit_beats_a_conversion(app):
    """When both hours are given, the row's own unit is used and nothing is converted."""
    measures = {"hours_per_week": Decimal(1), "hours_per_month": Decimal(100)}
    answer = who_may_grant("afloesning", measures=measures, plan=PLAN)
    assert answer.level == "teamleder" and answer.conversion is None


def test_the_reason_reads_well_with_kroner(app):
    """Amounts carry "kr." on both sides of the comparison."""
    answer = who_may_grant("merudgifter", measures={"kr_per_year": Decimal("18500")}, plan=PLAN)
    assert "18.500 kr. er inden for grænsen på 20.000 kr. om året" in answer.reason
    one_off = who_may_grant("boligaendring", measures={"kr_one_off": Decimal(200000)}, plan=PLAN)
    assert "200.000 kr. er over grænsen på 50.000 kr. som engangsbeløb" in one_off.reason


def test_an_unknown_size_never_flags(app):
    """Without the size the higher level answers, indefinitely, and flags no one."""
    answer = who_may_grant("aflastning", measures={"kr_per_year": Decimal(120000)}, plan=PLAN)
    assert answer.level == "visitationsudvalg" and not answer.definite
    assert "døgn pr. måned" in answer.reason
    assert not answer.below_plan("kerneteam")
    assert not answer.below_plan("sagsbehandler")


def test_old_stored_rows_and_old_keys_still_answer(app):
    """A plan saved before rows had an appeal note or payer answers; "amount" is kr. a year."""
    old = SimpleNamespace(
        id=2,
        title="Gammel plan",
        data={
            "valid_from": "2020-01-01",
            "rows": [
                {
                    "intervention": "merudgifter",
                    "authority_level": "sagsbehandler",
                    "threshold_unit": "kr_per_year",
                    "threshold": 30000,
                    "authority_above": "teamleder",
                }
            ],
        },
    )
    answer = who_may_grant("merudgifter", measures={"amount": Decimal(30001)}, plan=old)
    assert answer.level == "teamleder" and answer.definite
    assert answer.conditions == "" and answer.payer is None and answer.appealable is None
    assert answer.appeal_text == "Planen siger ikke, om der kan klages."


# Paragraphs -----------------------------------------------------------------------------------

PARAGRAPH_PLAN = SimpleNamespace(
    id=3,
    title="Plan med paragraffer",
    data={
        "rows": [
            {
                "intervention": "anbringelse",
                "paragraphs": ["bl_32"],
                "authority_level": "visitationsudvalg",
            },
            {
                "intervention": "anbringelse",
                "paragraphs": ["bl_20"],
                "authority_level": "politisk_udvalg",
            },
        ]
    },
)


@pytest.mark.parametrize(
    ("paragraph", "level", "note"),
    [
        ("bl_32", "visitationsudvalg", False),
        ("bl_20", "politisk_udvalg", False),
        (None, "politisk_udvalg", False),  # every condition must be met: the highest
        ("bl_90", "politisk_udvalg", True),  # not named: all the rows, and it says so
    ],
)
def test_the_paragraph_picks_the_row(app, paragraph, level, note):
    """Rows naming the paragraph asked for answer; a paragraph no row names is said."""
    answer = who_may_grant("anbringelse", paragraph=paragraph, plan=PARAGRAPH_PLAN)
    assert answer.level == level
    assert (answer.paragraph_note is not None) is note


# Conditions, appeal and payer from the built-in plan ----------------------------------------


def _save_plan(user, title, valid_from, rows=None):
    """A final decision plan (the built-in rows unless `rows`)."""
    data = submissions.new_form_data(current_version("beslutningskompetence"))
    data.update(title=title, valid_from=valid_from)
    if rows is not None:
        data["rows"] = rows
    doc = submissions.save(
        user, form_name="beslutningskompetence", data=data, status="final", base_version=None
    )
    db.session.commit()
    return doc


def test_conditions_appeal_and_payer_are_in_the_answer(app, make_user):
    """The row's conditions, appeal note and default payer travel with the answer."""
    _save_plan(make_user("leader"), "Plan 2026", "2026-01-01")
    answer = who_may_grant(
        "aflastning", measures={"days_per_month": Decimal(3)}, on=date(2026, 3, 1)
    )
    assert answer.level == "kerneteam" and answer.definite
    assert answer.conditions == "Kerneteamet enstemmigt, ellers visitationsudvalget."
    assert answer.appealable is True and "Ankestyrelsen inden 4 uger" in answer.appeal_note
    assert answer.appeal_text.startswith("Afgørelsen kan påklages.")
    assert answer.payer == "boernehandicap"
    assert answer.payer_label == "Børnehandicap (specialområdet)"
    guidance = who_may_grant("familievejledning", on=date(2026, 3, 1))
    assert guidance.appealable is False
    assert guidance.appeal_text.startswith("Ikke en afgørelse, der kan påklages.")
    data = answer.as_json()
    assert data["default_payer"] == {"value": "boernehandicap", "label": answer.payer_label}
    assert data["threshold"]["unit"]["value"] == "days_per_month"
    assert data["threshold"]["text"] == "4 døgn om måneden"


# The plan in force on the start date -----------------------------------------------------------


def test_the_plan_in_force_on_the_start_date_decides(app, make_user):
    """Two plans: a grant is judged by the one in force on its start date, not today's."""
    leader = make_user("leader")
    rows_2025 = [_row("merudgifter", "kr_per_year", 20000, "sagsbehandler", "teamleder")]
    rows_2026 = [_row("merudgifter", "kr_per_year", 30000, "sagsbehandler", "teamleder")]
    _save_plan(leader, "Plan 2025", "2025-01-01", rows_2025)
    _save_plan(leader, "Plan 2026", "2026-07-01", rows_2026)
    size = {"kr_per_year": Decimal(25000)}
    before = who_may_grant("merudgifter", measures=size, on=date(2026, 6, 30))
    after = who_may_grant("merudgifter", measures=size, on=date(2026, 7, 1))
    assert (before.plan.title, before.level) == ("Plan 2025", "teamleder")
    assert (after.plan.title, after.level) == ("Plan 2026", "sagsbehandler")
    assert "»Plan 2025«" in before.reason and before.on == date(2026, 6, 30)
    line = for_funding_line("merudgifter", Decimal(25000), date(2026, 6, 1), None)
    assert line.plan.title == "Plan 2025" and line.level == "teamleder"
    nothing = who_may_grant("merudgifter", measures=size, on=date(2024, 12, 31))
    assert not nothing.covered
    assert "ingen gældende beslutningskompetenceplan pr. 31. dec. 2024" in nothing.reason


def test_a_funding_line_can_be_measured_by_a_measures_dict(app, make_user):
    """The money side's line_measures(line) replaces annual cost and months when given."""
    _save_plan(make_user("leader"), "Plan 2026", "2026-01-01")
    start = date(2026, 1, 1)
    by_cost = for_funding_line("aflastning", Decimal(120000), start, date(2026, 12, 31))
    assert not by_cost.definite and not by_cost.below_plan("kerneteam")
    measured = for_funding_line(
        "aflastning",
        Decimal(120000),
        start,
        date(2026, 12, 31),
        paragraph="bl_90",
        measures={"days_per_month": Decimal(3), "kr_per_year": Decimal(120000)},
    )
    assert measured.definite and measured.level == "kerneteam"
    assert not measured.below_plan("kerneteam")

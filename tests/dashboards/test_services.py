"""The dashboard's figures on a small hand-built set of cases: exact counts, threshold
marking, team grouping, coordinators without cases, closed cases left out, median and
90th percentile of the time from referral to plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.admin.services import check_caseload_threshold, get_settings
from app.dashboards.services import Spread, dashboard, spread
from app.extensions import db
from app.models import Case

TODAY = date(2026, 11, 23)


@pytest.fixture
def people(make_user):
    """Two coordinators in two teams, one without a department, one with no cases, and the
    leader who looks."""
    anna = make_user("coordinator", name="Anna Andersen")
    bo = make_user("coordinator", name="Bo Berg")
    cille = make_user("coordinator", name="Cille Clausen")  # no department
    dorte = make_user("coordinator", name="Dorte Dahl")  # no cases at all
    anna.department, bo.department, dorte.department = "Børn Nord", "Børn Syd", "Børn Nord"
    db.session.commit()
    return {"anna": anna, "bo": bo, "cille": cille, "dorte": dorte, "leader": make_user("leader")}


def add_case(coordinator, status="open", follow_up=None, referred=None, planned=None) -> Case:
    """A case with the dates the dashboard reads (days relative to TODAY)."""
    case = Case(
        reference=f"D-{db.session.query(Case).count() + 1:04d}",
        title="Familie",
        coordinator_id=coordinator.id if coordinator else None,
        status=status,
        next_follow_up=TODAY + timedelta(days=follow_up) if follow_up is not None else None,
        referred_on=TODAY - timedelta(days=referred if referred is not None else 0),
        plan_first_final_on=TODAY - timedelta(days=planned) if planned is not None else None,
    )
    db.session.add(case)
    db.session.flush()
    return case


@pytest.fixture
def cases(people):
    """Anna: 4 open (1 overdue, 1 due in 14 days, 1 in 15 days, 1 undated) and 1 closed
    overdue; Bo: 2 open (1 overdue); Cille: 1 open; 1 open case without a coordinator."""
    anna, bo, cille = people["anna"], people["bo"], people["cille"]
    add_case(anna, follow_up=-1, referred=50, planned=40)  # 10 days to plan
    add_case(anna, follow_up=14, referred=60, planned=30)  # 30 days
    add_case(anna, follow_up=15, referred=20)  # waiting 20 days
    add_case(anna, referred=5)  # waiting 5 days
    add_case(anna, status="closed", follow_up=-30, referred=400, planned=100)  # 300 days, counted
    add_case(bo, follow_up=-3, referred=90, planned=70)  # 20 days
    add_case(bo, follow_up=0, referred=10)  # due today: upcoming, waiting 10 days
    add_case(cille, follow_up=3, referred=500, planned=400)  # plan outside the year window
    add_case(None, follow_up=-10, referred=7)  # no coordinator: team "" and waiting 7 days
    db.session.commit()


def test_caseload_counts_open_cases_per_coordinator_and_marks_those_over(people, cases):
    """Open cases only; a coordinator with none is listed; over the threshold is marked."""
    get_settings().caseload_threshold = 3
    db.session.commit()
    load = dashboard(people["leader"], TODAY).caseload
    assert (load.threshold, load.threshold_is_default) == (3, False)
    counts = {row.name: (row.open_cases, row.over, row.department) for row in load.coordinators}
    assert counts == {
        "Anna Andersen": (4, True, "Børn Nord"),
        "Bo Berg": (2, False, "Børn Syd"),
        "Cille Clausen": (1, False, ""),
        "Dorte Dahl": (0, False, "Børn Nord"),
    }
    assert [row.name for row in load.coordinators][0] == "Anna Andersen"  # most cases first
    assert load.without_coordinator == 1
    assert load.over_count == 1


def test_the_threshold_defaults_to_25_and_exactly_at_it_is_not_over(people):
    """Without a municipal choice the product default (25) applies; 25 cases is not over."""
    for _ in range(25):
        add_case(people["anna"])
    db.session.commit()
    load = dashboard(people["leader"], TODAY).caseload
    assert (load.threshold, load.threshold_is_default) == (25, True)
    anna = next(r for r in load.coordinators if r.name == "Anna Andersen")
    assert (anna.open_cases, anna.over) == (25, False)
    add_case(people["anna"])
    db.session.commit()
    anna = next(r for r in dashboard(people["leader"], TODAY).caseload.coordinators if r.over)
    assert anna.open_cases == 26


def test_follow_ups_are_grouped_by_the_coordinators_department(people, cases):
    """Per team: open cases, overdue (before today), due today..+14 days, undated; closed
    cases and the day after the 14 are left out; no coordinator counts as no department."""
    teams = {t.department: t for t in dashboard(people["leader"], TODAY).teams}
    assert list(teams) == ["Børn Nord", "Børn Syd", ""]  # "Uden afdeling" last
    nord, syd, none = teams["Børn Nord"], teams["Børn Syd"], teams[""]
    assert (nord.open_cases, nord.overdue, nord.upcoming, nord.undated) == (4, 1, 1, 1)
    assert (syd.open_cases, syd.overdue, syd.upcoming, syd.undated) == (2, 1, 1, 0)
    # Cille (no department, due in 3 days) and the case without a coordinator (overdue)
    assert (none.open_cases, none.overdue, none.upcoming, none.undated) == (2, 1, 1, 0)


def test_time_from_referral_to_plan_with_median_and_90th_percentile(people, cases):
    """Plans within the year (closed cases too), per team and overall; open cases without a
    plan are waiting, counted to today."""
    board = dashboard(people["leader"], TODAY)
    overall = board.plan_overall
    # 10, 30 and 300 (Anna, the closed one too) and 20 (Bo); Cille's is older than a year.
    assert overall.planned == Spread(count=4, median=25.0, p90=300, longest=300)
    # waiting: Anna 20 and 5, Bo 10, no coordinator 7
    assert overall.waiting == Spread(count=4, median=8.5, p90=20, longest=20)
    per_team = {row.department: row for row in board.plan_teams}
    assert per_team["Børn Nord"].planned == Spread(3, 30.0, 300, 300)
    assert per_team["Børn Nord"].waiting == Spread(2, 12.5, 20, 20)
    assert per_team["Børn Syd"].planned == Spread(1, 20.0, 20, 20)
    assert per_team[""].planned.count == 0
    assert per_team[""].waiting == Spread(1, 7.0, 7, 7)


def test_spread_uses_the_nearest_rank_percentile():
    """The 90th percentile is an observed value: the 9th of 10, the 10th of 11."""
    assert spread(range(1, 11)) == Spread(10, 5.5, 9, 10)
    assert spread(range(1, 12)) == Spread(11, 6.0, 10, 11)
    assert spread([]) == Spread(0, None, None, None)


def test_check_threshold_accepts_1_to_200_only():
    """Whole numbers from 1 to 200, typed or sent; anything else is refused."""
    assert check_caseload_threshold("25") == 25
    assert check_caseload_threshold(" 200 ") == 200
    assert check_caseload_threshold(1) == 1
    for bad in ("0", "201", "-3", "2.5", "tyve", "", None, True, 25.0):
        with pytest.raises(ValueError):
            check_caseload_threshold(bad)

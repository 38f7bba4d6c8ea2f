"""The cadence rules as pure functions: 3 months and 6 weeks, month ends, leap years, a case
whose paragraphs move it from one rule to the other, § 95's first follow-up and the decision."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.followup import rules
from app.followup.calc import (
    Decision,
    Inputs,
    Measure,
    add_interval,
    add_months,
    decision_applies,
    next_follow_up,
)
from app.followup.rules import EFEI, SOF, Interval

OPENED = date(2026, 1, 5)


def _sof(*paragraphs: str, **kw) -> Inputs:
    """A Sammen om familien case holding ``paragraphs``."""
    return Inputs(opened_on=OPENED, model=SOF, paragraphs=frozenset(paragraphs), **kw)


def test_rule_data_is_valid_and_every_rule_names_its_source():
    """Known paragraph keys, unique rule keys, a source on every rule."""
    assert rules.check_rules() == []
    assert all(rule.source for rule in rules.RULES)
    bad = rules.Rule("x", "x", "", paragraphs=frozenset({"bl_999"}))
    assert rules.check_rules((bad, bad)) == [
        "duplicate rule key",
        "x: no source",
        "x: unknown paragraph bl_999",
        "x: no source",
        "x: unknown paragraph bl_999",
    ]


def test_compensation_only_is_every_3_months():
    """SOF: §§ 86, 87–88, 90 only → 3 months after the last follow-up."""
    result = next_follow_up(_sof("bl_86", "bl_90", last_follow_up=date(2026, 3, 10)))
    assert result.due == date(2026, 6, 10)
    assert result.rule is rules.SOF_THREE_MONTHS


def test_child_assessment_or_measures_is_every_6_weeks():
    """SOF: a child assessment (§ 20) or § 32 measures, with or without compensation → 6 weeks."""
    for held in (("bl_20",), ("bl_86", "bl_32"), ("bl_32",)):
        result = next_follow_up(_sof(*held, last_follow_up=date(2026, 3, 10)))
        assert result.due == date(2026, 4, 21), held
        assert result.rule is rules.SOF_SIX_WEEKS


def test_before_any_follow_up_it_counts_from_when_the_case_opened():
    """No follow-up held yet: counted from the case's opening."""
    assert next_follow_up(_sof("bl_86")).due == date(2026, 4, 5)


def test_month_ends_clamp_to_the_last_day():
    """31 Jan + 1 month is 28 Feb (29 in a leap year); 31 Aug + 3 months is 30 Nov."""
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 31), 3) == date(2026, 11, 30)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    result = next_follow_up(_sof("bl_86", last_follow_up=date(2026, 11, 30)))
    assert result.due == date(2027, 2, 28)


def test_leap_years():
    """29 Feb + 3 months is 29 May; 30 Nov 2027 + 3 months is 29 Feb 2028; 6 weeks crosses
    29 Feb as 42 days."""
    assert add_months(date(2028, 2, 29), 3) == date(2028, 5, 29)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    six_weeks = next_follow_up(_sof("bl_20", last_follow_up=date(2028, 2, 1))).due
    assert six_weeks == date(2028, 3, 14)


def test_paragraphs_moving_the_case_from_one_rule_to_the_other():
    """3 months until a child assessment is added, then 6 weeks from the same last follow-up;
    back to 3 months when it is removed."""
    last = date(2026, 5, 31)
    before = next_follow_up(_sof("bl_86", last_follow_up=last))
    during = next_follow_up(_sof("bl_86", "bl_20", last_follow_up=last))
    after = next_follow_up(_sof("bl_86", last_follow_up=last))
    assert (before.due, before.rule.key) == (date(2026, 8, 31), "sof_3_months")
    assert (during.due, during.rule.key) == (date(2026, 7, 12), "sof_6_weeks")
    assert after == before


def test_bl95_first_follow_up_3_months_after_the_measure_starts():
    """A § 32 measure started 31 Jan: first follow-up at the latest 30 Apr (whatever the model),
    earlier than a 3-month model date counted from an earlier follow-up would not be."""
    measure = Measure("bl_32", date(2026, 1, 31))
    result = next_follow_up(Inputs(opened_on=OPENED, model=EFEI, measures=(measure,)))
    assert (result.due, result.rule) == (date(2026, 4, 30), rules.BL95_FIRST)
    # A measure under a paragraph § 95 does not cover gives no § 95 date.
    other = Inputs(opened_on=OPENED, model=EFEI, measures=(Measure("bl_86", date(2026, 1, 31)),))
    assert next_follow_up(other).due is None
    # A placement (§ 46) started after the last follow-up is due 3 months after its start.
    placement = Measure("bl_46", date(2026, 6, 1))
    late = Inputs(opened_on=OPENED, measures=(placement,), last_follow_up=date(2026, 5, 1))
    assert next_follow_up(late).due == date(2026, 9, 1)


def test_bl95_earliest_rule_wins():
    """SOF's 6 weeks from the last follow-up comes before § 95's 3 months: 6 weeks decides."""
    inputs = _sof(
        "bl_20",
        measures=(Measure("bl_32", date(2026, 3, 1)),),
        last_follow_up=date(2026, 2, 20),
    )
    result = next_follow_up(inputs)
    assert (result.due, result.rule.key) == (date(2026, 4, 3), "sof_6_weeks")


def test_after_the_first_bl95_follow_up_the_recorded_decision_sets_the_cadence():
    """Held first follow-up without a decision: flagged; with one: last + its interval."""
    measure = Measure("bl_32", date(2026, 1, 10))
    held = Inputs(opened_on=OPENED, measures=(measure,), last_follow_up=date(2026, 4, 1))
    missing = next_follow_up(held)
    assert missing.due is None and missing.needs_decision
    assert decision_applies(held)
    decided = Inputs(
        opened_on=OPENED,
        measures=(measure,),
        last_follow_up=date(2026, 4, 1),
        decision=Decision(Interval(2, "months"), date(2026, 4, 1)),
    )
    result = next_follow_up(decided)
    assert (result.due, result.rule, result.needs_decision) == (
        date(2026, 6, 1),
        rules.BL95_DECIDED,
        False,
    )


def test_efei_uses_the_municipalitys_own_interval_and_has_no_default():
    """ÉFÉI gives no interval: none set, no date; the municipality's 8 weeks, last + 8 weeks."""
    plain = Inputs(opened_on=OPENED, model=EFEI, paragraphs=frozenset({"bl_86"}))
    assert next_follow_up(plain).due is None
    local = Inputs(
        opened_on=OPENED,
        model=EFEI,
        last_follow_up=date(2026, 3, 2),
        local_interval=Interval(8, "weeks"),
    )
    result = next_follow_up(local)
    assert (result.due, result.rule) == (date(2026, 4, 27), rules.LOCAL_STATUS)


def test_a_case_without_a_model_or_rule_has_no_date():
    """No case flow and no § 95 measure: nothing to compute."""
    assert next_follow_up(Inputs(opened_on=OPENED, paragraphs=frozenset({"bl_86"}))).due is None


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
keys = st.frozensets(st.sampled_from(["bl_20", "bl_32", "bl_46", "bl_47", "bl_86", "bl_90"]))
intervals = st.builds(Interval, st.integers(1, 52), st.sampled_from(["weeks", "months"]))


@st.composite
def case_inputs(draw):
    """Any case: model, paragraphs, measures, last follow-up, decision, local interval."""
    measures = draw(
        st.lists(
            st.builds(Measure, st.sampled_from(sorted(draw(keys) or {"bl_32"})), days), max_size=3
        )
    )
    return Inputs(
        opened_on=draw(days),
        model=draw(st.sampled_from([None, SOF, EFEI, rules.OWN])),
        paragraphs=draw(keys),
        measures=tuple(measures),
        last_follow_up=draw(st.none() | days),
        decision=draw(st.none() | st.builds(Decision, intervals, days)),
        local_interval=draw(st.none() | intervals),
    )


@given(case_inputs())
def test_never_on_or_before_the_last_follow_up_and_stable(inputs):
    """The next follow-up comes after the last held one, and computing again changes nothing."""
    result = next_follow_up(inputs)
    if result.due and inputs.last_follow_up:
        assert result.due > inputs.last_follow_up
    assert next_follow_up(inputs) == result
    assert (result.due is None) == (result.rule is None)


@given(days, st.integers(0, 1200))
def test_add_months_is_the_same_day_or_the_months_last(day, months):
    """Adding months keeps the day, or clamps it to the target month's last day."""
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + timedelta(days=1)).day == 1)


@given(days, intervals)
def test_an_interval_always_moves_forward(day, interval):
    """Every cadence moves the date forward (at least 28 days for a month)."""
    assert add_interval(day, interval) >= day + timedelta(
        days=7 if interval.unit == "weeks" else 28
    )

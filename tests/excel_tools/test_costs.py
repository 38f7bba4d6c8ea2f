"""Cost kinds: booking by month, the shared rules, and the workbook's columns and formulas."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from excel_tools import FundingLine, build_portfolio_workbook, calc, costs
from excel_tools.layout import INPUT_COLUMNS_V1
from excel_tools.portfolio import portfolio_years
from tests.excel_tools.support import (
    AMOUNT_COL,
    ANNUAL_COL,
    CASE,
    COST_PERIOD_COL,
    COST_YEAR_COL,
    DEPARTMENTS,
    KIND_COL,
    MADE_AT,
    QUANTITY_COL,
    REASON_COL,
    UNIT_COL,
    build,
    edit,
    open_book,
    problems,
    read,
    sample_lines,
)

D = Decimal


def cost_lines() -> list[FundingLine]:
    """One line of each cost kind (the issue's 200,000 kr. home adaptation in June)."""

    def line(kind, amount, start, end, shares, **kw):
        return FundingLine(
            "aflastning",
            "bl32",
            f"{kind} line",
            None,
            start,
            end,
            None,
            shares,
            "",
            cost_kind=kind,
            amount=D(amount),
            **kw,
        )

    return [
        line(
            "one_off",
            "200000",
            date(2025, 6, 15),
            None,
            {"boern": D(70), "voksen": D(30)},
            split_reason="Boligen skal også passe til en voksen",
        ),
        line("monthly", "1550", date(2025, 2, 1), date(2026, 3, 31), {"boern": D(100)}),
        line(
            "hourly",
            "350",
            date(2025, 3, 1),
            date(2025, 12, 31),
            {"job": D(75), "boern": D(25)},
            quantity=D(2),
            quantity_unit="hours_per_week",
        ),
        line(
            "hourly",
            "412.50",
            date(2024, 11, 1),
            None,
            {"voksen": D(100)},
            quantity=D("7.5"),
            quantity_unit="hours_per_month",
        ),
        line("yearly", "120000", date(2025, 1, 1), date(2025, 12, 31), {"boern": D(100)}),
    ]


def test_one_off_is_booked_in_full_in_its_month():
    """200,000 kr. in June is 200,000 in June and nothing in any other month."""
    one_off = cost_lines()[0]
    assert calc.cost_in_month(one_off, 2025, 6) == D(200000)
    assert all(calc.cost_in_month(one_off, 2025, m) == 0 for m in range(1, 13) if m != 6)
    assert calc.cost_in_month(one_off, 2026, 6) == 0
    assert calc.amount_in_year(one_off, "boern", 2025) == D(140000)
    assert calc.amount_in_year(one_off, "boern", 2026) == 0
    assert calc.amount_in_period(one_off, "voksen", 2030) == D(60000)
    assert one_off.annual_cost == D(200000)


def test_monthly_hourly_and_yearly_are_booked_every_active_month():
    """Monthly = amount; hourly = rate x hours a month (a week = 52/12); yearly = 1/12."""
    _one_off, monthly, weekly, per_month, yearly = cost_lines()
    assert calc.cost_in_month(monthly, 2025, 1) == 0
    assert calc.cost_in_month(monthly, 2025, 2) == D(1550)
    assert calc.line_in_year(monthly, 2025) == D(1550) * 11
    assert calc.line_in_year(monthly, 2026) == D(1550) * 3
    assert weekly.annual_cost == D(350) * 2 * 52
    assert calc.cost_in_month(weekly, 2025, 5) == pytest.approx(D(350) * 2 * 52 / 12)
    assert calc.line_in_year(weekly, 2025) == pytest.approx(D(350) * 2 * 52 / 12 * 10)
    assert calc.cost_in_month(per_month, 2025, 1) == D("412.50") * D("7.5")
    assert calc.cost_in_month(yearly, 2025, 7) == D(10000)
    for line in cost_lines():  # the year is the sum of its months, for every kind
        by_month = sum((calc.cost_in_month(line, 2025, m) for m in range(1, 13)), D(0))
        assert calc.line_in_year(line, 2025) == pytest.approx(by_month, abs=D("1e-20"))


def test_old_lines_are_yearly():
    """A line made with annual_cost only is a yearly line of that amount."""
    line = sample_lines()[0]
    assert line.cost_kind == "yearly" and line.amount == line.annual_cost == D(120000)


@pytest.mark.parametrize(
    "kind,quantity,unit,expected",
    [
        ("yearly", None, None, []),
        ("hourly", D(2), "hours_per_week", []),
        ("hourly", None, None, ["quantity"]),
        ("hourly", D(2), "days_per_month", ["quantity_unit"]),
        ("monthly", D(2), None, ["quantity_unit"]),
        ("monthly", None, "days_per_month", ["quantity"]),
        ("monthly", D(32), "days_per_month", ["quantity"]),
        ("hourly", D(169), "hours_per_week", ["quantity"]),
        ("one_off", D(31), "days_per_month", []),
    ],
)
def test_check_cost_rules(kind, quantity, unit, expected):
    """The one set of cost rules the editor, the API and the workbook reader apply."""
    assert [field for field, _m in costs.check_cost(kind, quantity, unit)] == expected


def test_workbook_writes_and_reads_every_cost_kind():
    """Cost kind, amount, quantity, unit and split reason round-trip through the workbook."""
    lines = cost_lines()
    data = build(lines, year=2025)
    ws = open_book(data)["Indsatser"]
    assert ws[f"{KIND_COL}3"].value == "Engangsbeløb"
    assert ws[f"{AMOUNT_COL}3"].value == 200000
    assert ws[f"{REASON_COL}3"].value == "Boligen skal også passe til en voksen"
    assert ws[f"{QUANTITY_COL}5"].value == 2 and ws[f"{UNIT_COL}5"].value == "timer pr. uge"
    assert ws[f"{ANNUAL_COL}3"].value.startswith("=IF(")
    assert ws[f"{COST_YEAR_COL}3"].value.startswith("=IF(")
    assert ws[f"{COST_PERIOD_COL}3"].value.startswith("=IF(")
    assert read(data) == lines


def test_workbook_reader_applies_the_cost_rules_per_cell():
    """An hourly line without hours and an unknown cost kind are refused at their cells."""

    def change(wb):
        ws = wb["Indsatser"]
        ws[f"{QUANTITY_COL}5"], ws[f"{UNIT_COL}5"] = None, None
        ws[f"{KIND_COL}4"] = "Pr. kvartal"

    found = problems(edit(build(cost_lines(), year=2025), change))
    assert found == [
        "Indsatser!D4: »Pr. kvartal« er ikke en af mulighederne (Engangsbeløb, Pr. måned, "
        "Pr. år, Pr. time); vælg fra listen",
        "Indsatser!F5: En timepris kræver antal timer (pr. uge eller pr. måned).",
    ]


def test_cost_kind_typed_as_value_or_in_other_case_is_accepted():
    """ "hourly" or "pr. TIME" is as good as the label; a blank kind is yearly."""

    def change(wb):
        ws = wb["Indsatser"]
        ws[f"{KIND_COL}5"] = "hourly"
        ws[f"{KIND_COL}6"] = "pr. TIME"
        ws[f"{KIND_COL}7"] = None

    lines = read(edit(build(cost_lines(), year=2025), change))
    assert [line.cost_kind for line in lines] == [
        "one_off",
        "monthly",
        "hourly",
        "hourly",
        "yearly",
    ]


def _version_1_workbook() -> bytes:
    """A workbook as format version 1 wrote it: annual cost in column D, no cost kinds."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Indsatser"
    old_inputs = [header for _field, header in INPUT_COLUMNS_V1]
    assert old_inputs[3] == "Årlig udgift (kr.)"  # version 1 had the annual cost in column D
    headers = [*old_inputs, *(d.label for d in DEPARTMENTS), "Sum af andele (%)"]
    for index, header in enumerate(headers, start=1):
        ws.cell(2, index, header)
    row = ["Aflastning", "Barnets lov § 32", "Gammel linje", 24000, date(2024, 3, 1), None]
    row += [None, "", 60, 40, None, "=SUM(I3:K3)"]
    for index, value in enumerate(row, start=1):
        ws.cell(3, index, value)
    meta = wb.create_sheet("_meta")
    for index, (key, value) in enumerate(
        [("format", "enindgang-finansiering"), ("format_version", 1), ("kind", "sag")],
        start=1,
    ):
        meta.cell(index, 1, key)
        meta.cell(index, 2, value)
    meta.cell(4, 1, "case_id")
    meta.cell(4, 2, CASE.case_id)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_version_1_workbook_still_imports_as_yearly_lines():
    """A workbook downloaded before cost kinds reads back as yearly lines."""
    (line,) = read(_version_1_workbook())
    assert line.cost_kind == "yearly" and line.amount == line.annual_cost == D(24000)
    assert line.shares == {"boern": D(60), "voksen": D(40)} and line.description == "Gammel linje"


def test_portfolio_books_a_one_off_in_its_year():
    """The portfolio's year columns hold each line's cost in the year; totals follow them."""
    from excel_tools import PortfolioRow

    rows = [PortfolioRow(1, "S-1", "Familie", line, date(2026, 1, 15)) for line in cost_lines()]
    book = open_book(build_portfolio_workbook(rows, DEPARTMENTS, made_at=MADE_AT))
    header, *values = list(book["Linjer"].iter_rows(values_only=True))
    years = portfolio_years(rows, MADE_AT.year)
    year_col = header.index("Udgift 2025 (kr.)")
    assert values[0][year_col] == 200000
    assert values[0][header.index("Udgift 2026 (kr.)")] == 0
    assert values[0][header.index("Fordelingen revideres")].date() == date(2026, 1, 15)
    assert values[2][header.index("Omfang")] == "2 timer pr. uge"
    assert values[0][header.index("Udgiftstype")] == "Engangsbeløb"
    assert 2024 in years

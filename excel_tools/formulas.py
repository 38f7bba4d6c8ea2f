"""The formula cells of one "Indsatser" row: they reproduce :mod:`calc` cell by cell.

Per row: the share sum, what a full year of the line costs (:func:`costs.annual_cost`), the
months in the selected year and in the whole period, the line's cost in the year and in the
period (:func:`calc.booked`: a one-off amount in full in its start month) and each
department's amount in the year. Drop-down cells are compared by their labels, as typed.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from . import styles as st
from .costs import (
    COST_KIND_LABELS,
    HOURLY,
    HOURS_PER_MONTH,
    HOURS_PER_WEEK,
    MONTHLY,
    ONE_OFF,
    QUANTITY_UNIT_LABELS,
)
from .layout import NAME_YEAR, LinesLayout, col


def _is(cell: str, text: str) -> str:
    """A formula test that a drop-down cell holds ``text`` (case-insensitive, as Excel's =)."""
    return f'TRIM({cell})="{text}"'


def _annual_formula(layout: LinesLayout, row: int) -> str:
    """What a full year of the line costs: costs.annual_cost as a formula.

    A blank or unknown cost kind counts as yearly, as in the reader. Hours a week count 52
    weeks a year (52/12 a month); hours a month count 12 months.
    """
    kind = f"${layout.field_letter('cost_kind')}{row}"
    amount = f"N(${layout.field_letter('amount')}{row})"
    quantity = f"N(${layout.field_letter('quantity')}{row})"
    unit = f"${layout.field_letter('quantity_unit')}{row}"
    week, month = QUANTITY_UNIT_LABELS[HOURS_PER_WEEK], QUANTITY_UNIT_LABELS[HOURS_PER_MONTH]
    hours_year = f"IF({_is(unit, week)},{quantity}*52,IF({_is(unit, month)},{quantity}*12,0))"
    return (
        f"=IF({_is(kind, COST_KIND_LABELS[MONTHLY])},{amount}*12,"
        f"IF({_is(kind, COST_KIND_LABELS[HOURLY])},{amount}*{hours_year},{amount}))"
    )


def write_formulas(ws: Worksheet, row: int, layout: LinesLayout) -> None:
    """Formula cells of one row; they mirror calc.booked month for month."""
    first_share, last_share = col(layout.first_share), col(layout.last_share)
    start = f"${layout.field_letter('start')}{row}"
    end = f"${layout.field_letter('end')}{row}"
    start_month = f"(YEAR({start})*12+MONTH({start}))"
    # An open-ended line runs through December of the selected year (calc module docstring).
    end_month = f"IF(ISNUMBER({end}),YEAR({end})*12+MONTH({end}),{NAME_YEAR}*12+12)"
    one_off = _is(f"${layout.field_letter('cost_kind')}{row}", COST_KIND_LABELS[ONE_OFF])
    annual = f"${col(layout.annual_col)}{row}"
    months_year = f"${col(layout.months_year_col)}{row}"
    months_period = f"${col(layout.months_period_col)}{row}"
    in_year = f"AND(ISNUMBER({start}),YEAR({start})={NAME_YEAR})"
    cells = {
        layout.sum_col: (f"=SUM({first_share}{row}:{last_share}{row})", st.CALC_SHARE_SUM),
        layout.annual_col: (_annual_formula(layout, row), st.CALC_MONEY),
        # A one-off amount falls in full in its start month; the rest one twelfth a month.
        layout.cost_year_col: (
            f"=IF({one_off},IF({in_year},{annual},0),{annual}*{months_year}/12)",
            st.CALC_MONEY,
        ),
        layout.cost_period_col: (
            f"=IF({one_off},IF({months_period}>0,{annual},0),{annual}*{months_period}/12)",
            st.CALC_MONEY,
        ),
        layout.months_year_col: (
            f"=IF(ISNUMBER({start}),MAX(0,MIN({end_month},{NAME_YEAR}*12+12)"
            f"-MAX({start_month},{NAME_YEAR}*12+1)+1),0)",
            st.CALC_COUNT,
        ),
        layout.months_period_col: (
            f"=IF(ISNUMBER({start}),MAX(0,{end_month}-{start_month}+1),0)",
            st.CALC_COUNT,
        ),
    }
    cost_year = f"${col(layout.cost_year_col)}{row}"
    for slot in range(layout.slots):
        share = f"{col(layout.first_share + slot)}{row}"
        # N() turns a stray text into 0, so a typo shows up in the sum check and the
        # reader's message instead of spreading #VALUE! through every total.
        cells[layout.first_amount + slot] = (f"=N({cost_year})*N({share})/100", st.CALC_MONEY)
    for index, (formula, style) in cells.items():
        st.styled_cell(ws, row, index, style, formula)

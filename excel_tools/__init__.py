"""The Excel funding-split tool: workbook builder, reader and the reference calculation.

Plain functions on plain dataclasses (no Flask, no SQLAlchemy), so the app, the CLI, tests
and benchmarks all use the same code. Numbers, dates and text cleaning come from the app's
Flask-free ``app.formatting`` and ``app.text``, so a workbook says what a page says.
"""

from .builder import (
    build_blank_workbook,
    build_case_workbook,
    build_portfolio_workbook,
    write_portfolio_workbook,
)
from .calc import (
    amount_in_period,
    amount_in_year,
    annual_amount,
    months_in_period,
    months_in_year,
    totals_for_period,
    totals_for_year,
)
from .container import DEFAULT_MAX_BYTES, DEFAULT_MAX_UNPACKED_BYTES
from .layout import ROOM_ROWS, TEXT_LIMITS
from .messages import Message
from .model import (
    FORMAT_VERSION,
    CaseInfo,
    CellProblem,
    Department,
    FundingLine,
    PortfolioRow,
    ReadWorkbook,
    VocabItem,
    WorkbookBuildError,
    WorkbookImportError,
)
from .reader import read_case_workbook, read_funding_workbook

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_UNPACKED_BYTES",
    "FORMAT_VERSION",
    "ROOM_ROWS",
    "TEXT_LIMITS",
    "CaseInfo",
    "CellProblem",
    "Department",
    "FundingLine",
    "Message",
    "PortfolioRow",
    "ReadWorkbook",
    "VocabItem",
    "WorkbookBuildError",
    "WorkbookImportError",
    "amount_in_period",
    "amount_in_year",
    "annual_amount",
    "build_blank_workbook",
    "build_case_workbook",
    "build_portfolio_workbook",
    "write_portfolio_workbook",
    "months_in_period",
    "months_in_year",
    "read_case_workbook",
    "read_funding_workbook",
    "totals_for_period",
    "totals_for_year",
]

"""Plain data the Excel funding tool reads and writes.

These dataclasses are deliberately free of Flask and SQLAlchemy so that the workbook code can
be tested, benchmarked and used from the command line on its own; the app converts its models
to and from them at the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import costs

#: Version of the workbook layout. Bump it whenever columns, sheets or the meta sheet change,
#: so that an old workbook is refused instead of being misread. Version 1 (before cost kinds)
#: is still read: its lines are yearly.
FORMAT_VERSION = 2


@dataclass(frozen=True)
class Department:
    """A department (afdeling/forvaltning) that can pay a share of an intervention."""

    value: str
    label: str


@dataclass(frozen=True)
class VocabItem:
    """One entry of a shared vocabulary (interventions, paragraphs, authority levels)."""

    value: str
    label: str


@dataclass
class FundingLine:
    """One intervention of a case and how its cost is split between departments.

    ``shares`` maps a department value to a percentage with at most two decimals; a line's
    shares sum to 100 within 0.01. A department without a share is simply absent.

    The cost is ``amount`` of ``cost_kind`` (see :mod:`excel_tools.costs`). ``annual_cost`` is
    derived from them (what a full year of the line costs; a one-off line: its amount). A line
    made the old way, with ``annual_cost`` only, is a yearly line of that amount.
    """

    intervention: str
    paragraph: str
    description: str
    annual_cost: Decimal | None
    start: date
    end: date | None
    authority_level: str | None
    shares: dict[str, Decimal] = field(default_factory=dict)
    notes: str = ""
    cost_kind: str = costs.YEARLY
    amount: Decimal | None = None
    quantity: Decimal | None = None
    quantity_unit: str | None = None
    split_reason: str = ""

    def __post_init__(self) -> None:
        """Fill ``amount`` from an old-style ``annual_cost`` and derive ``annual_cost``."""
        if self.amount is None:
            self.amount = self.annual_cost if self.annual_cost is not None else Decimal(0)
        self.annual_cost = costs.annual_cost(
            self.cost_kind, self.amount, self.quantity, self.quantity_unit
        )


@dataclass(frozen=True)
class CaseInfo:
    """The case a workbook belongs to."""

    case_id: int
    reference: str
    title: str
    #: The funding version whose lines the workbook holds (0: none saved yet; None: unknown).
    funding_version: int | None = None


@dataclass(frozen=True)
class ReadWorkbook:
    """What an uploaded case workbook holds: its lines and the version it was made from."""

    lines: list[FundingLine]
    #: None for a workbook made before workbooks recorded it (or the blank template).
    funding_version: int | None


@dataclass(frozen=True)
class PortfolioRow:
    """One funding line together with the case it belongs to (for the portfolio workbook)."""

    case_id: int
    case_reference: str
    case_title: str
    line: FundingLine
    review_date: date | None = None


@dataclass(frozen=True)
class CellProblem:
    """One problem found while importing a workbook, addressed to a sheet and cell if possible."""

    sheet: str | None
    cell: str | None
    message: str

    def __str__(self) -> str:
        """Render as ``Sheet!A1: message`` (or shorter when sheet/cell are unknown)."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}: {self.message}"
        if self.sheet:
            return f"{self.sheet}: {self.message}"
        return self.message


class WorkbookImportError(Exception):
    """An uploaded workbook was refused; ``problems`` lists every problem found."""

    def __init__(self, problems: list[CellProblem]) -> None:
        """Keep all problems so the caller can show every one of them at once."""
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class WorkbookBuildError(ValueError):
    """Data could not be written safely (for example a text that is too long)."""

    def __init__(self, messages: list[str]) -> None:
        """Keep every message; the str() lists them one per line."""
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))

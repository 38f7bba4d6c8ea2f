"""Names, columns and limits shared by the workbook builder and the reader.

Both sides import these so that a column cannot move in one and not in the other; any change
here that alters the layout must bump :data:`excel_tools.model.FORMAT_VERSION`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpyxl.utils import get_column_letter

FORMAT_NAME = "enindgang-finansiering"

SHEET_GUIDE = "Vejledning"
SHEET_DEPARTMENTS = "Afdelinger"
SHEET_LINES = "Indsatser"
SHEET_SPLIT = "Fordeling"
SHEET_LISTS = "_lister"
SHEET_META = "_meta"

# Defined names: the other sheets follow the lists through these, so a municipality that
# edits "Afdelinger" in the blank tool sees headers and totals follow.
NAME_YEAR = "Aar"
NAME_DEPARTMENTS = "Afdelingsnavne"
NAME_INTERVENTIONS = "Indsatsliste"
NAME_PARAGRAPHS = "Paragrafliste"
NAME_AUTHORITY = "Beslutningsniveauer"
NAME_COST_KINDS = "Udgiftstyper"
NAME_QUANTITY_UNITS = "Omfangsenheder"

GROUP_ROW = 1  # "Udfyld" / "Andele" / "Beregnes" over the column headers
HEADER_ROW = 2
FIRST_DATA_ROW = 3
ROOM_ROWS = 200  # pre-formatted empty rows for new lines
BLANK_SPARE_DEPARTMENTS = 5  # empty department slots in the blank municipal tool
MAX_DEPARTMENTS = 40

# Fixed input columns of "Indsatser", in order: (field, header).
INPUT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("intervention", "Indsats"),
    ("paragraph", "Paragraf"),
    ("description", "Beskrivelse"),
    ("cost_kind", "Udgiftstype"),
    ("amount", "Beløb (kr.)"),
    ("quantity", "Omfang"),
    ("quantity_unit", "Omfang målt i"),
    ("start", "Startdato"),
    ("end", "Slutdato"),
    ("authority_level", "Bevilget af"),
    ("split_reason", "Begrundelse for fordelingen"),
    ("notes", "Noter"),
)
#: The input columns of format version 1 (before cost kinds): its lines are yearly.
INPUT_COLUMNS_V1: tuple[tuple[str, str], ...] = (
    ("intervention", "Indsats"),
    ("paragraph", "Paragraf"),
    ("description", "Beskrivelse"),
    ("annual_cost", "Årlig udgift (kr.)"),
    ("start", "Startdato"),
    ("end", "Slutdato"),
    ("authority_level", "Bevilget af"),
    ("notes", "Noter"),
)
FIELD_HEADERS = dict(INPUT_COLUMNS)
SUM_HEADER = "Sum af andele (%)"
ANNUAL_HEADER = "Årlig udgift (kr.)"
MONTHS_YEAR_HEADER = "Måneder i året"
MONTHS_PERIOD_HEADER = "Måneder i alt"
COST_YEAR_HEADER = "Udgift i året (kr.)"
COST_PERIOD_HEADER = "Udgift i hele perioden (kr.)"

# Meta sheet keys (column A) and values (column B).
META_FORMAT = "format"
META_VERSION = "format_version"
META_KIND = "kind"
META_CASE_ID = "case_id"
META_CASE_REFERENCE = "case_reference"
META_MADE_AT = "made_at"
#: "Lavet 01-07-2026 kl. 14:00": local time in the zone the builder is given.
MADE_AT_PATTERN = "dd-MM-y 'kl.' HH:mm"
META_YEAR = "year"
#: The case's funding version the workbook was made from (0: none saved yet); an import
#: of a workbook made from an older version than the current one is refused (stale).
META_FUNDING_VERSION = "funding_version"

# Text limits in characters, well below Excel's 32,767 per cell, so a runaway paste is caught
# before it reaches a workbook or the database.
EXCEL_CELL_LIMIT = 32_767
TEXT_LIMITS: dict[str, int] = {
    "intervention": 500,
    "paragraph": 500,
    "description": 4_000,
    "authority_level": 500,
    "notes": 10_000,
    "split_reason": 4_000,
    "case_reference": 200,
    "case_title": 1_000,
    "department": 200,
    "vocabulary": 500,
}

MIN_DATE = date(1990, 1, 1)
MAX_DATE = date(2100, 12, 31)
MIN_YEAR = MIN_DATE.year
MAX_YEAR = MAX_DATE.year
MAX_ANNUAL_COST = Decimal("999999999.99")
MAX_SHARE = Decimal(100)


def col(index: int) -> str:
    """Column letter of a 1-based column index."""
    return get_column_letter(index)


@dataclass(frozen=True)
class LinesLayout:
    """Column positions on "Indsatser" for a given number of department slots."""

    slots: int

    @property
    def first_share(self) -> int:
        """1-based column of the first department share."""
        return len(INPUT_COLUMNS) + 1

    @property
    def last_share(self) -> int:
        """1-based column of the last department share."""
        return self.first_share + self.slots - 1

    @property
    def sum_col(self) -> int:
        """Column of the row-sum formula."""
        return self.last_share + 1

    @property
    def annual_col(self) -> int:
        """Column of the annual-cost formula (what a full year of the line costs)."""
        return self.sum_col + 1

    @property
    def months_year_col(self) -> int:
        """Column of the months-in-the-selected-year formula."""
        return self.sum_col + 2

    @property
    def months_period_col(self) -> int:
        """Column of the months-in-the-whole-period formula."""
        return self.sum_col + 3

    @property
    def cost_year_col(self) -> int:
        """Column of the line's cost in the selected year (calc.line_in_year)."""
        return self.sum_col + 4

    @property
    def cost_period_col(self) -> int:
        """Column of the line's cost over its whole period (calc.line_in_period)."""
        return self.sum_col + 5

    @property
    def first_amount(self) -> int:
        """Column of the first amount-per-department formula."""
        return self.sum_col + 6

    @property
    def last_col(self) -> int:
        """Last used column."""
        return self.first_amount + self.slots - 1

    def field_col(self, field: str) -> int:
        """1-based column of a fixed input field."""
        return [name for name, _ in INPUT_COLUMNS].index(field) + 1

    def field_letter(self, field: str) -> str:
        """Column letter of a fixed input field."""
        return col(self.field_col(field))

"""Read an edited funding workbook back into funding lines, or say exactly what is wrong.

The reader never re-saves the controller's file and never trusts it: the bytes are checked
first (:mod:`container`), then openpyxl opens them read-only with formulas as formulas
(``data_only=False``), so a formula typed into an input cell is reported instead of its cached
result being trusted. Only the input columns are read; the formula columns are ignored.
Every row is validated and every problem is reported at once, addressed to sheet and cell.
"""

from __future__ import annotations

import logging
import traceback
import warnings
from collections.abc import Sequence
from io import BytesIO

from openpyxl import load_workbook

from app.formatting import format_number

from .container import DEFAULT_MAX_BYTES, DEFAULT_MAX_UNPACKED_BYTES, check_container
from .layout import FIRST_DATA_ROW, INPUT_COLUMNS, INPUT_COLUMNS_V1, SHEET_LINES, SHEET_META
from .messages import N_
from .model import (
    CellProblem,
    Department,
    FundingLine,
    ReadWorkbook,
    VocabItem,
    WorkbookImportError,
)
from .rows import RowReader
from .structure import check_meta, made_from_version, read_meta, share_columns
from .values import is_blank
from .vocab import Vocabulary

__all__ = ["read_case_workbook", "read_funding_workbook"]

log = logging.getLogger(__name__)

MSG_UNREADABLE = N_(
    "Filen kunne ikke læses som et Excel-regneark. Gem den igen som »Excel-projektmappe "
    "(.xlsx)«, eller hent et nyt regneark og overfør dine ændringer."
)


def read_funding_workbook(data: bytes, **options) -> list[FundingLine]:
    """Funding lines of an uploaded workbook (``read_case_workbook``'s lines)."""
    return read_case_workbook(data, **options).lines


def read_case_workbook(
    data: bytes,
    *,
    expected_case_id: int | None,
    departments: Sequence[Department],
    interventions: Sequence[VocabItem],
    paragraphs: Sequence[VocabItem],
    authority_levels: Sequence[VocabItem] | None = None,
    max_rows: int = 5000,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES,
    filename: str | None = None,
) -> ReadWorkbook:
    """Funding lines of an uploaded workbook and the funding version it was made from;
    raises WorkbookImportError listing all problems.

    ``expected_case_id=None`` skips the case check (e.g. to read the blank municipal tool).
    """
    problems = check_container(
        data, max_bytes=max_bytes, max_unpacked_bytes=max_unpacked_bytes, filename=filename
    )
    if problems:
        raise WorkbookImportError(problems)
    rows = RowReader(
        Vocabulary(interventions),
        Vocabulary(paragraphs),
        Vocabulary(authority_levels) if authority_levels is not None else None,
    )
    try:
        # openpyxl warns about extensions it drops; we only read, so nothing is lost.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(BytesIO(data), read_only=True, data_only=False, keep_links=False)
            try:
                return _read(wb, expected_case_id, departments, rows, max_rows)
            finally:
                wb.close()
    except WorkbookImportError:
        raise
    except Exception as exc:  # any parser failure is the file's fault, never a 500
        # Type and frames only: the message of a parser error can quote cell contents.
        log.warning(
            "Unreadable funding workbook (%s):\n%s",
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        raise WorkbookImportError([CellProblem(None, None, MSG_UNREADABLE)]) from exc


def _read(wb, expected_case_id, departments, rows: RowReader, max_rows: int):
    """Check structure, then every row; raise with all problems or return the lines."""
    missing = [name for name in (SHEET_META, SHEET_LINES) if name not in wb.sheetnames]
    if missing:
        raise WorkbookImportError(
            [
                CellProblem(
                    name,
                    None,
                    N_(
                        "arket »%(sheet)s« mangler. Regnearket er ikke lavet af enindgang eller "
                        "er blevet ændret; hent et nyt fra sagen.",
                        sheet=name,
                    ),
                )
                for name in missing
            ]
        )
    version = check_meta(wb, expected_case_id)
    made_from = made_from_version(read_meta(wb))
    inputs = INPUT_COLUMNS_V1 if version == 1 else INPUT_COLUMNS
    rows.use_columns(inputs)
    ws = wb[SHEET_LINES]
    columns, sum_col = share_columns(wb, ws, departments, inputs)
    lines = _read_rows(ws, columns, sum_col, rows, max_rows)
    if rows.problems:
        raise WorkbookImportError(rows.problems)
    return ReadWorkbook(lines, made_from)


def _read_rows(ws, columns, sum_col: int, rows: RowReader, max_rows: int) -> list[FundingLine]:
    """Validate every non-empty row; stop early only when the file has too many rows."""
    ws.reset_dimensions()  # a wrong <dimension> element must not hide rows
    lines: list[FundingLine] = []
    used = 0
    # Empty rows are cheap, but a million formatted rows would still take minutes to scan.
    max_physical = FIRST_DATA_ROW + 4 * max_rows + 1000
    cells_by_row = ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=sum_col - 1)
    for row_number, cells in enumerate(cells_by_row, start=FIRST_DATA_ROW):
        has_input = any(not is_blank(cell.value) for cell in cells)
        if row_number > max_physical or (used >= max_rows and has_input):
            raise WorkbookImportError(
                [
                    CellProblem(
                        SHEET_LINES,
                        f"A{row_number}",
                        N_(
                            "regnearket har mere end %(rows)s rækker med indsatser; del det "
                            "op eller kontakt en administrator.",
                            rows=format_number(max_rows),
                        ),
                    )
                ]
            )
        if not has_input:
            continue
        used += 1
        line = rows.read(row_number, cells, columns, sum_col)
        if line is not None:
            lines.append(line)
        if rows.full:
            break
    return lines

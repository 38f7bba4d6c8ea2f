"""Cell styles of the funding workbook, registered once per workbook as named styles.

Named styles keep the file small (one style record per kind of cell instead of one per cell)
and carry the protection flag: input styles are unlocked, everything else stays locked.
"""

from __future__ import annotations

from copy import copy
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

MONEY_FORMAT = "#,##0.00"
# Third section empty: zeros in not-yet-used rows are shown as blank, not as 0,00.
MONEY_HIDE_ZERO = "#,##0.00;-#,##0.00;;@"
COUNT_HIDE_ZERO = "0;-0;;@"
SHARE_FORMAT = "0.00"
SHARE_SUM_FORMAT = "0.00;-0.00;;@"
DATE_FORMAT = "dd-mm-yyyy"

INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")  # pale yellow: "you may type here"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
GROUP_FILL = PatternFill("solid", fgColor="D9E1F2")
FORMULA_FILL = PatternFill("solid", fgColor="F2F2F2")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERROR_FONT = Font(color="9C0006", bold=True)
THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)

INPUT_TEXT = "Udfyld tekst"
INPUT_MONEY = "Udfyld beløb"
INPUT_DATE = "Udfyld dato"
INPUT_SHARE = "Udfyld andel"
INPUT_YEAR = "Udfyld år"
CALC_MONEY = "Beregnet beløb"
CALC_COUNT = "Beregnet antal"
CALC_SHARE_SUM = "Beregnet sum"
CALC_TEXT = "Beregnet tekst"
HEADER = "Kolonneoverskrift"
GROUP = "Gruppeoverskrift"
TITLE = "Titel"
HEADING = "Afsnit"
BODY = "Brødtekst"


def _styles() -> list[NamedStyle]:
    """The named styles used by the builder."""
    top_wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    return [
        NamedStyle(
            INPUT_TEXT,
            fill=INPUT_FILL,
            border=GRID,
            alignment=top_wrap,
            protection=UNLOCKED,
            number_format="@",
        ),
        NamedStyle(
            INPUT_MONEY,
            fill=INPUT_FILL,
            border=GRID,
            alignment=top,
            protection=UNLOCKED,
            number_format=MONEY_FORMAT,
        ),
        NamedStyle(
            INPUT_DATE,
            fill=INPUT_FILL,
            border=GRID,
            alignment=top,
            protection=UNLOCKED,
            number_format=DATE_FORMAT,
        ),
        NamedStyle(
            INPUT_SHARE,
            fill=INPUT_FILL,
            border=GRID,
            alignment=top,
            protection=UNLOCKED,
            number_format=SHARE_FORMAT,
        ),
        NamedStyle(
            INPUT_YEAR,
            fill=INPUT_FILL,
            border=GRID,
            font=Font(bold=True),
            protection=UNLOCKED,
            number_format="0",
        ),
        NamedStyle(
            CALC_MONEY,
            fill=FORMULA_FILL,
            border=GRID,
            alignment=top,
            protection=LOCKED,
            number_format=MONEY_HIDE_ZERO,
        ),
        NamedStyle(
            CALC_COUNT,
            fill=FORMULA_FILL,
            border=GRID,
            alignment=top,
            protection=LOCKED,
            number_format=COUNT_HIDE_ZERO,
        ),
        NamedStyle(
            CALC_SHARE_SUM,
            fill=FORMULA_FILL,
            border=GRID,
            alignment=top,
            protection=LOCKED,
            number_format=SHARE_SUM_FORMAT,
        ),
        NamedStyle(CALC_TEXT, fill=FORMULA_FILL, border=GRID, alignment=top, protection=LOCKED),
        NamedStyle(
            HEADER,
            fill=HEADER_FILL,
            font=Font(bold=True, color="FFFFFF"),
            border=GRID,
            alignment=Alignment(vertical="center", wrap_text=True),
            protection=LOCKED,
        ),
        NamedStyle(
            GROUP,
            fill=GROUP_FILL,
            font=Font(bold=True),
            border=GRID,
            alignment=Alignment(horizontal="center"),
            protection=LOCKED,
        ),
        NamedStyle(TITLE, font=Font(bold=True, size=16), protection=LOCKED),
        NamedStyle(
            HEADING,
            font=Font(bold=True, size=12),
            protection=LOCKED,
            alignment=Alignment(vertical="top"),
        ),
        NamedStyle(BODY, alignment=top_wrap, protection=LOCKED),
    ]


def register_styles(wb: Workbook) -> None:
    """Register the named styles on ``wb`` so cells can refer to them by name."""
    for style in _styles():
        wb.add_named_style(style)
    _ARRAYS[wb] = {}


#: Per workbook: a named style's style array, as openpyxl gives it to a cell.
_ARRAYS: WeakKeyDictionary[Workbook, dict[str, StyleArray]] = WeakKeyDictionary()


def apply(cell: Cell, name: str) -> None:
    """``cell.style = name``, without openpyxl's lookup of the name on every cell.

    Setting ``cell.style`` builds the list of every style name and searches it twice per
    cell (measured: half the case workbook's time); the first cell of each style goes that
    way, the others get a copy of its style array (a copy: cells change theirs in place)."""
    arrays = _ARRAYS.setdefault(cell.parent.parent, {})
    array = arrays.get(name)
    if array is None:
        cell.style = name
        arrays[name] = copy(cell._style)
    else:
        cell._style = StyleArray(array)


def styled_cell(ws: Worksheet, row: int, column: int, name: str, value: object = None) -> Cell:
    """A new cell at (row, column) with the named style (and ``value``): the fast way for
    the many cells of the lines sheet, where ``ws.cell`` plus ``apply`` cost twice as much."""
    array = _ARRAYS.get(ws.parent, {}).get(name)
    if array is None or (row, column) in ws._cells:
        cell = ws.cell(row, column)
        apply(cell, name)
    else:
        cell = Cell(ws, row=row, column=column, style_array=StyleArray(array))
        ws._add_cell(cell)
    if value is not None:
        cell.value = value
    return cell

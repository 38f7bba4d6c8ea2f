"""Structure checks of an uploaded workbook: the meta sheet and the "Indsatser" header.

Problems found here are fatal: when the format, the case or the columns are wrong, reading the
rows would only produce misleading messages, so the import stops with these problems alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cells import shorten
from .layout import (
    FORMAT_NAME,
    HEADER_ROW,
    INPUT_COLUMNS,
    MAX_DEPARTMENTS,
    META_CASE_ID,
    META_CASE_REFERENCE,
    META_FORMAT,
    META_FUNDING_VERSION,
    META_VERSION,
    NAME_DEPARTMENTS,
    SHEET_DEPARTMENTS,
    SHEET_LINES,
    SHEET_META,
    SUM_HEADER,
    col,
)
from .messages import N_, Message
from .model import FORMAT_VERSION, CellProblem, Department, WorkbookImportError
from .vocab import Vocabulary, normalise

_HEADER_FORMULA = re.compile(
    rf"^=\s*T\(\s*INDEX\(\s*{NAME_DEPARTMENTS}\s*,\s*(\d+)\s*\)\s*\)\s*$", re.IGNORECASE
)
_MAX_HEADER_COLS = len(INPUT_COLUMNS) + 2 * MAX_DEPARTMENTS + 10


def _fail(sheet: str, cell: str | None, message: Message) -> WorkbookImportError:
    """An import error with a single problem."""
    return WorkbookImportError([CellProblem(sheet, cell, message)])


#: Format versions the reader still understands (version 1: yearly amounts only).
READABLE_VERSIONS = (1, FORMAT_VERSION)


def read_meta(wb) -> dict[str, tuple[object, int]]:
    """The meta sheet's keys with (value, row)."""
    meta: dict[str, tuple[object, int]] = {}
    rows = wb[SHEET_META].iter_rows(min_row=1, max_row=30, max_col=2, values_only=True)
    for row, (key, value) in enumerate(rows, start=1):
        if isinstance(key, str):
            meta[key] = (value, row)
    return meta


def made_from_version(meta: dict[str, tuple[object, int]]) -> int | None:
    """The funding version the workbook was made from (None: not recorded, or not a number)."""
    value, _row = meta.get(META_FUNDING_VERSION, (None, 0))
    number = as_int(value) if value not in (None, "") else None
    return number if number is not None and number >= 0 else None


def check_meta(wb, expected_case_id: int | None) -> int:
    """Format, version and case of the workbook (its version); raise WorkbookImportError."""
    meta = read_meta(wb)
    fmt, _ = meta.get(META_FORMAT, (None, 1))
    version, version_row = meta.get(META_VERSION, (None, 2))
    if fmt != FORMAT_NAME:
        raise _fail(SHEET_META, None, N_("regnearket er ikke et finansieringsark fra enindgang."))
    if as_int(version) not in READABLE_VERSIONS:
        raise _fail(
            SHEET_META,
            f"B{version_row}",
            N_(
                "regnearket har formatversion %(found)s, men enindgang læser version "
                "%(expected)s. Hent et nyt regneark fra sagen og overfør dine ændringer.",
                found=shorten(str(version)),
                expected=FORMAT_VERSION,
            ),
        )
    if expected_case_id is None:
        return as_int(version)  # type: ignore[return-value]
    case_id, case_row = meta.get(META_CASE_ID, (None, 4))
    reference, _ = meta.get(META_CASE_REFERENCE, ("", 0))
    if case_id is None or case_id == "":
        raise _fail(
            SHEET_META,
            f"B{case_row}",
            N_(
                "regnearket er kommunens tomme skabelon og hører ikke til en sag. Hent sagens "
                "eget regneark og udfyld det."
            ),
        )
    if as_int(case_id) != expected_case_id:
        raise _fail(
            SHEET_META,
            f"B{case_row}",
            N_(
                "regnearket hører til en anden sag (%(reference)s, id %(found)s), ikke til sag "
                "id %(expected)s. Indlæs det på den sag, det er hentet fra.",
                reference=shorten(str(reference or "")),
                found=shorten(str(case_id)),
                expected=expected_case_id,
            ),
        )
    return as_int(version)  # type: ignore[return-value]


def share_columns(
    wb,
    ws,
    departments: Sequence[Department],
    columns: Sequence[tuple[str, str]] = INPUT_COLUMNS,
) -> tuple[dict[int, str | None], int]:
    """Map each share column to a department value (None = unused slot) and find the sum.

    ``columns`` are the input columns of the workbook's format version.
    """
    header = [
        cell
        for row in ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, max_col=_MAX_HEADER_COLS)
        for cell in row
    ]
    problems = []
    for index, (_field, expected) in enumerate(columns, start=1):
        found = header[index - 1].value if index <= len(header) else None
        if normalise(found) != normalise(expected):
            problems.append(
                CellProblem(
                    SHEET_LINES,
                    f"{col(index)}{HEADER_ROW}",
                    N_(
                        "kolonnen skulle hedde »%(expected)s«, men hedder »%(found)s«. "
                        "Kolonner må ikke flyttes eller slettes.",
                        expected=expected,
                        found=shorten(str(found or "")),
                    ),
                )
            )
    first_share = len(columns) + 1
    sums = [
        i
        for i in range(first_share, len(header) + 1)
        if normalise(header[i - 1].value) == normalise(SUM_HEADER)
    ]
    if not sums or sums[0] == first_share:
        problems.append(
            CellProblem(
                SHEET_LINES,
                f"{col(first_share)}{HEADER_ROW}",
                N_("kolonnerne med afdelingernes andele og »%(sum)s« mangler.", sum=SUM_HEADER),
            )
        )
        raise WorkbookImportError(problems)
    sum_col = sums[0]

    slots = _department_slots(wb)
    depts = Vocabulary(departments)
    mapping: dict[int, str | None] = {}
    seen: dict[str, str] = {}
    for index in range(first_share, sum_col):
        address = f"{col(index)}{HEADER_ROW}"
        key, label = _header_department(header[index - 1], slots, address, problems)
        if key is None and not label:
            mapping[index] = None  # unused slot; a value in it is reported per row
            continue
        value = key if key in depts.shown else depts.find(label)
        if value is None:
            names = ", ".join(depts.shown.values())
            message = N_(
                "»%(name)s« er ikke en kendt afdeling (kendte: %(known)s).",
                name=shorten(label or key or ""),
                known=names,
            )
        elif value in seen:
            message = N_(
                "afdelingen »%(name)s« har også kolonnen %(column)s.",
                name=depts.label(value),
                column=seen[value],
            )
        else:
            seen[value] = address
            mapping[index] = value
            continue
        problems.append(CellProblem(SHEET_LINES, address, message))
    if problems:
        raise WorkbookImportError(problems)
    return mapping, sum_col


def _department_slots(wb) -> list[tuple[object, object]]:
    """(key, name) rows of "Afdelinger", used to resolve the blank tool's header formulas."""
    if SHEET_DEPARTMENTS not in wb.sheetnames:
        return []
    rows = wb[SHEET_DEPARTMENTS].iter_rows(
        min_row=2, max_row=1 + MAX_DEPARTMENTS, max_col=2, values_only=True
    )
    return [(row[0], row[1]) for row in rows]


def _header_department(cell, slots, address, problems) -> tuple[str | None, str]:
    """(department key or None, label) named by one share header cell."""
    value = cell.value
    if cell.data_type != "f":
        return None, str(value).strip() if value is not None else ""
    match = _HEADER_FORMULA.match(str(value))
    slot = int(match.group(1)) if match else 0
    if not 1 <= slot <= len(slots):
        problems.append(CellProblem(SHEET_LINES, address, N_("overskriften er en ukendt formel.")))
        return None, ""
    key, label = slots[slot - 1]
    key = str(key).strip() if key not in (None, "") else None
    return key, str(label).strip() if label is not None else ""


def as_int(value: object) -> int | None:
    """An integer from a meta cell (int, integral float or digit text), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None

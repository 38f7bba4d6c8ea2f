"""Saving and reading a case's funding split, its workbook, totals and history.

Plain data in, models out; functions flush and the caller commits (or rolls back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.database import utcnow
from app.extensions import db
from app.followup.services import refresh_next_follow_up
from app.funding import lines as fl
from app.funding.chart import Slice, pie_slices
from app.funding.criteria import criteria as joint_criteria
from app.funding.diff import LineChange, diff_lines
from app.funding.vocab import FundingVocab
from app.models import Case, FundingSource, FundingVersion, User
from app.vocabularies.services import load_vocabularies
from app.web.i18n import current_zone
from excel_tools import (
    DEFAULT_MAX_BYTES,
    CaseInfo,
    FundingLine,
    build_blank_workbook,
    build_case_workbook,
    calc,
    read_case_workbook,
)
from excel_tools.layout import MAX_YEAR, MIN_YEAR

#: Versions whose changes the case page shows (the history page shows them all).
RECENT_VERSIONS = 5
#: "Keep what the current version has" for a save that does not mention a setting.
KEEP: Any = object()


class ConflictError(Exception):
    """Someone saved the split after the version the user started from."""

    def __init__(self, current: FundingVersion | None):
        super().__init__("conflict")
        self.current = current


class StaleWorkbookError(ConflictError):
    """An uploaded workbook was made from an older version than the one saved now: applying
    it would silently undo the newer changes."""

    def __init__(self, current: FundingVersion | None, made_from: int):
        super().__init__(current)
        self.made_from = made_from


@dataclass
class SaveResult:
    """The outcome of a save: the current version, what changed, whether a version was added."""

    version: FundingVersion | None
    changes: list[LineChange]
    created: bool


@dataclass
class DepartmentTotal:
    """What one department pays: in the year and over the whole period, kr. and percent."""

    key: str
    label: str
    year_amount: Decimal
    year_percent: Decimal
    period_amount: Decimal
    period_percent: Decimal


@dataclass
class Totals:
    """Department totals of a set of lines for one year, with the pie chart's slices."""

    year: int
    rows: list[DepartmentTotal]
    year_total: Decimal
    period_total: Decimal
    slices: list[Slice] = field(default_factory=list)


def funding_vocab() -> FundingVocab:
    """The municipality's departments, interventions, paragraphs and authority levels."""
    return FundingVocab.from_vocabularies(load_vocabularies())


def upload_limit() -> int:
    """Bytes an uploaded workbook may have: the app's request limit or the reader's, if less."""
    configured = current_app.config.get("MAX_CONTENT_LENGTH") or DEFAULT_MAX_BYTES
    return min(configured, DEFAULT_MAX_BYTES)


def this_year() -> int:
    """The current calendar year (the default year of totals and workbooks)."""
    return date.today().year


def valid_year(value: object, default: int | None = None) -> int:
    """A year from user input within the workbook's range, else the default (this year)."""
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        return default or this_year()
    return year if MIN_YEAR <= year <= MAX_YEAR else default or this_year()


# Versions ------------------------------------------------------------------------------------


def current_version(case: Case) -> FundingVersion | None:
    """The newest saved version of the case's split, if any."""
    return db.session.scalar(
        select(FundingVersion)
        .where(FundingVersion.case_id == case.id)
        .order_by(FundingVersion.version.desc())
        .limit(1)
    )


def version_lines(version: FundingVersion | None) -> list[FundingLine]:
    """The lines of a version (none for no version)."""
    return [fl.from_stored(item) for item in version.lines] if version else []


def current_lines(case: Case) -> list[FundingLine]:
    """The case's current lines."""
    return version_lines(current_version(case))


def history(case: Case, limit: int | None = None) -> list[FundingVersion]:
    """Saved versions, newest first."""
    query = (
        select(FundingVersion)
        .where(FundingVersion.case_id == case.id)
        .order_by(FundingVersion.version.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def get_version(case: Case, number: int) -> FundingVersion | None:
    """One saved version of the case's split."""
    return db.session.scalar(
        select(FundingVersion).where(
            FundingVersion.case_id == case.id, FundingVersion.version == number
        )
    )


def history_with_changes(
    case: Case, vocab: FundingVocab, limit: int | None = None
) -> list[tuple[FundingVersion, list[LineChange]]]:
    """Versions (newest first) with what changed from the version before each."""
    versions = history(case, None if limit is None else limit + 1)
    departments = vocab.department_values()
    result = []
    for index, version in enumerate(versions[: limit or len(versions)]):
        before = versions[index + 1] if index + 1 < len(versions) else None
        if before is None and version.version > 1:
            before = get_version(case, version.version - 1)
        changes = diff_lines(version_lines(before), version_lines(version), departments)
        result.append((version, changes))
    return result


def save_lines(
    user: User,
    case: Case,
    lines: Sequence[FundingLine],
    *,
    base_version: int | None,
    source: FundingSource,
    vocab: FundingVocab,
    review_date: date | None = KEEP,
    criteria_met: list[str] | None = KEEP,
) -> SaveResult:
    """Store validated lines as the case's next version (nothing if they did not change).

    ``base_version`` is the version the user edited (None or 0 before the first save); a
    mismatch, or another save of the same number in between, raises ConflictError. The
    split's review date and the joint-funding criteria met are kept from the current version
    unless given (a workbook or an older API client does not mention them).
    """
    departments = vocab.department_values()
    current = current_version(case)
    number = current.version if current else 0
    if (base_version or 0) != number:
        raise ConflictError(current)
    new_lines = [fl.normalised(line, departments) for line in lines]
    old_lines = version_lines(current)
    old_review = current.review_date if current else None
    old_met = sorted(current.criteria_met or []) if current else []
    review = old_review if review_date is KEEP else review_date
    met = old_met if criteria_met is KEEP else sorted(set(criteria_met or []))
    if new_lines == old_lines and review == old_review and met == old_met:
        return SaveResult(current, [], False)
    version = FundingVersion(
        case_id=case.id,
        version=number + 1,
        lines=[fl.to_stored(line) for line in new_lines],
        review_date=review,
        criteria_met=met,
        source=source.value,
        saved_at=utcnow(),
        saved_by_id=user.id,
    )
    try:
        with db.session.begin_nested():  # a concurrent save of the same number loses here
            db.session.add(version)
            db.session.flush()
    except IntegrityError:
        raise ConflictError(None) from None
    case.updated_at = version.saved_at
    db.session.flush()
    audit.record(
        "funding_saved",
        case,
        actor=user,
        version=version.version,
        source=source.value,
        lines=len(new_lines),
    )
    refresh_next_follow_up(case)  # the lines' paragraphs and starts are cadence inputs
    return SaveResult(version, diff_lines(old_lines, new_lines, departments), True)


def save_raw(
    user: User,
    case: Case,
    raw_lines: Any,
    *,
    base_version: int | None,
    source: FundingSource,
    review_date: Any = KEEP,
    criteria_met: list[str] | None = KEEP,
) -> SaveResult:
    """Validate raw lines as the API sends them and save; raises LinesInvalid.

    ``review_date`` is an ISO date text, None to clear it, or KEEP; ``criteria_met`` keys
    of the municipality's criteria (unknown keys are refused).
    """
    vocab = funding_vocab()
    errors: dict[str, list[str]] = {}
    try:
        lines = fl.validate_lines(raw_lines, vocab)
    except fl.LinesInvalid as error:
        errors.update(error.errors)
    if review_date is not KEEP and review_date is not None:
        try:
            review_date = fl.parse_api_date(review_date)
        except ValueError as exc:
            errors["review_date"] = [_("Revisionsdatoen %(reason)s.", reason=exc)]
    if criteria_met is not KEEP and not isinstance(criteria_met, list | None):
        errors["criteria_met"] = [_("Skal være en liste af nøgler.")]
    elif criteria_met is not KEEP:
        known = {item["key"] for item in joint_criteria()}
        unknown = [key for key in criteria_met or [] if key not in known]
        if unknown:
            errors["criteria_met"] = [
                _("Ukendte kriterier: %(keys)s.", keys=", ".join(map(str, unknown)))
            ]
    if errors:
        raise fl.LinesInvalid(errors)
    return save_lines(
        user,
        case,
        lines,
        base_version=base_version,
        source=source,
        vocab=vocab,
        review_date=review_date,
        criteria_met=criteria_met,
    )


# Workbooks -----------------------------------------------------------------------------------


def case_info(case: Case) -> CaseInfo:
    """The case as the workbook names it, with the funding version its lines come from."""
    current = current_version(case)
    return CaseInfo(case.id, case.reference, case.title, current.version if current else 0)


def case_workbook(case: Case, year: int, made_at: datetime | None = None) -> bytes:
    """The case's funding workbook (.xlsx) with its current lines, totals for ``year``."""
    vocab = funding_vocab()
    lines = current_lines(case)
    return build_case_workbook(
        case_info(case),
        vocab.excel_departments(),
        vocab.excel_items("intervention", keep=[line.intervention for line in lines]),
        vocab.excel_items("paragraph", keep=[line.paragraph for line in lines]),
        lines,
        year=year,
        made_at=made_at or utcnow(),
        zone=current_zone(),
        authority_levels=vocab.excel_items("authority_level"),
    )


def blank_workbook(year: int, made_at: datetime | None = None) -> bytes:
    """The municipality's blank funding tool (.xlsx)."""
    vocab = funding_vocab()
    return build_blank_workbook(
        vocab.excel_departments(),
        vocab.excel_items("intervention", keep=()),
        vocab.excel_items("paragraph", keep=()),
        year=year,
        made_at=made_at or utcnow(),
        zone=current_zone(),
        authority_levels=vocab.excel_items("authority_level"),
    )


def import_workbook(
    user: User,
    case: Case,
    data: bytes,
    *,
    filename: str | None,
    base_version: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SaveResult:
    """Read an uploaded workbook (values only; the file is never stored) and save its lines.

    Raises WorkbookImportError with every problem; StaleWorkbookError when the workbook was
    made from an older funding version than the current one (someone saved after it was
    downloaded: applying it would undo their change without a word) unless it holds exactly
    the current lines (then nothing changes); ConflictError when
    ``base_version`` is given and someone saved since. A workbook that does not record its
    version (made before workbooks did) is checked against ``base_version`` only.
    """
    vocab = funding_vocab()
    workbook = read_case_workbook(
        data,
        expected_case_id=case.id,
        departments=vocab.excel_departments(),
        interventions=vocab.excel_items("intervention"),
        paragraphs=vocab.excel_items("paragraph"),
        authority_levels=vocab.excel_items("authority_level"),
        max_rows=fl.MAX_LINES,
        max_bytes=max_bytes,
        filename=filename,
    )
    current = current_version(case)
    now = current.version if current else 0
    if base_version is not None and base_version != now:
        raise ConflictError(current)  # the page the upload came from is out of date
    if workbook.funding_version is not None and workbook.funding_version != now:
        departments = vocab.department_values()
        if [fl.normalised(line, departments) for line in workbook.lines] == version_lines(current):
            return SaveResult(current, [], False)  # it holds what is saved now: nothing undone
        raise StaleWorkbookError(current, workbook.funding_version)
    if base_version is None:
        base_version = workbook.funding_version if workbook.funding_version is not None else now
    return save_lines(
        user,
        case,
        workbook.lines,
        base_version=base_version,
        source=FundingSource.EXCEL,
        vocab=vocab,
    )


# Totals --------------------------------------------------------------------------------------


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in percent (0 when there is nothing)."""
    return part / whole * 100 if whole else Decimal(0)


def department_totals(
    lines: Sequence[FundingLine], vocab: FundingVocab, year: int, locale: str = "da"
) -> Totals:
    """What each department pays in ``year`` and over the whole period (calc.py's rules)."""
    keys = vocab.department_values()
    keys += sorted({dept for line in lines for dept in line.shares} - set(keys))
    for_year = calc.totals_for_year(lines, keys, year)
    for_period = calc.totals_for_period(lines, keys, year)
    year_total = sum(for_year.values(), Decimal(0))
    period_total = sum(for_period.values(), Decimal(0))
    rows = [
        DepartmentTotal(
            key=key,
            label=vocab.label("shares", key, locale),
            year_amount=for_year[key],
            year_percent=_percent(for_year[key], year_total),
            period_amount=for_period[key],
            period_percent=_percent(for_period[key], period_total),
        )
        for key in keys
    ]
    slices = pie_slices([(row.key, row.label, row.year_amount) for row in rows])
    return Totals(year, rows, year_total, period_total, slices)


def line_amounts(line: FundingLine, year: int) -> tuple[Decimal, Decimal]:
    """A line's cost in ``year`` and over its whole period (all departments together)."""
    return calc.line_in_year(line, year), calc.line_in_period(line, year)

"""Every current funding line of the cases a user may see: totals per year and the workbook.

Also answers where a vocabulary key is still used by a current split, so that removing a
department, intervention, paragraph or authority level that a case still uses is refused.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import IO

from flask_babel import gettext as _
from sqlalchemy import Select, and_, func, select

from app.authz import Action, can, visible_cases_filter
from app.database import utcnow
from app.extensions import db
from app.funding.lines import from_stored
from app.funding.vocab import FIELD_OF_VOCABULARY, FundingVocab
from app.models import Case, FundingVersion, User
from app.web.i18n import current_zone
from excel_tools import PortfolioRow, calc, write_portfolio_workbook
from excel_tools.portfolio import portfolio_years


@dataclass
class PortfolioTotals:
    """Amount per department per year over a portfolio, and what it covers."""

    years: list[int]
    rows: list[tuple[str, str, dict[int, Decimal]]]  # (key, label, year → amount)
    year_totals: dict[int, Decimal]
    cases: int
    lines: int


def _current_versions() -> Select:
    """SELECT (FundingVersion, Case) of every case's newest version."""
    newest = (
        select(FundingVersion.case_id, func.max(FundingVersion.version).label("newest"))
        .group_by(FundingVersion.case_id)
        .subquery()
    )
    return (
        select(FundingVersion, Case)
        .join(
            newest,
            and_(
                FundingVersion.case_id == newest.c.case_id,
                FundingVersion.version == newest.c.newest,
            ),
        )
        .join(Case, Case.id == FundingVersion.case_id)
        .order_by(Case.reference)
    )


def portfolio_rows(user: User) -> list[PortfolioRow]:
    """Every current line of every case whose funding the user may see."""
    rows = []
    query = _current_versions().where(visible_cases_filter(user))
    for version, case in db.session.execute(query):
        if not can(user, Action.VIEW_FUNDING, case):
            continue
        rows.extend(
            PortfolioRow(
                case.id, case.reference, case.title, from_stored(item), version.review_date
            )
            for item in version.lines
        )
    return rows


@dataclass(frozen=True)
class Review:
    """A case's split with the date it is to be reviewed by."""

    case_id: int
    reference: str
    title: str
    review_date: date
    overdue: bool


def reviews(rows: list[PortfolioRow], today: date) -> list[Review]:
    """The splits with a review date, soonest first (one per case)."""
    seen: dict[int, Review] = {}
    for row in rows:
        if row.review_date is not None and row.case_id not in seen:
            seen[row.case_id] = Review(
                row.case_id,
                row.case_reference,
                row.case_title,
                row.review_date,
                row.review_date < today,
            )
    return sorted(seen.values(), key=lambda review: (review.review_date, review.reference))


def portfolio_case_ids(rows: list[PortfolioRow]) -> list[int]:
    """The ids of the cases a portfolio covers, each once, in order."""
    return sorted({row.case_id for row in rows})


def portfolio_totals(
    rows: list[PortfolioRow], vocab: FundingVocab, horizon: int, locale: str = "da"
) -> PortfolioTotals:
    """Totals per department and year (the same sums as the workbook's "Totaler" sheet)."""
    years = portfolio_years(rows, horizon)
    keys = vocab.department_values()
    sums: dict[str, dict[int, Decimal]] = {key: {} for key in keys}
    for row in rows:
        line = row.line
        for dept in line.shares:
            per_year = sums.setdefault(dept, {})
            for year in years:  # calc.booked: a one-off amount falls in its start year only
                amount = calc.amount_in_year(line, dept, year)
                if amount:
                    per_year[year] = per_year.get(year, Decimal(0)) + amount
    table = [
        (key, vocab.label("shares", key, locale), {y: per_year.get(y, Decimal(0)) for y in years})
        for key, per_year in sums.items()
    ]
    year_totals = {y: sum((amounts[y] for _k, _l, amounts in table), Decimal(0)) for y in years}
    return PortfolioTotals(years, table, year_totals, len({row.case_id for row in rows}), len(rows))


def portfolio_workbook(
    rows: list[PortfolioRow], vocab: FundingVocab, made_at: datetime | None = None
) -> bytes:
    """The controllers' portfolio workbook (.xlsx) of the given rows."""
    out = BytesIO()
    write_portfolio_file(out, rows, vocab, made_at)
    return out.getvalue()


def portfolio_file(rows: list[PortfolioRow], vocab: FundingVocab) -> IO[bytes]:
    """The portfolio workbook in a temporary file, rewound, for a streamed download (a
    100,000-line portfolio is tens of MB; the response reads it from disk in chunks)."""
    out = tempfile.TemporaryFile()
    try:
        write_portfolio_file(out, rows, vocab)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def write_portfolio_file(
    out: IO[bytes], rows: list[PortfolioRow], vocab: FundingVocab, made_at: datetime | None = None
) -> None:
    """Write the portfolio workbook of ``rows`` to ``out``."""
    write_portfolio_workbook(
        out,
        rows,
        vocab.excel_departments(),
        made_at=made_at or utcnow(),
        zone=current_zone(),
        interventions=vocab.excel_items("intervention"),
        paragraphs=vocab.excel_items("paragraph"),
    )


def _uses(line_data: dict, field: str, key: str) -> bool:
    """True when a stored line uses the vocabulary key in ``field``."""
    if field == "shares":
        return key in (line_data.get("shares") or {})
    return line_data.get(field) == key


def vocabulary_usages(vocabulary: str, key: str, limit: int = 10) -> Iterator[str]:
    """Readable places where a current funding split uses a vocabulary key."""
    field = FIELD_OF_VOCABULARY.get(vocabulary)
    if field is None or limit <= 0:
        return
    found = 0
    for version, case in db.session.execute(_current_versions()):
        numbers = [n for n, item in enumerate(version.lines, 1) if _uses(item, field, key)]
        if numbers:
            which = ", ".join(str(n) for n in numbers[:5]) + (" …" if len(numbers) > 5 else "")
            yield _(
                "sag %(reference)s: finansiering, linje %(lines)s",
                reference=case.reference,
                lines=which,
            )
            found += 1
            if found >= limit:
                return

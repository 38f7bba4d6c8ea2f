"""Check and clean everything before a single cell is written.

Texts are cleaned of control characters and measured here, so an over-long text is refused
with a clear message instead of producing a broken or truncated workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from app.text import clean_text

from .cells import length_problem
from .layout import (
    BLANK_SPARE_DEPARTMENTS,
    FIELD_HEADERS,
    MAX_DEPARTMENTS,
    MAX_YEAR,
    MIN_YEAR,
    TEXT_LIMITS,
)
from .model import CaseInfo, Department, FundingLine, VocabItem, WorkbookBuildError
from .vocab import Vocabulary, display_labels


@dataclass
class PreparedLine:
    """A funding line with its texts cleaned and vocabulary values turned into labels."""

    line: FundingLine
    intervention: str
    paragraph: str
    description: str
    authority_level: str
    notes: str


@dataclass
class Prepared:
    """Everything the sheet writers need, already checked."""

    case: CaseInfo | None
    reference: str
    title: str
    departments: list[Department]
    slots: int
    interventions: list[str]
    paragraphs: list[str]
    authority_levels: list[str] | None
    lines: list[PreparedLine]
    year: int
    made_at: datetime
    #: The time zone "made at" is shown in (None: app.formatting's default, Copenhagen).
    zone: str | tzinfo | None = None


class _Checker:
    """Collects every text problem so the caller sees them all at once."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def text(self, value: str | None, limit_key: str, where: str) -> str:
        """Clean ``value`` and record a problem if it is too long."""
        cleaned = clean_text(value or "")
        problem = length_problem(cleaned, TEXT_LIMITS[limit_key])
        if problem:
            self.errors.append(f"{where}: {problem}")
        return cleaned

    def vocabulary(self, vocab: Vocabulary | None, where: str) -> list[str] | None:
        """Cleaned labels of a vocabulary as the drop-down shows them."""
        if vocab is None:
            return None
        return [
            self.text(label, "vocabulary", f"{where} '{value}'")
            for value, label in vocab.shown.items()
        ]


def _vocabulary(items: Sequence[VocabItem] | None) -> Vocabulary | None:
    """The vocabulary, or None when there is none (free text)."""
    return Vocabulary(items) if items is not None else None


def _shown(vocab: Vocabulary | None, value: str | None) -> str:
    """The label a stored value is shown with (free text when there is no vocabulary)."""
    if vocab is None:
        return value or ""
    return vocab.label(value)


def prepare(
    case: CaseInfo | None,
    departments: Iterable[Department],
    interventions: Sequence[VocabItem],
    paragraphs: Sequence[VocabItem],
    authority_levels: Sequence[VocabItem] | None,
    lines: Iterable[FundingLine],
    *,
    year: int,
    made_at: datetime,
    zone: str | tzinfo | None = None,
) -> Prepared:
    """Validate and clean the input of a case or blank workbook; raise WorkbookBuildError."""
    check = _Checker()
    vocabs = {
        "intervention": _vocabulary(interventions),
        "paragraph": _vocabulary(paragraphs),
        "authority_level": _vocabulary(authority_levels),
    }
    if not MIN_YEAR <= year <= MAX_YEAR:
        check.errors.append(f"Året skal ligge mellem {MIN_YEAR} og {MAX_YEAR}, ikke {year}")
    departments = list(departments)
    shown = display_labels(departments)
    depts = [
        Department(d.value, check.text(shown[d.value], "department", f"Afdeling '{d.value}'"))
        for d in departments
    ]
    if not depts:
        check.errors.append("Der skal være mindst én afdeling")
    if len(depts) > MAX_DEPARTMENTS:
        check.errors.append(f"Højst {MAX_DEPARTMENTS} afdelinger, ikke {len(depts)}")
    known = {d.value for d in depts}
    if len(known) != len(depts):
        check.errors.append("To afdelinger har samme nøgle")

    reference = title = ""
    if case is not None:
        reference = check.text(case.reference, "case_reference", "Sagens reference")
        title = check.text(case.title, "case_title", "Sagens titel")

    prepared_lines = []
    for number, line in enumerate(lines, start=1):
        where = f"Linje {number}"
        unknown = sorted(set(line.shares) - known)
        if unknown:
            check.errors.append(f"{where}: andel til ukendt afdeling {', '.join(unknown)}")
        prepared_lines.append(
            PreparedLine(
                line=line,
                intervention=check.text(
                    _shown(vocabs["intervention"], line.intervention),
                    "intervention",
                    f"{where}, {FIELD_HEADERS['intervention']}",
                ),
                paragraph=check.text(
                    _shown(vocabs["paragraph"], line.paragraph),
                    "paragraph",
                    f"{where}, {FIELD_HEADERS['paragraph']}",
                ),
                description=check.text(
                    line.description, "description", f"{where}, {FIELD_HEADERS['description']}"
                ),
                authority_level=check.text(
                    _shown(vocabs["authority_level"], line.authority_level),
                    "authority_level",
                    f"{where}, {FIELD_HEADERS['authority_level']}",
                ),
                notes=check.text(line.notes, "notes", f"{where}, {FIELD_HEADERS['notes']}"),
            )
        )

    prepared = Prepared(
        case=case,
        reference=reference,
        title=title,
        departments=depts,
        # The blank tool leaves empty slots so a municipality can add departments itself.
        slots=(
            len(depts)
            if case is not None
            else max(len(depts), min(len(depts) + BLANK_SPARE_DEPARTMENTS, MAX_DEPARTMENTS))
        ),
        interventions=check.vocabulary(vocabs["intervention"], "Indsats") or [],
        paragraphs=check.vocabulary(vocabs["paragraph"], "Paragraf") or [],
        authority_levels=check.vocabulary(vocabs["authority_level"], "Beslutningsniveau"),
        lines=prepared_lines,
        year=year,
        made_at=made_at,
        zone=zone,
    )
    if check.errors:
        raise WorkbookBuildError(check.errors)
    return prepared

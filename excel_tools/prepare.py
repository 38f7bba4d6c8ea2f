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
from .costs import COST_KIND_LABELS, QUANTITY_UNIT_LABELS
from .layout import (
    BLANK_SPARE_DEPARTMENTS,
    FIELD_HEADERS,
    MAX_DEPARTMENTS,
    MAX_YEAR,
    MIN_YEAR,
    TEXT_LIMITS,
)
from .messages import N_, Message
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
    split_reason: str = ""
    cost_kind: str = ""
    quantity_unit: str = ""


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
        self.errors: list[Message] = []

    def text(self, value: str | None, limit_key: str, where: Message) -> str:
        """Clean ``value`` and record a problem if it is too long."""
        cleaned = clean_text(value or "")
        problem = length_problem(cleaned, TEXT_LIMITS[limit_key])
        if problem:
            self.errors.append(N_("%(where)s: %(problem)s", where=where, problem=problem))
        return cleaned

    def vocabulary(self, vocab: Vocabulary | None, where: Message) -> list[str] | None:
        """Cleaned labels of a vocabulary as the drop-down shows them."""
        if vocab is None:
            return None
        return [
            self.text(label, "vocabulary", N_("%(list)s '%(value)s'", list=where, value=value))
            for value, label in vocab.shown.items()
        ]


class _LineColumn:
    """Names a column of one line in a message: "Linje 3, Indsats" (the workbook's header)."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __call__(self, field: str) -> Message:
        """The place of ``field`` on this line."""
        return N_("Linje %(number)s, %(column)s", number=self.number, column=FIELD_HEADERS[field])


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
        check.errors.append(
            N_(
                "Året skal ligge mellem %(first)s og %(last)s, ikke %(year)s",
                first=MIN_YEAR,
                last=MAX_YEAR,
                year=year,
            )
        )
    departments = list(departments)
    shown = display_labels(departments)
    depts = [
        Department(
            d.value,
            check.text(shown[d.value], "department", N_("Afdeling '%(key)s'", key=d.value)),
        )
        for d in departments
    ]
    if not depts:
        check.errors.append(N_("Der skal være mindst én afdeling"))
    if len(depts) > MAX_DEPARTMENTS:
        check.errors.append(
            N_("Højst %(max)s afdelinger, ikke %(count)s", max=MAX_DEPARTMENTS, count=len(depts))
        )
    known = {d.value for d in depts}
    if len(known) != len(depts):
        check.errors.append(N_("To afdelinger har samme nøgle"))

    reference = title = ""
    if case is not None:
        reference = check.text(case.reference, "case_reference", N_("Sagens reference"))
        title = check.text(case.title, "case_title", N_("Sagens titel"))

    prepared_lines = []
    for number, line in enumerate(lines, start=1):
        where = _LineColumn(number)
        unknown = sorted(set(line.shares) - known)
        if unknown:
            check.errors.append(
                N_(
                    "Linje %(number)s: andel til ukendt afdeling %(keys)s",
                    number=number,
                    keys=", ".join(unknown),
                )
            )
        prepared_lines.append(
            PreparedLine(
                line=line,
                intervention=check.text(
                    _shown(vocabs["intervention"], line.intervention),
                    "intervention",
                    where("intervention"),
                ),
                paragraph=check.text(
                    _shown(vocabs["paragraph"], line.paragraph),
                    "paragraph",
                    where("paragraph"),
                ),
                description=check.text(line.description, "description", where("description")),
                authority_level=check.text(
                    _shown(vocabs["authority_level"], line.authority_level),
                    "authority_level",
                    where("authority_level"),
                ),
                notes=check.text(line.notes, "notes", where("notes")),
                split_reason=check.text(line.split_reason, "split_reason", where("split_reason")),
                cost_kind=str(COST_KIND_LABELS.get(line.cost_kind, line.cost_kind)),
                quantity_unit=str(QUANTITY_UNIT_LABELS.get(line.quantity_unit or "", "")),
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
        interventions=check.vocabulary(vocabs["intervention"], N_("Indsats")) or [],
        paragraphs=check.vocabulary(vocabs["paragraph"], N_("Paragraf")) or [],
        authority_levels=check.vocabulary(vocabs["authority_level"], N_("Beslutningsniveau")),
        lines=prepared_lines,
        year=year,
        made_at=made_at,
        zone=zone,
    )
    if check.errors:
        raise WorkbookBuildError(check.errors)
    return prepared

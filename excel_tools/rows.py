"""Validation of one "Indsatser" row into a FundingLine, collecting cell-addressed problems."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.formatting import NUMERIC_DATE, format_date, format_number

from . import calc, costs
from .cells import length_problem, shorten
from .layout import (
    INPUT_COLUMNS,
    MAX_ANNUAL_COST,
    MAX_SHARE,
    SHEET_LINES,
    TEXT_LIMITS,
    col,
)
from .messages import N_
from .model import CellProblem, FundingLine, VocabItem
from .values import ValueProblem, as_date, as_decimal, as_text, is_blank
from .vocab import Vocabulary

#: Past this many problems the report stops growing; nobody fixes 25,000 messages one by one.
MAX_PROBLEMS = 1000
#: Highest quantity a cell may hold before the unit's own limit is checked.
MAX_QUANTITY = Decimal(99999)
_COST_KINDS = Vocabulary(
    [VocabItem(value, str(label)) for value, label in costs.COST_KIND_LABELS.items()]
)
_UNITS = Vocabulary(
    [VocabItem(value, str(label)) for value, label in costs.QUANTITY_UNIT_LABELS.items()]
)
_BAD = object()  # marks a cell already reported (formula or error value)
# Whole sentences per column, so that a translation never has to inflect a noun put in a slot.
_CHOOSE = {
    "intervention": N_("vælg en indsats fra listen"),
    "paragraph": N_("vælg en paragraf fra listen"),
    "authority_level": N_("vælg et beslutningsniveau fra listen"),
}
_UNKNOWN = {
    "intervention": lambda text: N_(
        "»%(text)s« er ikke en kendt indsats; vælg en fra listen", text=text
    ),
    "paragraph": lambda text: N_(
        "»%(text)s« er ikke en kendt paragraf; vælg en fra listen", text=text
    ),
    "authority_level": lambda text: N_(
        "»%(text)s« er ikke et kendt beslutningsniveau; vælg et fra listen", text=text
    ),
}


class RowReader:
    """Reads rows one at a time and keeps every problem found."""

    def __init__(
        self, interventions: Vocabulary, paragraphs: Vocabulary, authority_levels: Vocabulary | None
    ) -> None:
        """Vocabularies to check drop-down columns against (authority optional)."""
        self.vocab = {
            "intervention": interventions,
            "paragraph": paragraphs,
            "authority_level": authority_levels,
        }
        self.problems: list[CellProblem] = []
        self.use_columns(INPUT_COLUMNS)

    def use_columns(self, columns) -> None:
        """Read rows laid out in ``columns`` (the input columns of the file's version)."""
        self.columns = {field: index for index, (field, _header) in enumerate(columns, start=1)}

    @property
    def full(self) -> bool:
        """True when the report has reached MAX_PROBLEMS."""
        return len(self.problems) >= MAX_PROBLEMS

    def _add(self, column: int, row: int, message: str) -> None:
        """Record one problem (the last slot says that more were left out)."""
        if len(self.problems) == MAX_PROBLEMS - 1:
            message = N_(
                "%(message)s (flere fejl er udeladt; ret disse og indlæs igen)", message=message
            )
        if not self.full:
            self.problems.append(CellProblem(SHEET_LINES, f"{col(column)}{row}", message))

    def _raw(self, cell, column: int, row: int) -> object:
        """Cell value, or _BAD after reporting a formula or error value in an input cell."""
        if cell.data_type == "f":
            self._add(
                column,
                row,
                N_(
                    "cellen indeholder en formel (%(formula)s); skriv selve værdien",
                    formula=shorten(str(cell.value)),
                ),
            )
            return _BAD
        if cell.data_type == "e":
            self._add(
                column,
                row,
                N_("cellen indeholder fejlværdien %(value)s", value=shorten(str(cell.value))),
            )
            return _BAD
        return cell.value

    def read(
        self, row: int, cells, share_columns: dict[int, str | None], sum_col: int
    ) -> FundingLine | None:
        """The row as a FundingLine, or None after recording its problems."""
        before = len(self.problems)
        raw = {field: self._raw(cells[i - 1], i, row) for field, i in self.columns.items()}
        intervention = self._choice(raw, "intervention", row, required=True)
        paragraph = self._choice(raw, "paragraph", row, required=True)
        authority = self._choice(raw, "authority_level", row, required=False)
        description = self._text(raw, "description", row)
        notes = self._text(raw, "notes", row)
        split_reason = self._text(raw, "split_reason", row) if "split_reason" in raw else ""
        kind, cost, quantity, unit = self._cost(raw, row)
        start = self._parse(raw, "start", row, N_("udfyld startdatoen (dd-mm-åååå)"), as_date)
        end = self._parse(raw, "end", row, None, as_date)
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self._add(
                self.columns["end"],
                row,
                N_(
                    "slutdatoen %(end)s ligger før startdatoen %(start)s",
                    end=format_date(end, NUMERIC_DATE),
                    start=format_date(start, NUMERIC_DATE),
                ),
            )
        shares = self._shares(cells, row, share_columns, sum_col)
        if len(self.problems) > before:
            return None
        return FundingLine(
            intervention=intervention or "",
            paragraph=paragraph or "",
            description=description,
            annual_cost=None,
            start=start,
            end=end,
            authority_level=authority or None,
            shares=shares,
            notes=notes,
            cost_kind=kind,
            amount=cost,
            quantity=quantity,
            quantity_unit=unit,
            split_reason=split_reason,
        )

    def _cost(self, raw, row: int):
        """(cost kind, amount, quantity, unit) of a row; a version-1 row is yearly."""
        money = lambda v: as_decimal(v, minimum=Decimal(0), maximum=MAX_ANNUAL_COST)  # noqa: E731
        if "cost_kind" not in raw:
            required = N_("udfyld den årlige udgift i kr.")
            return costs.YEARLY, self._parse(raw, "annual_cost", row, required, money), None, None
        kind = self._cost_choice(raw, "cost_kind", row, _COST_KINDS) or costs.YEARLY
        amount = self._parse(raw, "amount", row, N_("udfyld beløbet i kr."), money)
        quantity = self._parse(
            raw,
            "quantity",
            row,
            None,
            lambda v: as_decimal(v, minimum=Decimal(0), maximum=MAX_QUANTITY),
        )
        unit = self._cost_choice(raw, "quantity_unit", row, _UNITS)
        quantity_failed = not is_blank(raw["quantity"]) and quantity is None
        if raw["cost_kind"] is not _BAD and raw["quantity"] is not _BAD and not quantity_failed:
            for field, message in costs.check_cost(kind, quantity, unit):
                self._add(self.columns[field], row, message)
        return kind, amount, quantity, unit

    def _cost_choice(self, raw, field: str, row: int, vocab: Vocabulary) -> str | None:
        """A cost kind or quantity unit by its label or value (blank: None)."""
        value = raw[field]
        if value is _BAD or is_blank(value):
            return None
        found = vocab.find(as_text(value))
        if found is None:
            self._add(
                self.columns[field],
                row,
                N_(
                    "»%(text)s« er ikke en af mulighederne (%(choices)s); vælg fra listen",
                    text=shorten(as_text(value)),
                    choices=", ".join(vocab.shown.values()),
                ),
            )
        return found

    def _choice(self, raw, field: str, row: int, *, required: bool) -> str | None:
        """A drop-down column: label or value from the vocabulary (free text if none given)."""
        value = raw[field]
        if value is _BAD:
            return None
        text = as_text(value).strip()
        if not text:
            if required:
                self._add(self.columns[field], row, _CHOOSE[field])
            return None
        vocab = self.vocab[field]
        if vocab is None:
            text = as_text(value)  # free text: kept exactly, like description and notes
        problem = length_problem(text, TEXT_LIMITS[field])
        if problem:
            self._add(self.columns[field], row, problem)
            return None
        if vocab is None:
            return text
        found = vocab.find(text)
        if found is None:
            self._add(
                self.columns[field],
                row,
                _UNKNOWN[field](shorten(text)),
            )
        return found

    def _text(self, raw, field: str, row: int) -> str:
        """A free-text column, kept exactly as typed (only control characters removed)."""
        value = raw[field]
        if value is _BAD or value is None:
            return ""
        text = as_text(value)
        problem = length_problem(text, TEXT_LIMITS[field])
        if problem:
            self._add(self.columns[field], row, problem)
        return text

    def _parse(self, raw, field: str, row: int, required: str | None, parse):
        """Parse a typed column; None when blank (reported if ``required`` is a message)."""
        value = raw[field]
        if value is _BAD:
            return None
        if is_blank(value):
            if required:
                self._add(self.columns[field], row, required)
            return None
        try:
            return parse(value)
        except ValueProblem as exc:
            self._add(self.columns[field], row, exc.message)
            return None

    def _shares(self, cells, row: int, share_columns, sum_col: int) -> dict[str, Decimal]:
        """Department shares of the row, with the sum check on the row-sum cell."""
        shares: dict[str, Decimal] = {}
        broken = False
        for index, department in share_columns.items():
            value = self._raw(cells[index - 1], index, row)
            if value is _BAD:
                broken = True
                continue
            if is_blank(value):
                continue
            if department is None:
                self._add(
                    index,
                    row,
                    N_("kolonnen hører ikke til en afdeling; skriv andelen i en afdelings kolonne"),
                )
                broken = True
                continue
            try:
                shares[department] = as_decimal(
                    value, minimum=Decimal(0), maximum=MAX_SHARE, unit=" %"
                )
            except ValueProblem as exc:
                self._add(index, row, exc.message)
                broken = True
        total = sum(shares.values(), Decimal(0))
        if not broken and abs(total - calc.HUNDRED) > calc.SHARE_TOLERANCE:
            self._add(
                sum_col,
                row,
                N_(
                    "andelene summerer til %(total)s %%, skal være 100 %%",
                    total=format_number(total, places=None),
                ),
            )
        return shares

"""Funding lines: validation of typed or JSON input, and the stored and API JSON shapes.

The same rules as the workbook reader (``excel_tools.rows``): intervention and paragraph from
their lists and required, a cost kind (one-off, monthly, yearly or hourly; none given =
yearly), an amount 0–999,999,999.99 kr. with at most two decimals, a quantity with its unit
(``excel_tools.costs.check_cost``: hourly lines need hours), a start date, an end date not
before it, shares 0–100 % with at most two decimals summing to 100 within 0.01. A share of 0
is the same as no share. A yearly line may still give its amount as ``annual_cost`` (the one
field lines had before cost kinds); ``annual_cost`` is otherwise derived, never read. Errors
are keyed by path, e.g. ``lines[0].shares`` or ``lines[2].shares.ppr``, and written in the
request's language (Danish source, via Flask-Babel) like the rest of the app's validation
messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial

from flask_babel import gettext as _

from app.formatting import NUMERIC_DATE, format_date, format_number
from app.funding.numbers import (  # noqa: F401 - the editor and services import them from here
    TWO_PLACES,
    checked_decimal,
    parse_api_date,
    parse_api_number,
    parse_typed_date,
    parse_typed_number,
)
from app.funding.numbers import in_range as _in_range
from app.funding.shapes import from_stored, json_number, to_api, to_stored  # noqa: F401
from app.funding.vocab import FundingVocab
from app.text import clean_text
from excel_tools import TEXT_LIMITS, FundingLine, costs
from excel_tools.calc import HUNDRED, SHARE_TOLERANCE, months_in_period, share_sum
from excel_tools.layout import MAX_ANNUAL_COST

#: Most lines a case's split may have (the workbook reader's limit as well).
MAX_LINES = 5000
#: A line's own fields (shares aside), in the order the editor shows and the diff reports them.
LINE_FIELDS = (
    "intervention",
    "paragraph",
    "description",
    "cost_kind",
    "amount",
    "quantity",
    "quantity_unit",
    "annual_cost",
    "start",
    "end",
    "authority_level",
    "split_reason",
    "notes",
)
#: The fields a person types (annual_cost is derived from the cost fields).
INPUT_FIELDS = tuple(name for name in LINE_FIELDS if name != "annual_cost")
TEXT_FIELDS = ("description", "split_reason", "notes")
#: Highest quantity typed before the unit's own limit is checked (costs.MAX_QUANTITY).
MAX_QUANTITY = Decimal(99999)
CHOICE_FIELDS = ("intervention", "paragraph", "authority_level")
# Whole sentences per field, so that no translation has to inflect a noun put in a slot.
_CHOOSE = {
    "intervention": lambda: _("Vælg en indsats fra listen."),
    "paragraph": lambda: _("Vælg en paragraf fra listen."),
    "authority_level": lambda: _("Vælg et niveau fra listen."),
}


class LinesInvalid(ValueError):
    """The lines did not validate; ``errors`` maps a path to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


# Validation ----------------------------------------------------------------------------------


class _LineChecker:
    """Validates raw lines (dicts of JSON values or typed strings), collecting every error."""

    def __init__(
        self,
        vocab: FundingVocab,
        number: Callable[[object], Decimal],
        day: Callable[[object], date],
    ) -> None:
        self.vocab = vocab
        self.number, self.day = number, day
        self.errors: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        """Record one message for a path."""
        self.errors.setdefault(path, []).append(message)

    def line(self, index: int, raw: object) -> FundingLine | None:
        """One line, or None after recording its errors."""
        path = f"lines[{index}]"
        if not isinstance(raw, dict):
            self.add(path, _("Hver linje skal være et objekt med felterne for en indsats."))
            return None
        before = len(self.errors)
        choices = {
            field: self.choice(path, field, raw.get(field), required=field != "authority_level")
            for field in CHOICE_FIELDS
        }
        texts = {field: self.text(path, field, raw.get(field)) for field in TEXT_FIELDS}
        kind = self.cost_choice(path, "cost_kind", raw.get("cost_kind"), costs.COST_KINDS)
        cost = self.amount(path, raw, kind)
        quantity = self.quantity(path, raw.get("quantity"))
        unit = self.cost_choice(
            path, "quantity_unit", raw.get("quantity_unit"), costs.QUANTITY_UNITS
        )
        if kind is not None and f"{path}.quantity" not in self.errors:
            for name, message in costs.check_cost(kind, quantity, unit):
                if f"{path}.{name}" not in self.errors:
                    self.add(f"{path}.{name}", message.render(_))
        start = self.date(path, "start", raw.get("start"), required=True)
        end = self.date(path, "end", raw.get("end"), required=False)
        if start and end and end < start:
            self.add(
                f"{path}.end",
                _(
                    "Slutdatoen %(end)s ligger før startdatoen %(start)s.",
                    end=format_date(end, NUMERIC_DATE),
                    start=format_date(start, NUMERIC_DATE),
                ),
            )
        shares = self.shares(path, raw.get("shares"))
        if len(self.errors) > before:
            return None
        return FundingLine(
            intervention=choices["intervention"] or "",
            paragraph=choices["paragraph"] or "",
            description=texts["description"],
            annual_cost=None,
            start=start,  # type: ignore[arg-type]
            end=end,
            authority_level=choices["authority_level"],
            shares=shares,
            notes=texts["notes"],
            cost_kind=kind or costs.YEARLY,
            amount=cost,
            quantity=quantity,
            quantity_unit=unit,
            split_reason=texts["split_reason"],
        )

    def choice(self, path: str, field: str, value: object, *, required: bool) -> str | None:
        """A value from the field's vocabulary."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(f"{path}.{field}", _CHOOSE[field]())
            return None
        if not isinstance(value, str) or value.strip() not in self.vocab.values(field):
            self.add(f"{path}.{field}", _CHOOSE[field]())
            return None
        return value.strip()

    def text(self, path: str, field: str, value: object) -> str:
        """Free text, control characters removed, within the workbook's limit."""
        if value is None:
            return ""
        if not isinstance(value, str):
            self.add(f"{path}.{field}", _("Skal være tekst."))
            return ""
        text = clean_text(value)
        limit = TEXT_LIMITS[field]
        if len(text) > limit:
            self.add(
                f"{path}.{field}",
                _(
                    "Teksten er for lang (%(length)s tegn; højst %(limit)s).",
                    length=format_number(len(text)),
                    limit=format_number(limit),
                ),
            )
        return text

    def cost_choice(
        self, path: str, field: str, value: object, allowed: tuple[str, ...]
    ) -> str | None:
        """A cost kind or quantity unit (a blank cost kind is yearly, a blank unit none)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return costs.YEARLY if field == "cost_kind" else None
        if not isinstance(value, str) or value.strip() not in allowed:
            if field == "cost_kind":
                self.add(
                    f"{path}.{field}",
                    _("Vælg engangsbeløb, pr. måned, pr. år eller pr. time."),
                )
            else:
                self.add(
                    f"{path}.{field}",
                    _("Vælg timer pr. uge, timer pr. måned eller dage pr. måned."),
                )
            return None
        return value.strip()

    def amount(self, path: str, raw: dict, kind: str | None) -> Decimal | None:
        """The amount in kr. (a yearly line may give it as ``annual_cost``, the old name)."""
        field, value = "amount", raw.get("amount")
        blank = value is None or (isinstance(value, str) and not value.strip())
        if blank and kind == costs.YEARLY and raw.get("annual_cost") is not None:
            field, value = "annual_cost", raw.get("annual_cost")
            blank = isinstance(value, str) and not value.strip()
        if blank:
            if field == "annual_cost":
                self.add(f"{path}.annual_cost", _("Skriv den årlige udgift i kr."))
            else:
                self.add(f"{path}.amount", _("Skriv beløbet i kr."))
            return None
        try:
            return checked_decimal(self.number(value), maximum=MAX_ANNUAL_COST, unit=" kr.")
        except ValueError as exc:
            if field == "annual_cost":
                self.add(f"{path}.annual_cost", _("Den årlige udgift %(reason)s.", reason=exc))
            else:
                self.add(f"{path}.amount", _("Beløbet %(reason)s.", reason=exc))
            return None

    def quantity(self, path: str, value: object) -> Decimal | None:
        """The quantity granted (hours or days, see the unit), or None when not given."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return checked_decimal(self.number(value), maximum=MAX_QUANTITY)
        except ValueError as exc:
            self.add(f"{path}.quantity", _("Omfanget %(reason)s.", reason=exc))
            return None

    def date(self, path: str, field: str, value: object, *, required: bool) -> date | None:
        """A start or end date."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(f"{path}.{field}", _("Skriv startdatoen."))
            return None
        try:
            return _in_range(self.day(value))
        except ValueError as exc:
            if field == "start":
                self.add(f"{path}.{field}", _("Startdatoen %(reason)s.", reason=exc))
            else:
                self.add(f"{path}.{field}", _("Slutdatoen %(reason)s.", reason=exc))
            return None

    def shares(self, path: str, value: object) -> dict[str, Decimal]:
        """Shares per department; zeros dropped; the sum must be 100 within 0.01."""
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.add(f"{path}.shares", _("Andelene skal være et objekt {afdeling: procent}."))
            return {}
        known = self.vocab.department_values()
        shares: dict[str, Decimal] = {}
        broken = False
        for department, raw in value.items():
            where = f"{path}.shares.{department}"
            if department not in known:
                self.add(
                    where,
                    _("»%(name)s« er ikke en afdeling i kommunens liste.", name=department),
                )
                broken = True
                continue
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            try:
                share = checked_decimal(self.number(raw), maximum=HUNDRED, unit=" %")
            except ValueError as exc:
                self.add(where, _("Andelen %(reason)s.", reason=exc))
                broken = True
                continue
            if share:
                shares[department] = share
        ordered = {dept: shares[dept] for dept in known if dept in shares}
        total = sum(ordered.values(), Decimal(0))
        if not broken and abs(total - HUNDRED) > SHARE_TOLERANCE:
            self.add(
                f"{path}.shares",
                _(
                    "Andelene summerer til %(total)s %%, skal være 100 %%.",
                    total=format_number(total, places=None),
                ),
            )
        return ordered


def validate_lines(
    raw: object, vocab: FundingVocab, *, typed: bool = False, locale: str = "da"
) -> list[FundingLine]:
    """Validated FundingLines from raw input; raises LinesInvalid with every error by path.

    ``typed`` accepts numbers and dates as people type them in ``locale`` (the web editor);
    otherwise numbers are JSON numbers or plain numeric strings and dates are ISO (the API).
    """
    if not isinstance(raw, list):
        raise LinesInvalid({"lines": [_("Skal være en liste af linjer.")]})
    if len(raw) > MAX_LINES:
        raise LinesInvalid(
            {"lines": [_("Højst %(count)s linjer pr. sag.", count=format_number(MAX_LINES))]}
        )
    checker = _LineChecker(
        vocab,
        partial(parse_typed_number, locale=locale) if typed else parse_api_number,
        parse_typed_date if typed else parse_api_date,
    )
    lines = [checker.line(index, item) for index, item in enumerate(raw)]
    if checker.errors:
        raise LinesInvalid(checker.errors)
    return [line for line in lines if line is not None]


def normalised(line: FundingLine, departments: list[str]) -> FundingLine:
    """A line as stored: amounts to two places, zero shares dropped, shares in list order."""
    order = {dept: index for index, dept in enumerate(departments)}
    shares = {
        dept: share.quantize(TWO_PLACES)
        for dept, share in sorted(line.shares.items(), key=lambda kv: order.get(kv[0], 1_000))
        if share
    }
    return FundingLine(
        intervention=line.intervention,
        paragraph=line.paragraph,
        description=line.description or "",
        annual_cost=None,
        start=line.start,
        end=line.end,
        authority_level=line.authority_level or None,
        shares=shares,
        notes=line.notes or "",
        cost_kind=line.cost_kind or costs.YEARLY,
        amount=(line.amount or Decimal(0)).quantize(TWO_PLACES),
        quantity=line.quantity.quantize(TWO_PLACES) if line.quantity is not None else None,
        quantity_unit=line.quantity_unit or None,
        split_reason=line.split_reason or "",
    )


def balanced(line: FundingLine) -> bool:
    """True when the line's shares sum to 100 within the tolerance."""
    return abs(share_sum(line) - HUNDRED) <= SHARE_TOLERANCE


# Measures ------------------------------------------------------------------------------------

def line_measures(line: FundingLine) -> dict[str, Decimal | None]:
    """The sizes "who may grant this?" judges a line by (None where the line says nothing).

    ``kr_per_year`` is a recurring line's cost in a full year, ``kr_one_off`` a one-off
    line's amount. Hours are given as the line gives them (a week or a month); the lookup
    converts between them with 52/12 weeks a month and says so in its answer. ``months`` is
    the line's duration in whole months (start and end month counted), None when it has no
    end date or is one-off.
    """
    one_off = line.cost_kind == costs.ONE_OFF
    unit, quantity = line.quantity_unit, line.quantity
    return {
        "kr_per_year": None if one_off else line.annual_cost,
        "kr_one_off": line.amount if one_off else None,
        "hours_per_week": quantity if unit == costs.HOURS_PER_WEEK else None,
        "hours_per_month": quantity if unit == costs.HOURS_PER_MONTH else None,
        "days_per_month": quantity if unit == costs.DAYS_PER_MONTH else None,
        "months": (
            None
            if one_off or line.end is None
            else Decimal(months_in_period(line.start, line.end, line.end.year))
        ),
    }

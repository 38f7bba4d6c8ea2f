"""Field types as classes in a registry (STYLE.md habit 1).

Each type knows how to turn an incoming value (a JSON value from the API or a string a browser
posted) into the JSON value we store, how to write a stored value back as form strings, how to
show it to people in Danish, and which WTForms field carries it on the web page. ``repeat``
rows are validated by ``validation.py``; its class here covers the parts that are per-field.
The base class and ``Context`` are in ``fieldbase.py``, the choosing types in
``choicetypes.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import StringField, TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.widgets import DateInput

from app.formatting import (
    NotADate,
    NotANumber,
    format_date,
    format_money,
    format_number,
    format_percent,
    parse_date,
    parse_number,
    to_cents,
)
from app.formengine.choicetypes import (
    BooleanType,
    MultiselectType,
    PersonType,
    ScaleType,
    SelectType,
)
from app.formengine.fieldbase import Context, FieldType, Invalid, blank, common_kwargs
from app.formengine.schema import NUMBER_LIMIT
from app.formengine.specs import compile_pattern
from app.text import has_unwanted

__all__ = ["FIELD_TYPES", "Context", "FieldType", "Invalid", "field_type"]

MSG_BAD_CHARACTER = _l("Teksten indeholder et tegn, der ikke kan gemmes.")
# Dates outside this range are almost always typos (0202 for 2020) and break Word/Excel.
FIRST_YEAR, LAST_YEAR = 1900, 2199
TEXT_LIMIT = 1_000  # single-line text without its own max_length
TEXTAREA_LIMIT = 20_000


class TextType(FieldType):
    """One line of text."""

    type_name = "text"
    multiline = False
    limit = TEXT_LIMIT

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            raise Invalid(_("Skriv en tekst."))
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        # Control characters cannot be stored in Word files (XML); a lone surrogate from
        # JSON such as "\ud800" cannot be stored at all.
        if has_unwanted(text):
            raise Invalid(MSG_BAD_CHARACTER)
        if not text:
            return None
        if "\n" in text and not self.multiline:
            raise Invalid(_("Teksten skal stå på én linje."))
        limit = spec.max_length or self.limit
        if len(text) > limit:
            raise Invalid(
                _(
                    "Teksten må højst være %(limit)s tegn lang (den er %(length)s).",
                    limit=limit,
                    length=len(text),
                )
            )
        pattern = getattr(spec, "pattern", None)
        if pattern and not compile_pattern(pattern).fullmatch(text):
            custom = spec.pattern_message
            raise Invalid(
                custom.get(ctx.locale) if custom else _("Teksten har ikke den rigtige form.")
            )
        return text

    def to_form(self, spec: Any, value: Any) -> list[str]:
        return [value or ""]


class TextareaType(TextType):
    """Several lines of text."""

    type_name = "textarea"
    multiline = True
    limit = TEXTAREA_LIMIT

    def wtforms_field(self, spec: Any, ctx: Context) -> UnboundField:
        return TextAreaField(**common_kwargs(spec, ctx))


class NumberType(FieldType):
    """A number stored as a JSON number rounded to two decimals."""

    type_name = "decimal"
    not_a_number = _l("Skriv et tal, fx 12,5.")
    noun = _l("Tallet")

    def bounds(self, spec: Any) -> tuple[Any, Any]:
        """The smallest and largest allowed value (None for no limit)."""
        return spec.min, spec.max

    def store(self, number: Decimal) -> Any:
        """The JSON value stored for an accepted number."""
        return to_cents(number)

    def show(self, value: Any) -> str:
        """A number for a sentence, with its unit."""
        return format_number(value)

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if blank(value):
            return None
        try:
            number = parse_number(value)
        except NotANumber:
            raise Invalid(self.not_a_number) from None
        if abs(number) > NUMBER_LIMIT:
            raise Invalid(_("Tallet er for stort."))
        stored = self.store(number)
        low, high = self.bounds(spec)
        if low is not None and stored < low:
            raise Invalid(
                _sentence(
                    _("%(noun)s skal være mindst %(value)s", noun=self.noun, value=self.show(low))
                )
            )
        if high is not None and stored > high:
            raise Invalid(
                _sentence(
                    _("%(noun)s må højst være %(value)s", noun=self.noun, value=self.show(high))
                )
            )
        return stored

    def to_form(self, spec: Any, value: Any) -> list[str]:
        return [""] if value is None else [format_number(value, group=False)]

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        if value is None:
            return ""
        unit = f" {spec.unit.get(ctx.locale)}" if spec.unit else ""
        return self.show(value) + unit

    def matches(self, value: Any, expected: Any) -> bool:
        if isinstance(expected, bool) or not isinstance(expected, int | float):
            return False
        return value is not None and Decimal(repr(value)) == Decimal(repr(expected))


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


class IntegerType(NumberType):
    """A whole number."""

    type_name = "integer"
    not_a_number = _l("Skriv et helt tal.")

    def store(self, number: Decimal) -> Any:
        if number != number.to_integral_value():
            raise Invalid(self.not_a_number)
        return int(number)

    def to_form(self, spec: Any, value: Any) -> list[str]:
        return [""] if value is None else [str(value)]

    def show(self, value: Any) -> str:
        return format_number(value, places=0)


class MoneyType(NumberType):
    """An amount in Danish kroner."""

    type_name = "money"
    not_a_number = _l("Skriv et beløb i kroner, fx 1.234,50.")
    noun = _l("Beløbet")

    def to_form(self, spec: Any, value: Any) -> list[str]:
        if value is None:
            return [""]
        return [format_number(value, places=2, min_places=2, group=False)]

    def show(self, value: Any) -> str:
        return format_money(value)


class PercentType(NumberType):
    """A percentage; 0–100 unless the definition sets min/max."""

    type_name = "percent"
    not_a_number = _l("Skriv en procentsats, fx 12,5.")
    noun = _l("Procentsatsen")

    def bounds(self, spec: Any) -> tuple[Any, Any]:
        return (0 if spec.min is None else spec.min), (100 if spec.max is None else spec.max)

    def show(self, value: Any) -> str:
        return format_percent(value)


class DateType(FieldType):
    """A calendar date stored as an ISO string (2026-11-23)."""

    type_name = "date"

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if blank(value):
            return None
        try:
            day = parse_date(value.strip() if isinstance(value, str) else value)
        except NotADate as exc:
            if exc.well_formed:
                raise Invalid(_("Datoen findes ikke.")) from None
            raise Invalid(_("Skriv datoen som dd-mm-åååå, fx 23-11-2026.")) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise Invalid(
                _(
                    "Årstallet skal ligge mellem %(first)s og %(last)s.",
                    first=FIRST_YEAR,
                    last=LAST_YEAR,
                )
            )
        if spec.min and day < spec.min:
            raise Invalid(_("Datoen må tidligst være %(day)s.", day=format_date(spec.min)))
        if spec.max and day > spec.max:
            raise Invalid(_("Datoen må senest være %(day)s.", day=format_date(spec.max)))
        return day.isoformat()

    def default(self, spec: Any, ctx: Context | None = None) -> Any:
        if spec.default == "today":
            return date.today().isoformat()
        return super().default(spec, ctx)

    def to_form(self, spec: Any, value: Any) -> list[str]:
        return [value or ""]

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        return format_date(value, locale=ctx.locale) if value else ""

    def wtforms_field(self, spec: Any, ctx: Context) -> UnboundField:
        return StringField(widget=DateInput(), **common_kwargs(spec, ctx))


class RepeatType(FieldType):
    """Table rows; a list of row objects. Rows are checked by ``validation.py``."""

    type_name = "repeat"

    def empty(self) -> Any:
        return []

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        raise NotImplementedError("repeat rows are cleaned by validation.validate_submission")

    def default(self, spec: Any, ctx: Context | None = None) -> Any:
        return self.rows(spec, spec.default or [], ctx or Context())

    def rows(self, spec: Any, given_rows: Any, ctx: Context) -> list[dict[str, Any]]:
        """Prefilled rows as stored. In a given row, a nested repeat's missing key means its
        own ``default`` rows; a missing single-value column is empty."""
        rows = []
        for given in given_rows if isinstance(given_rows, list) else []:
            if not isinstance(given, Mapping):
                continue
            row = {}
            for column in spec.fields:
                kind = FIELD_TYPES[column.type]
                if isinstance(kind, RepeatType):
                    nested = given[column.name] if column.name in given else column.default
                    row[column.name] = kind.rows(column, nested or [], ctx)
                    continue
                try:
                    row[column.name] = kind.clean(column, given.get(column.name), ctx)
                except (Invalid, LookupError):
                    row[column.name] = kind.empty()
            rows.append(row)
        return rows

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        count = len(value or [])
        return ngettext("%(num)s række", "%(num)s rækker", count)

    def matches(self, value: Any, expected: Any) -> bool:
        return False


class BlockType(FieldType):
    """Headings and help texts: shown on the page, never stored."""

    is_input = False

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        raise Invalid(_("Feltet kan ikke udfyldes."))


class HeadingType(BlockType):
    """A heading between fields."""

    type_name = "heading"


class HelpType(BlockType):
    """A paragraph of guidance between fields."""

    type_name = "help"


FIELD_TYPES: Mapping[str, FieldType] = {
    kind.type_name: kind()
    for kind in (
        TextType, TextareaType, IntegerType, NumberType, MoneyType, PercentType, DateType,
        BooleanType, SelectType, MultiselectType, ScaleType, PersonType, RepeatType,
        HeadingType, HelpType,
    )
}  # fmt: skip


def field_type(spec: Any) -> FieldType:
    """The registered type object for a field definition."""
    return FIELD_TYPES[spec.type]

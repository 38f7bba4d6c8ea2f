"""Pydantic models for a form definition: the YAML files in forms/ and municipal versions.

A definition is immutable data. Checks that need the whole form (duplicate names, show_if
targets, cycles, vocabulary names, defaults) live in ``checks.py`` so the loader can report
them even when another part of the file is broken.

Validators that point at one key of a model raise ``ValueError("[key] message")``; the loader
moves such a problem to that key's line.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
Name = Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]
# Scale fields (the "dialoglineal") always run from 1 to 10.
SCALE_MIN, SCALE_MAX = 1, 10
NUMBER_LIMIT = 1_000_000_000_000  # larger amounts are typos, and beyond exact float cents


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class LocalizedText(_Model):
    """A text in Danish with an optional English version; a plain string means Danish."""

    da: str = Field(min_length=1)
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_danish(cls, value: Any) -> Any:
        return {"da": value} if isinstance(value, str) else value

    def get(self, locale: str = "da") -> str:
        """The text in ``locale``, falling back to Danish."""
        return self.en if locale == "en" and self.en else self.da

    def __str__(self) -> str:
        return self.da


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


class ShowIf(_Model):
    """Show a field only when another field equals a value, is one of some, or is filled."""

    field: Name
    equals: Any = None
    one_of: list[Any] | None = None
    not_empty: Literal[True] | None = None

    @model_validator(mode="after")
    def _exactly_one_test(self) -> ShowIf:
        # A key set to null counts as absent, so model_dump() output loads again.
        given = [k for k in ("equals", "one_of", "not_empty") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("show_if needs exactly one of: equals, one_of, not_empty")
        if "equals" in given and not _is_scalar(self.equals):
            raise ValueError("[equals] should be a single text, number or true/false")
        if "one_of" in given:
            if not self.one_of:
                raise ValueError("[one_of] should list at least one value")
            if not all(_is_scalar(v) for v in self.one_of):
                raise ValueError("[one_of] should list texts, numbers or true/false values")
        return self

    @property
    def expected(self) -> list[Any]:
        """The values that show the field (empty for not_empty)."""
        if self.equals is not None:
            return [self.equals]
        return list(self.one_of or [])


class Choice(_Model):
    """One option of a select or multiselect."""

    value: str = Field(min_length=1, max_length=100)
    label: LocalizedText


class SumTo(_Model):
    """A repeat column whose values must add up to ``total`` (within ``tolerance``)."""

    column: Name
    total: float = 100
    tolerance: float = Field(0.01, ge=0)


class _Block(_Model):
    """Anything that can stand in a section."""

    show_if: ShowIf | None = None

    @property
    def is_input(self) -> bool:
        """True for fields that hold a value."""
        return True


class _Input(_Block):
    name: Name
    label: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    readonly: bool = False


class _Bounded(_Input):
    min: float | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    max: float | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    unit: LocalizedText | None = None

    @model_validator(mode="after")
    def _min_not_above_max(self) -> _Bounded:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"[min] is greater than max ({self.min:g} > {self.max:g})")
        return self


# Nested repetition such as (a+)+ can take exponential time in Python's re on a short input.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*}]\)[+*{]")


class TextField(_Input):
    """One line of text, optionally limited by length or a regular expression."""

    type: Literal["text"]
    default: str | None = None
    max_length: int | None = Field(None, ge=1, le=100_000)
    pattern: str | None = Field(None, max_length=300)
    pattern_message: LocalizedText | None = None

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"is not a valid regular expression: {exc.msg}") from None
        if _NESTED_REPEAT.search(value):
            raise ValueError("repeats inside repeats (like (a+)+) can make checking hang")
        return value


class TextareaField(_Input):
    """Several lines of text."""

    type: Literal["textarea"]
    default: str | None = None
    max_length: int | None = Field(None, ge=1, le=100_000)
    rows: int | None = Field(None, ge=2, le=40)


class IntegerField(_Bounded):
    """A whole number."""

    type: Literal["integer"]
    default: int | None = None
    min: int | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)  # type: ignore[assignment]
    max: int | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)  # type: ignore[assignment]


class DecimalField(_Bounded):
    """A number with up to two decimals."""

    type: Literal["decimal"]
    default: float | None = None


class MoneyField(_Bounded):
    """An amount in Danish kroner (two decimals)."""

    type: Literal["money"]
    default: float | None = None


class PercentField(_Bounded):
    """A percentage; without min/max it must lie between 0 and 100."""

    type: Literal["percent"]
    default: float | None = None


class DateField(_Input):
    """A calendar date; ``after`` names a date it must come after."""

    type: Literal["date"]
    default: Any = None  # a date, or "today"
    min: date | None = None
    max: date | None = None
    after: Name | None = None

    @field_validator("default", mode="before")
    @classmethod
    def _date_or_today(cls, value: Any) -> Any:
        if value is None or value == "today" or type(value) is date:
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError("should be a date like 2026-11-23, or today")

    @model_validator(mode="after")
    def _min_not_above_max(self) -> DateField:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"[min] is later than max ({self.min} > {self.max})")
        return self


class BooleanField(_Input):
    """Yes or no."""

    type: Literal["boolean"]
    default: bool | None = None


class _Choosing(_Input):
    choices: list[Choice] | None = None
    choices_from: Name | None = None

    @model_validator(mode="after")
    def _choices_given_once(self) -> _Choosing:
        if self.choices is None and self.choices_from is None:
            raise ValueError(f"a {self.type} needs choices or choices_from")  # type: ignore[attr-defined]
        if self.choices is not None and self.choices_from is not None:
            raise ValueError("[choices_from] use either choices or choices_from, not both")
        if self.choices is not None:
            if not self.choices:
                raise ValueError("[choices] should list at least one choice")
            values = [c.value for c in self.choices]
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"[choices] the value '{repeated[0]}' is used twice")
        return self


class SelectField(_Choosing):
    """One of the choices (inline or from a vocabulary)."""

    type: Literal["select"]
    default: str | None = None
    widget: Literal["dropdown", "radio"] = "dropdown"


class MultiselectField(_Choosing):
    """Any number of the choices."""

    type: Literal["multiselect"]
    default: list[str] | None = None


class ScaleField(_Input):
    """The dialogue ruler: a whole number from 1 to 10 with a text at each end."""

    type: Literal["scale"]
    default: int | None = Field(None, ge=SCALE_MIN, le=SCALE_MAX)
    low_label: LocalizedText | None = None
    high_label: LocalizedText | None = None


class PersonField(_Input):
    """Someone on the case's core team; the choices come from the case at run time."""

    type: Literal["person"]


ColumnField = Annotated[
    TextField
    | TextareaField
    | IntegerField
    | DecimalField
    | MoneyField
    | PercentField
    | DateField
    | BooleanField
    | SelectField
    | MultiselectField
    | ScaleField
    | PersonField,
    Field(discriminator="type"),
]


class RepeatField(_Input):
    """A group of fields filled as table rows; the value is a list of row objects."""

    type: Literal["repeat"]
    fields: list[ColumnField] = Field(min_length=1)
    min_rows: int = Field(0, ge=0, le=500)
    max_rows: int | None = Field(None, ge=1, le=500)
    default: list[dict[str, Any]] | None = None
    sum_to: SumTo | None = None
    add_label: LocalizedText | None = None

    @model_validator(mode="after")
    def _rows_in_order(self) -> RepeatField:
        if self.max_rows is not None and self.min_rows > self.max_rows:
            raise ValueError(
                f"[min_rows] is greater than max_rows ({self.min_rows} > {self.max_rows})"
            )
        return self

    def column(self, name: str) -> ColumnField | None:
        """The column called ``name``, if any."""
        return next((f for f in self.fields if f.name == name), None)


class HeadingBlock(_Block):
    """A heading between fields; holds no value."""

    type: Literal["heading"]
    name: Name | None = None
    label: LocalizedText

    @property
    def is_input(self) -> bool:
        """Headings hold no value."""
        return False


class HelpBlock(_Block):
    """A paragraph of guidance between fields; holds no value."""

    type: Literal["help"]
    name: Name | None = None
    text: LocalizedText

    @property
    def is_input(self) -> bool:
        """Help blocks hold no value."""
        return False


AnyField = Annotated[
    TextField
    | TextareaField
    | IntegerField
    | DecimalField
    | MoneyField
    | PercentField
    | DateField
    | BooleanField
    | SelectField
    | MultiselectField
    | ScaleField
    | PersonField
    | RepeatField
    | HeadingBlock
    | HelpBlock,
    Field(discriminator="type"),
]
InputField = (
    TextField
    | TextareaField
    | IntegerField
    | DecimalField
    | MoneyField
    | PercentField
    | DateField
    | BooleanField
    | SelectField
    | MultiselectField
    | ScaleField
    | PersonField
    | RepeatField
)

FIELD_TYPES: tuple[str, ...] = (
    "text", "textarea", "integer", "decimal", "money", "percent", "date", "boolean",
    "select", "multiselect", "scale", "person", "repeat", "heading", "help",
)  # fmt: skip
COLUMN_TYPES: tuple[str, ...] = FIELD_TYPES[:12]
NUMBER_TYPES: frozenset[str] = frozenset({"integer", "decimal", "money", "percent"})


class Section(_Model):
    """A titled group of fields; sections only structure the page, data is flat."""

    name: Name
    title: LocalizedText
    help: LocalizedText | None = None
    fields: list[AnyField] = Field(min_length=1)


class FormDefinition(_Model):
    """A whole form: its name, title, scope and sections of fields."""

    name: Name
    title: LocalizedText
    description: LocalizedText | None = None
    scope: Literal["case", "municipality"]
    sections: list[Section] = Field(min_length=1)

    def input_fields(self) -> list[InputField]:
        """The top-level fields that hold values, in page order (sections flattened)."""
        return [f for s in self.sections for f in s.fields if f.is_input]  # type: ignore[misc]

    def field(self, name: str) -> InputField | None:
        """The top-level input field called ``name``, if any."""
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, InputField]:
        return {f.name: f for f in self.input_fields()}

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the definition's content, stable across processes."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

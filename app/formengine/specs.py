"""Pydantic models for the parts of a definition that hold one value, and their building blocks.

``schema.py`` builds repeats, sections and the whole form from these and re-exports them.
Validators that point at one key of a model raise ``ValueError("[key] message")``; the loader
moves such a problem to that key's line.
"""

from __future__ import annotations

import functools
import re
import warnings
from datetime import date
from typing import Annotated, Any, Literal

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
Name = Annotated[str, Field(pattern=NAME_PATTERN, max_length=64)]
# Scale fields (the "dialoglineal") always run from 1 to 10.
SCALE_MIN, SCALE_MAX = 1, 10
NUMBER_LIMIT = 1_000_000_000_000  # larger amounts are typos, and beyond exact float cents


class SpecModel(BaseModel):
    """The base of every definition model: unknown keys are errors and models are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class LocalizedText(SpecModel):
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


class ShowIf(SpecModel):
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
            raise ValueError(_("show_if skal have netop én af: equals, one_of, not_empty"))
        if "equals" in given and not _is_scalar(self.equals):
            raise ValueError("[equals] " + _("skal være én tekst, ét tal eller true/false"))
        if "one_of" in given:
            if not self.one_of:
                raise ValueError("[one_of] " + _("skal nævne mindst én værdi"))
            if not all(_is_scalar(v) for v in self.one_of):
                raise ValueError("[one_of] " + _("skal nævne tekster, tal eller true/false"))
        return self

    @property
    def expected(self) -> list[Any]:
        """The values that show the field (empty for not_empty)."""
        if self.equals is not None:
            return [self.equals]
        return list(self.one_of or [])


class Choice(SpecModel):
    """One option of a select or multiselect."""

    value: str = Field(min_length=1, max_length=100)
    label: LocalizedText


class BlockBase(SpecModel):
    """Anything that can stand in a section."""

    show_if: ShowIf | None = None

    @property
    def is_input(self) -> bool:
        """True for fields that hold a value."""
        return True


class InputBase(BlockBase):
    """A field that holds a value; ``required_message`` replaces the generic "fill this in"."""

    name: Name
    label: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    required_message: LocalizedText | None = None
    readonly: bool = False


class _Bounded(InputBase):
    min: float | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    max: float | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    unit: LocalizedText | None = None

    @model_validator(mode="after")
    def _min_not_above_max(self) -> _Bounded:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                "[min] "
                + _(
                    "er større end max (%(min)s > %(max)s)",
                    min=f"{self.min:g}",
                    max=f"{self.max:g}",
                )
            )
        return self


# Nested repetition such as (a+)+ can take exponential time in Python's re on a short input.
@functools.lru_cache(maxsize=256)
def compile_pattern(value: str) -> re.Pattern[str]:
    """A field's `pattern`, compiled once. Python warns (FutureWarning) about syntax whose
    meaning may change in a later version, such as ``[[``; that is not an error in the form,
    so the warning is not turned into one."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return re.compile(value)


_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*}]\)[+*{]")


class TextField(InputBase):
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
            compile_pattern(value)
        except re.error as exc:
            raise ValueError(
                _("er ikke et gyldigt regulært udtryk: »%(detail)s«", detail=exc.msg)
            ) from None
        if _NESTED_REPEAT.search(value):
            raise ValueError(
                _("gentagelser i gentagelser (som (a+)+) kan få kontrollen til at hænge")
            )
        return value


class TextareaField(InputBase):
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


class DateField(InputBase):
    """A calendar date; ``after`` names a date it must come after, ``not_after`` one it may
    equal but not pass (an evaluation date not after the deadline)."""

    type: Literal["date"]
    default: Any = None  # a date, or "today"
    min: date | None = None
    max: date | None = None
    after: Name | None = None
    not_after: Name | None = None

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
        raise ValueError(_("skal være en dato som 2026-11-23, eller today"))

    @model_validator(mode="after")
    def _min_not_above_max(self) -> DateField:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                "[min] " + _("er senere end max (%(min)s > %(max)s)", min=self.min, max=self.max)
            )
        return self


class BooleanField(InputBase):
    """Yes or no."""

    type: Literal["boolean"]
    default: bool | None = None


class _Choosing(InputBase):
    choices: list[Choice] | None = None
    choices_from: Name | None = None

    @model_validator(mode="after")
    def _choices_given_once(self) -> _Choosing:
        if self.choices is None and self.choices_from is None:
            raise ValueError(
                _("et %(type)s-felt skal have choices eller choices_from", type=self.type)  # type: ignore[attr-defined]
            )
        if self.choices is not None and self.choices_from is not None:
            raise ValueError(
                "[choices_from] " + _("brug enten choices eller choices_from, ikke begge")
            )
        if self.choices is not None:
            if not self.choices:
                raise ValueError("[choices] " + _("skal nævne mindst én valgmulighed"))
            values = [c.value for c in self.choices]
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(
                    "[choices] " + _("værdien '%(value)s' bruges to gange", value=repeated[0])
                )
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


class ScaleField(InputBase):
    """The dialogue ruler: a whole number from 1 to 10 with a text at each end."""

    type: Literal["scale"]
    default: int | None = Field(None, ge=SCALE_MIN, le=SCALE_MAX)
    low_label: LocalizedText | None = None
    high_label: LocalizedText | None = None


class PersonField(InputBase):
    """Someone on the case's core team; the choices come from the case at run time."""

    type: Literal["person"]

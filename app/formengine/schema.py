"""Pydantic models for a form definition: the YAML files in forms/ and municipal versions.

A definition is immutable data. The models of fields that hold one value live in ``specs.py``
and are re-exported here. Checks that need the whole form (duplicate names, show_if targets,
cycles, vocabulary names, defaults) live in ``checks.py`` so the loader can report them even
when another part of the file is broken.

Repeats nest one level: a repeat's columns may include a repeat (``NestedRepeatField``), whose
own columns hold single values only. A third level is refused by the schema.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Any, Literal

from flask_babel import gettext as _
from pydantic import Field, model_validator

from app.formengine.specs import (
    NAME_PATTERN,
    NUMBER_LIMIT,
    SCALE_MAX,
    SCALE_MIN,
    BlockBase,
    BooleanField,
    Choice,
    DateField,
    DecimalField,
    InputBase,
    IntegerField,
    LocalizedText,
    MoneyField,
    MultiselectField,
    Name,
    PercentField,
    PersonField,
    ScaleField,
    SelectField,
    ShowIf,
    SpecModel,
    TextareaField,
    TextField,
)

__all__ = [
    "COLUMN_TYPES",
    "FIELD_TYPES",
    "NAME_PATTERN",
    "NUMBER_LIMIT",
    "NUMBER_TYPES",
    "SCALE_MAX",
    "SCALE_MIN",
    "AnyField",
    "BooleanField",
    "Choice",
    "ColumnField",
    "ColumnGroup",
    "DateField",
    "DecimalField",
    "FormDefinition",
    "HeadingBlock",
    "HelpBlock",
    "InnerColumnField",
    "InputField",
    "IntegerField",
    "LocalizedText",
    "MoneyField",
    "MultiselectField",
    "NestedRepeatField",
    "PercentField",
    "PersonField",
    "RepeatField",
    "ScaleField",
    "Section",
    "SelectField",
    "ShowIf",
    "SumTo",
    "TextField",
    "TextareaField",
]

ValueField = (
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
)
# The columns of a nested repeat: single values only, so repeats stop at two levels.
InnerColumnField = Annotated[ValueField, Field(discriminator="type")]


class SumTo(SpecModel):
    """A repeat column whose values must add up to ``total`` (within ``tolerance``)."""

    column: Name
    total: float = 100
    tolerance: float = Field(0.01, ge=0)


class ColumnGroup(SpecModel):
    """Columns shown together under a label in a card ("Målbart": indicator, scales, …)."""

    label: LocalizedText
    help: LocalizedText | None = None
    fields: list[Name] = Field(min_length=1)


class RepeatField(InputBase):
    """A group of fields filled as rows; the value is a list of row objects.

    ``layout`` says how the rows are shown: ``table`` (one table row per row, for short rows)
    or ``cards`` (one card per row with visible labels, for rich rows such as SMARTE goals;
    ``groups`` then put related columns in a labelled fieldset and ``item_label`` names one
    card: "Mål 2"). Layout is presentation only: the stored value is the same.
    A column may itself be a repeat (``NestedRepeatField``): its value in each row is a list
    of row objects too.
    """

    type: Literal["repeat"]
    fields: list[ColumnField] = Field(min_length=1)
    min_rows: int = Field(0, ge=0, le=500)
    max_rows: int | None = Field(None, ge=1, le=500)
    default: list[dict[str, Any]] | None = None
    sum_to: SumTo | None = None
    # Columns whose filled values must differ from row to row (a phase's stable id).
    unique: list[Name] | None = None
    add_label: LocalizedText | None = None
    layout: Literal["table", "cards"] = "table"
    item_label: LocalizedText | None = None
    groups: list[ColumnGroup] | None = None

    @model_validator(mode="after")
    def _groups_name_columns(self) -> RepeatField:
        seen: set[str] = set()
        for group in self.groups or []:
            for name in group.fields:
                column = self.column(name)
                if column is None or column.type == "repeat":
                    raise ValueError(
                        "[groups] " + _("%(name)s er ikke en kolonne i gentagelsen", name=name)
                    )
                if name in seen:
                    raise ValueError(
                        "[groups] " + _("%(name)s står i mere end én gruppe", name=name)
                    )
                seen.add(name)
        return self

    @model_validator(mode="after")
    def _rows_in_order(self) -> RepeatField:
        if self.max_rows is not None and self.min_rows > self.max_rows:
            raise ValueError(
                "[min_rows] "
                + _(
                    "er større end max_rows (%(min)s > %(max)s)",
                    min=self.min_rows,
                    max=self.max_rows,
                )
            )
        return self

    def column(self, name: str) -> ColumnField | None:
        """The column called ``name``, if any."""
        return next((f for f in self.fields if f.name == name), None)

    def card_parts(self) -> list[ColumnField | ColumnGroup]:
        """The columns in card order: each group where its earliest column stands.

        A grouped column is shown only inside its group, so each appears once.
        """
        grouped = {name: n for n, group in enumerate(self.groups or []) for name in group.fields}
        parts: list[ColumnField | ColumnGroup] = []
        placed: set[int] = set()
        for column in self.fields:
            n = grouped.get(column.name)
            if n is None:
                parts.append(column)
            elif n not in placed:
                placed.add(n)
                parts.append(self.groups[n])  # type: ignore[index]
        return parts

    def group_columns(self, group: ColumnGroup) -> list[ColumnField]:
        """The columns of ``group``, in the group's order."""
        return [c for name in group.fields if (c := self.column(name)) is not None]


class NestedRepeatField(RepeatField):
    """A repeat that is a column of another repeat; its columns hold single values."""

    fields: list[InnerColumnField] = Field(min_length=1)  # type: ignore[assignment]


ColumnField = Annotated[ValueField | NestedRepeatField, Field(discriminator="type")]
RepeatField.model_rebuild()


class _TextBlock(BlockBase):
    """Text between fields (a heading or guidance); holds no value."""

    @property
    def is_input(self) -> bool:
        """Text blocks hold no value."""
        return False


class HeadingBlock(_TextBlock):
    """A heading between fields; holds no value."""

    type: Literal["heading"]
    name: Name | None = None
    label: LocalizedText


class HelpBlock(_TextBlock):
    """A paragraph of guidance between fields; holds no value."""

    type: Literal["help"]
    name: Name | None = None
    text: LocalizedText


AnyField = Annotated[
    ValueField | RepeatField | HeadingBlock | HelpBlock, Field(discriminator="type")
]
InputField = ValueField | RepeatField

FIELD_TYPES: tuple[str, ...] = (
    "text", "textarea", "integer", "decimal", "money", "percent", "date", "boolean",
    "select", "multiselect", "scale", "person", "repeat", "heading", "help",
)  # fmt: skip
# The types that hold a single value: every column of a nested repeat is one of these.
COLUMN_TYPES: tuple[str, ...] = FIELD_TYPES[:12]
NUMBER_TYPES: frozenset[str] = frozenset({"integer", "decimal", "money", "percent"})


class Section(SpecModel):
    """A titled group of fields; sections only structure the page, data is flat."""

    name: Name
    title: LocalizedText
    help: LocalizedText | None = None
    fields: list[AnyField] = Field(min_length=1)


class FormDefinition(SpecModel):
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

    def repeat_at(self, names: Sequence[str]) -> list[RepeatField] | None:
        """The repeats along ``names`` (``["goals", "subgoals"]``), outermost first.

        None unless every name is a repeat: the first a top-level field, each next one a
        column of the one before.
        """
        found: list[RepeatField] = []
        for name in names:
            spec = found[-1].column(name) if found else self.field(name)
            if not isinstance(spec, RepeatField):
                return None
            found.append(spec)
        return found or None

    @cached_property
    def _by_name(self) -> dict[str, InputField]:
        return {f.name: f for f in self.input_fields()}

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the definition's content, stable across processes."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

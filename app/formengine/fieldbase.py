"""The base of every field type, and the run-time context they are checked in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from wtforms import StringField
from wtforms.fields.core import UnboundField

try:  # WTForms 3.3 wants choice objects; 3.1 and 3.2 only know tuples
    from wtforms import SelectChoice
except ImportError:  # pragma: no cover - depends on the installed WTForms
    SelectChoice = None

from app.formengine.vocabularies import (
    DEFAULT_VOCABULARIES,
    Vocabularies,
    item_label,
    item_value,
    offered_items,
)


class Invalid(ValueError):
    """A value we cannot store; ``message`` is for the coordinator, in the request's language.

    The message may be a lazy translation; it is turned into text here, when it is raised.
    """

    def __init__(self, message: str) -> None:
        message = str(message)
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Context:
    """What a definition needs at run time: vocabularies, the case's people, the language."""

    vocabularies: Vocabularies = field(default_factory=lambda: DEFAULT_VOCABULARIES)
    people: Sequence[Any] | None = None  # [{"value", "label"}] for person fields
    locale: str = "da"

    def choices(self, spec: Any) -> list[tuple[str, str]]:
        """(value, label) pairs for a select, multiselect or person field."""
        # Not cached: measured on 50 repeat rows with a vocabulary column, remembering the
        # pairs per field saved nothing measurable (185 ms vs 168 ms for the page, noise).
        if spec.type == "person":
            return [(item_value(p), item_label(p, self.locale)) for p in self.people or []]
        if spec.choices is not None:
            return [(c.value, c.label.get(self.locale)) for c in spec.choices]
        try:
            items = self.vocabularies[spec.choices_from]
        except KeyError:
            raise LookupError(f"vocabulary {spec.choices_from!r} was not passed in") from None
        return [(item_value(i), item_label(i, self.locale)) for i in items]

    def offered(self, spec: Any, chosen: Any = None) -> list[tuple[str, str]]:
        """The (value, label) pairs a picker shows: retired vocabulary items are left out
        unless already ``chosen`` (every value still validates and shows its label)."""
        if spec.type == "person" or spec.choices is not None:
            return self.choices(spec)
        try:
            items = self.vocabularies[spec.choices_from]
        except KeyError:
            raise LookupError(f"vocabulary {spec.choices_from!r} was not passed in") from None
        return [(item_value(i), item_label(i, self.locale)) for i in offered_items(items, chosen)]

    def label_of(self, spec: Any, value: str) -> str:
        """The label shown for a stored choice value (the value itself if unknown)."""
        return dict(self.choices(spec)).get(value, value)


class FieldType:
    """Base class: a scalar value stored as one JSON value, ``None`` when empty."""

    type_name: ClassVar[str] = ""
    is_input: ClassVar[bool] = True

    def empty(self) -> Any:
        """The stored value of an unanswered field."""
        return None

    def is_empty(self, value: Any) -> bool:
        """True when ``value`` counts as unanswered (for ``required``)."""
        return value is None or value == []

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        """Turn an incoming value into the stored JSON value or raise ``Invalid``."""
        raise NotImplementedError

    def default(self, spec: Any, ctx: Context | None = None) -> Any:
        """The stored value a new form starts with."""
        raw = getattr(spec, "default", None)
        try:
            return self.empty() if raw is None else self.clean(spec, raw, ctx or Context())
        except (Invalid, LookupError):
            return self.empty()

    def to_form(self, spec: Any, value: Any) -> list[str]:
        """The strings a browser posts for ``value`` (an empty list posts nothing)."""
        return [] if value is None else [str(value)]

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        """``value`` as people read it, in ``ctx.locale``."""
        return "" if self.is_empty(value) else str(value)

    def matches(self, value: Any, expected: Any) -> bool:
        """Whether ``value`` counts as ``expected`` for show_if (``equals``/``one_of``)."""
        if isinstance(value, bool) != isinstance(expected, bool):
            return False  # True == 1 in Python, but "yes" is not the number one here
        return value == expected

    def options(self, spec: Any, ctx: Context, chosen: Any = None) -> list[tuple[str, str]]:
        """(posted value, label) of each radio button, checkbox or option; [] for inputs.

        ``chosen`` is the field's current value, so a retired choice it holds stays offered."""
        return []

    def wtforms_field(self, spec: Any, ctx: Context) -> UnboundField:
        """The WTForms field that carries this value on the web page."""
        return StringField(**common_kwargs(spec, ctx))


def wtforms_choices(pairs: list[tuple[str, str]]) -> list[Any]:
    """Choices in the form the installed WTForms expects."""
    if SelectChoice is None:
        return list(pairs)
    return [SelectChoice(value, label) for value, label in pairs]


def common_kwargs(spec: Any, ctx: Context) -> dict[str, Any]:
    """WTForms keyword arguments every field shares: label, help text and HTML name."""
    return {
        "label": spec.label.get(ctx.locale),
        "description": spec.help.get(ctx.locale) if spec.help else "",
        # The HTML name is the field name; the attribute gets a prefix so no field name
        # can collide with a Form attribute such as "data" or "validate".
        "name": spec.name,
    }


def blank(value: Any) -> bool:
    """True for None and for text that is only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())

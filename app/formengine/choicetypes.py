"""Field types that pick from choices: yes/no, select, person, multiselect and scale."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField
from wtforms.fields.core import UnboundField
from wtforms.widgets import CheckboxInput, ListWidget

from app.formengine.fieldbase import (
    Context,
    FieldType,
    Invalid,
    blank,
    common_kwargs,
    wtforms_choices,
)
from app.formengine.schema import SCALE_MAX, SCALE_MIN

MSG_CHOOSE = _l("Vælg en af mulighederne.")


class BooleanType(FieldType):
    """Yes or no, shown as two radio buttons so "not answered" stays possible."""

    type_name = "boolean"
    words: ClassVar[dict[str, bool]] = {"true": True, "ja": True, "false": False, "nej": False}

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if blank(value):
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in self.words:
            return self.words[value.strip().lower()]
        raise Invalid(_("Vælg ja eller nej."))

    def to_form(self, spec: Any, value: Any) -> list[str]:
        return [] if value is None else ["true" if value else "false"]

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        if value is None:
            return ""
        return dict(self.options(spec, ctx))["true" if value else "false"]

    def options(self, spec: Any, ctx: Context, chosen: Any = None) -> list[tuple[str, str]]:
        if ctx.locale == "en":
            return [("true", "Yes"), ("false", "No")]
        return [("true", "Ja"), ("false", "Nej")]

    def wtforms_field(self, spec: Any, ctx: Context) -> UnboundField:
        return _radios(self.options(spec, ctx), spec, ctx)


class SelectType(FieldType):
    """One value from a list (inline choices or a vocabulary)."""

    type_name = "select"
    missing = MSG_CHOOSE

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if blank(value):
            return None
        if isinstance(value, str) and value in dict(ctx.choices(spec)):
            return value
        raise Invalid(self.missing)

    def to_form(self, spec: Any, value: Any) -> list[str]:
        if value is None:
            return [""] if getattr(spec, "widget", "dropdown") == "dropdown" else []
        return [value]

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        return "" if value is None else ctx.label_of(spec, value)

    def options(self, spec: Any, ctx: Context, chosen: Any = None) -> list[tuple[str, str]]:
        return ctx.offered(spec, chosen)

    def wtforms_field(self, spec: Any, ctx: Context) -> UnboundField:
        if getattr(spec, "widget", "dropdown") == "radio":
            return _radios(self.options(spec, ctx), spec, ctx)
        choices = wtforms_choices(self.options(spec, ctx))
        return SelectField(choices=choices, validate_choice=False, **common_kwargs(spec, ctx))


class PersonType(SelectType):
    """Someone on the case's core team; any text is accepted when no people are given."""

    type_name = "person"
    missing = _l("Vælg en person fra kerneteamet.")

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if ctx.people is None and isinstance(value, str) and not blank(value):
            return value.strip()  # no case at hand (e.g. a preview): cannot check membership
        return super().clean(spec, value, ctx)


class MultiselectType(FieldType):
    """Several values from a list, stored as a list in the order of the choices."""

    type_name = "multiselect"

    def empty(self) -> Any:
        return []

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            raise Invalid(_("Vælg en eller flere af mulighederne."))
        if not all(isinstance(v, str) for v in value):
            raise Invalid(_("Vælg kun blandt mulighederne."))
        allowed = [v for v, _ in ctx.choices(spec)]
        chosen = {v for v in value if v.strip()}
        if not chosen.issubset(allowed):
            raise Invalid(_("Vælg kun blandt mulighederne."))
        return [v for v in allowed if v in chosen]

    def to_form(self, spec: Any, value: Any) -> list[str]:
        return list(value or [])

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        return ", ".join(ctx.label_of(spec, v) for v in value or [])

    def matches(self, value: Any, expected: Any) -> bool:
        return expected in (value or [])

    def options(self, spec: Any, ctx: Context, chosen: Any = None) -> list[tuple[str, str]]:
        return ctx.offered(spec, chosen)

    def wtforms_field(self, spec: Any, ctx: Context) -> UnboundField:
        return SelectMultipleField(
            choices=wtforms_choices(self.options(spec, ctx)),
            validate_choice=False,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            **common_kwargs(spec, ctx),
        )


class ScaleType(FieldType):
    """The dialogue ruler: a whole number from 1 to 10."""

    type_name = "scale"
    message = _l("Vælg et tal fra %(low)s til %(high)s.", low=SCALE_MIN, high=SCALE_MAX)

    def clean(self, spec: Any, value: Any, ctx: Context) -> Any:
        if blank(value):
            return None
        if isinstance(value, str) and re.fullmatch(r"[0-9]{1,2}", value.strip()):
            value = int(value.strip())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if type(value) is not int or not SCALE_MIN <= value <= SCALE_MAX:
            raise Invalid(self.message)
        return value

    def format(self, spec: Any, value: Any, ctx: Context) -> str:
        return "" if value is None else f"{value} / {SCALE_MAX}"

    def options(self, spec: Any, ctx: Context, chosen: Any = None) -> list[tuple[str, str]]:
        return [(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)]

    def wtforms_field(self, spec: Any, ctx: Context) -> UnboundField:
        return _radios(self.options(spec, ctx), spec, ctx)


def _radios(pairs: list[tuple[str, str]], spec: Any, ctx: Context) -> UnboundField:
    # validate_choice=False: WTForms' own checks must not compete with validation.py.
    choices = wtforms_choices(pairs)
    return RadioField(choices=choices, validate_choice=False, **common_kwargs(spec, ctx))

"""The sandboxed, autoescaping Jinja environment every Word template is rendered with.

A template is code written by a municipality's administrator; the values are text typed by
coordinators and families. The template may only read the context: no attribute or item
whose name starts with "_", no template globals beyond a capped `range`, no huge strings
or numbers built with `*` and `**`. Values are data: autoescape turns `<`, `&` and quotes
into XML entities, XML-illegal control characters are dropped and missing values render
as nothing.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from flask_babel import gettext as _
from jinja2 import ChainableUndefined, Undefined, pass_eval_context
from jinja2.filters import do_replace
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from app.docgen import compiled
from app.docgen.filters import FILTERS, dato, ja_nej
from app.formatting import NotANumber, format_number
from app.text import clean_text

# docxtpl turns "{_{" etc. back into "{{" after rendering; hide such underscores in values.
_DOCXTPL_MARKERS = re.compile(r"(?<=[{%])_(?=[{%])|(?<=[}%])_(?=[}%])")

MAX_RANGE = 10_000
MAX_SEQUENCE = 100_000
MAX_EXPONENT = 64
#: The largest number a template may compute with ``**`` (bits): a chain of capped powers,
#: ``((9**64)**64)**64``, would otherwise build a number of a million digits.
MAX_POWER_BITS = 4_096
#: The widest padding or wrapping a filter or a format may ask for (characters).
MAX_WIDTH = 1_000
# A width in a %-format or a str.format field: "%999999s", "{:>999999}", "{0:999999}".
_WIDTH = re.compile(r"%[-+ #0]*(\d+)|\{[^{}]*?:[^{}]*?(\d+)[^{}]*\}")

#: Names a template may never use, even if the context happens to offer them.
FORBIDDEN_NAMES = frozenset(
    {
        "self",
        "config",
        "request",
        "session",
        "url_for",
        "get_flashed_messages",
        "cycler",
        "joiner",
        "lipsum",
        "namespace",
    }
)


class EmptyUndefined(ChainableUndefined):
    """A missing value: renders as "", chains through `a.b.c`, iterates as empty."""

    __slots__ = ()


def _refuse(what: str) -> NoReturn:
    """Raise the SecurityError the sandbox uses for anything reaching for internals."""
    raise SecurityError(
        _("Skabelonen forsøger at tilgå »%(what)s«, som ikke er tilladt.", what=what)
    )


def _too_big(what: str) -> NoReturn:
    """Raise the SecurityError for values a template may not build (memory, time)."""
    raise SecurityError(_("Skabelonen laver %(what)s; det er over grænsen.", what=what))


def safe_range(*args: int) -> range:
    """`range` capped at MAX_RANGE items."""
    result = range(*args)
    if len(result) > MAX_RANGE:
        _too_big(
            _("range med %(count)s elementer (højst %(max)s)", count=len(result), max=MAX_RANGE)
        )
    return result


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """Sandbox that raises (instead of rendering empty) on any access to internals."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Attribute access from a template; names starting with "_" are refused, and the
        string methods that pad to a width or format are capped."""
        if isinstance(attribute, str) and attribute.startswith("_"):
            _refuse(attribute)
        if isinstance(obj, str) and attribute in ("format", "format_map"):
            check_widths(obj)
        found = super().getattr(obj, attribute)
        if isinstance(obj, str) and attribute in _PADDING_METHODS:
            return _capped(attribute, found, 0)
        return found

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        """The template for ``source``, compiled once per app process (app/docgen/compiled):
        docxtpl gives every rendering of a template the same source."""
        if not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        key = compiled.key_of(source, self._compile_settings())
        code = compiled.lookup(key)
        if code is None:
            code = self.compile(source)
            compiled.remember(key, code)
        cls = template_class or self.template_class
        return cls.from_code(self, code, self.make_globals(globals), None)

    def _compile_settings(self) -> tuple[Any, ...]:
        """What Jinja's compiled code depends on besides the source."""
        return (
            type(self).__qualname__,
            self.autoescape,
            self.finalize is not None,
            self.keep_trailing_newline,
            self.trim_blocks,
            self.lstrip_blocks,
            self.newline_sequence,
            self.block_start_string,
            self.block_end_string,
            self.variable_start_string,
            self.variable_end_string,
            self.comment_start_string,
            self.comment_end_string,
            self.line_statement_prefix,
            self.line_comment_prefix,
            self.optimized,
            self.is_async,
            tuple(sorted(self.extensions)),
            tuple(sorted(self.filters)),
            tuple(sorted(self.tests)),
        )

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Item access from a template; string keys starting with "_" are refused."""
        if isinstance(argument, str) and argument.startswith("_"):
            _refuse(argument)
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """Jinja would render an unsafe attribute as empty; refuse it loudly instead."""
        _refuse(f"{type(obj).__name__}.{attribute}")

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**` and `%` with limits, so a template cannot build gigantic values."""
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            _too_big(
                _(
                    "en potens med eksponent %(value)s (højst %(max)s)",
                    value=right,
                    max=MAX_EXPONENT,
                )
            )
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            if abs(left).bit_length() * right > MAX_POWER_BITS:
                _too_big(_("et tal med over %(max)s bit", max=MAX_POWER_BITS))
        if operator == "%" and isinstance(left, str):
            check_widths(left)
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int):
                    if len(seq) * count > MAX_SEQUENCE:
                        _too_big(
                            _(
                                "en gentagelse på %(count)s tegn (højst %(max)s)",
                                count=len(seq) * count,
                                max=MAX_SEQUENCE,
                            )
                        )
        return super().call_binop(context, operator, left, right)


#: String methods whose first argument is a width.
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def check_widths(template: str) -> None:
    """Refuse a %-format or str.format with a padding wider than MAX_WIDTH."""
    for match in _WIDTH.finditer(template):
        width = int(match.group(1) or match.group(2) or 0)
        if width > MAX_WIDTH:
            _too_big(_("en bredde på %(width)s tegn (højst %(max)s)", width=width, max=MAX_WIDTH))


def _capped(name: str, builtin: Any, width_at: int) -> Any:
    """A Jinja filter whose width argument (positional ``width_at`` or ``width=``) is capped."""

    @functools.wraps(builtin)  # keeps Jinja's pass_environment marker (wordwrap)
    def capped(*args: Any, **kwargs: Any) -> Any:
        width = kwargs.get("width", args[width_at] if len(args) > width_at else None)
        if isinstance(width, int) and width > MAX_WIDTH:
            _too_big(
                _(
                    "%(filter)s med bredde %(width)s (højst %(max)s)",
                    filter=name,
                    width=width,
                    max=MAX_WIDTH,
                )
            )
        return builtin(*args, **kwargs)

    return capped


@pass_eval_context
def _capped_replace(
    eval_ctx: EvalContext, value: Any, old: Any, new: Any, count: Any = None
) -> Any:
    """Jinja's ``replace`` without amplification past MAX_SEQUENCE characters."""
    text, old_text, new_text = str(value), str(old), str(new)
    hits = text.count(old_text) if old_text else len(text) + 1
    if len(text) + hits * max(0, len(new_text) - len(old_text)) > MAX_SEQUENCE:
        _too_big(_("en tekst på over %(max)s tegn", max=MAX_SEQUENCE))
    return do_replace(eval_ctx, value, old, new, count)


def finalize(value: Any) -> Any:
    """Turn every `{{ … }}` result into safe document text (runs before autoescape)."""
    if value is None or isinstance(value, Undefined):
        return ""
    if hasattr(value, "__html__"):  # Markup, docxtpl Listing/RichText/InlineImage
        return Markup(clean_text(str(value.__html__()), unify_newlines=True))  # noqa: S704 - already markup
    if isinstance(value, bool):
        return ja_nej(value)
    if isinstance(value, date):
        return dato(value)
    if isinstance(value, float | Decimal):
        try:
            return format_number(value, places=None)  # a document shows every decimal
        except NotANumber:  # nan, inf
            return str(value)
    text = clean_text(value if isinstance(value, str) else str(value), unify_newlines=True)
    if "_" in text and _DOCXTPL_MARKERS.search(text):
        return Markup(_DOCXTPL_MARKERS.sub("&#95;", str(escape(text))))  # noqa: S704 - escaped
    return text


def make_environment() -> DocumentSandbox:
    """A fresh sandboxed environment with the Danish filters and only `range` as global.

    Not shared or cached: making one takes about 4 microseconds (measured), and a fresh one per
    render means no render can leave anything behind for the next.
    """
    env = DocumentSandbox(
        autoescape=True,
        undefined=EmptyUndefined,
        finalize=finalize,
        keep_trailing_newline=True,
    )
    env.globals.clear()
    env.globals["range"] = safe_range
    env.filters.update(FILTERS)
    # Filters that pad or wrap to a width, and replace, are capped (`'x'|center(999999999)`
    # took 25 s and 4 GB before the size check saw it).
    for name, width_at in (("center", 1), ("indent", 1), ("wordwrap", 2)):
        env.filters[name] = _capped(name, env.filters[name], width_at)
    env.filters["replace"] = _capped_replace
    return env


__all__ = [
    "FORBIDDEN_NAMES",
    "DocumentSandbox",
    "EmptyUndefined",
    "finalize",
    "make_environment",
]

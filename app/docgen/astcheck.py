"""Static checks on a parsed Jinja template: forbidden access and unknown names.

`known_names` describes the context a template may use, nested like the context itself:
`None` for a value, a dict for an object, `[dict]` (or `[None]`) for a list of objects (or
values). Example: `{"sag": {"reference": None}, "goals": [{"title": None}]}` allows
`{{ sag.reference }}` and `{% for g in goals %}{{ g.title }}{% endfor %}`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from jinja2 import nodes
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
)

from app.docgen.environment import FORBIDDEN_NAMES

KnownNames = Mapping[str, Any]

ANY = object()  # a value whose shape we do not know: no checks below it
LOOP = {
    n: None
    for n in (
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "cycle",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
        "changed",
    )
}
UNSAFE_ATTRIBUTES = (
    {
        "mro",
        "format_map",
        "func_globals",
        "func_code",
        "f_globals",
        "f_locals",
        "f_builtins",
        "tb_frame",
        "im_func",
        "im_self",
        "gi_yieldfrom",
        "cr_await",
    }
    | UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
)
_PRIVATE_STRING = re.compile(r"(^|[.\[{])_|__")
_SAME_SHAPE_FILTERS = {
    "default",
    "d",
    "default_tom",
    "list",
    "sort",
    "reverse",
    "unique",
    "selectattr",
    "rejectattr",
    "select",
    "reject",
}
_TEMPLATE_LOADING = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


@dataclass(frozen=True)
class Finding:
    """One problem found in the AST: kind, a key for de-duplication, line and message."""

    code: str  # "forbidden" | "unknown-name" | "unknown-filter" | "not-a-list"
    key: str
    lineno: int
    message: str
    is_error: bool = True


def did_you_mean(name: str, candidates: Collection[str]) -> str:
    """' Mente du »x«?' for the closest candidate, or a short list of what is known.

    Translated in the request's language (Danish outside a request).
    """
    close = difflib.get_close_matches(name, sorted(candidates), n=3, cutoff=0.6)
    if close:
        names = (" " + _("eller") + " ").join(f"»{c}«" for c in close)
        return " " + _("Mente du %(names)s?", names=names)
    if candidates and len(candidates) <= 12:
        return " " + _("Kendte navne her: %(names)s.", names=", ".join(sorted(candidates)))
    return ""


class AstChecker:
    """Walks a Jinja AST with a scope chain, collecting Findings."""

    def __init__(
        self,
        known_names: KnownNames,
        *,
        filters: Collection[str],
        tests: Collection[str],
        global_names: Collection[str] = ("range",),
    ) -> None:
        """Check against `known_names`, the environment's filters, tests and globals."""
        self.known = known_names
        self.filters = filters
        self.tests = tests
        self.global_names = set(global_names)
        self.findings: list[Finding] = []

    def check(self, tree: nodes.Template) -> list[Finding]:
        """All findings for one template, in line order, without duplicates."""
        self.findings = []
        self._visit_all(tree.body, [{}])
        unique = {(f.code, f.key, f.lineno): f for f in self.findings}
        return sorted(unique.values(), key=lambda f: f.lineno)

    # -- reporting -------------------------------------------------------------------------
    def _add(self, code: str, key: str, node: nodes.Node, message: str, error: bool = True) -> None:
        """Record a finding at the node's line."""
        self.findings.append(Finding(code, key, node.lineno or 1, message, error))

    def _forbid(self, what: str, node: nodes.Node, why: str = "") -> None:
        """Record forbidden access to internals."""
        self._add(
            "forbidden",
            what,
            node,
            _(
                "Skabelonen forsøger at tilgå »%(what)s«, som ikke er tilladt%(why)s. "
                "Skabeloner må kun læse de flettefelter, der er beskrevet for formularen.",
                what=what,
                why=why,
            ),
        )

    # -- walking ---------------------------------------------------------------------------
    def _visit_all(self, items: list[nodes.Node] | Iterator[nodes.Node], scope: list[dict]) -> None:
        """Visit a list of nodes in the same scope."""
        for item in items:
            self._visit(item, scope)

    def _visit(self, node: nodes.Node | None, scope: list[dict]) -> None:
        """Dispatch on node type; anything not special is walked child by child."""
        if node is None:
            return
        handler = getattr(self, f"_visit_{type(node).__name__}", None)
        if handler is not None:
            handler(node, scope)
        elif isinstance(node, _TEMPLATE_LOADING):
            self._forbid(
                _("andre skabeloner"),
                node,
                " " + _("(include, import og extends kan ikke bruges)"),
            )
        else:
            self._visit_all(node.iter_child_nodes(), scope)

    def _visit_Name(self, node: nodes.Name, scope: list[dict]) -> None:  # noqa: N802
        """A variable read."""
        if node.ctx != "load":
            return
        name = node.name
        if name.startswith("_") or name in FORBIDDEN_NAMES:
            self._forbid(name, node)
        elif not any(name in s for s in scope) and name not in self.known:
            if name not in self.global_names:
                visible = set(self.known) | {n for s in scope for n in s}
                self._add(
                    "unknown-name",
                    name,
                    node,
                    _("Ukendt flettefelt »%(name)s«.", name=name) + did_you_mean(name, visible),
                )

    def _visit_NSRef(self, node: nodes.NSRef, scope: list[dict]) -> None:  # noqa: N802
        """`{% set ns.attr = … %}` needs `namespace`, which templates do not get."""
        self._forbid(node.name if node.name.startswith("_") else "namespace", node)

    def _visit_Getattr(self, node: nodes.Getattr, scope: list[dict]) -> None:  # noqa: N802
        """`a.b`: refuse private names, check the attribute against the object's fields."""
        self._member(node, node.node, node.attr, scope)

    def _visit_Getitem(self, node: nodes.Getitem, scope: list[dict]) -> None:  # noqa: N802
        """`a['b']` is checked like `a.b`; other subscripts only walk their parts."""
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            self._member(node, node.node, node.arg.value, scope)
        else:
            self._visit(node.node, scope)
            self._visit(node.arg, scope)

    def _member(self, node: nodes.Node, base: nodes.Node, attr: str, scope: list[dict]) -> None:
        """Shared check of `base.attr` / `base['attr']`."""
        if attr.startswith("_") or attr in UNSAFE_ATTRIBUTES:
            self._forbid(attr, node)
            return
        self._visit(base, scope)
        shape = self._shape(base, scope)
        path = _dotted(base)
        if isinstance(shape, dict) and attr not in shape and shape is not LOOP:
            self._add(
                "unknown-name",
                f"{path}.{attr}",
                node,
                _("Ukendt flettefelt »%(name)s«.", name=f"{path}.{attr}")
                + did_you_mean(f"{path}.{attr}", [f"{path}.{k}" for k in shape]),
            )
        elif shape is LOOP and attr not in LOOP:
            self._add(
                "unknown-name",
                f"loop.{attr}",
                node,
                _("»loop« har ikke »%(attr)s«.", attr=attr) + did_you_mean(attr, LOOP),
            )
        elif isinstance(shape, list):
            self._add(
                "unknown-name",
                f"{path}.{attr}",
                node,
                _(
                    "»%(path)s« er en liste og har ikke »%(attr)s«; brug en løkke: %(loop)s.",
                    path=path,
                    attr=attr,
                    loop=f"{{% for x in {path} %}}{{{{ x.{attr} }}}}{{% endfor %}}",
                ),
            )

    def _visit_Filter(self, node: nodes.Filter, scope: list[dict]) -> None:  # noqa: N802
        """A filter: must exist, `attr` is refused, no private names in its arguments."""
        self._call_like(node, node.name, self.filters, "filter", scope)

    def _visit_Test(self, node: nodes.Test, scope: list[dict]) -> None:  # noqa: N802
        """A test (`is defined` …): must exist, no private names in its arguments."""
        self._call_like(node, node.name, self.tests, "test", scope)

    def _call_like(
        self,
        node: nodes._FilterTestCommon,
        name: str,
        known: Collection[str],
        kind: str,
        scope: list[dict],
    ) -> None:
        """Shared check of filters and tests."""
        if name == "attr":
            self._forbid("attr", node, " " + _("(brug punktum: »x.felt«)"))
        elif name not in known:
            self._add(
                f"unknown-{kind}",
                name,
                node,
                (
                    _("Ukendt filter »%(name)s«.", name=name)
                    if kind == "filter"
                    else _("Ukendt test »%(name)s«.", name=name)
                )
                + did_you_mean(name, known),
            )
        self._check_string_args(node)
        self._visit_all(node.iter_child_nodes(), scope)

    def _visit_Call(self, node: nodes.Call, scope: list[dict]) -> None:  # noqa: N802
        """A call: no private names in string arguments (e.g. `"{0.__class__}".format`)."""
        self._check_string_args(node)
        if isinstance(node.node, nodes.Getattr) and isinstance(node.node.node, nodes.Const):
            self._check_string(node.node.node, node)
        self._visit_all(node.iter_child_nodes(), scope)

    def _check_string_args(self, node: nodes.Node) -> None:
        """Refuse string constants naming private attributes in call arguments."""
        args = list(getattr(node, "args", [])) + [k.value for k in getattr(node, "kwargs", [])]
        for arg in args:
            if isinstance(arg, nodes.Const):
                self._check_string(arg, node)

    def _check_string(self, const: nodes.Const, node: nodes.Node) -> None:
        """Refuse one string constant if it points at something private."""
        if isinstance(const.value, str) and _PRIVATE_STRING.search(const.value):
            self._forbid(const.value, node)

    def _visit_For(self, node: nodes.For, scope: list[dict]) -> None:  # noqa: N802
        """A loop binds its target(s) to the list's element shape, plus `loop`."""
        self._visit(node.iter, scope)
        shape = self._shape(node.iter, scope)
        element: Any = ANY
        if isinstance(shape, list):
            element = shape[0] if shape else ANY
        elif shape is None or isinstance(shape, dict):
            path = _dotted(node.iter)
            self._add(
                "not-a-list",
                path,
                node,
                _("»%(path)s« er ikke en liste, så løkken gennemløber ikke rækker.", path=path),
                error=False,
            )
        inner: dict[str, Any] = {"loop": LOOP}
        if isinstance(node.target, nodes.Name):
            inner[node.target.name] = element
        else:
            inner.update({name: ANY for name in _target_names(node.target)})
        self._bind_check(inner, node)
        self._visit(node.test, [*scope, inner])
        self._visit_all(node.body, [*scope, inner])
        self._visit_all(node.else_, scope)

    def _visit_Assign(self, node: nodes.Assign, scope: list[dict]) -> None:  # noqa: N802
        """`{% set x = … %}` binds x with the value's shape in the current scope."""
        self._visit(node.node, scope)
        if isinstance(node.target, nodes.NSRef):
            self._visit(node.target, scope)
            return
        names = {name: ANY for name in _target_names(node.target)}
        if isinstance(node.target, nodes.Name):
            names[node.target.name] = self._shape(node.node, scope)
        self._bind_check(names, node)
        scope[-1].update(names)

    def _visit_AssignBlock(self, node: nodes.AssignBlock, scope: list[dict]) -> None:  # noqa: N802
        """`{% set x %}…{% endset %}` binds x to text."""
        self._visit_all(node.body, scope)
        self._visit(node.filter, scope)
        names = {name: None for name in _target_names(node.target)}
        self._bind_check(names, node)
        scope[-1].update(names)

    def _visit_With(self, node: nodes.With, scope: list[dict]) -> None:  # noqa: N802
        """`{% with a = … %}` binds names for its body."""
        inner: dict[str, Any] = {}
        for target, value in zip(node.targets, node.values, strict=False):
            self._visit(value, scope)
            shape = self._shape(value, scope) if isinstance(target, nodes.Name) else ANY
            inner.update({name: shape for name in _target_names(target)})
        self._bind_check(inner, node)
        self._visit_all(node.body, [*scope, inner])

    def _visit_Macro(self, node: nodes.Macro, scope: list[dict]) -> None:  # noqa: N802
        """A macro binds its name; its body sees its arguments, varargs, kwargs and caller."""
        self._bind_check({node.name: ANY}, node)
        scope[-1][node.name] = ANY
        self._visit_all(node.defaults, scope)
        inner = {a.name: ANY for a in node.args} | {"varargs": ANY, "kwargs": ANY, "caller": ANY}
        self._visit_all(node.body, [*scope, inner])

    def _visit_CallBlock(self, node: nodes.CallBlock, scope: list[dict]) -> None:  # noqa: N802
        """`{% call m() %}…{% endcall %}`: the body sees the caller's arguments."""
        self._visit(node.call, scope)
        self._visit_all(node.defaults, scope)
        inner = {a.name: ANY for a in node.args}
        self._visit_all(node.body, [*scope, inner])

    def _bind_check(self, names: Mapping[str, Any], node: nodes.Node) -> None:
        """Refuse binding private or reserved names (they would shadow the safety checks)."""
        for name in names:
            if name.startswith("_") or name in FORBIDDEN_NAMES:
                self._forbid(name, node)

    # -- shapes ----------------------------------------------------------------------------
    def _shape(self, node: nodes.Node, scope: list[dict]) -> Any:
        """What we know about an expression's value: None, dict, [shape] or ANY."""
        if isinstance(node, nodes.Name):
            for frame in reversed(scope):
                if node.name in frame:
                    return frame[node.name]
            return self.known.get(node.name, ANY)
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            base = self._shape(node.node, scope)
            key = node.attr if isinstance(node, nodes.Getattr) else _const(node.arg)
            if isinstance(base, dict) and isinstance(key, str):
                return base.get(key, ANY)
            if isinstance(base, list) and isinstance(key, int) and base:
                return base[0]
            return ANY
        if isinstance(node, nodes.Filter) and node.node is not None:
            if node.name in _SAME_SHAPE_FILTERS:
                return self._shape(node.node, scope)
            if node.name in ("first", "last", "random"):
                base = self._shape(node.node, scope)
                return base[0] if isinstance(base, list) and base else ANY
        if isinstance(node, nodes.List | nodes.Tuple):
            return [ANY]
        return ANY


def _target_names(target: nodes.Node) -> list[str]:
    """Names bound by an assignment target: `x` or `a, b`."""
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _const(node: nodes.Node) -> Any:
    """The value of a constant node, else None."""
    return node.value if isinstance(node, nodes.Const) else None


def _dotted(node: nodes.Node) -> str:
    """A readable name for an expression: 'sag.reference', 'goals', or '…'."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(_const(node.arg), str):
        return f"{_dotted(node.node)}.{node.arg.value}"
    if isinstance(node, nodes.Filter) and node.node is not None:
        return _dotted(node.node)
    return "…"

"""The most times a template's text can repeat, worked out from its loops before rendering.

Rendering with sample data only runs the paths the sample takes: three nested loops behind
a condition the sample skips pass the test rendering in a blink and then cost minutes in a
real download. This check reads the template instead. Every `{% for %}` counts with its
largest possible length, whatever condition surrounds it, and nested loops multiply:

- `range(n)` with a constant n counts n; any other `range(...)` counts the largest range a
  template may build (environment.MAX_RANGE);
- a loop over data (goals, lines, meetings, …) counts MAXIMAL_ROWS rows, the big case the
  maximal sample renders (the design's largest case has 20 goals and 15 funding lines): data
  loops grow with the real case, which the rendering limits bound; what this check catches
  is repetition the template invents itself;
- a macro costs what its body costs at every place it is called; a recursive loop or a
  macro that calls itself counts as unbounded.

A template whose worst case exceeds MAX_REPEATS is refused with the place of the deepest
loop, so the administrator sees which loops to simplify.

The test rendering then runs twice: with the ordinary sample, and with a maximal sample in
which every list of data (not the form's own sections and fields) holds MAXIMAL_ROWS rows,
so a template that is only slow on a big case is stopped by the rendering limits at upload
rather than in a coordinator's download.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle, islice
from typing import Any

from flask_babel import gettext as _
from jinja2 import nodes

from app.docgen.environment import MAX_RANGE, MAX_SEQUENCE

#: The most times any part of a template may be repeated in the worst case.
MAX_REPEATS = 1_000_000
#: Rows in every list of the maximal sample, and what a loop over data counts.
MAXIMAL_ROWS = 25
#: What a recursive loop or a self-calling macro counts as: more than any limit.
UNBOUNDED = MAX_REPEATS * MAX_REPEATS


@dataclass(frozen=True)
class LoopCost:
    """The worst case of a template: repetitions and the line of the innermost loop."""

    repeats: int
    lineno: int

    @property
    def too_many(self) -> bool:
        """Whether the worst case is over the limit."""
        return self.repeats > MAX_REPEATS

    def message(self) -> str:
        """The administrator's explanation of a refused template."""
        return _(
            "Skabelonens løkker kan i værste fald gentage teksten over %(limit)s gange "
            "(løkker i løkker, også dem der kun bruges under en betingelse). Gør løkkerne "
            "færre eller kortere.",
            limit=f"{MAX_REPEATS:,}".replace(",", "."),
        )


def worst_case(tree: nodes.Template) -> LoopCost:
    """The largest number of repetitions any part of the template can reach."""
    macros = {m.name: m for m in tree.find_all(nodes.Macro)}
    return _Walker(macros).cost(tree.body, ())


class _Walker:
    """Computes costs; remembers macro costs and guards against self-calling macros."""

    def __init__(self, macros: dict[str, nodes.Macro]) -> None:
        self.macros = macros
        self.macro_costs: dict[str, LoopCost] = {}

    def cost(self, body: list[nodes.Node], calling: tuple[str, ...]) -> LoopCost:
        """The worst case of a list of nodes: the largest of its parts (they run in turn)."""
        worst = LoopCost(1, body[0].lineno if body else 1)
        for node in body:
            worst = _max(worst, self.node_cost(node, calling))
        return worst

    def node_cost(self, node: nodes.Node, calling: tuple[str, ...]) -> LoopCost:
        """The worst case of one node and everything inside it."""
        if isinstance(node, nodes.Macro):
            return LoopCost(1, node.lineno)  # costs where it is called, not where defined
        if isinstance(node, nodes.For):
            inner = self.cost(node.body + node.else_, calling)
            if node.recursive:
                return LoopCost(UNBOUNDED, node.lineno)
            rows = _rows(node.iter)
            return LoopCost(min(rows * inner.repeats, UNBOUNDED), inner.lineno)
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
            called = self._macro_cost(node.node.name, calling)
            if called is not None:
                return _max(called, self.cost(list(node.iter_child_nodes()), calling))
        return self.cost(list(node.iter_child_nodes()), calling)

    def _macro_cost(self, name: str, calling: tuple[str, ...]) -> LoopCost | None:
        """What one call of macro `name` costs (None when it is not a macro)."""
        macro = self.macros.get(name)
        if macro is None:
            return None
        if name in calling:
            return LoopCost(UNBOUNDED, macro.lineno)
        if name not in self.macro_costs:
            self.macro_costs[name] = self.cost(macro.body, (*calling, name))
        return self.macro_costs[name]


def _rows(iterable: nodes.Node) -> int:
    """The most items a loop's iterable can yield."""
    if isinstance(iterable, nodes.Call) and _is_range(iterable.node):
        bounds = [_constant_int(arg) for arg in iterable.args]
        if iterable.kwargs or iterable.dyn_args or iterable.dyn_kwargs or None in bounds:
            return MAX_RANGE
        try:
            return min(len(range(*bounds)), MAX_RANGE)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return MAX_RANGE
    if isinstance(iterable, nodes.Filter) and iterable.node is not None:
        return _rows(iterable.node)  # sort, reverse, selectattr … never add items
    if isinstance(iterable, nodes.List | nodes.Tuple):
        return len(iterable.items)
    if isinstance(iterable, nodes.BinExpr):  # 'x' * n, a + b: as long as the sandbox allows
        return MAX_SEQUENCE
    return MAXIMAL_ROWS


def _is_range(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "range"


def _constant_int(node: nodes.Node) -> int | None:
    """The value of a constant integer expression (literal or negated literal)."""
    if isinstance(node, nodes.Const) and isinstance(node.value, int):
        return node.value
    if isinstance(node, nodes.Neg):
        inner = _constant_int(node.node)
        return None if inner is None else -inner
    return None


def _max(a: LoopCost, b: LoopCost) -> LoopCost:
    return b if b.repeats > a.repeats else a


def widened(rows: list[Any], count: int = MAXIMAL_ROWS) -> list[Any]:
    """A list of data rows repeated up to `count` rows (the maximal sample's big case)."""
    return list(islice(cycle(rows), max(count, len(rows)))) if rows else rows

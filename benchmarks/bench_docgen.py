"""Benchmark: render_docx (sandboxed, autoescaped, sanitised) versus bare docxtpl.

Run: python benchmarks/bench_docgen.py [--goals 50] [--repeat 15]

Both sides render the same template (no custom filters, so bare docxtpl can run it) with the
same 50-goal context; bare docxtpl uses its default Jinja environment (no sandbox, no
autoescape). Prints the median time of each and the ratio. Not a test.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from typing import Any

from docx import Document
from docxtpl import DocxTemplate

from app.docgen.lint import lint_template
from app.docgen.render import context_sanitize, render_docx


def build_template() -> bytes:
    """A plan-like template: header fields, a goal table loop and nested paragraph loops."""
    doc = Document()
    doc.add_heading("Fælles plan for {{ sag.titel }}", level=1)
    doc.add_paragraph("Sagsnr.: {{ sag.reference }} · Koordinator: {{ sag.koordinator }}")
    table = doc.add_table(rows=4, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Område", "Mål", "Frist", "Status"], strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for g in goals %}"
    row = ["{{ g.area }}", "{{ g.title }}", "{{ g.deadline }}", "{{ g.status }}"]
    for cell, text in zip(table.rows[2].cells, row, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for text in [
        "{%p for g in goals %}",
        "{{ loop.index }}. {{ g.title }}",
        "Specifikt: {{ g.specific }}",
        "Målbart: {{ g.measurable }}",
        "{%p for s in g.subgoals %}",
        "– {{ s.text }} ({{ s.owner }})",
        "{%p endfor %}",
        "{%p endfor %}",
    ]:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_context(goals: int) -> dict[str, Any]:
    """A context with `goals` goals of realistic text, three sub-goals each."""
    return {
        "sag": {
            "titel": "Familien Jensen",
            "reference": "SAG-2026-0042",
            "koordinator": "Mette Hansen",
        },
        "goals": [
            {
                "area": "Barnets udvikling",
                "title": f"Mål {i}: Emma deltager i skolen & fritidsaktiviteter",
                "deadline": "01.03.2027",
                "status": "I gang",
                "specific": "Emma møder i skole fire af fem dage.\nHun spiser morgenmad hjemme.",
                "measurable": "Fremmøde registreres ugentligt; udgangspunkt 2, mål 4 af 5 dage.",
                "subgoals": [{"text": f"Delmål {i}.{j}", "owner": "Skolen"} for j in range(3)],
            }
            for i in range(goals)
        ],
    }


def bare_docxtpl(template: bytes, context: dict[str, Any]) -> bytes:
    """docxtpl as documented: default environment, no sandbox, no escaping, no cleaning."""
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def measure(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs after one warm-up run."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Time both renderers (and the pieces of ours) and print the ratio."""
    parser = argparse.ArgumentParser(description="render_docx vs bare docxtpl")
    parser.add_argument("--goals", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    template, context = build_template(), build_context(args.goals)
    assert Document(io.BytesIO(render_docx(template, context))).tables[0].rows[args.goals]
    bare = measure(lambda: bare_docxtpl(template, context), args.repeat)
    ours = measure(lambda: render_docx(template, context), args.repeat)
    sanitize = measure(lambda: context_sanitize(context), args.repeat)
    names = {
        "sag": {"titel": None, "reference": None, "koordinator": None},
        "goals": [
            {k: None for k in context["goals"][0]} | {"subgoals": [{"text": None, "owner": None}]}
        ],
    }
    lint = measure(
        lambda: lint_template(template, known_names=names, sample_context=context),
        max(3, args.repeat // 3),
    )
    print(f"{args.goals} goals, median of {args.repeat} runs")
    print(f"  bare docxtpl (default env):        {bare * 1000:8.1f} ms")
    print(f"  render_docx (sandbox+escape+clean): {ours * 1000:8.1f} ms")
    print(f"    of which context_sanitize:        {sanitize * 1000:8.1f} ms")
    print(f"  ratio render_docx / bare:           {ours / bare:8.2f}x")
    print(f"  lint_template (incl. test render):  {lint * 1000:8.1f} ms")


if __name__ == "__main__":
    main()

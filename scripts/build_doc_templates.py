"""Generate the default Danish Word templates in doc_templates/ from code.

Usage: python scripts/build_doc_templates.py [--out DIR]

Each template is one `build_<name>()` function registered in TEMPLATES with the names it
may use and sample data; after writing, every template is linted and test-rendered, and the
script exits 1 if one is not accepted. Shared letterhead, footer and table helpers live in
app/docgen/word.py. To add a template: write `build_<name>()`, add a TemplateSpec.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject

from app.docgen.lint import lint_template, merge_known_names
from app.docgen.word import (
    LETTERHEAD_NAMES,
    add_footer,
    add_key_value_table,
    add_letterhead,
    add_loop_table,
    add_title_block,
    document_bytes,
    new_document,
)

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "doc_templates"


@dataclass(frozen=True)
class TemplateSpec:
    """How to build one template, the names it may use and data to test-render it with."""

    build: Callable[[], DocumentObject]
    known_names: dict[str, Any]
    sample_context: Callable[[], dict[str, Any]]


def letterhead_sample() -> dict[str, Any]:
    """Sample values for the shared letterhead, title block and footer."""
    return {
        "kommune": {
            "navn": "Eksempel Kommune",
            "afdeling": "Børn og Familie",
            "adresse": "Rådhuspladsen 1, 1234 Eksempelby",
            "telefon": "12 34 56 78",
            "email": "boern@eksempel.dk",
            "logo": None,
        },
        "sag": {"reference": "SAG-2026-0042"},
        "dato": date(2026, 11, 23),
    }


# -- _eksempel: a demonstration of every construct ------------------------------------------

EKSEMPEL_NAMES = merge_known_names(
    LETTERHEAD_NAMES,
    {
        "sag": {
            "titel": None,
            "familie": None,
            "oensker": None,
            "bemaerkning": None,
            "kan_paaklages": None,
            "timer_pr_uge": None,
        },
        "maal": [
            {
                "omraade": None,
                "titel": None,
                "maalbart": None,
                "frist": None,
                "status": None,
                "ansvarlig": None,
                "delmaal": [{"tekst": None}],
            }
        ],
        "finansiering": [{"indsats": None, "beloeb": None, "andel": None}],
        "finansiering_total": None,
    },
)


def eksempel_sample() -> dict[str, Any]:
    """Sample data for _eksempel.docx."""
    context = letterhead_sample()
    context["sag"].update(
        {
            "titel": "Familien Jensen",
            "familie": "Mor, far, Emma (9 år) og Noah (4 år)",
            "oensker": "Emma vil gerne i skole hver dag.\nForældrene ønsker ro om aftenen.",
            "bemaerkning": "Mødet holdes i hjemmet.",
            "kan_paaklages": True,
            "timer_pr_uge": 7.5,
        }
    )
    context["maal"] = [
        {
            "omraade": "Barnets udvikling",
            "titel": "Emma går i skole",
            "maalbart": "4 af 5 dage",
            "frist": date(2027, 3, 1),
            "status": "I gang",
            "ansvarlig": "Skolen",
            "delmaal": [{"tekst": "Morgenrutine på plads"}, {"tekst": "Fast kontaktperson"}],
        },
        {
            "omraade": "Forældrekompetencer",
            "titel": "Ro om aftenen",
            "maalbart": "Skala 4 → 7",
            "frist": date(2027, 6, 1),
            "status": "Ikke startet",
            "ansvarlig": None,
            "delmaal": [],
        },
    ]
    context["finansiering"] = [
        {"indsats": "Familiebehandling", "beloeb": 120000, "andel": 60},
        {"indsats": "Mentor", "beloeb": 80000.5, "andel": 40},
    ]
    context["finansiering_total"] = 200000.5
    return context


def build_eksempel() -> DocumentObject:
    """Demonstration template: letterhead, headings, a table loop, paragraph loops, filters."""
    doc = new_document()
    add_letterhead(doc)
    add_footer(doc)
    add_title_block(doc, "Eksempel på dokumentskabelon")
    doc.add_heading("Sagen", level=1)
    add_key_value_table(
        doc,
        [
            ("Sag", "{{ sag.titel }}"),
            ("Familie", "{{ sag.familie }}"),
            ("Timer pr. uge", "{{ sag.timer_pr_uge|tal }}"),
            ("Kan påklages", "{{ sag.kan_paaklages|ja_nej }}"),
        ],
    )
    doc.add_heading("Familiens ønsker", level=2)
    doc.add_paragraph("{{ sag.oensker }}")
    doc.add_paragraph("{%p if sag.bemaerkning %}")
    doc.add_paragraph("Bemærkning: {{ sag.bemaerkning }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading("Mål", level=1)
    add_loop_table(
        doc,
        ["Område", "Mål", "Frist", "Status"],
        ["{{ m.omraade }}", "{{ m.titel }}", "{{ m.frist|kort_dato }}", "{{ m.status }}"],
        "m in maal",
        widths_mm=[40, 60, 25, 35],
    )
    doc.add_paragraph("{%p for m in maal %}")
    doc.add_heading("Mål {{ loop.index }}: {{ m.titel }}", level=2)
    doc.add_paragraph("Målbart: {{ m.maalbart }}")
    doc.add_paragraph("Frist: {{ m.frist|dato }} · Ansvarlig: {{ m.ansvarlig|default_tom }}")
    doc.add_paragraph("{%p for d in m.delmaal %}")
    doc.add_paragraph("{{ d.tekst }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("Økonomi", level=1)
    add_loop_table(
        doc,
        ["Indsats", "Beløb pr. år", "Andel"],
        ["{{ f.indsats }}", "{{ f.beloeb|kr }}", "{{ f.andel|procent }}"],
        "f in finansiering",
        widths_mm=[80, 45, 35],
        footer=["I alt", "{{ finansiering_total|kr }}", ""],
    )
    return doc


TEMPLATES: dict[str, TemplateSpec] = {
    "_eksempel": TemplateSpec(build_eksempel, EKSEMPEL_NAMES, eksempel_sample),
}


def build_all(out_dir: Path = OUT_DIR) -> dict[str, Path]:
    """Write every template to out_dir; return name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, spec in TEMPLATES.items():
        path = out_dir / f"{name}.docx"
        path.write_bytes(document_bytes(spec.build()))
        written[name] = path
    return written


def main(argv: list[str] | None = None) -> int:
    """Build, then lint and test-render every template; exit 1 if one is not accepted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="target folder")
    args = parser.parse_args(argv)
    failed = 0
    for name, path in build_all(args.out).items():
        spec = TEMPLATES[name]
        report = lint_template(
            path.read_bytes(), known_names=spec.known_names, sample_context=spec.sample_context()
        )
        print(f"{path}: {report}")
        failed += not report.ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Generate the default Danish Word templates in doc_templates/ from code.

Usage: python scripts/build_doc_templates.py [--out DIR]

Each template is one `build_<name>()` function registered in TEMPLATES with the names it
may use and sample data; after writing, every template is linted and test-rendered, and the
script exits 1 if one is not accepted. Shared letterhead, footer and table helpers live in
scripts/docx_building.py and scripts/docx_layout.py (build-time only, not in the app); the
templates of the built-in forms are built in scripts/form_templates.py and those of the two
plans in scripts/plan_templates.py; their names come from the form definitions exactly as a
municipality's upload is checked.
To add a template: write `build_<name>()`, add a TemplateSpec.
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
from app.formengine import DEFAULT_VOCABULARIES, FormDefinition, default_data, load_file
from app.word.context import known_names
from app.word.plan import (
    family_known_names,
    family_sample_context,
    plan_known_names,
    plan_sample_context,
)
from app.word.samples import sample_context

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/ is not a package
from docx_building import (  # noqa: E402
    LETTERHEAD_NAMES,
    add_footer,
    add_key_value_table,
    add_letterhead,
    add_loop_table,
    add_title_block,
    document_bytes,
    new_document,
)
from form_templates import (  # noqa: E402
    build_beslutningskompetence,
    build_formular,
    build_sagsforloeb,
    build_smarte_maal,
)
from meeting_templates import build_moedereferat  # noqa: E402
from plan_templates import build_faelles_plan, build_familiens_plan  # noqa: E402

from app.word import minutes as meeting_minutes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "doc_templates"
FORMS_DIR = ROOT / "forms"


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


# -- templates of the built-in forms ----------------------------------------------------------


def form_definition(name: str) -> FormDefinition:
    """A built-in form definition from forms/<name>.yaml."""
    return load_file(FORMS_DIR / f"{name}.yaml")


def form_sample(name: str, **values: Any) -> Callable[[], dict[str, Any]]:
    """Sample context of a built-in form: its prefilled defaults plus the given values."""

    def make() -> dict[str, Any]:
        definition = form_definition(name)
        data = default_data(definition, vocabularies=DEFAULT_VOCABULARIES)
        data.update(values)
        return sample_context(definition, DEFAULT_VOCABULARIES, data=data)

    return make


def form_spec(name: str, build: Callable[[], DocumentObject], **values: Any) -> TemplateSpec:
    """A TemplateSpec whose names come from the form definition (as uploads are checked)."""
    return TemplateSpec(build, known_names(form_definition(name)), form_sample(name, **values))


#: A goal sheet as a family and its core team might write it (sample data of two templates).
GOAL_SHEET: dict[str, Any] = {
    "child_wishes": "Jeg vil gerne lege med de andre i frikvarteret.\nOg sove hjemme hver nat.",
    "how_heard": ["samtale", "dialoglineal"],
    "how_heard_note": "Emma tegnede sin dag, mens vi talte.",
    "family_wishes": "Ro om aftenen og én kontaktperson i kommunen.",
    "long_term_goal": "Emma går i skole hver dag, og familien har overskud i hverdagen.",
    "siblings": "Noah (4 år) savner tid med mor og far alene.",
    "other_plans": [
        {"plan": "Jobplan for far", "department": "jobcenter", "plan_date": "2026-10-01"},
        {"plan": "Elevplan", "department": "skole_dagtilbud", "plan_date": "2026-08-15"},
    ],
    "family_accepted_on": "2026-11-20",
    "family_accepted_how": "moede",
    "family_accepted_note": "Mor og far var med på mødet; Emma så planen bagefter.",
    "goals": [
        {
            "area": "barnets_udvikling",
            "title": "Emma går i skole hver dag",
            "specific": "Emma møder til første time og bliver hele dagen.",
            "indicator": "Antal hele skoledage pr. uge",
            "baseline": 3,
            "target": 8,
            "target_number": "5 af 5 dage",
            "accepted_by": ["barnet", "foraeldre", "kerneteam"],
            "accepted_how": "Aftalt på mødet med familien.",
            "realistic": "Skolen har en fast voksen; morgenerne er svære.",
            "deadline": "2027-06-30",
            "evaluation": "Skolen og forældrene tæller dagene.",
            "evaluation_date": "2027-03-01",
            "responsible": "1",
            "department": "skole_dagtilbud",
            "status": "i_gang",
            "subgoals": [
                {"text": "Fast morgenrutine", "deadline": "2027-01-15", "status": "i_gang"},
                {"text": "Kontaktperson i skolen", "deadline": "2026-12-15", "status": "naaet"},
            ],
            "agreements": [
                {
                    "what": "Bestille aflastning",
                    "who": "Familiekoordinatoren",
                    "by_when": "2026-12-01",
                },
            ],
        },
        {
            "area": "foraeldres_beskaeftigelse",
            "title": "Mor er i praktik",
            "indicator": "Timer i praktik pr. uge",
            "target_number": "15 timer",
            "deadline": "2027-09-01",
            "status": "ikke_startet",
            "subgoals": [],
            "agreements": [],
        },
    ],
}


def plan_sample() -> dict[str, Any]:
    """The internal plan's sample: the goal sheet above with sample decisions and funding."""
    return plan_sample_context(form_definition("smarte_maal"), DEFAULT_VOCABULARIES, GOAL_SHEET)


def family_plan_sample() -> dict[str, Any]:
    """The family's plan's sample: the goal sheet above, nothing internal."""
    return family_sample_context(form_definition("smarte_maal"), DEFAULT_VOCABULARIES, GOAL_SHEET)


TEMPLATES: dict[str, TemplateSpec] = {
    "_eksempel": TemplateSpec(build_eksempel, EKSEMPEL_NAMES, eksempel_sample),
    "formular": TemplateSpec(
        build_formular,
        known_names(form_definition("sagsforloeb")),
        form_sample("sagsforloeb", title="Sagsforløb 0–6 år"),
    ),
    "sagsforloeb": form_spec(
        "sagsforloeb",
        build_sagsforloeb,
        title="Sagsforløb 0–6 år",
        target_group="Familier med børn 0–6 år med funktionsnedsættelse",
        team="Handicapteamet",
        owner="Leder af Børnehandicap",
        valid_from="2026-01-01",
        version_note="Ny kadence for statusmøder.\nAnalysemødet er flyttet.",
    ),
    "beslutningskompetence": form_spec(
        "beslutningskompetence",
        build_beslutningskompetence,
        title="Beslutningskompetenceplan 2026",
        unit="Børn og Familie, handicapteamet",
        valid_from="2026-01-01",
        approved_by="Børne- og Ungeudvalget",
    ),
    "smarte_maal": form_spec("smarte_maal", build_smarte_maal, **GOAL_SHEET),
    "faelles_plan": TemplateSpec(
        build_faelles_plan, plan_known_names(form_definition("smarte_maal")), plan_sample
    ),
    "familiens_plan": TemplateSpec(
        build_familiens_plan,
        family_known_names(form_definition("smarte_maal")),
        family_plan_sample,
    ),
    "moedereferat": TemplateSpec(
        build_moedereferat, meeting_minutes.known_names(), meeting_minutes.sample_context
    ),
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

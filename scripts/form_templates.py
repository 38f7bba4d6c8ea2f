"""The default templates of the built-in forms (python-docx code); the two plans are in
scripts/plan_templates.py.

One `build_<name>()` per template; `scripts/build_doc_templates.py` registers them with
their names and sample data, writes them to doc_templates/ and checks them. Labels of the
SMARTE criteria come from the form (`etiketter`), so a municipality's own wording of the
letters reaches the documents without a new template.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx_building import (
    add_footer,
    add_key_value_table,
    add_letterhead,
    add_loop_table,
    add_title_block,
    new_document,
)
from docx_layout import (
    add_loop_rows,
    add_status_line,
    add_subtitle,
    compact,
    landscape,
    note,
    paragraphs_tag,
    unless_empty,
)


def letter(doc_title: str, subtitle: str | None = None, *, wide: bool = False) -> DocumentObject:
    """A new document with letterhead, footer, title, date and case reference."""
    doc = new_document()
    if wide:
        landscape(doc)
    add_letterhead(doc)
    add_footer(doc)
    add_title_block(doc, doc_title)
    if subtitle:
        add_subtitle(doc, subtitle)
    return doc


def build_formular() -> DocumentObject:
    """Generic template for any form without its own: every section, field and table."""
    doc = letter("{{ dokument.titel }}")
    add_status_line(doc)
    doc.add_paragraph("{%p for s in oversigt %}")
    doc.add_heading("{{ s.titel }}", level=1)
    doc.add_paragraph("{%p if s.felter %}")
    add_loop_rows(doc, ["{{ f.etiket }}", "{{ f.tekst }}"], "f in s.felter", [50, 110])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p for t in s.tabeller %}")
    doc.add_heading("{{ t.etiket }}", level=2)
    doc.add_paragraph("{%p for r in t.raekker %}")
    doc.add_heading("{{ t.etiket }} {{ r.nr }}", level=3)
    add_loop_rows(doc, ["{{ c.etiket }}", "{{ c.tekst }}"], "c in r.felter", [50, 110])
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    return doc


def build_sagsforloeb() -> DocumentObject:
    """The case-flow template: header facts, an overview of the phases with each deadline's
    source (a paragraph, a model description or "Kommunens eget valg"), then each phase."""
    doc = letter("Skabelon for sagsforløb", "{{ title }}")
    add_status_line(doc)
    doc.add_heading("Om skabelonen", level=1)
    add_key_value_table(
        doc,
        [
            ("Model", "{{ vis.model }}"),
            ("Målgruppe", "{{ target_group }}"),
            ("Team eller enhed", "{{ team }}"),
            ("Ejer af skabelonen", "{{ owner }}"),
            ("Gælder fra", "{{ valid_from|dato }}"),
        ],
    )
    doc.add_paragraph("{%p if version_note %}")
    doc.add_heading("Versionsnote", level=2)
    doc.add_paragraph("{{ version_note }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading("Faserne i overblik", level=1)
    note(
        doc,
        "En frist eller kadence står kun, hvor loven, modellen eller kommunen sætter en; "
        "kilden står ved siden af.",
    )
    overview = add_loop_table(
        doc,
        ["Nr.", "Fase", "Ansvarlig", "Frist eller kadence", "Kilde", "Med familien"],
        [
            "{{ loop.index }}",
            "{{ p.name }}",
            "{{ p.vis.responsible_role }}",
            "{{ p.timing }}",
            "{{ p.timing_source }}",
            "{{ p.with_family|ja_nej }}",
        ],
        "p in phases",
        widths_mm=[9, 40, 30, 42, 25, 14],
    )
    compact(overview)
    doc.add_heading("Faserne i detaljer", level=1)
    doc.add_paragraph("{%p for p in phases %}")
    doc.add_heading("{{ loop.index }}. {{ p.name }}", level=2)
    add_key_value_table(
        doc,
        [
            ("Fase-id", "{{ p.key }}"),
            ("Grundlag", "{{ p.basis }}"),
            ("Formål", "{{ p.purpose }}"),
            ("Aktiviteter", "{{ p.activities }}"),
            ("Ansvarlig", "{{ p.vis.responsible_role }}"),
            ("Deltagere", "{{ p.vis.participants }}"),
            ("Familien deltager", "{{ p.with_family|ja_nej }}"),
            ("Metoder og redskaber", "{{ p.vis.methods }}"),
            ("Frist eller kadence", "{{ p.timing }}"),
            ("Kilde til frist eller kadence", "{{ p.timing_source }}"),
            ("Lovgrundlag", "{{ p.vis.law }}"),
            ("Hvad dokumenteres", "{{ p.documentation }}"),
        ],
    )
    doc.add_paragraph("{%p endfor %}")
    return doc


def build_beslutningskompetence() -> DocumentObject:
    """The decision-competence plan in landscape: header facts, then who decides what."""
    doc = letter("Beslutningskompetenceplan", "{{ title }}", wide=True)
    add_status_line(doc)
    add_key_value_table(
        doc,
        [
            ("Enhed", "{{ unit }}"),
            ("Gælder fra", "{{ valid_from|dato }}"),
            ("Godkendt af", "{{ approved_by }}"),
        ],
    )
    doc.add_heading("Hvem må bevilge hvad", level=1)
    table = add_loop_table(
        doc,
        [
            "Indsats",
            "Paragraf",
            "Hvem beslutter",
            "Grænse",
            "Over grænsen",
            "Kan påklages",
            "Betaler som udgangspunkt",
            "Betingelser",
        ],
        [
            "{{ r.vis.intervention }}",
            "{{ r.vis.paragraphs }}",
            "{{ r.vis.authority_level }}",
            "{% if r.threshold_unit %}{{ r.threshold|tal }} {{ r.vis.threshold_unit }}{% endif %}",
            "{% if r.threshold_unit %}{{ r.vis.authority_above }}{% endif %}",
            "{{ r.appealable|ja_nej }}",
            "{{ r.vis.paying_department }}",
            "{{ r.conditions }}",
        ],
        "r in rows",
        widths_mm=[32, 38, 28, 24, 28, 16, 30, 51],
    )
    compact(table, 9)
    return doc


# -- the SMARTE goal sheet (and the parts the plans share) ---------------------------------------


def add_wishes(doc: DocumentObject, prefix: str = "") -> None:
    """The child's and the family's wishes in their own words, and how the child was heard."""
    label, value = f"{prefix}etiketter", prefix
    for name in ("child_wishes", "how_heard", "family_wishes", "long_term_goal"):
        doc.add_heading(f"{{{{ {label}.{name} }}}}", level=2)
        if name == "how_heard":
            doc.add_paragraph(f"{{{{ {value}vis.how_heard }}}}")
            with paragraphs_tag(doc, f"if {value}how_heard_note", "endif"):
                doc.add_paragraph(f"{{{{ {value}how_heard_note }}}}")
        else:
            doc.add_paragraph(f"{{{{ {value}{name} }}}}")


def add_goal_overview(doc: DocumentObject, goals: str) -> None:
    """One row per goal: area, goal, deadline, who is responsible, status."""
    table = add_loop_table(
        doc,
        ["Nr.", "Område", "Mål", "Frist", "Ansvarlig", "Status"],
        [
            "{{ loop.index }}",
            "{{ g.vis.area }}",
            "{{ g.title }}",
            "{{ g.deadline|kort_dato }}",
            "{{ g.vis.responsible }}",
            "{{ g.vis.status }}",
        ],
        f"g in {goals}",
        widths_mm=[8, 28, 50, 22, 32, 20],
    )
    compact(table)


def add_goal_details(doc: DocumentObject, goals: str, labels: str, *, agreements: bool) -> None:
    """Per goal: a heading, one row per SMARTE criterion, its sub-goals (and agreements)."""
    criteria = [
        ("area", "{{ g.vis.area }}"),
        ("specific", "{{ g.specific }}"),
        ("indicator", "{{ g.indicator }}"),
        ("baseline", "{{ g.vis.baseline }}"),
        ("target", "{{ g.vis.target }}"),
        ("target_number", "{{ g.target_number }}"),
        ("accepted_by", "{{ g.vis.accepted_by }}"),
        ("accepted_how", "{{ g.accepted_how }}"),
        ("realistic", "{{ g.realistic }}"),
        ("deadline", "{{ g.deadline|dato }}"),
        ("evaluation", "{{ g.evaluation }}"),
        ("evaluation_date", "{{ g.evaluation_date|dato }}"),
        ("responsible", "{{ g.vis.responsible }}"),
        ("department", "{{ g.vis.department }}"),
        ("status", "{{ g.vis.status }}"),
    ]
    with paragraphs_tag(doc, f"for g in {goals}", "endfor"):
        doc.add_heading("Mål {{ loop.index }}: {{ g.title }}", level=2)
        add_key_value_table(doc, [(f"{{{{ {labels}.{name} }}}}", cell) for name, cell in criteria])
        with paragraphs_tag(doc, "if g.subgoals", "endif"):
            doc.add_heading(f"{{{{ {labels}.subgoals.etiket }}}}", level=3)
            sub = f"{labels}.subgoals"
            add_loop_table(
                doc,
                [f"{{{{ {sub}.text }}}}", f"{{{{ {sub}.deadline }}}}", f"{{{{ {sub}.status }}}}"],
                ["{{ s.text }}", "{{ s.deadline|dato }}", "{{ s.vis.status }}"],
                "s in g.subgoals",
                widths_mm=[95, 35, 30],
            )
        if agreements:
            with paragraphs_tag(doc, "if g.agreements", "endif"):
                doc.add_heading(f"{{{{ {labels}.agreements.etiket }}}}", level=3)
                agreement = f"{labels}.agreements"
                add_loop_table(
                    doc,
                    [f"{{{{ {agreement}.{name} }}}}" for name in ("what", "who", "by_when")],
                    ["{{ a.what }}", "{{ a.who }}", "{{ a.by_when|dato }}"],
                    "a in g.agreements",
                    widths_mm=[85, 40, 35],
                )


def build_smarte_maal() -> DocumentObject:
    """The goal sheet: the case, the wishes, the goals in overview and one by one."""
    doc = letter("SMARTE-målark", "{{ sag.titel }}")
    add_status_line(doc)
    add_key_value_table(
        doc,
        [
            ("Sag", "{{ sag.titel }}"),
            ("Sagsnummer", "{{ sag.reference }}"),
            ("Familiekoordinator", COORDINATOR),
        ],
    )
    doc.add_heading("Barnets og familiens ønsker", level=1)
    add_wishes(doc)
    doc.add_heading("SMARTE-mål", level=1)
    with unless_empty(doc, "goals", "Der er ikke skrevet mål endnu."):
        add_goal_overview(doc, "goals")
        add_goal_details(doc, "goals", "etiketter.goals", agreements=True)
    add_progress(doc)
    doc.add_heading("Søskende", level=1)
    with unless_empty(doc, "siblings", "Der er ikke skrevet noget om søskende."):
        doc.add_paragraph("{{ siblings }}")
    doc.add_heading("Planer, som denne plan samler", level=1)
    with unless_empty(doc, "other_plans", "Planen samler ikke andre planer."):
        add_loop_table(
            doc,
            ["Plan", "Afdeling", "Dato"],
            ["{{ p.plan }}", "{{ p.vis.department }}", "{{ p.plan_date|dato }}"],
            "p in other_plans",
            widths_mm=[80, 50, 30],
        )
    doc.add_heading("Familiens accept af planen", level=1)
    with unless_empty(doc, "family_accepted_on", "Familien har ikke accepteret planen endnu."):
        doc.add_paragraph(
            "Familien accepterede planen {{ family_accepted_on|dato }}"
            "{% if family_accepted_how %} ({{ vis.family_accepted_how|lower }}){% endif %}."
        )
        with paragraphs_tag(doc, "if family_accepted_note", "endif"):
            doc.add_paragraph("{{ family_accepted_note }}")
    return doc


def add_progress(doc: DocumentObject) -> None:
    """Each goal's progress readings on the ruler: a table with a bar of squares per reading
    (the screen shows a chart; Word gets the same readings as a table that prints anywhere)."""
    doc.add_heading("Fremskridt", level=1)
    measured = "fremskridt|selectattr('maalinger')|list"
    with unless_empty(doc, measured, "Der er ingen målinger af målene endnu."):
        with paragraphs_tag(doc, "for f in fremskridt if f.maalinger", "endfor"):
            doc.add_heading("Mål {{ f.nr }}: {{ f.titel }}", level=2)
            doc.add_paragraph(
                "Dialoglinealen fra 1 til 10"
                "{% if f.udgangspunkt %} · udgangspunkt {{ f.udgangspunkt }}{% endif %}"
                "{% if f.maal %} · mål {{ f.maal }}{% endif %}"
            )
            table = add_loop_table(
                doc,
                ["Dato", "Værdi", "På linealen", "Note", "Hvem"],
                [
                    "{{ m.dato|kort_dato }}",
                    "{{ m.vaerdi }}",
                    "{{ m.skala }}",
                    "{{ m.note }}",
                    "{{ m.hvem }}",
                ],
                "m in f.maalinger",
                widths_mm=[22, 14, 34, 60, 30],
            )
            compact(table)


COORDINATOR = (
    "{{ sag.koordinator.navn }}{% if sag.koordinator.telefon %}, tlf. "
    "{{ sag.koordinator.telefon }}{% endif %}{% if sag.koordinator.email %}, "
    "{{ sag.koordinator.email }}{% endif %}"
)

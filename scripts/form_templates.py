"""The default templates of the built-in forms and of the joint plan (python-docx code).

One `build_<name>()` per template; `scripts/build_doc_templates.py` registers them with
their names and sample data, writes them to doc_templates/ and checks them. Labels of the
SMARTE criteria come from the form (`etiketter`), so a municipality's own wording of the
letters reaches the documents without a new template.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Pt
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
    """The case-flow template: header facts, an overview of the phases, then each phase."""
    doc = letter("Skabelon for sagsforløb", "{{ title }}")
    add_status_line(doc)
    doc.add_heading("Om skabelonen", level=1)
    add_key_value_table(
        doc,
        [
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
    overview = add_loop_table(
        doc,
        ["Nr.", "Fase", "Ansvarlig", "Frist eller kadence", "Med familien"],
        [
            "{{ loop.index }}",
            "{{ p.name }}",
            "{{ p.vis.responsible_role }}",
            "{{ p.timing }}",
            "{{ p.with_family|ja_nej }}",
        ],
        "p in phases",
        widths_mm=[10, 52, 38, 40, 20],
    )
    compact(overview)
    doc.add_heading("Faserne i detaljer", level=1)
    doc.add_paragraph("{%p for p in phases %}")
    doc.add_heading("{{ loop.index }}. {{ p.name }}", level=2)
    add_key_value_table(
        doc,
        [
            ("Formål", "{{ p.purpose }}"),
            ("Aktiviteter", "{{ p.activities }}"),
            ("Ansvarlig", "{{ p.vis.responsible_role }}"),
            ("Deltagere", "{{ p.vis.participants }}"),
            ("Familien deltager", "{{ p.with_family|ja_nej }}"),
            ("Metoder og redskaber", "{{ p.vis.methods }}"),
            ("Frist eller kadence", "{{ p.timing }}"),
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


# -- the SMARTE goal sheet and the joint plan -------------------------------------------------


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
    doc = letter("Fælles plan med SMARTE-mål", "{{ sag.titel }}")
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


def build_faelles_plan() -> DocumentObject:
    """The joint plan: case and family, core team, wishes, goals, agreements, decisions,
    funding per department and the next dates."""
    doc = letter("Fælles plan", "{{ sag.titel }}")
    line = doc.add_paragraph(
        "Målark: {{ dokument.status }}{% if dokument.version %} · version "
        "{{ dokument.version }}{% endif %}{% if dokument.gemt %} · gemt "
        "{{ dokument.gemt|dato }}{% endif %}{% if dokument.gemt_af %} af "
        "{{ dokument.gemt_af }}{% endif %}"
    )
    line.runs[0].font.size = Pt(9)
    doc.add_heading("Sagen og familien", level=1)
    add_key_value_table(
        doc,
        [
            ("Familie / sag", "{{ sag.titel }}"),
            ("Sagsnummer", "{{ sag.reference }}"),
            ("Sagen er", "{{ sag.status }} (oprettet {{ sag.oprettet|dato }})"),
            ("Familiekoordinator", COORDINATOR),
        ],
    )
    doc.add_heading("Kerneteamet", level=1)
    team = add_loop_table(
        doc,
        ["Navn", "Rolle", "Afdeling", "Telefon", "E-mail"],
        ["{{ p.navn }}", "{{ p.rolle }}", "{{ p.afdeling }}", "{{ p.telefon }}", "{{ p.email }}"],
        "p in sag.kerneteam",
        widths_mm=[34, 28, 32, 26, 40],
    )
    compact(team)
    doc.add_heading("Barnets og familiens ønsker", level=1)
    add_wishes(doc, "maal.")
    doc.add_heading("SMARTE-mål", level=1)
    with unless_empty(doc, "maal.goals", "Der er ikke skrevet mål endnu."):
        add_goal_overview(doc, "maal.goals")
        add_goal_details(doc, "maal.goals", "maal.etiketter.goals", agreements=False)
    add_agreements(doc)
    add_decisions(doc)
    add_funding(doc)
    add_next_dates(doc)
    return doc


def add_agreements(doc: DocumentObject) -> None:
    """Every goal's agreements in one table: goal, what, who, by when."""
    doc.add_heading("Aftaler", level=1)
    agreed = "maal.goals|selectattr('agreements')|list"
    with unless_empty(doc, agreed, "Der er ikke aftalt noget endnu."):
        table = doc.add_table(rows=6, cols=4)
        table.style = doc.styles["Table Grid"]
        for cell, text in zip(table.rows[0].cells, ["Mål", "Hvad", "Hvem", "Hvornår"], strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        table.rows[1].cells[0].text = "{%tr for g in maal.goals %}"
        table.rows[2].cells[0].text = "{%tr for a in g.agreements %}"
        cells = ["{{ g.title }}", "{{ a.what }}", "{{ a.who }}", "{{ a.by_when|dato }}"]
        for cell, text in zip(table.rows[3].cells, cells, strict=True):
            cell.text = text
        table.rows[4].cells[0].text = "{%tr endfor %}"
        table.rows[5].cells[0].text = "{%tr endfor %}"
        compact(table)


def add_decisions(doc: DocumentObject) -> None:
    """The case's grants: cost, period, split, and who may decide after the decision plan."""
    doc.add_heading("Beslutninger og bevillinger", level=1)
    none = "Der er ingen bevillinger i sagens fordeling af finansiering endnu."
    with unless_empty(doc, "beslutninger", none):
        table = add_loop_table(
            doc,
            ["Indsats", "Udgift pr. år", "Periode", "Fordeling", "Hvem må bevilge"],
            [
                "{{ b.indsats }}{% if b.beskrivelse %}: {{ b.beskrivelse }}{% endif %}",
                "{{ b.aarlig_udgift|kr }}",
                "{{ b.start|kort_dato }} – {% if b.slut %}{{ b.slut|kort_dato }}"
                "{% else %}løbende{% endif %}",
                "{{ b.andele_tekst }}",
                "{{ b.efter_planen }}",
            ],
            "b in beslutninger",
            widths_mm=[38, 28, 28, 36, 30],
        )
        compact(table)
        doc.add_heading("Efter beslutningskompetenceplanen", level=3)
        with paragraphs_tag(doc, "for b in beslutninger", "endfor"):
            note(
                doc,
                "{{ b.indsats }}{% if b.paragraf %} ({{ b.paragraf }}){% endif %}: "
                "{{ b.begrundelse }}{% if b.besluttes_af %} Angivet på bevillingen: "
                "{{ b.besluttes_af }}.{% endif %}{% if b.under_planen %} Bemærk: det er et "
                "lavere niveau, end planen kræver.{% endif %}",
            )


def add_funding(doc: DocumentObject) -> None:
    """What each department pays in the year and over the whole period."""
    doc.add_heading("Finansiering pr. afdeling", level=1)
    none = "Der er ingen fordeling af finansiering endnu."
    with unless_empty(doc, "finansiering.afdelinger", none):
        doc.add_paragraph("Beløb i {{ finansiering.aar }} og i hele bevillingsperioden.")
        table = add_loop_table(
            doc,
            ["Afdeling", "I {{ finansiering.aar }}", "Andel", "Hele perioden", "Andel"],
            [
                "{{ d.afdeling }}",
                "{{ d.aar_beloeb|kr }}",
                "{{ d.aar_procent|procent(1) }}",
                "{{ d.periode_beloeb|kr }}",
                "{{ d.periode_procent|procent(1) }}",
            ],
            "d in finansiering.afdelinger",
            widths_mm=[50, 32, 20, 38, 20],
            footer=[
                "I alt",
                "{{ finansiering.aar_total|kr }}",
                "",
                "{{ finansiering.periode_total|kr }}",
                "",
            ],
        )
        compact(table)


def add_next_dates(doc: DocumentObject) -> None:
    """The plan's coming dates: deadlines, evaluations, agreements and grants running out."""
    doc.add_heading("Næste opfølgning og møder", level=1)
    with unless_empty(doc, "opfoelgning", "Planen har ingen kommende datoer endnu."):
        first = doc.add_paragraph(
            "Næste dato: {{ naeste_opfoelgning.dato|dato }} – {{ naeste_opfoelgning.hvad }}"
        )
        first.runs[0].bold = True
        table = add_loop_table(
            doc,
            ["Dato", "Hvad", "Ansvarlig"],
            ["{{ o.dato|dato }}", "{{ o.hvad }}", "{{ o.ansvarlig }}"],
            "o in opfoelgning",
            widths_mm=[35, 85, 40],
        )
        compact(table)
        note(
            doc,
            "Datoerne er planens egne: målenes frister og evalueringsdatoer, aftalernes "
            "datoer og bevillinger, der udløber.",
        )

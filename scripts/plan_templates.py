"""The default templates of the two plans made from one case (python-docx code).

`build_familiens_plan()` is the family's plan: warm, short, in plain Danish, with only what
the family needs (their words, goals, agreements, who to call, the next dates). It uses no
name of the decisions or the funding, and `app/word/plan.py` does not even give them to it.
`build_faelles_plan()` is the internal plan (the joint plan's template name, kept): all of
that plus the decisions, who may grant them and the funding per department.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Pt
from docx_building import add_key_value_table, add_loop_table, set_column_widths
from docx_layout import compact, note, paragraphs_tag, shade, unless_empty
from form_templates import (
    COORDINATOR,
    add_goal_details,
    add_goal_overview,
    add_wishes,
    letter,
)
from meeting_templates import add_meeting_agreements

FAMILY_INTRO = (
    "Det her er jeres plan. I har lavet den sammen med kerneteamet, og den samler det, I "
    "gerne vil, de mål, vi arbejder hen imod, og hvem der gør hvad. Passer noget ikke, så "
    "sig det til jeres familiekoordinator – planen kan altid ændres."
)


def build_familiens_plan() -> DocumentObject:
    """The family's plan: who to call, their wishes, the goals with sub-goals and
    agreements, and the next dates. No amounts, no decisions, no warnings."""
    doc = letter("Familiens plan", "{{ sag.titel }}")
    doc.add_paragraph(FAMILY_INTRO)
    with paragraphs_tag(doc, 'if dokument.status != "Endelig"', "endif"):
        note(doc, "Planen er et udkast, som vi stadig arbejder på sammen med jer.")
    doc.add_heading("Hvem kan I kontakte?", level=1)
    with paragraphs_tag(doc, "if sag.koordinator", "endif"):
        contact = doc.add_paragraph("Jeres familiekoordinator: ")
        contact.add_run(COORDINATOR).bold = True
    with paragraphs_tag(doc, "if sag.kerneteam", "endif"):
        doc.add_paragraph("Kerneteamet, som arbejder sammen med jer:")
        team = add_loop_table(
            doc,
            ["Navn", "Rolle", "Telefon", "E-mail"],
            ["{{ p.navn }}", "{{ p.rolle }}", "{{ p.telefon }}", "{{ p.email }}"],
            "p in sag.kerneteam",
            widths_mm=[38, 34, 28, 60],
        )
        compact(team)
    add_contact_agreement(doc)
    doc.add_heading("Det ønsker I", level=1)
    for name in ("child_wishes", "family_wishes", "long_term_goal"):
        with paragraphs_tag(doc, f"if maal.{name}", "endif"):
            doc.add_heading(f"{{{{ maal.etiketter.{name} }}}}", level=2)
            doc.add_paragraph(f"{{{{ maal.{name} }}}}")
    doc.add_heading("Jeres mål", level=1)
    with unless_empty(doc, "maal.goals", "Vi har ikke skrevet mål sammen endnu."):
        add_family_goals(doc)
    add_meeting_agreements(doc, "Hvem")
    doc.add_heading("Næste datoer", level=1)
    with unless_empty(doc, "opfoelgning", "Der er ingen datoer i planen endnu."):
        add_dates_table(doc, "Hvem")
    add_year_wheel(doc)
    return doc


def add_year_wheel(doc: DocumentObject) -> None:
    """The year wheel handed to the parents: the picture and the same months as a table
    [Sammen om familien, "Mere systematisk og hyppig opfølgning med et årshjul"]."""
    with paragraphs_tag(doc, "if aarshjul.raekker", "endif"):
        doc.add_heading("Jeres årshjul", level=1)
        doc.add_paragraph(
            "Årshjulet viser, hvad der skal ske i jeres sag måned for måned "
            "({{ aarshjul.periode }}), og hvorfor. Møder uden dato får en dato, når vi "
            "aftaler dem med jer."
        )
        with paragraphs_tag(doc, "if aarshjul.billede", "endif"):
            doc.add_paragraph("{{ aarshjul.billede }}")
        table = add_loop_table(
            doc,
            ["Måned", "Hvad", "Hvorfor", "Hvem", "Dato"],
            [
                "{{ r.maaned }}",
                "{{ r.hvad }}",
                "{{ r.hvorfor }}",
                "{{ r.hvem }}",
                "{{ r.dato|default_tom }}",
            ],
            "r in aarshjul.raekker",
            widths_mm=[28, 30, 50, 30, 22],
        )
        compact(table)


def add_contact_agreement(doc: DocumentObject) -> None:
    """How and how often the family wants contact, and who coordinates (only when agreed)."""
    with paragraphs_tag(doc, "if kontaktaftale", "endif"):
        doc.add_heading("Sådan holder vi kontakt", level=2)
        add_filled_rows(
            doc,
            [
                (
                    "Sådan vil I kontaktes",
                    "{{ kontaktaftale.kontaktformer }}",
                    "kontaktaftale.kontaktformer",
                ),
                ("Hvor ofte", "{{ kontaktaftale.hyppighed }}", "kontaktaftale.hyppighed"),
                (
                    "Hvem koordinerer",
                    "{{ kontaktaftale.koordineres_af }}",
                    "kontaktaftale.koordineres_af",
                ),
                (
                    "Bedste tidspunkter",
                    "{{ kontaktaftale.bedste_tider }}",
                    "kontaktaftale.bedste_tider",
                ),
                ("Det skal vi huske", "{{ kontaktaftale.noter }}", "kontaktaftale.noter"),
            ],
        )


def add_dates_table(doc: DocumentObject, who: str) -> None:
    """The plan's coming dates, soonest first: date, what, who (headed `who`)."""
    table = add_loop_table(
        doc,
        ["Dato", "Hvad", who],
        ["{{ o.dato|dato }}", "{{ o.hvad }}", "{{ o.ansvarlig }}"],
        "o in opfoelgning",
        widths_mm=[38, 80, 42],
    )
    compact(table)


def add_family_goals(doc: DocumentObject) -> None:
    """Per goal in plain words: what it means, how we see it, by when, who helps; then its
    sub-goals and what was agreed."""
    with paragraphs_tag(doc, "for g in maal.goals", "endfor"):
        doc.add_heading("Mål {{ loop.index }}: {{ g.title }}", level=2)
        add_filled_rows(
            doc,
            [
                ("Det betyder", "{{ g.specific }}", "g.specific"),
                (
                    "Sådan kan vi se det",
                    "{{ g.indicator }}{% if g.indicator and g.target_number %}: "
                    "{% endif %}{{ g.target_number }}",
                    "g.indicator or g.target_number",
                ),
                ("Senest", "{{ g.deadline|dato }}", "g.deadline"),
                ("Hvem har ansvaret", "{{ g.vis.responsible }}", "g.vis.responsible"),
                ("Hvor langt er vi", "{{ g.vis.status }}", "g.vis.status"),
            ],
        )
        with paragraphs_tag(doc, "if g.subgoals", "endif"):
            doc.add_heading("Delmål – de små skridt", level=3)
            add_loop_table(
                doc,
                ["Delmål", "Senest", "Hvor langt er vi"],
                ["{{ s.text }}", "{{ s.deadline|dato }}", "{{ s.vis.status }}"],
                "s in g.subgoals",
                widths_mm=[85, 40, 35],
            )
        with paragraphs_tag(doc, "if g.agreements", "endif"):
            doc.add_heading("Det har vi aftalt", level=3)
            add_loop_table(
                doc,
                ["Hvad", "Hvem", "Hvornår"],
                ["{{ a.what }}", "{{ a.who }}", "{{ a.by_when|dato }}"],
                "a in g.agreements",
                widths_mm=[80, 40, 40],
            )


def add_filled_rows(doc: DocumentObject, rows: list[tuple[str, str, str]]) -> None:
    """A label/value table whose rows show only when their condition holds, so a goal
    written briefly reads without empty lines: (label, value, condition) per row."""
    table = doc.add_table(rows=len(rows) * 3, cols=2)
    table.style = doc.styles["Table Grid"]
    for index, (label, value, condition) in enumerate(rows):
        opening, row, closing = table.rows[index * 3 : index * 3 + 3]
        opening.cells[0].text = f"{{%tr if {condition} %}}"
        row.cells[0].text, row.cells[1].text = label, value
        row.cells[0].paragraphs[0].runs[0].bold = True
        shade(row.cells[0])
        closing.cells[0].text = "{%tr endif %}"
    set_column_widths(table, [50, 110])


def build_faelles_plan() -> DocumentObject:
    """The internal plan: case and family, core team, wishes, goals, agreements, decisions,
    funding per department and the next dates."""
    doc = letter("Intern plan", "{{ sag.titel }}")
    note(doc, "Til kerneteamet. Familien får »Familiens plan« uden beløb og interne vurderinger.")
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
    add_meeting_agreements(doc, "Ansvarlig")
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
            ["Indsats", "Udgift", "Periode", "Fordeling", "Hvem må bevilge"],
            [
                "{{ b.indsats }}{% if b.beskrivelse %}: {{ b.beskrivelse }}{% endif %}",
                "{{ b.udgift }}",
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
        add_dates_table(doc, "Ansvarlig")
        note(
            doc,
            "Datoerne er planens egne: målenes frister og evalueringsdatoer, aftalernes "
            "datoer og bevillinger, der udløber.",
        )

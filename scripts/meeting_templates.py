"""The default template of a meeting's minutes (`moedereferat`, python-docx code), and the
meetings' part of the two plans (open agreements and the next meeting).

The names come from app/word/minutes.py (`known_names`), exactly as a municipality's
upload of its own minutes template is checked.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx_building import add_key_value_table, add_loop_table
from docx_layout import compact, paragraphs_tag, unless_empty
from form_templates import letter


def build_moedereferat() -> DocumentObject:
    """The minutes: the meeting's facts, participants, agenda, minutes, decisions,
    agreements (what, who, by when), readings taken and the next meeting."""
    doc = letter("Referat: {{ moede.type }}", "{{ sag.titel }}")
    add_key_value_table(
        doc,
        [
            ("Møde", "{{ moede.type }}"),
            ("Holdt", "{{ (moede.holdt or moede.start)|dato }} kl. {{ moede.klokken }}"),
            ("Sted", "{{ moede.sted|default_tom }}"),
            ("Referent", "{{ moede.referent|default_tom }}"),
            ("Sagsnummer", "{{ sag.reference }}"),
        ],
    )
    doc.add_heading("Deltagere", level=1)
    with unless_empty(doc, "moede.deltagere", "Der er ikke skrevet deltagere på."):
        table = add_loop_table(
            doc,
            ["Navn", "Hvem", "Rolle", "Organisation"],
            ["{{ d.navn }}", "{{ d.gruppe }}", "{{ d.rolle }}", "{{ d.organisation }}"],
            "d in moede.deltagere",
            widths_mm=[45, 30, 40, 45],
        )
        compact(table)
    doc.add_heading("Dagsorden", level=1)
    doc.add_paragraph("{{ moede.dagsorden|default_tom }}")
    with paragraphs_tag(doc, "if moede.familien_med_til_dagsorden", "endif"):
        doc.add_paragraph("Familien har været med til at sætte dagsordenen.")
    doc.add_heading("Referat", level=1)
    doc.add_paragraph("{{ moede.referat|default_tom }}")
    doc.add_heading("Beslutninger", level=1)
    doc.add_paragraph("{{ moede.beslutninger|default_tom }}")
    doc.add_heading("Aftaler", level=1)
    with unless_empty(doc, "moede.aftaler", "Der blev ikke aftalt noget på mødet."):
        table = add_loop_table(
            doc,
            ["Hvad", "Hvem", "Senest", "Udført"],
            ["{{ a.hvad }}", "{{ a.hvem }}", "{{ a.senest|dato }}", "{{ a.udfoert|ja_nej }}"],
            "a in moede.aftaler",
            widths_mm=[75, 40, 30, 15],
        )
        compact(table)
    with paragraphs_tag(doc, "if moede.maalinger", "endif"):
        doc.add_heading("Målinger af målene", level=1)
        table = add_loop_table(
            doc,
            ["Mål", "Måling (1–10)", "Hvem", "Note"],
            ["{{ m.maal }}", "{{ m.vaerdi }}", "{{ m.hvem }}", "{{ m.note }}"],
            "m in moede.maalinger",
            widths_mm=[60, 25, 35, 40],
        )
        compact(table)
    doc.add_heading("Næste møde", level=1)
    doc.add_paragraph(
        "{% if moede.naeste_moede %}{{ moede.naeste_moede|dato }}"
        "{% else %}Ikke aftalt endnu.{% endif %}"
    )
    return doc


def add_meeting_agreements(doc: DocumentObject, who: str) -> None:
    """The open agreements from the case's meetings and the next meeting (both plans)."""
    doc.add_heading("Aftalt på møderne", level=1)
    with unless_empty(doc, "moedeaftaler", "Der er ingen åbne aftaler fra møderne."):
        table = add_loop_table(
            doc,
            ["Hvad", who, "Senest", "Aftalt på"],
            [
                "{{ a.hvad }}",
                "{{ a.hvem }}",
                "{{ a.senest|dato }}",
                "{{ a.moede }} {{ a.moededato|kort_dato }}",
            ],
            "a in moedeaftaler",
            widths_mm=[70, 35, 30, 35],
        )
        compact(table)
    with paragraphs_tag(doc, "if naeste_moede", "endif"):
        line = doc.add_paragraph(
            "Næste møde: {{ naeste_moede.type }} {{ naeste_moede.dato|dato }} kl. "
            "{{ naeste_moede.klokken }}{% if naeste_moede.sted %}, {{ naeste_moede.sted }}"
            "{% endif %}"
        )
        line.runs[0].bold = True

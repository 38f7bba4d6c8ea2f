"""Shared vocabularies: the lists that forms pick from (departments, roles, paragraphs, ...).

These are the built-in defaults. A municipality overrides them in its settings (stored by the
app); the form engine never reads the database, callers pass a ``Vocabularies`` mapping in.
Values are stable keys that get stored in submissions; labels may change freely.

Law paragraphs default to Barnets lov (in force since 1 January 2024) with the old
Serviceloven number alongside, after ``docs/domain/law.md`` (the conversion table).
Items whose number is inferred rather than sourced carry a ``note`` saying so; check them
against retsinformation.dk before relying on them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class VocabularyItem:
    """One entry of a vocabulary: a stable ``value`` and a Danish ``label``."""

    value: str
    label: str
    label_en: str | None = None
    note: str | None = None  # for administrators, e.g. why a paragraph number is uncertain

    def label_for(self, locale: str = "da") -> str:
        """The label in ``locale``, falling back to Danish."""
        return self.label_en if locale == "en" and self.label_en else self.label


# Items may also be plain dicts {"value", "label", "label_en"?} as stored by the app.
Vocabularies = Mapping[str, Sequence[VocabularyItem | Mapping[str, Any]]]

_INFERRED = (
    "Usikker: Barnets lov-nummeret er udledt af indholdet, ikke bekræftet i forarbejderne. "
    "Kontrollér på retsinformation.dk."
)
_FROM_TOC = (
    "Usikker: nummeret er taget fra indholdsfortegnelsen i Delvejledning 6 til Barnets lov. "
    "Kontrollér på retsinformation.dk."
)


def _items(*rows: tuple[str, ...]) -> list[VocabularyItem]:
    return [VocabularyItem(*row) for row in rows]


DEPARTMENTS = _items(
    ("boern_familie", "Børn og Familie (familieafdelingen)", "Children and families"),
    ("boernehandicap", "Børnehandicap (specialområdet)", "Children with disabilities"),
    ("skole_dagtilbud", "Skole og dagtilbud", "Schools and day care"),
    ("ppr", "PPR (Pædagogisk Psykologisk Rådgivning)", "Educational psychology service"),
    ("sundhed", "Sundhed og sundhedspleje", "Health and health visitors"),
    ("jobcenter", "Jobcenter og beskæftigelse", "Job centre and employment"),
    ("voksenhandicap", "Voksenhandicap og socialpsykiatri", "Adult disability and mental health"),
    ("ydelsescenter", "Ydelsescenter (økonomiske ydelser)", "Benefits centre"),
    ("hjaelpemidler", "Hjælpemidler og boligændringer", "Aids and home adaptations"),
    ("fritid", "Kultur og fritid", "Culture and leisure"),
)

ROLES = _items(
    ("familiekoordinator", "Familiekoordinator", "Family coordinator"),
    ("raadgiver", "Rådgiver / sagsbehandler", "Caseworker"),
    ("familievejleder", "Familievejleder", "Family guidance counsellor"),
    ("ppr_psykolog", "PPR-psykolog", "Educational psychologist"),
    ("sundhedsplejerske", "Sundhedsplejerske", "Health visitor"),
    ("laerer", "Skole / lærer", "School / teacher"),
    ("paedagog", "Dagtilbud / pædagog", "Day care / educator"),
    ("jobkonsulent", "Jobkonsulent", "Job consultant"),
    ("uu_vejleder", "Uddannelsesvejleder (UU)", "Youth education adviser"),
    ("voksenraadgiver", "Rådgiver, voksenområdet", "Caseworker, adult services"),
    ("ydelsesraadgiver", "Sagsbehandler, økonomiske ydelser", "Caseworker, benefits"),
    ("terapeut", "Fysio- eller ergoterapeut", "Physio- or occupational therapist"),
    ("teamleder", "Teamleder", "Team leader"),
    ("andet", "Anden fagperson", "Other professional"),
)

PARAGRAPHS = [
    # §§ 18–19 are new in Barnets lov (no former SEL number); the case-flow templates use them.
    VocabularyItem("bl_18", "Barnets lov § 18 – screening"),
    VocabularyItem("bl_19", "Barnets lov § 19 – afdækning af et eller flere forhold"),
    VocabularyItem("bl_20", "Barnets lov § 20 (tidl. SEL § 50) – børnefaglig undersøgelse"),
    VocabularyItem(
        "bl_30", "Barnets lov § 30 (tidl. SEL § 11, stk. 3) – tidligt forebyggende indsatser"
    ),
    VocabularyItem(
        "bl_32", "Barnets lov § 32 (tidl. SEL § 52, stk. 3) – støttende indsatser", note=_INFERRED
    ),
    VocabularyItem(
        "bl_35",
        "Barnets lov § 35, stk. 1 og 3 (tidl. SEL § 11, stk. 4 og 6) – "
        "økonomisk støtte til rådgivning og fritid",
        note=_INFERRED,
    ),
    VocabularyItem(
        "bl_35_4",
        "Barnets lov § 35, stk. 4 (tidl. SEL § 52 a) – økonomisk støtte for at undgå anbringelse",
        note=_INFERRED,
    ),
    VocabularyItem(
        "bl_81",
        "Barnets lov § 81 (tidl. SEL § 11, stk. 5 og 7) – "
        "familievejledning, rådgivning og behandling",
        note=_FROM_TOC,
    ),
    VocabularyItem(
        "bl_82_84",
        "Barnets lov §§ 82–84 (tidl. SEL § 32) – særlige dag- og klubtilbud",
        note=_FROM_TOC,
    ),
    VocabularyItem("bl_85", "Barnets lov § 85 (tidl. SEL § 32 a) – hjemmetræning", note=_FROM_TOC),
    VocabularyItem(
        "bl_86",
        "Barnets lov § 86 (tidl. SEL § 41) – merudgifter",
        note="Fra 1. september 2025 hedder ydelsen kompensationsydelse (L 201, 2024–25).",
    ),
    VocabularyItem(
        "bl_87_88", "Barnets lov §§ 87–88 (tidl. SEL §§ 42–43) – tabt arbejdsfortjeneste"
    ),
    VocabularyItem("bl_89", "Barnets lov § 89 (tidl. SEL § 45) – ledsagelse", note=_FROM_TOC),
    VocabularyItem(
        "bl_90",
        "Barnets lov § 90 (tidl. SEL § 44) – personlig og praktisk hjælp, afløsning og aflastning",
    ),
    VocabularyItem("bl_91", "Barnets lov § 91 (tidl. SEL § 140) – barnets plan"),
    VocabularyItem("bl_95", "Barnets lov § 95 – opfølgning"),
    VocabularyItem("bl_108", "Barnets lov § 108 – ungeplan (fra 16 år)"),
    VocabularyItem(
        "bl_122_123", "Barnets lov §§ 122–123 (tidl. SEL § 19 a) – overgang til voksenlivet"
    ),
    VocabularyItem("sel_112", "Serviceloven § 112 – hjælpemidler"),
    VocabularyItem("sel_113", "Serviceloven § 113 – forbrugsgoder"),
    VocabularyItem("sel_114", "Serviceloven § 114 – støtte til bil"),
    VocabularyItem("sel_116", "Serviceloven § 116 – boligindretning"),
    VocabularyItem(
        "sel_49a",
        "Serviceloven § 49 a – udveksling af oplysninger i tidligt forebyggende samarbejde",
        note="Usikker: det tilsvarende nummer i Barnets lov er ikke fundet.",
    ),
]

INTERVENTIONS = _items(
    ("merudgifter", "Dækning af merudgifter / kompensationsydelse", "Extra costs / compensation"),
    ("tabt_arbejdsfortjeneste", "Tabt arbejdsfortjeneste", "Lost earnings"),
    ("aflastning", "Aflastning", "Respite care"),
    ("afloesning", "Afløsning i hjemmet", "Relief at home"),
    ("praktisk_hjaelp", "Personlig og praktisk hjælp", "Personal and practical help"),
    ("ledsagelse", "Ledsagelse", "Accompaniment"),
    ("familievejledning", "Familievejledning", "Family guidance"),
    ("familiebehandling", "Familiebehandling", "Family therapy"),
    ("stoette_i_hjemmet", "Praktisk, pædagogisk eller anden støtte i hjemmet", "Support at home"),
    ("kontaktperson", "Fast kontaktperson", "Personal contact person"),
    ("saerligt_dagtilbud", "Særligt dagtilbud", "Special day care"),
    ("saerligt_klubtilbud", "Særligt klubtilbud", "Special youth club"),
    ("hjemmetraening", "Hjemmetræning", "Home training"),
    ("specialundervisning", "Specialundervisning / specialklasse", "Special needs education"),
    ("hjaelpemidler", "Hjælpemidler og forbrugsgoder", "Aids and consumer goods"),
    ("boligaendring", "Boligændring", "Home adaptation"),
    ("bil", "Støtte til køb af bil", "Support to buy a car"),
    ("psykolog", "Psykologsamtaler", "Psychologist"),
    ("mentor", "Mentor", "Mentor"),
    ("stu", "Særligt tilrettelagt ungdomsuddannelse (STU)", "Special youth education (STU)"),
    ("anbringelse", "Anbringelse uden for hjemmet", "Placement outside the home"),
)

AUTHORITY_LEVELS = _items(
    ("sagsbehandler", "Sagsbehandler / familiekoordinator", "Caseworker / coordinator"),
    ("teamleder", "Teamleder", "Team leader"),
    ("kerneteam", "Kerneteam (enstemmigt)", "Core team (unanimous)"),
    ("afdelingsleder", "Afdelingsleder / chef", "Head of department"),
    ("visitationsudvalg", "Visitationsudvalg", "Visitation committee"),
    (
        "politisk_udvalg",
        "Politisk udvalg (tvangsmæssige beslutninger)",
        "Political committee (coercive decisions)",
    ),
)

DEFAULT_VOCABULARIES: dict[str, list[VocabularyItem]] = {
    "departments": DEPARTMENTS,
    "roles": ROLES,
    "paragraphs": PARAGRAPHS,
    "interventions": INTERVENTIONS,
    "authority_levels": AUTHORITY_LEVELS,
}


def item_value(item: VocabularyItem | Mapping[str, Any]) -> str:
    """The stored value of a vocabulary item or people entry (object or dict)."""
    return item.value if isinstance(item, VocabularyItem) else str(item["value"])


def item_label(item: VocabularyItem | Mapping[str, Any], locale: str = "da") -> str:
    """The label of a vocabulary item or people entry in ``locale``."""
    if isinstance(item, VocabularyItem):
        return item.label_for(locale)
    english = item.get("label_en") if locale == "en" else None
    return str(english or item["label"])


def merged_vocabularies(overrides: Vocabularies | None = None) -> dict[str, list[Any]]:
    """The defaults with a municipality's lists (whole lists, by name) put in their place."""
    merged: dict[str, list[Any]] = {k: list(v) for k, v in DEFAULT_VOCABULARIES.items()}
    for name, items in (overrides or {}).items():
        merged[name] = list(items)
    return merged


def vocabularies_fingerprint(vocabularies: Vocabularies) -> str:
    """A short hash of the vocabularies' values and labels (for caching built forms)."""
    plain = {
        name: [(item_value(i), item_label(i, "da"), item_label(i, "en")) for i in items]
        for name, items in sorted(vocabularies.items())
    }
    return hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()[:16]

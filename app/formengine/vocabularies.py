"""Shared vocabularies: the lists that forms pick from (departments, roles, paragraphs, ...).

These are the built-in defaults. A municipality overrides them in its settings (stored by the
app); the form engine never reads the database, callers pass a ``Vocabularies`` mapping in.
Values are stable keys that get stored in submissions; labels may change freely.

Law paragraphs are made from the checkable data in ``app.formengine.law`` (law, number, label,
former Serviceloven number, source, confirmed or not); ``docs/law.md`` is their table. Items
not confirmed in a source carry a ``note`` saying why. A ``retired`` item is still a valid stored
value (its label shows) but pickers no longer offer it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.formengine.law import LAW_PARAGRAPHS


@dataclass(frozen=True)
class VocabularyItem:
    """One entry of a vocabulary: a stable ``value`` and a Danish ``label``."""

    value: str
    label: str
    label_en: str | None = None
    note: str | None = None  # for administrators, e.g. why a paragraph number is uncertain
    source: str | None = None  # where a law paragraph was checked (a link)
    confirmed: bool | None = None  # law paragraphs: found in the source? None: not law
    retired: str | None = None  # why it may no longer be picked; stored values still show

    def label_for(self, locale: str = "da") -> str:
        """The label in ``locale``, falling back to Danish."""
        return self.label_en if locale == "en" and self.label_en else self.label


# Items may also be plain dicts {"value", "label", "label_en"?} as stored by the app.
Vocabularies = Mapping[str, Sequence[VocabularyItem | Mapping[str, Any]]]


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
    VocabularyItem(
        p.key,
        p.display_label,
        note=p.admin_note,
        source=p.source,
        confirmed=p.confirmed,
        retired=p.retired,
    )
    for p in LAW_PARAGRAPHS
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
        "Børne- og ungeudvalget (anbringelse uden samtykke m.m., barnets lov § 142)",
        "Children and young people committee (placement without consent etc.)",
    ),
)

# The meeting types a case's meetings are planned as (app/meetings). Sources of each type:
# - assessment: the first cross-disciplinary assessment meeting with the family
#   (udredningsmøde) [Én familie – én indgang, modelbeskrivelse (Socialstyrelsen), principle 1
#   "Familien deltager i indledende udredningsmøder"].
# - analysis: the analysis meeting of the core team and external experts, held without the
#   family [Én familie – én indgang, modelbeskrivelse: "analysemøde ... holdes uden familien"].
# - status: the core team's fixed status meetings with the family [Én familie – én indgang,
#   modelbeskrivelse: "faste statusmøder"; "Statusmøder og opfølgningsmøder kan eventuelt slås
#   sammen til ét møde"].
# - network: the family with its professional network [Sammen om familien: "netværksmøder";
#   Én familie – én indgang, modelbeskrivelse: "Netværksmøder"].
# - follow_up: the systematic follow-up meeting [Sammen om familien: "Fast kadence på
#   sagsmøder"; Én familie – én indgang, modelbeskrivelse: "opfølgningsmøder"].
# - child_conversation: a conversation with the child [Sammen om familien: "børnesamtale eller
#   ... observationer af barnet"]; which paragraph of Barnets lov requires it is not named here
#   (unconfirmed), so the type carries no legal deadline.
MEETING_TYPES = _items(
    ("assessment", "Udredningsmøde", "Assessment meeting"),
    ("analysis", "Analysemøde (uden familien)", "Analysis meeting (without the family)"),
    ("status", "Statusmøde", "Status meeting"),
    ("network", "Netværksmøde", "Network meeting"),
    ("follow_up", "Opfølgningsmøde", "Follow-up meeting"),
    ("child_conversation", "Børnesamtale", "Conversation with the child"),
)

DEFAULT_VOCABULARIES: dict[str, list[VocabularyItem]] = {
    "departments": DEPARTMENTS,
    "roles": ROLES,
    "paragraphs": PARAGRAPHS,
    "interventions": INTERVENTIONS,
    "authority_levels": AUTHORITY_LEVELS,
    "meeting_types": MEETING_TYPES,
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


def item_retired(item: VocabularyItem | Mapping[str, Any]) -> bool:
    """True for an item that may no longer be picked (stored values still show)."""
    retired = item.retired if isinstance(item, VocabularyItem) else item.get("retired")
    return bool(retired)


def offered_items(items: Sequence[Any], chosen: Any = None) -> list[Any]:
    """The items a picker offers: all but the retired ones, unless already ``chosen``.

    ``chosen`` is the stored value (a string) or values (a list); keeping a retired value
    that is already chosen means re-saving a form never drops it silently."""
    keep = {chosen} if isinstance(chosen, str) else set(chosen or ())
    return [i for i in items if not item_retired(i) or item_value(i) in keep]


def merged_vocabularies(overrides: Vocabularies | None = None) -> dict[str, list[Any]]:
    """The defaults with a municipality's lists (whole lists, by name) put in their place."""
    merged: dict[str, list[Any]] = {k: list(v) for k, v in DEFAULT_VOCABULARIES.items()}
    for name, items in (overrides or {}).items():
        merged[name] = list(items)
    return merged


def vocabularies_fingerprint(vocabularies: Vocabularies) -> str:
    """A short hash of the vocabularies' values and labels (for caching built forms)."""
    plain = {
        name: [
            (item_value(i), item_label(i, "da"), item_label(i, "en"), item_retired(i))
            for i in items
        ]
        for name, items in sorted(vocabularies.items())
    }
    return hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()[:16]

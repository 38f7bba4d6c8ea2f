"""The four vocabularies a funding line uses, in the shapes the app and excel_tools need."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.formengine.vocabularies import offered_items
from excel_tools import Department, VocabItem

#: Vocabulary name → the funding line field that stores its values ("shares" = the keys).
FIELD_OF_VOCABULARY = {
    "departments": "shares",
    "interventions": "intervention",
    "paragraphs": "paragraph",
    "authority_levels": "authority_level",
}
VOCABULARY_OF_FIELD = {field: name for name, field in FIELD_OF_VOCABULARY.items()}

Items = list[dict[str, Any]]


@dataclass(frozen=True)
class FundingVocab:
    """Departments, interventions, paragraphs and authority levels as {value, label, label_en}."""

    departments: Items
    interventions: Items
    paragraphs: Items
    authority_levels: Items

    @classmethod
    def from_vocabularies(cls, vocabularies: dict[str, Items]) -> FundingVocab:
        """Pick the four lists out of load_vocabularies()."""
        return cls(*(list(vocabularies.get(name) or []) for name in FIELD_OF_VOCABULARY))

    def items(self, field: str) -> Items:
        """The items a line field chooses from ("shares" → departments)."""
        return getattr(self, VOCABULARY_OF_FIELD[field])

    def offered(self, field: str, current: str | None = None) -> Items:
        """The items a line's picker offers: retired ones only when the line already has it."""
        return offered_items(self.items(field), current)

    def values(self, field: str) -> list[str]:
        """The stored values a line field may hold, in list order."""
        return [item["value"] for item in self.items(field)]

    def department_values(self) -> list[str]:
        """Department keys in the municipality's order."""
        return self.values("shares")

    def label(self, field: str, value: str | None, locale: str = "da") -> str:
        """The label of a stored value in ``locale`` (the value itself when unknown)."""
        if not value:
            return ""
        for item in self.items(field):
            if item["value"] == value:
                if locale == "en" and item.get("label_en"):
                    return item["label_en"]
                return item["label"]
        return value

    def excel_departments(self) -> list[Department]:
        """Departments for the workbook (Danish labels: the workbook is in Danish)."""
        return [Department(i["value"], i["label"]) for i in self.departments]

    def excel_items(self, field: str, keep: Iterable[str] | None = None) -> list[VocabItem]:
        """Interventions, paragraphs or authority levels for the workbook.

        ``keep=None`` gives every item (reading a workbook accepts any stored value); a
        workbook to fill in gets the offered items plus the retired ones in ``keep``."""
        items = self.items(field) if keep is None else offered_items(self.items(field), list(keep))
        return [VocabItem(i["value"], i["label"]) for i in items]

"""A case-flow template's phases as people read them (pure: no request, no database).

A template is a ``sagsforloeb`` document; its ``phases`` repeat gives each phase a stable
``key``. These functions turn one saved revision's data into ordered steps with their
fields labelled in the reader's language, for the case page and the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.formengine import FormDefinition
from app.formengine.describe import display_values
from app.formengine.vocabularies import Vocabularies

FLOW_FORM = "sagsforloeb"  # the /dokumenter form a case-flow template is saved with
PHASES = "phases"  # the repeat of forms/sagsforloeb.yaml
# Shown in the step's heading, not among its details.
HEADING_FIELDS = ("name", "key")


@dataclass(frozen=True)
class Step:
    """One phase of a template: key, name, and its other fields as (label, text) pairs."""

    key: str
    name: str
    position: int  # 1-based
    details: list[tuple[str, str]] = field(default_factory=list)
    shown: dict[str, str] = field(default_factory=dict)  # field name → text


def phase_rows(data: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The template's phase rows that have a key, in order."""
    rows = (data or {}).get(PHASES)
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and isinstance(r.get("key"), str) and r["key"]]


def steps(
    definition: FormDefinition,
    data: dict[str, Any] | None,
    *,
    vocabularies: Vocabularies,
    locale: str = "da",
) -> list[Step]:
    """The template's phases, each with its filled fields labelled (empty ones left out)."""
    rows = phase_rows(data)
    spec = definition.field(PHASES)
    if spec is None:
        return []
    shown_rows = display_values(
        definition, {PHASES: rows}, vocabularies=vocabularies, locale=locale
    ).get(PHASES, [])
    labels = {c.name: c.label.get(locale) for c in getattr(spec, "fields", [])}
    result = []
    for position, (row, shown) in enumerate(zip(rows, shown_rows, strict=False), start=1):
        texts = {k: text_of(v) for k, v in shown.items()}
        details = [
            (labels[k], text)
            for k, text in texts.items()
            if k not in HEADING_FIELDS and k in labels and text
        ]
        result.append(
            Step(row["key"], str(row.get("name") or row["key"]), position, details, texts)
        )
    return result


def text_of(value: Any) -> str:
    """A shown value as one line of text ('' for nothing)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v not in (None, ""))
    return str(value)

"""Sample data for test-rendering uploaded templates and for the Flettefelter page.

Values are generated per field type in the stored JSON shape and go through the same
context builder as real data, so a template that works on the samples meets the same
shapes in real documents.
"""

from __future__ import annotations

import struct
import zlib
from datetime import date, datetime
from typing import Any

from app.docgen import ImageSpec
from app.formengine import Context, FormDefinition
from app.formengine.fieldtypes import field_type
from app.formengine.schema import RepeatField
from app.formengine.vocabularies import Vocabularies
from app.goals import word_names
from app.word.context import form_context

SAMPLE_DAY = date(2026, 11, 23)
SAMPLE_ROWS = 2
SAMPLE_PEOPLE = [
    {"value": "1", "label": "Karen Koordinator (familiekoordinator)"},
    {"value": "2", "label": "Per Petersen (PPR)"},
]


def sample_person(name: str, rolle: str, email: str) -> dict[str, Any]:
    """A core-team member as the context holds it."""
    return {
        "navn": name,
        "rolle": rolle,
        "email": email,
        "telefon": "12 34 56 78",
        "afdeling": "Børn og Familie",
    }


def sample_kommune(with_logo: bool = True) -> dict[str, Any]:
    """The municipality part of a sample context."""
    return {
        "navn": "Eksempel Kommune",
        "logo": ImageSpec(sample_png(), width_mm=30) if with_logo else None,
        "afdeling": None,
        "adresse": None,
        "telefon": None,
        "email": None,
    }


def sample_sag() -> dict[str, Any]:
    """The case part of a sample context."""
    koordinator = sample_person("Karen Koordinator", "Familiekoordinator", "karen@eksempel.dk")
    return {
        "reference": "SAG-2026-0042",
        "titel": "Familien Jensen",
        "status": "Åben",
        "oprettet": date(2026, 9, 1),
        "naeste_opfoelgning": date(2026, 10, 13),
        "koordinator": koordinator,
        "kerneteam": [
            koordinator,
            sample_person("Per Petersen", "PPR", "per@eksempel.dk"),
        ],
    }


def sample_dokument(definition: FormDefinition) -> dict[str, Any]:
    """The document part of a sample context."""
    return {
        "titel": definition.title.da,
        "formular": definition.title.da,
        "status": "Endelig",
        "version": 3,
        "gemt": datetime(2026, 11, 23, 14, 30),
        "gemt_af": "Karen Koordinator",
        "formularversion": 1,
    }


def sample_value(spec: Any, ctx: Context, rows: int = SAMPLE_ROWS) -> Any:
    """An example stored value for one field: its default when it has one, else generated.

    A repeat keeps its prefilled rows (e.g. the models' phases) with empty cells filled;
    without prefilled rows it gets `rows` generated rows (at most the repeat's max_rows, so
    the sample stays data a user could have saved).
    """
    kind = field_type(spec)
    default = kind.default(spec, ctx)
    if isinstance(spec, RepeatField):
        count = min(rows, spec.max_rows) if spec.max_rows else rows
        generated = default or [{} for _ in range(count)]
        return [
            {
                column.name: _filled(column, row.get(column.name), ctx, rows)
                for column in spec.fields
            }
            for row in generated
        ]
    return _filled(spec, default, ctx, rows)


def _filled(spec: Any, value: Any, ctx: Context, rows: int) -> Any:
    """The value itself, or a generated example when it is empty."""
    if value not in (None, "", []):
        return value
    if isinstance(spec, RepeatField):
        return sample_value(spec, ctx, rows)
    if spec.type in ("select", "multiselect", "person"):
        values = [choice for choice, _label in ctx.choices(spec)]
        if spec.type == "multiselect":
            return values[:2]
        return values[0] if values else None
    label = spec.label.da
    generated: dict[str, Any] = {
        "text": f"{label} (eksempel)",
        "textarea": f"{label} (eksempel)\nEn linje mere",
        "integer": 3,
        "decimal": 12.5,
        "money": 1234.5,
        "percent": 25.0,
        "date": SAMPLE_DAY.isoformat(),
        "boolean": True,
        "scale": 7,
    }
    return generated.get(spec.type)


def sample_data(
    definition: FormDefinition, vocabularies: Vocabularies, *, rows: int = SAMPLE_ROWS
) -> dict[str, Any]:
    """Example stored data for every input field of a form (`rows` rows in each repeat
    without prefilled rows; the maximal sample asks for loopbounds.MAXIMAL_ROWS)."""
    ctx = Context(vocabularies, SAMPLE_PEOPLE)
    return {spec.name: sample_value(spec, ctx, rows) for spec in definition.input_fields()}


def sample_context(
    definition: FormDefinition,
    vocabularies: Vocabularies,
    *,
    data: dict[str, Any] | None = None,
    with_logo: bool = True,
) -> dict[str, Any]:
    """A whole sample context of a form (the given data, else generated samples)."""
    context = form_context(
        definition,
        data if data is not None else sample_data(definition, vocabularies),
        vocabularies=vocabularies,
        people=SAMPLE_PEOPLE,
        kommune=sample_kommune(with_logo),
        sag=sample_sag() if definition.scope == "case" else None,
        dokument=sample_dokument(definition),
        today=SAMPLE_DAY,
    )
    return context | word_names.extra_sample(definition.name)  # the goal sheet's readings


def sample_png(width: int = 60, height: int = 24) -> bytes:
    """A small valid PNG (a blue bar) standing in for the municipality's logo."""
    raw = b"".join(b"\x00" + bytes((31, 78, 121)) * width for _ in range(height))

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )

"""Built-in starting points for a new municipal document (forms/starts/*.yaml).

A starting point is partial form data laid over the form's own starting values: the
case-flow template (`sagsforloeb`) starts from *Én familie – én indgang* (the form's default
phases) or from *Sammen om familien*. The files ship with the code and are read once per
process. A phase written `same_as: <key>` is the built-in form's default phase with that key,
so the steps the law requires of every case are written once for both models.

Plain functions; no request or database here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.formengine import (
    FormDefinition,
    builtin_forms_dir,
    carry_over,
    default_data,
    load_file,
)
from app.formengine.schema import RepeatField
from app.formengine.specs import LocalizedText
from app.formengine.vocabularies import Vocabularies

SAME_AS = "same_as"
#: The query parameter of "Nyt dokument" that names a starting point.
START_PARAMETER = "udgangspunkt"


@dataclass(frozen=True)
class StartingPoint:
    """One built-in way to begin a document of `form`: a title and the data it starts with."""

    form: str
    key: str
    title: LocalizedText
    description: LocalizedText
    data: dict[str, Any] = field(default_factory=dict)


def starts_dir() -> Path:
    """The folder of starting points beside the built-in forms (forms/starts)."""
    return builtin_forms_dir() / "starts"


@lru_cache(maxsize=4)
def _all_starts(folder: Path) -> tuple[StartingPoint, ...]:
    """Every starting point in the folder, in file-name order (read once per process)."""
    starts = []
    forms: dict[str, FormDefinition] = {}
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or set(raw) - {"form", "key", "title", "description", "data"}:
            raise ValueError(f"{path}: expected form, key, title, description and data")
        form = str(raw["form"])
        if form not in forms:
            forms[form] = load_file(folder.parent / f"{form}.yaml")
        data = _resolve(forms[form], dict(raw.get("data") or {}), path)
        starts.append(
            StartingPoint(
                form=form,
                key=str(raw["key"]),
                title=LocalizedText.model_validate(raw["title"]),
                description=LocalizedText.model_validate(raw["description"]),
                data=data,
            )
        )
    keys = [(s.form, s.key) for s in starts]
    if len(keys) != len(set(keys)):
        raise ValueError(f"{folder}: a starting point key is used twice")
    return tuple(starts)


def _resolve(definition: FormDefinition, data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Replace `same_as` rows of repeats by the built-in form's default row with that key."""
    for name, rows in data.items():
        spec = definition.field(name)
        if not isinstance(spec, RepeatField) or not isinstance(rows, list):
            continue
        defaults = {row.get("key"): row for row in spec.default or []}
        resolved = []
        for row in rows:
            if isinstance(row, Mapping) and SAME_AS in row:
                if set(row) != {SAME_AS} or row[SAME_AS] not in defaults:
                    raise ValueError(f"{path}: {name}: no default row with key {row[SAME_AS]!r}")
                row = defaults[row[SAME_AS]]
            resolved.append(dict(row))
        data[name] = resolved
    return data


def starting_points(form_name: str) -> list[StartingPoint]:
    """The built-in starting points of one form (empty for most forms)."""
    return [s for s in _all_starts(starts_dir()) if s.form == form_name]


def find_start(form_name: str, key: str) -> StartingPoint | None:
    """The starting point `key` of a form, if there is one."""
    return next((s for s in starting_points(form_name) if s.key == key), None)


def starting_data(
    definition: FormDefinition, start: StartingPoint, vocabularies: Vocabularies
) -> tuple[dict[str, Any], list[str]]:
    """A new document's values from a starting point, fitted to the form as it is now.

    The municipality may have changed the form since the starting point was written, so
    values the form no longer takes are dropped: returns (data, dropped field paths).
    """
    data = default_data(definition, vocabularies=vocabularies) | start.data
    return carry_over(definition, data, vocabularies=vocabularies)

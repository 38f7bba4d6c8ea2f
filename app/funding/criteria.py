"""The municipality's criteria for which families' cases may be funded jointly.

The model description *Én familie – én indgang* (core element 4, "Fælles finansiering") asks
each municipality to set fixed criteria for which cases can meaningfully be funded jointly,
and gives two as examples: the family as a whole has cases in at least two sector areas, and
the family is motivated to take part in a cross-sector solution. Those two are the defaults,
labelled with that source; every criterion an administrator adds or rewrites is the
municipality's own choice and is labelled so. A case's funding page shows them as a
checklist, and the ticks are saved with the split's version.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import MunicipalitySettings
from app.text import clean_text

#: The source of the default criteria (named in the answer, never a path).
MODEL_SOURCE = (
    "Modelbeskrivelse Én familie – én indgang, kerneelement 4: Fælles finansiering (s. 11)"
)
DEFAULT_CRITERIA: tuple[dict[str, Any], ...] = (
    {
        "key": "two_sectors",
        "label": "Familien har samlet set sager på mindst to sektorområder",
        "source": MODEL_SOURCE,
    },
    {
        "key": "motivated",
        "label": "Familien er motiveret for at deltage i en tværgående løsning",
        "source": MODEL_SOURCE,
    },
)
OWN_CHOICE = _l("Kommunens eget valg")
MAX_CRITERIA = 20
MAX_LABEL = 300


class CriteriaInvalid(ValueError):
    """The typed criteria could not be used; the message says why."""


def criteria() -> list[dict[str, Any]]:
    """The municipality's criteria (the model's examples until an administrator changes them)."""
    settings = db.session.scalar(select(MunicipalitySettings).limit(1))
    stored = settings.joint_funding_criteria if settings is not None else None
    return [dict(item) for item in (stored if stored is not None else DEFAULT_CRITERIA)]


def source_text(criterion: dict[str, Any]) -> str:
    """Where a criterion comes from: the model, or the municipality's own choice."""
    return criterion.get("source") or str(OWN_CHOICE)


def as_text(items: list[dict[str, Any]]) -> str:
    """The criteria as the administrator edits them: one per line."""
    return "\n".join(item["label"] for item in items)


def _key(label: str) -> str:
    """A stable key for a criterion typed by the municipality (from its wording)."""
    slug = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")[:30]
    return f"{slug}_{hashlib.sha256(label.encode()).hexdigest()[:6]}"


def parse_text(text: str) -> list[dict[str, Any]]:
    """Criteria from the administrator's text, one per line; raises CriteriaInvalid.

    A line worded exactly like one of the model's examples keeps its key and source; any
    other line is the municipality's own choice.
    """
    defaults = {item["label"]: item for item in DEFAULT_CRITERIA}
    items: list[dict[str, Any]] = []
    for raw in clean_text(text or "", unify_newlines=True).split("\n"):
        label = " ".join(raw.split())
        if not label:
            continue
        if len(label) > MAX_LABEL:
            raise CriteriaInvalid(_("Et kriterium må højst have %(limit)s tegn.", limit=MAX_LABEL))
        item = dict(defaults.get(label) or {"key": _key(label), "label": label, "source": ""})
        if all(existing["key"] != item["key"] for existing in items):
            items.append(item)
    if len(items) > MAX_CRITERIA:
        raise CriteriaInvalid(_("Højst %(count)s kriterier.", count=MAX_CRITERIA))
    return items


def checklist(met: list[str] | None) -> list[dict[str, Any]]:
    """The criteria with whether the case meets each (``met``: keys saved with the split)."""
    keys = set(met or ())
    return [{**item, "met": item["key"] in keys} for item in criteria()]


def met_keys(formdata: Any) -> list[str]:
    """Keys of the criteria ticked in the editor form (unknown keys ignored)."""
    known = [item["key"] for item in criteria()]
    return [key for key in known if formdata.get(f"criterion-{key}")]

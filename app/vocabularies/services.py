"""The municipality's vocabularies: built-in defaults, replaced list by list from the database.

A vocabulary item has a stable key (`value`, stored in submissions) and labels that may
change freely. Removing a key that is still used somewhere is refused, naming the places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import gettext as _
from sqlalchemy import func, select

from app import audit
from app.extensions import db
from app.formengine import DEFAULT_VOCABULARIES, merged_vocabularies
from app.formengine.vocabularies import VocabularyItem, item_label, item_value
from app.models import Case, User, VocabularyOverride
from app.web.i18n import current_locale

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,49}$")
MAX_ITEMS = 500
MAX_LABEL = 200


class VocabularyError(ValueError):
    """Problems with an edited vocabulary, by row path (`items[2].value`) or `items`."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def vocabulary_names() -> list[str]:
    """The names of the shared vocabularies."""
    return list(DEFAULT_VOCABULARIES)


#: What a built-in item knows beyond its texts; a municipality's item with the same key keeps it
#: (a key means one thing), so its source, confirmation and retirement survive editing.
BUILT_IN_FACTS = ("source", "confirmed", "retired")


def _as_dict(item: Any, default: VocabularyItem | None = None) -> dict[str, Any]:
    """A vocabulary item as a plain dict {value, label, label_en, note, source, confirmed,
    retired}; a stored item takes the built-in facts of the default with its key."""
    if isinstance(item, dict):
        plain = {
            "value": item["value"],
            "label": item["label"],
            "label_en": item.get("label_en") or None,
            "note": item.get("note") or None,
        }
        for fact in BUILT_IN_FACTS:
            plain[fact] = item.get(fact, getattr(default, fact, None))
        return plain
    return {
        "value": item.value,
        "label": item.label,
        "label_en": item.label_en,
        "note": item.note,
        **{fact: getattr(item, fact) for fact in BUILT_IN_FACTS},
    }


#: Where a request keeps its vocabularies (its WSGI environ: one per request, never shared).
_CACHE_KEY = "enindgang.vocabularies"


def load_vocabularies() -> dict[str, list[dict[str, Any]]]:
    """Every vocabulary as lists of dicts: the municipality's lists where it has its own.

    Read once per request: a plan asks for them dozens of times (every funding line's "who
    may grant"), which was a tenth of the plan's time. Each call gets its own copy of the
    lists and items; saving or resetting a list forgets the request's copy."""
    if not has_request_context():
        return _load_vocabularies()
    cached = request.environ.get(_CACHE_KEY)
    if cached is None:
        cached = request.environ[_CACHE_KEY] = _load_vocabularies()
    return {name: [dict(item) for item in items] for name, items in cached.items()}


def _forget_vocabularies() -> None:
    if has_request_context():
        request.environ.pop(_CACHE_KEY, None)


def _load_vocabularies() -> dict[str, list[dict[str, Any]]]:
    """Every vocabulary from the database and the defaults (no cache)."""
    overrides = {row.name: row.items for row in db.session.scalars(select(VocabularyOverride))}
    merged = merged_vocabularies(overrides)
    result = {}
    for name, items in merged.items():
        defaults = {i.value: i for i in DEFAULT_VOCABULARIES[name]}
        result[name] = [_as_dict(i, defaults.get(item_value(i))) for i in items]
    return result


def get_vocabulary(name: str) -> list[dict[str, Any]] | None:
    """One vocabulary, or None for an unknown name."""
    if name not in DEFAULT_VOCABULARIES:
        return None
    return load_vocabularies()[name]


def is_customised(name: str) -> bool:
    """True when the municipality has its own list for this vocabulary."""
    return db.session.get(VocabularyOverride, name) is not None


def public_items(items: list[dict[str, Any]], locale: str = "da") -> list[dict[str, Any]]:
    """Items as the API returns them: {value, label} in the asked language; a built-in law
    paragraph adds its source and confirmation, a retired item ``retired: true``."""
    public = []
    for i in items:
        entry: dict[str, Any] = {"value": item_value(i), "label": item_label(i, locale)}
        if i.get("confirmed") is not None:
            entry.update(source=i.get("source"), confirmed=i["confirmed"])
        if i.get("retired"):
            entry["retired"] = True
        public.append(entry)
    return public


def check_items(items: Any) -> list[dict[str, Any]]:
    """Validate edited items; returns them cleaned or raises VocabularyError."""
    errors: dict[str, list[str]] = {}
    if not isinstance(items, list) or not items:
        raise VocabularyError({"items": [_("Listen skal have mindst ét punkt.")]})
    if len(items) > MAX_ITEMS:
        raise VocabularyError(
            {"items": [_("Listen må højst have %(max)s punkter.", max=MAX_ITEMS)]}
        )
    cleaned, seen = [], {}
    for index, raw in enumerate(items):
        path = f"items[{index}]"
        if not isinstance(raw, dict):
            errors[path] = [_("Hvert punkt skal have en nøgle og en tekst.")]
            continue
        value = str(raw.get("value") or "").strip()
        label = str(raw.get("label") or "").strip()
        label_en = str(raw.get("label_en") or "").strip() or None
        if not KEY_RE.match(value):
            errors[f"{path}.value"] = [
                _(
                    "Nøglen skal være 1–50 tegn: små bogstaver a–z, tal og _, og begynde med et "
                    "bogstav eller tal."
                )
            ]
        elif value in seen:
            errors[f"{path}.value"] = [
                _("Nøglen »%(key)s« står også i række %(row)s.", key=value, row=seen[value] + 1)
            ]
        else:
            seen[value] = index
        if not label:
            errors[f"{path}.label"] = [_("Skriv en tekst.")]
        elif len(label) > MAX_LABEL or len(label_en or "") > MAX_LABEL:
            errors[f"{path}.label"] = [_("Teksten må højst have %(max)s tegn.", max=MAX_LABEL)]
        cleaned.append(
            {
                "value": value,
                "label": label,
                "label_en": label_en,
                "note": str(raw.get("note") or "").strip() or None,
            }
        )
    if errors:
        raise VocabularyError(errors)
    return cleaned


#: Tells where a vocabulary key is still used, as readable places: (vocabulary, key, limit).
UsageFinder = Callable[[str, str, int], Iterable[str]]
#: Where create_app's finders are kept (app.extensions), see routes._take_usage_finders.
USAGE_FINDERS = "enindgang.vocabulary_usage_finders"


def usage_finders() -> tuple[UsageFinder, ...]:
    """The finders create_app handed to the vocabularies blueprint (saved forms, funding)."""
    return current_app.extensions[USAGE_FINDERS]


def label_of(vocabulary: str, value: str | None, locale: str | None = None) -> str:
    """The label of a list value in the page's language ("" for none, the value itself when
    the list no longer holds it)."""
    if not value:
        return ""
    items = load_vocabularies().get(vocabulary) or []
    item = next((i for i in items if item_value(i) == value), None)
    return item_label(item, locale or current_locale()) if item is not None else value


def case_usages(model: Any, column: Any, key: str, limit: int) -> list[tuple[str, int]]:
    """(case number, how many rows) of the cases whose ``model`` rows hold ``key`` in
    ``column`` (a list key in use), the first ``limit`` cases by number."""
    if limit <= 0:
        return []
    return [
        (reference, count)
        for reference, count in db.session.execute(
            select(Case.reference, func.count())
            .select_from(model)
            .join(Case, model.case_id == Case.id)
            .where(column == key)
            .group_by(Case.reference)
            .order_by(Case.reference)
            .limit(limit)
        )
    ]


def find_usages(
    vocabulary: str, key: str, limit: int = 10, finders: Sequence[UsageFinder] | None = None
) -> list[str]:
    """Where a vocabulary key is used, as readable places, asking each finder in turn.

    This package does not know the features that use its lists; they answer through the
    finders (default: the app's, `usage_finders()`)."""
    places: list[str] = []
    for finder in usage_finders() if finders is None else finders:
        if len(places) >= limit:
            break
        places.extend(finder(vocabulary, key, limit - len(places)))
    return places


def save_vocabulary(user: User, name: str, items: Any) -> list[dict[str, Any]]:
    """Store the municipality's list for a vocabulary; refuses removing keys still in use."""
    if name not in DEFAULT_VOCABULARIES:
        raise VocabularyError(
            {"name": [_("Der findes ingen liste ved navn »%(name)s«.", name=name)]}
        )
    cleaned = check_items(items)
    _refuse_removed_in_use(name, {i["value"] for i in cleaned})
    row = db.session.get(VocabularyOverride, name)
    if row is None:
        row = VocabularyOverride(name=name, items=cleaned, updated_by_id=user.id)
        db.session.add(row)
    else:
        row.items, row.updated_by_id = cleaned, user.id
    db.session.flush()
    _forget_vocabularies()
    audit.record(
        "vocabulary_changed", actor=user, object_type="vocabulary", name=name, items=len(cleaned)
    )
    return cleaned


def reset_vocabulary(user: User, name: str) -> None:
    """Go back to the built-in list (also refused if that would drop keys in use)."""
    row = db.session.get(VocabularyOverride, name)
    if row is None:
        return
    defaults = {item_value(i) for i in DEFAULT_VOCABULARIES[name]}
    _refuse_removed_in_use(name, defaults)
    db.session.delete(row)
    db.session.flush()
    _forget_vocabularies()
    audit.record("vocabulary_reset", actor=user, object_type="vocabulary", name=name)


def _refuse_removed_in_use(name: str, keep: set[str]) -> None:
    """Raise VocabularyError naming where removed keys are still used."""
    current = {i["value"] for i in load_vocabularies()[name]}
    errors = {}
    for key in sorted(current - keep):
        places = find_usages(name, key)
        if places:
            errors[f"removed.{key}"] = [
                _(
                    "Nøglen »%(key)s« kan ikke fjernes, fordi den bruges i: %(places)s.",
                    key=key,
                    places="; ".join(places),
                )
            ]
    if errors:
        raise VocabularyError(errors)

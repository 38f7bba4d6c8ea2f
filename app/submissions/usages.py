"""Where a vocabulary key is used in saved forms, for the vocabulary editor's "in use" check.

create_app hands `vocabulary_usages` to the vocabularies package (which may not import the
features that use its lists).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.forms.definitions import definition_of
from app.models import Submission
from app.web.i18n import current_locale


def _choice_paths(fields, vocabulary: str, prefix: str = "") -> Iterator[tuple[str, Any, bool]]:
    """(path, field, in_repeat) of every field choosing from the vocabulary."""
    for field in fields:
        if getattr(field, "choices_from", None) == vocabulary:
            yield prefix + field.name, field, bool(prefix)
        if field.type == "repeat":
            yield from _choice_paths(field.fields, vocabulary, prefix=field.name + "[].")


def _values_at(data: dict[str, Any], path: str) -> Iterator[Any]:
    """The stored values at a path like `goals[].department` (lists flattened)."""
    if "[]." in path:
        head, rest = path.split("[].", 1)
        for row in data.get(head) or []:
            if isinstance(row, dict):
                yield from _values_at(row, rest)
        return
    value = data.get(path)
    if isinstance(value, list):
        yield from value
    elif value is not None:
        yield value


def vocabulary_usages(vocabulary: str, key: str, limit: int = 10) -> Iterator[str]:
    """Readable places where a saved form uses a vocabulary key ('sag X: SMARTE-mål, …')."""
    if limit <= 0:
        return
    found = 0
    for submission in db.session.scalars(select(Submission).order_by(Submission.id)):
        definition = definition_of(submission.definition)
        for path, field, _spec in _choice_paths(definition.input_fields(), vocabulary):
            if key in set(map(str, _values_at(submission.data or {}, path))):
                locale = current_locale()
                form_title = definition.title.get(locale)
                owner = (
                    _("sag %(reference)s", reference=submission.case.reference)
                    if submission.case
                    else _("kommunalt dokument »%(title)s«", title=submission.title or form_title)
                )
                yield _(
                    "%(owner)s: %(form)s, feltet »%(field)s«",
                    owner=owner,
                    form=form_title,
                    field=field.label.get(locale),
                )
                found += 1
                break
        if found >= limit:
            return

"""The ``unique`` rule of a repeat: a column whose filled values differ from row to row.

Checked on final submissions after the rows themselves are valid (like ``sum_to``), so a
template cannot be finalised with two phases under one stable id.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from app.formengine.schema import RepeatField

Errors = dict[str, list[str]]


def repeated_values(
    spec: RepeatField, rows: list[dict[str, Any]], path: str, locale: str
) -> Errors:
    """A row whose value in a `unique` column an earlier row already has (empty ones pass)."""
    errors: Errors = {}
    for name in spec.unique or []:
        column = spec.column(name)
        first: dict[Any, int] = {}
        for index, row in enumerate(rows):
            value = row.get(name)
            if value in (None, "") or isinstance(value, list | dict):
                continue
            if value in first:
                errors[f"{path}[{index}].{name}"] = [
                    _(
                        "»%(column)s« skal være forskellig i hver række; række %(row)s har "
                        "allerede »%(value)s«.",
                        column=column.label.get(locale) if column else name,
                        row=first[value] + 1,
                        value=value,
                    )
                ]
            first.setdefault(value, index)
    return errors

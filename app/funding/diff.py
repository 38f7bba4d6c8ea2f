"""What changed between two versions of a split: lines added, removed, and changed fields.

Lines carry no identity (neither the workbook nor the API has line ids), so old and new lines
are paired by content, most certain first: identical lines, then the same intervention,
paragraph and description, then the same intervention and description, then the same
intervention, each in list order. Whatever is left over was removed or added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.funding.lines import LINE_FIELDS, json_number, to_api
from excel_tools import FundingLine

#: Fields compared, in the order they are reported (shares are reported per department).
FIELDS = (*LINE_FIELDS[:-1], "shares", LINE_FIELDS[-1])
_KEYS: tuple[Callable[[FundingLine], Any], ...] = (
    lambda line: (line.intervention, line.paragraph, line.description),
    lambda line: (line.intervention, line.description),
    lambda line: line.intervention,
)


@dataclass(frozen=True)
class FieldChange:
    """One changed field of a line; ``department`` is set for a share."""

    field: str
    old: Any
    new: Any
    department: str | None = None


@dataclass(frozen=True)
class LineChange:
    """A line added, removed or changed; ``number`` is its 1-based place (new list if any)."""

    kind: str  # "added" | "removed" | "changed"
    number: int
    line: FundingLine
    fields: list[FieldChange] = field(default_factory=list)


def _pair(old: Sequence[FundingLine], new: Sequence[FundingLine]) -> dict[int, int]:
    """new index → old index for lines that are the same line in both versions."""
    pairs: dict[int, int] = {}
    free_old = list(range(len(old)))
    for key in (lambda line: line, *_KEYS):
        for new_index, line in enumerate(new):
            if new_index in pairs:
                continue
            wanted = key(line)
            for old_index in free_old:
                if key(old[old_index]) == wanted:
                    pairs[new_index] = old_index
                    free_old.remove(old_index)
                    break
    return pairs


def _field_changes(old: FundingLine, new: FundingLine, departments: Sequence[str]) -> list:
    """The fields that differ between two versions of one line."""
    changes: list[FieldChange] = []
    for name in FIELDS:
        if name == "shares":
            keys = [d for d in departments if d in old.shares or d in new.shares]
            keys += sorted((set(old.shares) | set(new.shares)) - set(keys))
            for dept in keys:
                before, after = old.shares.get(dept), new.shares.get(dept)
                if before != after:
                    changes.append(FieldChange("shares", before, after, dept))
            continue
        if name == ("amount" if old.cost_kind == new.cost_kind == "yearly" else "annual_cost"):
            continue  # for yearly lines the two are one number; otherwise annual_cost is derived
        before, after = getattr(old, name), getattr(new, name)
        if (before or None) != (after or None):
            changes.append(FieldChange(name, before, after))
    return changes


def diff_lines(
    old: Sequence[FundingLine], new: Sequence[FundingLine], departments: Sequence[str] = ()
) -> list[LineChange]:
    """Changes from ``old`` to ``new``, in the new order with removed lines at their old place."""
    pairs = _pair(old, new)
    paired_old = set(pairs.values())
    placed: list[tuple[tuple[int, int, int], LineChange]] = []
    for new_index, line in enumerate(new):
        if new_index not in pairs:
            placed.append(((new_index, 1, 0), LineChange("added", new_index + 1, line)))
            continue
        fields = _field_changes(old[pairs[new_index]], line, departments)
        if fields:
            placed.append(((new_index, 1, 0), LineChange("changed", new_index + 1, line, fields)))
    for old_index in range(len(old)):
        if old_index in paired_old:
            continue
        # Shown just before the first kept line that came after it in the old version.
        anchor = min((n for n, o in pairs.items() if o > old_index), default=len(new))
        removed = LineChange("removed", old_index + 1, old[old_index])
        placed.append(((anchor, 0, old_index), removed))
    return [change for _key, change in sorted(placed, key=lambda item: item[0])]


def _json_value(value: Any) -> Any:
    """A changed value as JSON (decimals as numbers, dates as ISO strings)."""
    if value is None or isinstance(value, str | int):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return json_number(value)


def changes_as_json(changes: Sequence[LineChange]) -> list[dict[str, Any]]:
    """Changes as the API returns them."""
    return [
        {
            "kind": change.kind,
            "number": change.number,
            "line": to_api(change.line),
            "fields": [
                {
                    "field": f"shares.{fc.department}" if fc.department else fc.field,
                    "old": _json_value(fc.old),
                    "new": _json_value(fc.new),
                }
                for fc in change.fields
            ],
        }
        for change in changes
    ]

"""Problems found in a form definition, and how their paths are written for people."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from app.formengine.schema import NAME_PATTERN

RawPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a definition, printed as ``file:line: path.to.field: message``."""

    source: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DefinitionError(ValueError):
    """A definition could not be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: Any, candidates: Iterable[str]) -> str:
    """' (mente du 'x'?)' for the closest candidate, or '' (translated when in a request)."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return " " + _("(mente du '%(name)s'?)", name=close[0]) if close else ""


def readable_path(raw: RawPath, data: Any) -> str:
    """A path people can find: fields by name (``goals.title.label``), else by position.

    A field is named by its own name (names are unique in a form), a column by its repeat's
    name and its own; other keys are added with dots and list positions in brackets.
    """
    parts: list[str] = []
    node = data
    index = 0
    while index < len(raw):
        key = raw[index]
        child = _step(node, key)
        if (
            key in ("sections", "fields")
            and index + 1 < len(raw)
            and isinstance(raw[index + 1], int)
        ):
            position = raw[index + 1]
            item = _step(child, position)
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str) and re.fullmatch(NAME_PATTERN, name):
                if key == "sections":
                    parts = ["sections", name]
                elif parts and parts[0] != "sections":
                    parts.append(name)  # a column: keep the repeat's name in front
                else:
                    parts = [name]
            else:
                parts.append(f"{key}[{position}]")
            node, index = item, index + 2
            continue
        parts.append(f"[{key}]" if isinstance(key, int) else str(key))
        node, index = child, index + 1
    return _join(parts)


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text += part if part.startswith("[") or not text else "." + part
    return text


def _step(node: Any, key: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None

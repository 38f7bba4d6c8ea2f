"""Cleaning of text that arrives from users, at every input boundary (forms, JSON)."""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab, newline and carriage return, plus DEL: never meaningful in typed
# text, and NUL is refused outright by PostgreSQL.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Remove control characters (keeping tab and line breaks) from a string."""
    return _CONTROL_RE.sub("", value)


def clean_data(value: Any) -> Any:
    """clean_text applied to every string inside JSON-like data (keys included)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value

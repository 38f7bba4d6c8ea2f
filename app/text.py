"""Cleaning text that arrives from people, at every boundary: forms, JSON, documents, workbooks.

One character set for all of them. Removed: the C0 control characters except tab, newline and
carriage return (XML 1.0 forbids them, so Word and Excel files could not hold them, and
PostgreSQL refuses NUL), DEL and the C1 controls (allowed in XML but never meaningful in typed
text: invisible noise), lone surrogates (cannot be encoded) and U+FFFE/U+FFFF (not
characters; XML forbids them). Tab and line breaks are legitimate in pasted text and kept.

This module must not import Flask: ``excel_tools`` uses it.
"""

from __future__ import annotations

import re
from typing import Any

_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str, *, unify_newlines: bool = False) -> str:
    """``value`` without the unwanted characters; ``unify_newlines``: \\r\\n and \\r become \\n."""
    if unify_newlines:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWANTED.sub("", value)


def has_unwanted(value: str) -> bool:
    """True when ``value`` holds a character clean_text would remove (to refuse, not clean)."""
    return _UNWANTED.search(value) is not None


def clean_data(value: Any) -> Any:
    """clean_text applied to every string inside JSON-like data (keys included)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value

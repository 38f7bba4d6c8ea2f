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


# A Danish CPR number: DDMMYY, an optional hyphen or space, then four digits. Only day and
# month ranges are checked (no modulus 11: numbers issued since 2007 need not pass it), so a
# ten-digit number that could be a birth date followed by four digits is refused.
_CPR = re.compile(
    r"(?<![0-9])(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])([0-9]{2})[-\s]?([0-9]{4})(?![0-9])"
)


def looks_like_cpr(value: str) -> bool:
    """True when ``value`` holds something that looks like a CPR number (to refuse it)."""
    return _CPR.search(value) is not None

"""Safe, meaningful download names: `faelles-plan_<reference>_<date>.docx`.

Two spellings of each name: plain ASCII for the `filename` parameter every browser reads,
and UTF-8 (Danish letters kept) for `filename*` (RFC 6266). Neither ever holds a path
separator, a control character or a leading dot.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import quote

MAX_PART = 60
_DANISH = str.maketrans(
    {
        "æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "ß": "ss",
        "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    }
)  # fmt: skip
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9.-]+")
_NOT_UTF8_SAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|%;,\s_]+")
_DASHES = re.compile(r"-{2,}")


def _tidy(text: str) -> str:
    """Collapse dashes, drop leading/trailing dots and dashes, cap the length."""
    text = _DASHES.sub("-", text).strip(".- ")
    text = text[:MAX_PART].rstrip(".- ")
    return re.sub(r"\.{2,}", ".", text)


def ascii_slug(text: str) -> str:
    """ASCII letters, digits, dots and dashes only (æ → ae, é → e, anything else → -)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_DANISH))
    plain = decomposed.encode("ascii", "ignore").decode("ascii")
    return _tidy(_NOT_ASCII_SAFE.sub("-", plain))


def utf8_slug(text: str) -> str:
    """The same with Danish and other letters kept (for filename*)."""
    return _tidy(_NOT_UTF8_SAFE.sub("-", unicodedata.normalize("NFC", text or "")))


def download_names(kind: str, label: str, day: date, extension: str) -> tuple[str, str]:
    """(ASCII name, UTF-8 name) such as `faelles-plan_SAG-1_2026-11-23.docx`."""
    kind_ascii = ascii_slug(kind.replace("_", "-")) or "dokument"
    kind_utf8 = utf8_slug(kind.replace("_", "-")) or kind_ascii
    label_ascii = ascii_slug(label) or "uden-navn"
    label_utf8 = utf8_slug(label) or label_ascii
    suffix = f"_{day.isoformat()}.{extension}"
    return f"{kind_ascii}_{label_ascii}{suffix}", f"{kind_utf8}_{label_utf8}{suffix}"


def content_disposition(ascii_name: str, utf8_name: str) -> str:
    """`attachment` with both spellings of the name."""
    header = f'attachment; filename="{ascii_name}"'
    if utf8_name != ascii_name:
        header += f"; filename*=UTF-8''{quote(utf8_name, safe='')}"
    return header

"""Small helpers shared by the web views."""

from __future__ import annotations

from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter


def safe_next_url(target: str | None) -> str | None:
    """Return target if it is a local path on this site, else None (no open redirects)."""
    if not target or not isinstance(target, str):
        return None
    target = target.strip()
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


#: The largest id a database integer column holds (PostgreSQL's INTEGER; SQLite's ids fit).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` in every URL: a whole number from 0 to the largest id a column holds.

    A larger number can name no row, so the URL does not match (404) instead of reaching the
    database, where it would overflow the column's type (a 500 on PostgreSQL and SQLite)."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int = 0, max: int | None = MAX_ID):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max)

"""Compiled Word templates, kept by the app process across renderings.

docxtpl hands Jinja the same XML source on every rendering of a template, and compiling it
is a quarter of a rendering (the 20-goal plan: 29 of 115 ms, docs/performance.md). Every
rendering runs in a fresh child process (app/docgen/isolation.py), so what a child compiles
would die with it. Instead:

- the child looks the source up in the cache it inherited from the app process at fork;
- what it had to compile itself it sends back with the document, as marshalled code;
- the app process keeps those (`learn`), so the next child finds them.

The app process never runs this code: it only keeps the bytes for the children, which
already run the template's code. Keys are the SHA-256 of the source and of the
environment's compile-relevant settings, so a changed template or setting compiles anew.
Bounded to the most recently used MAX_ENTRIES sources.
"""

from __future__ import annotations

import hashlib
import marshal
import threading
from collections import OrderedDict
from types import CodeType
from typing import Any

MAX_ENTRIES = 256  # a template has about ten parts (body, headers, footers, notes)

_lock = threading.Lock()
_codes: OrderedDict[str, bytes] = OrderedDict()
#: Sources compiled in this process since collecting() began (a child's to send back).
_new: dict[str, bytes] | None = None


def key_of(source: str, settings: tuple[Any, ...]) -> str:
    """The cache key of ``source`` compiled with an environment's ``settings``."""
    digest = hashlib.sha256(repr(settings).encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def lookup(key: str) -> CodeType | None:
    """The compiled code for ``key``, if kept."""
    with _lock:
        data = _codes.get(key)
        if data is not None:
            _codes.move_to_end(key)
    return marshal.loads(data) if data is not None else None  # noqa: S302 - our own bytes


def remember(key: str, code: CodeType) -> None:
    """Keep ``code`` (and note it as new, to be sent back by a collecting child)."""
    data = marshal.dumps(code)
    with _lock:
        _store(key, data)
        if _new is not None:
            _new[key] = data


def collecting() -> None:
    """From now on note what this process compiles (a child, before it renders)."""
    global _new  # noqa: PLW0603 - this process's one collection
    _new = {}


def collected() -> dict[str, bytes]:
    """What this process compiled since collecting(), as marshalled code by key."""
    return dict(_new or {})


def learn(entries: dict[str, bytes]) -> None:
    """Keep what a child compiled (the app process, after the child's rendering)."""
    with _lock:
        for key, data in entries.items():
            if isinstance(key, str) and isinstance(data, bytes):
                _store(key, data)


def forget() -> None:
    """Drop everything kept (tests; nothing needs it otherwise)."""
    with _lock:
        _codes.clear()


def size() -> int:
    """How many compiled sources are kept."""
    return len(_codes)


def _store(key: str, data: bytes) -> None:
    """Keep ``data`` as the most recent; drop the least recently used beyond MAX_ENTRIES."""
    _codes[key] = data
    _codes.move_to_end(key)
    while len(_codes) > MAX_ENTRIES:
        _codes.popitem(last=False)

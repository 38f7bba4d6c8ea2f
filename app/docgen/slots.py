"""At most a few PDF conversions per user at once, across every worker process on the host.

A PDF conversion holds a worker and a LibreOffice process for a second or more; without a
limit one person (or one script with a token) could occupy every worker with parallel
exports. Each running conversion holds an exclusive ``flock`` on one of the user's slot files
in a directory of the instance; when all of the user's slots are taken the request is refused
at once (the caller answers 429). The operating system releases a lock when its process dies,
so a crashed worker never keeps a slot. Several hosts behind one load balancer each count on
their own (see docs: put the directory on shared storage with working locks, or accept a
limit per host).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SlotsTaken(Exception):
    """Every conversion slot of the user is in use."""


@contextmanager
def conversion_slot(directory: str | Path, owner: int | None, limit: int) -> Iterator[int]:
    """Hold one of ``owner``'s ``limit`` slots for the duration (its number); SlotsTaken when
    all are busy. ``owner`` None (no user, e.g. a command) shares the slots of owner 0."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(max(1, limit)):
        path = folder / f"user-{owner or 0}-{number}.lock"
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            continue
        try:
            yield number
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            os.close(handle)
        return
    raise SlotsTaken(owner)

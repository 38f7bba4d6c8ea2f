"""The last PDF conversions, in this process's memory, keyed by what the .docx says.

LibreOffice needs about half a second for a big plan, even warm (docs/performance.md), and
always makes the same PDF of the same document. People download the same plan more than
once (to print it, to mail it, to read it at the meeting); the second time the conversion
is skipped.

- The key is a SHA-256 over the .docx's parts (their names and contents), not over the
  file: the zip stores the time of each rendering, so two renderings of the same plan
  differ as files but not as documents.
- The cache only replaces the conversion step. Each download still renders the .docx
  after the request's access check and is audited as before, so only a user who just
  rendered exactly this document gets its PDF.
- Bounded in size (ENINDGANG_PDF_CACHE_MB, 32 by default; 0 turns the cache off) and in
  time (ENINDGANG_PDF_CACHE_SECONDS, 600 by default): family content stays in memory no
  longer than that, and is never written to disk. Both numbers are the product's choice,
  not a rule of law.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable


def content_key(docx: bytes) -> str:
    """SHA-256 of the document's parts, in their order (the zip's timestamps left out)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for info in archive.infolist():
            name = info.filename.encode()
            data = archive.read(info)
            digest.update(len(name).to_bytes(4, "big") + name)
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class PdfCache:
    """A least-recently-used map from content keys to PDFs, bounded in bytes and age.

    Thread-safe: a threaded worker serves several downloads at once."""

    def __init__(
        self,
        max_bytes: int,
        max_age: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_age = max_age
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """False when the settings turn the cache off."""
        return self.max_bytes > 0 and self.max_age > 0

    def get(self, key: str) -> bytes | None:
        """The PDF for ``key`` if it is kept and young enough (it becomes the most recent)."""
        with self._lock:
            self._drop_old()
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, pdf: bytes) -> None:
        """Keep ``pdf``; the least recently used go when the bytes run out. A PDF larger
        than the whole budget is not kept."""
        if not self.enabled or len(pdf) > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._entries[key] = (self._clock(), pdf)
            self._bytes += len(pdf)
            while self._bytes > self.max_bytes:
                _key, (_at, dropped) = self._entries.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        """Forget every PDF (a template or a setting changed, or a test starts)."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def _drop_old(self) -> None:
        """Forget PDFs stored longer ago than max_age (a few dozen entries: all looked at)."""
        limit = self._clock() - self.max_age
        for key in [k for k, (stored, _pdf) in self._entries.items() if stored < limit]:
            self._bytes -= len(self._entries.pop(key)[1])

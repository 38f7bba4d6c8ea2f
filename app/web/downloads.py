"""Large downloads streamed from a temporary file, in chunks, closing the file at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO

from flask import Response

CHUNK = 64 * 1024


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    # The file closes (a temporary file is deleted) when the last chunk is sent, or when the
    # server closes the response because the client went away.
    with handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def stream_download(handle: IO[bytes], mimetype: str, download_name: str) -> Response:
    """An attachment answered from ``handle`` (rewound) without reading it into memory."""
    size = os.fstat(handle.fileno()).st_size
    response = Response(_chunks(handle), mimetype=mimetype, direct_passthrough=True)
    response.headers["Content-Disposition"] = f"attachment; filename={download_name}"
    response.headers["Content-Length"] = str(size)
    return response

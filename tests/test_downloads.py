"""Large downloads are streamed from their temporary file in chunks and close it at the end."""

from __future__ import annotations

import tempfile

from app.web.downloads import CHUNK, stream_download


def test_a_streamed_download_sends_every_chunk_and_closes_the_file():
    """Three and a half chunks arrive whole, with length and name; the file is closed after."""
    data = bytes(range(256)) * (CHUNK * 7 // 2 // 256)
    handle = tempfile.TemporaryFile()
    handle.write(data)
    handle.seek(0)
    response = stream_download(handle, "application/octet-stream", "stor.xlsx")
    assert response.headers["Content-Length"] == str(len(data))
    assert response.headers["Content-Disposition"] == "attachment; filename=stor.xlsx"
    chunks = list(response.response)
    assert len(chunks) == 4 and b"".join(chunks) == data
    assert handle.closed


def test_a_download_the_client_leaves_early_closes_the_file():
    """The server closes the response after the first chunk: the file is closed too."""
    handle = tempfile.TemporaryFile()
    handle.write(b"x" * (CHUNK * 2))
    handle.seek(0)
    response = stream_download(handle, "application/octet-stream", "stor.xlsx")
    iterator = iter(response.response)
    assert next(iterator) == b"x" * CHUNK
    response.close()
    assert handle.closed

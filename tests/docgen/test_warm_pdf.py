"""The warm PDF converter: one LibreOffice per process reused, restarted when it dies, and the
cold conversion as the fallback when there is no Python with `uno` or the warm office fails."""

from __future__ import annotations

import io
import os
import signal
import stat
import time
from pathlib import Path

import pytest
from docx import Document

from app.docgen import pdf, warm
from tests.tools import missing, require_soffice


def _docx(text: str = "Hej") -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _script(folder: Path, body: str) -> str:
    """An executable soffice stand-in: as the warm office (argument --accept=…) it runs
    ``body``; as a cold conversion it writes a small fake PDF where soffice would."""
    path = folder / "soffice"
    path.write_text(
        "#!/bin/sh\n"
        'case "$*" in *--accept=*) ' + body + " ;; esac\n"
        "printf '%%PDF-1.4 cold' > dokument.pdf\n"
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def _uno_python() -> str:
    python = warm.find_uno_python()
    if python is None:
        missing("no Python with the uno module (Debian: python3-uno)")
    return python


def test_without_uno_the_cold_way_is_used(tmp_path):
    """No Python with `uno`: no warm converter, and the conversion runs cold."""
    soffice = _script(tmp_path, "exit 1")
    missing = str(tmp_path / "no-python")
    assert pdf.warm_converter(soffice, missing) is None
    assert pdf.convert(_docx(), soffice=soffice, uno_python=missing) == b"%PDF-1.4 cold"


def test_a_warm_office_that_cannot_start_falls_back_to_cold(tmp_path):
    """The warm office exits at once: the PDF is made the cold way, no error."""
    soffice = _script(tmp_path, "exit 1")
    python = _uno_python()
    assert pdf.convert(_docx(), soffice=soffice, uno_python=python, timeout=30) == (
        b"%PDF-1.4 cold"
    )
    assert pdf.convert(_docx(), soffice=soffice, use_warm=False) == b"%PDF-1.4 cold"


def test_a_hanging_warm_office_is_stopped_with_a_message(tmp_path):
    """The warm office never answers: stopped at the timeout, the user gets the message,
    and no cold conversion doubles the wait."""
    soffice = _script(tmp_path, "sleep 30")
    python = _uno_python()
    started = time.monotonic()
    with pytest.raises(pdf.PdfError, match="tog for lang tid"):
        pdf.convert(_docx(), soffice=soffice, uno_python=python, timeout=1)
    assert time.monotonic() - started < 15
    assert not (tmp_path / "dokument.pdf").exists()  # the cold way did not run


@pytest.mark.libreoffice
def test_the_warm_office_is_reused_and_restarted_when_it_dies():
    """Two conversions, one office; after the office is killed the next one starts anew."""
    soffice, python = require_soffice(), _uno_python()
    converter = warm.WarmConverter(soffice, python)
    try:
        first = converter.convert(_docx("første"), timeout=120)
        second = converter.convert(_docx("anden"), timeout=120)
        assert first.startswith(b"%PDF") and second.startswith(b"%PDF")
        assert (converter.starts, converter.conversions) == (1, 2)
        os.killpg(converter._process.pid, signal.SIGKILL)
        converter._process.wait()
        assert converter.convert(_docx("tredje"), timeout=120).startswith(b"%PDF")
        assert (converter.starts, converter.conversions) == (2, 3)
    finally:
        converter.stop()
    assert converter._process is None and converter._folder is None

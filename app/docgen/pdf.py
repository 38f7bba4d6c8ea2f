"""PDF copies of rendered documents through LibreOffice, where it is installed.

`convert` uses this process's warm LibreOffice (app.docgen.warm) when a Python with `uno`
exists, and falls back to a cold conversion when it does not or when the warm office fails.
A cold conversion runs in its own temporary folder with its own LibreOffice profile
(`-env:UserInstallation`), so conversions in parallel requests or processes never share
state, and it is killed with its children when it takes too long.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask_babel import gettext as _

from app.docgen import warm

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120.0


class PdfError(Exception):
    """The PDF could not be made; `str()` is a Danish message for the user."""


def find_soffice(configured: str | None = None) -> str | None:
    """LibreOffice's soffice: the configured path (if it exists), else from PATH."""
    explicit = configured or os.environ.get("ENINDGANG_SOFFICE")
    if explicit:
        return explicit if os.path.isfile(explicit) and os.access(explicit, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def configured_soffice(config: Mapping[str, Any]) -> str | None:
    """soffice as an app's settings name it (ENINDGANG_SOFFICE), else from PATH, or None."""
    return find_soffice(config.get("ENINDGANG_SOFFICE"))


def warm_converter(soffice: str, uno_python: str | None = None) -> warm.WarmConverter | None:
    """This process's warm converter for ``soffice``, or None without a Python with `uno`."""
    python = warm.find_uno_python(uno_python)
    return warm.converter_for(soffice, python) if python else None


def convert(
    docx: bytes,
    *,
    soffice: str,
    timeout: float = DEFAULT_TIMEOUT,
    use_warm: bool = True,
    uno_python: str | None = None,
) -> bytes:
    """Convert .docx bytes to PDF bytes, warm when possible; raise PdfError on failure.

    A warm conversion that runs out of time is not retried cold (the document would take as
    long again); any other failure of the warm office falls back to the cold way with the
    time that is left."""
    converter = warm_converter(soffice, uno_python) if use_warm else None
    if converter is not None:
        began = time.monotonic()
        try:
            data = converter.convert(docx, timeout)
            if data.startswith(b"%PDF"):
                return data
        except warm.WarmError as exc:
            if exc.timed_out:
                raise PdfError(_too_long()) from None
            log.warning("warm PDF conversion failed, converting cold: %s", exc)
        timeout = max(1.0, timeout - (time.monotonic() - began))
    return docx_to_pdf(docx, soffice=soffice, timeout=timeout)


def _too_long() -> str:
    """The timeout message, in the language of the request."""
    return _("Det tog for lang tid at lave PDF'en. Prøv igen, eller hent Word-dokumentet.")


def docx_to_pdf(docx: bytes, *, soffice: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Convert .docx bytes to PDF bytes; raise PdfError on failure or timeout."""
    with tempfile.TemporaryDirectory(prefix="enindgang-pdf-") as folder:
        work = Path(folder)
        source = work / "dokument.docx"
        source.write_bytes(docx)
        profile = work / "profile"
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--nodefault",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}  # LibreOffice must not write to a real home
        try:
            process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                env=env,
                cwd=work,
                start_new_session=True,
            )
        except OSError as exc:
            raise PdfError(_("LibreOffice kunne ikke startes, så der kan ikke laves PDF.")) from exc
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise PdfError(_too_long()) from None
        pdf = work / "dokument.pdf"
        if process.returncode != 0 or not pdf.is_file():
            raise PdfError(
                _("LibreOffice kunne ikke lave en PDF af dokumentet. Hent Word-udgaven.")
            )
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF"):
            raise PdfError(_("LibreOffice lavede ikke en gyldig PDF. Hent Word-udgaven."))
        return data


def _kill_group(process: subprocess.Popen) -> None:
    """Stop a conversion and the processes it started (soffice forks soffice.bin)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.communicate()

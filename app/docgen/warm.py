"""A warm LibreOffice for PDF copies: started once per app process, reused for every PDF.

A cold `soffice --convert-to` starts LibreOffice for each document (about a second of CPU);
the warm converter keeps one headless LibreOffice per process, driven over UNO by a small
worker (uno_worker.py) that runs in LibreOffice's own Python (the only one with `uno`; on
Debian the package python3-uno). Conversions in one process take turns (LibreOffice
converts one document at a time anyway); one that takes too long is stopped with the office,
and the next conversion starts a new one. app.docgen.pdf falls back to the cold way when no
Python with `uno` exists or the warm office fails.
"""

from __future__ import annotations

import atexit
import functools
import itertools
import logging
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

#: Where LibreOffice's Python usually is: its own (Windows/macOS/official builds), Debian's.
UNO_PYTHONS = ("/usr/lib/libreoffice/program/python", "/usr/bin/python3", "python3")
WORKER = Path(__file__).with_name("uno_worker.py")
#: Seconds LibreOffice may take to start and listen (first conversion of a process).
START_SECONDS = 60.0


class WarmError(Exception):
    """The warm converter could not convert; ``timed_out`` when the document took too long."""

    def __init__(self, message: str, *, timed_out: bool = False) -> None:
        """Keep whether the reason was the time limit."""
        super().__init__(message)
        self.timed_out = timed_out


@functools.cache
def _imports_uno(python: str) -> bool:
    path = shutil.which(python)
    if path is None:
        return False
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command
            [path, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def find_uno_python(configured: str | None = None) -> str | None:
    """A Python that can `import uno`: the configured one (ENINDGANG_UNO_PYTHON), else the
    usual places; None when there is none (the cold way is used then)."""
    explicit = configured or os.environ.get("ENINDGANG_UNO_PYTHON")
    candidates = (explicit,) if explicit else UNO_PYTHONS
    return next((shutil.which(p) for p in candidates if p and _imports_uno(p)), None)


class WarmConverter:
    """One LibreOffice kept running by a worker process; ``convert`` is thread-safe."""

    def __init__(self, soffice: str, python: str) -> None:
        """Remember how to start the worker; nothing starts before the first conversion."""
        self.soffice = soffice
        self.python = python
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._folder: str | None = None
        self._jobs = itertools.count(1)
        self.conversions = 0  # conversions done by this converter (tests and the benchmark)
        self.starts = 0  # offices started (1 when warm reuse works)

    def convert(self, docx: bytes, timeout: float) -> bytes:
        """The PDF of ``docx``; WarmError when the office fails or ``timeout`` runs out."""
        deadline = time.monotonic() + timeout
        if not self._lock.acquire(timeout=timeout):
            raise WarmError("the warm converter stayed busy", timed_out=True)
        try:
            if self._process is None or self._process.poll() is not None:
                self._start(min(START_SECONDS, timeout))
            return self._convert(docx, deadline)
        finally:
            self._lock.release()

    def _start(self, seconds: float) -> None:
        self.stop()
        self._folder = tempfile.mkdtemp(prefix="enindgang-office-")
        profile = Path(self._folder, "profile").as_uri()
        pipe = f"enindgang-{os.getpid()}-{id(self)}"
        self._process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            [self.python, str(WORKER), self.soffice, profile, pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": self._folder},  # never the real home
            cwd=self._folder,
            start_new_session=True,  # its own group: a timeout kills the office with it
            bufsize=0,
        )
        self.starts += 1
        answer = self._answer(time.monotonic() + seconds)
        if answer != "ready":
            self.stop()
            raise WarmError(f"LibreOffice did not start ({answer})")

    def _convert(self, docx: bytes, deadline: float) -> bytes:
        assert self._process is not None and self._folder is not None
        number = next(self._jobs)
        source = Path(self._folder, f"job-{number}.docx")
        target = Path(self._folder, f"job-{number}.pdf")
        source.write_bytes(docx)
        try:
            self._process.stdin.write(f"{source}\t{target}\n".encode())
            answer = self._answer(deadline)
            if answer != "ok" or not target.is_file():
                raise WarmError(f"LibreOffice could not convert ({answer})")
            self.conversions += 1
            return target.read_bytes()
        except (BrokenPipeError, OSError) as exc:
            self.stop()
            raise WarmError(f"the warm converter stopped ({exc})") from exc
        finally:
            source.unlink(missing_ok=True)
            target.unlink(missing_ok=True)

    def _answer(self, deadline: float) -> str:
        """One line from the worker; stop it and raise WarmError when the deadline passes."""
        assert self._process is not None
        stream = self._process.stdout
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready = select.select([stream], [], [], max(0.0, left))[0] if left > 0 else []
            if not ready:
                self.stop()
                raise WarmError("the conversion took too long", timed_out=True)
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                self.stop()
                raise WarmError("the warm converter stopped")
            line += chunk
        return line.decode(errors="replace").strip()

    def stop(self, grace: float = 0.0) -> None:
        """Stop the worker and its office (their whole process group) and remove the folder;
        with ``grace`` seconds, first ask the worker to close the office itself."""
        process, self._process = self._process, None
        if process is not None and grace > 0 and process.poll() is None:
            try:
                process.stdin.close()  # end of jobs: the worker closes the office and exits
                process.wait(timeout=grace)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
        folder, self._folder = self._folder, None
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


_converters: dict[tuple[int, str, str], WarmConverter] = {}
_converters_lock = threading.Lock()


def converter_for(soffice: str, python: str) -> WarmConverter:
    """This process's converter for ``soffice`` (a forked worker never reuses its parent's)."""
    key = (os.getpid(), soffice, python)
    with _converters_lock:
        if key not in _converters:
            _converters[key] = WarmConverter(soffice, python)
        return _converters[key]


@atexit.register
def stop_all() -> None:
    """Stop this process's warm offices (also at interpreter exit)."""
    with _converters_lock:
        mine = [c for (pid, *_rest), c in _converters.items() if pid == os.getpid()]
        for key in [k for k in _converters if k[0] == os.getpid()]:
            del _converters[key]
    for converter in mine:
        converter.stop(grace=5.0)

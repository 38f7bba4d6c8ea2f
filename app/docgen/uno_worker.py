"""The warm PDF converter's worker: run by LibreOffice's own Python (the one with `uno`).

Not imported by the app: app.docgen.pdf starts it as a child process
(`python3 uno_worker.py SOFFICE PROFILE_URL PIPE_NAME`). It starts one headless LibreOffice
listening on a private pipe, then converts one job per line read on stdin
("source.docx<TAB>target.pdf") and answers "ok" or "error <reason>" on stdout. When stdin
closes (the app's process ended) it stops LibreOffice and exits. Documents are loaded hidden,
read-only, with macros and link updates off.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time

import uno  # noqa: I001 - LibreOffice's module; only this interpreter has it
from com.sun.star.beans import PropertyValue

PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Linux: get SIGKILL when the parent dies, so no LibreOffice outlives the app."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _prop(name, value):
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def start_office(soffice, profile_url, pipe):
    """LibreOffice headless, listening on ``pipe``; its own profile and session."""
    return subprocess.Popen(  # noqa: S603 - fixed arguments from the app, no shell
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
         "--nodefault", f"-env:UserInstallation={profile_url}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_parent,  # noqa: PLW1509 - only sets the death signal
    )  # fmt: skip


def connect(pipe, office, seconds=60.0):
    """The Desktop of the office on ``pipe``, retrying while it starts."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + seconds
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            )
        except Exception:  # noqa: BLE001 - NoConnectException until the office listens
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def convert(desktop, source, target):
    """Load ``source`` hidden and store it as PDF at ``target``."""
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source),
        "_blank",
        0,
        (
            _prop("Hidden", True),
            _prop("ReadOnly", True),
            _prop("MacroExecutionMode", 0),  # NEVER_EXECUTE
            _prop("UpdateDocMode", 0),  # NO_UPDATE: no linked content fetched
        ),
    )
    if document is None:
        raise RuntimeError("could not load the document")
    try:
        document.storeToURL(
            uno.systemPathToFileUrl(target), (_prop("FilterName", "writer_pdf_Export"),)
        )
    finally:
        document.close(True)


def main():
    """Start the office, say "ready", then serve jobs until stdin closes."""
    _die_with_parent()
    soffice, profile_url, pipe = sys.argv[1:4]
    office = start_office(soffice, profile_url, pipe)
    try:
        desktop = connect(pipe, office)
        print("ready", flush=True)
        for line in sys.stdin:
            source, _tab, target = line.rstrip("\n").partition("\t")
            try:
                convert(desktop, source, target)
                print("ok", flush=True)
            except Exception as exc:  # noqa: BLE001 - the app needs one answer per job
                print(f"error {type(exc).__name__}", flush=True)
    finally:
        office.terminate()
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
        os._exit(0)


if __name__ == "__main__":
    main()

"""Run one piece of work in a forked child with hard limits on time and memory.

A Word template is code an administrator uploads. The sandbox and the capped filters keep it
from reaching outside, but a template can still loop or build text long enough to take a
worker's memory and time. Rendering therefore runs in a child process: the child gets an
address-space limit (what it may allocate on top of what it inherited) and a CPU limit, and
the parent kills it when the wall-clock deadline passes. Whatever the template does, the
worker that served the request is unharmed and answers with a message.

The child is made with ``fork``: it starts with the already imported libraries and the
request's context (its language for messages), costs a few milliseconds, and needs no
pickling of the input. It only computes, writes its pickled result to a pipe and leaves with
``os._exit`` (no atexit handlers, no database connections closed under the parent's feet).
Where ``fork`` is missing (not Linux/macOS), the work runs in the calling process with only
the time limit of the caller.
"""

from __future__ import annotations

import gc
import math
import os
import pickle
import resource
import select
import signal
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

#: The child's exit code when it could not even report (e.g. pickling its answer failed).
_SILENT_EXIT = 70

#: True in a child: work isolated again inside it (the template check's test renderings)
#: runs in the child itself, within the child's limits, instead of forking once more.
_in_child = False


@dataclass(frozen=True)
class Limits:
    """How long (wall clock, seconds) and how much memory (MiB, on top of the parent's)."""

    seconds: float
    memory_mb: int


class IsolationTimeout(Exception):
    """The child was still working at the deadline and was killed."""


class IsolationOutOfMemory(Exception):
    """The child ran out of its memory allowance."""


class IsolationCrashed(Exception):
    """The child ended without an answer (killed by a signal, or crashed)."""


def fork_available() -> bool:
    """Whether work can run in a forked child here."""
    return hasattr(os, "fork")


def run_isolated(work: Callable[[], T], limits: Limits) -> T:
    """Run ``work()`` in a forked child within ``limits`` and return its (picklable) result.

    An exception raised by ``work`` is raised again here (it must be picklable); running out
    of memory raises IsolationOutOfMemory, passing the deadline IsolationTimeout, and a child
    that dies without an answer IsolationCrashed. Inside a child, ``work()`` runs directly.
    """
    if _in_child:
        try:
            return work()
        except MemoryError as exc:  # the enclosing child's allowance ran out
            raise IsolationOutOfMemory from exc
    if not fork_available():
        return work()
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork in a process with threads (the threaded development
        # server). The child below touches no lock another thread could hold: it computes,
        # writes to its own pipe and leaves with os._exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, limits, write_end)
    os.close(write_end)
    return _parent(pid, read_end, limits)


def _child(work: Callable[[], Any], limits: Limits, write_end: int) -> None:
    """Apply the limits, do the work and send ("ok", result) or ("error", exception)."""
    global _in_child  # noqa: PLW0603 - this process is the child from here on
    _in_child = True
    code = 0
    # The inherited objects are the parent's: the collector need not walk them (walking
    # would write to their pages and copy them all into the child).
    gc.freeze()
    try:
        _limit_self(limits)
        try:
            payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            try:
                payload = pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that cannot travel
                payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            written = os.write(write_end, view)
            view = view[written:]
    except BaseException:  # noqa: BLE001 - the parent reports a child without an answer
        code = _SILENT_EXIT
    finally:
        os._exit(code)


def _limit_self(limits: Limits) -> None:
    """Cap this process's address space and CPU time (the child calls it on itself)."""
    inherited = _address_space_bytes()
    allowance = limits.memory_mb * 1024 * 1024
    if inherited is not None and allowance > 0:
        cap = inherited + allowance
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = max(1, math.ceil(limits.seconds)) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    # The parent's handler for the interval timer belongs to the parent's request.
    signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _address_space_bytes() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where it is unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _parent(pid: int, read_end: int, limits: Limits) -> Any:
    """Collect the child's answer before the deadline, or kill it; then reap it."""
    deadline = time.monotonic() + limits.seconds
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            _kill(pid)
        _reap(pid)
    if timed_out:
        raise IsolationTimeout
    if not chunks:
        raise IsolationCrashed
    kind, value = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child wrote it
    if kind == "ok":
        return value
    if kind == "memory":
        raise IsolationOutOfMemory
    raise value


def _kill(pid: int) -> None:
    """Kill the child now (it is past its deadline)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    """Wait for the child so that no zombie is left behind."""
    while True:
        try:
            os.waitpid(pid, 0)
        except InterruptedError:
            continue
        except ChildProcessError:
            return
        return

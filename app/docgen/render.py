"""Render a .docx template with a context: sandboxed, escaped, sanitised (pure functions)."""

from __future__ import annotations

import io
import signal
import threading
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from flask import current_app, has_app_context
from flask_babel import gettext as _
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from app.docgen import compiled
from app.docgen.docxparts import jinja_lines, line_text, snippet
from app.docgen.environment import DocumentSandbox, make_environment
from app.docgen.isolation import (
    IsolationCrashed,
    IsolationOutOfMemory,
    IsolationTimeout,
    Limits,
    run_isolated,
)
from app.text import clean_text


@dataclass(frozen=True)
class ImageSpec:
    """An image for the context (e.g. `kommune.logo`); becomes a docxtpl InlineImage."""

    data: bytes
    width_mm: float | None = None
    height_mm: float | None = None


class TemplateRenderError(Exception):
    """A template could not be rendered; `str()` is a Danish message for the user."""

    def __init__(self, message: str, *, location: str | None = None) -> None:
        """Keep the message and, when known, where in the document the problem is."""
        self.message = message
        self.location = location
        super().__init__(f"{message} ({location})" if location else message)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the keyword-only location (the error travels from the render child)."""
        return (_rebuild_error, (type(self), self.message, self.location))


def _rebuild_error(cls: type[TemplateRenderError], message: str, location: str | None):
    """Unpickle a TemplateRenderError (or subclass) with its location."""
    return cls(message, location=location)


class TemplateSecurityError(TemplateRenderError):
    """The template reached for something the sandbox forbids."""


def context_sanitize(obj: Any) -> Any:
    """Copy a context, cleaning every string of XML-illegal control characters."""
    return _sanitize(obj, None)


def _sanitize(obj: Any, make_image: Callable[[ImageSpec], Any] | None) -> Any:
    """Recursive worker of context_sanitize; optionally turns ImageSpec into images."""
    if isinstance(obj, str):
        if isinstance(obj, Markup):  # trusted markup from our own code stays markup
            return Markup(clean_text(obj, unify_newlines=True))  # noqa: S704
        return clean_text(obj, unify_newlines=True)
    if isinstance(obj, Mapping):
        return {
            (_sanitize(k, None) if isinstance(k, str) else k): _sanitize(v, make_image)
            for k, v in obj.items()
        }
    if isinstance(obj, list | tuple | set | frozenset):
        items = [_sanitize(item, make_image) for item in obj]
        return tuple(items) if isinstance(obj, tuple) else items
    if isinstance(obj, ImageSpec) and make_image is not None:
        return make_image(obj)
    return obj  # numbers, dates, None, docxtpl objects: the filters format them


def _image_maker(tpl: DocxTemplate) -> Callable[[ImageSpec], InlineImage]:
    """Build InlineImages bound to this template, rejecting data that is not an image."""

    def make(spec: ImageSpec) -> InlineImage:
        try:
            Image.from_blob(spec.data)
        except (UnrecognizedImageError, ValueError, OSError) as exc:
            raise TemplateRenderError(
                _("Billedet (fx kommunens logo) er ikke et gyldigt billede.")
            ) from exc
        width = Mm(spec.width_mm) if spec.width_mm else None
        height = Mm(spec.height_mm) if spec.height_mm else None
        return InlineImage(tpl, io.BytesIO(spec.data), width=width, height=height)

    return make


#: The limits of one rendering (checks and real downloads alike) unless the app's settings
#: say otherwise (ENINDGANG_RENDER_SECONDS, ENINDGANG_RENDER_MEMORY_MB). The built-in plans
#: render in well under a second and a few MiB; a template that loops for longer, or builds
#: more text than the memory allows, is refused.
RENDER_SECONDS = 10.0
RENDER_MEMORY_MB = 512


class RenderTimeout(Exception):
    """The rendering took longer than its limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block with RenderTimeout after ``seconds`` (wall clock).

    A timer signal interrupts Python code wherever it is (a loop the sandbox allows, a hidden
    nested loop the check's sample data skipped). Signals reach only the main thread, which is
    where gunicorn's sync workers serve requests; elsewhere (threaded development server) the
    block runs without a limit and gunicorn's own worker timeout is the backstop."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not usable:
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_limits() -> Limits:
    """The rendering limits from the current app's settings, else the defaults above."""
    config = current_app.config if has_app_context() else {}
    return Limits(
        seconds=float(config.get("RENDER_SECONDS", RENDER_SECONDS)),
        memory_mb=int(config.get("RENDER_MEMORY_MB", RENDER_MEMORY_MB)),
    )


def render_docx(
    template: bytes,
    context: Mapping[str, Any],
    *,
    env: DocumentSandbox | None = None,
    seconds: float | None = None,
    memory_mb: int | None = None,
) -> bytes:
    """Render `template` (.docx bytes) with `context` in a child process bounded in time and
    memory (app/docgen/isolation.py); raise TemplateRenderError on failure, also when the
    template takes too long or too much memory."""
    limits = render_limits()
    seconds = limits.seconds if seconds is None else seconds
    memory_mb = limits.memory_mb if memory_mb is None else memory_mb
    # The child stops itself (a message saying where it was) just before the parent's
    # deadline, which is the backstop for what the timer signal cannot interrupt.
    grace = min(2.0, max(0.5, seconds / 4))

    def in_child() -> tuple[bytes, dict[str, bytes]]:
        # What the child compiles goes back with the document, for the next child.
        compiled.collecting()
        return render_docx_here(template, context, env=env, seconds=seconds), compiled.collected()

    try:
        data, learned = run_isolated(in_child, Limits(seconds=seconds + grace, memory_mb=memory_mb))
        compiled.learn(learned)
        return data
    except IsolationTimeout as exc:
        raise TemplateRenderError(_too_slow_message(seconds)) from exc
    except IsolationOutOfMemory as exc:
        raise TemplateRenderError(
            _(
                "Skabelonen brugte mere end %(megabytes)s MB hukommelse og er stoppet. Den "
                "laver sandsynligvis meget lange tekster eller løkker i løkker; gør den enklere.",
                megabytes=memory_mb,
            )
        ) from exc
    except IsolationCrashed as exc:
        raise TemplateRenderError(
            _("Skabelonen kunne ikke udfyldes: udfyldningen stoppede uventet.")
        ) from exc


def _too_slow_message(seconds: float) -> str:
    """The message for a rendering stopped at its time limit."""
    return _(
        "Skabelonen tog over %(seconds)s sekunder at udfylde og er stoppet. Den har "
        "sandsynligvis løkker i løkker; gør den enklere.",
        seconds=f"{seconds:g}",
    )


def render_docx_here(
    template: bytes,
    context: Mapping[str, Any],
    *,
    env: DocumentSandbox | None = None,
    seconds: float = RENDER_SECONDS,
) -> bytes:
    """Render `template` (.docx bytes) with `context` in this process within ``seconds``;
    raise TemplateRenderError on failure (also when it takes too long). Callers use
    render_docx, which runs this in a bounded child process."""
    env = env or make_environment()
    tpl = DocxTemplate(io.BytesIO(template))
    try:
        tpl.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateRenderError(_("Filen er ikke et gyldigt Word-dokument (.docx).")) from exc
    try:
        clean_context = _sanitize(dict(context), _image_maker(tpl))
        with time_limit(seconds):
            tpl.render(clean_context, jinja_env=env)
        out = io.BytesIO()
        tpl.save(out)
    except TemplateRenderError:
        raise
    except MemoryError:
        raise  # the isolation reports it with the allowance in the message
    except RenderTimeout as exc:
        raise TemplateRenderError(_too_slow_message(seconds)) from exc
    except SecurityError as exc:
        raise TemplateSecurityError(
            _("Skabelonen er afvist. %(detail)s", detail=exc), location=_error_location(tpl, exc)
        ) from exc
    except TemplateSyntaxError as exc:
        raise TemplateRenderError(
            _("Syntaksfejl i skabelonen: %(detail)s", detail=exc.message),
            location=_error_location(tpl, exc),
        ) from exc
    except UndefinedError as exc:
        raise TemplateRenderError(
            _("Skabelonen bruger en værdi, der mangler: %(detail)s", detail=exc.message),
            location=_error_location(tpl, exc),
        ) from exc
    except ValueError as exc:  # our filters raise ValueError with a Danish message
        raise TemplateRenderError(
            _("Skabelonen kunne ikke udfyldes: %(detail)s", detail=exc),
            location=_error_location(tpl, exc),
        ) from exc
    except Exception as exc:  # docxtpl and lxml raise many types; the user needs one message
        raise TemplateRenderError(
            _(
                "Skabelonen kunne ikke udfyldes (%(error)s: %(detail)s)",
                error=type(exc).__name__,
                detail=exc,
            ),
            location=_error_location(tpl, exc),
        ) from exc
    return out.getvalue()


def _template_lineno(exc: BaseException) -> int | None:
    """The template line an exception came from (syntax errors carry it, else the traceback)."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    tb: TracebackType | None = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


def _error_location(tpl: DocxTemplate, exc: BaseException) -> str | None:
    """Describe where rendering failed: the part and the text of the failing paragraph."""
    lineno = _template_lineno(exc)
    part = getattr(tpl, "current_rendering_part", None)
    if part is None:
        return None
    main = tpl.docx.part if tpl.docx is not None else None
    if part is main:
        where, xml = _("dokumentet"), tpl.get_xml()
    else:
        partname = str(getattr(part, "partname", ""))
        where = (
            _("sidehovedet")
            if "header" in partname
            else _("sidefoden")
            if "footer" in partname
            else _("fodnoterne")
        )
        xml = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else str(part.blob)
    if lineno is None:
        return where
    lines = jinja_lines(xml)
    if not 0 < lineno <= len(lines):
        return where
    text = line_text(lines[lineno - 1]).strip()
    return (
        _("%(where)s, ved teksten »%(text)s«", where=where, text=snippet(text, 80))
        if text
        else where
    )

"""PDF copies of the Word documents: where LibreOffice is, the per-user limit on
conversions running at once, and the process's cache of recent conversions."""

from __future__ import annotations

import os
from dataclasses import replace

from flask import current_app
from flask_babel import gettext as _

from app.docgen import pdf, pdfcache
from app.docgen.external import strip_external
from app.docgen.slots import SlotsTaken, conversion_slot
from app.word.services import PDF_MIME, RenderedDocument


def soffice() -> str | None:
    """LibreOffice's soffice for PDF copies (config ENINDGANG_SOFFICE, else PATH), or None."""
    return pdf.configured_soffice(current_app.config)


def pdf_available() -> bool:
    """True when PDF downloads can be offered."""
    return soffice() is not None


class PdfBusy(pdf.PdfError):
    """The user already has as many PDF conversions running as allowed (answer 429)."""


def pdf_cache() -> pdfcache.PdfCache:
    """This app process's cache of PDF conversions (app/docgen/pdfcache.py)."""
    cache = current_app.extensions.get("enindgang_pdf_cache")
    if cache is None:
        cache = pdfcache.PdfCache(
            max_bytes=int(current_app.config.get("PDF_CACHE_MB", 32)) * 1024 * 1024,
            max_age=float(current_app.config.get("PDF_CACHE_SECONDS", 600)),
        )
        current_app.extensions["enindgang_pdf_cache"] = cache
    return cache


def as_pdf(document: RenderedDocument, user_id: int | None = None) -> RenderedDocument:
    """The same document as PDF; raise pdf.PdfError with a Danish message on failure, and
    PdfBusy when ``user_id`` already runs ENINDGANG_PDF_PER_USER conversions (any worker)."""
    path = soffice()
    if path is None:
        raise pdf.PdfError(_("PDF kan ikke laves her, fordi LibreOffice ikke er installeret."))
    timeout = float(current_app.config.get("ENINDGANG_PDF_TIMEOUT", pdf.DEFAULT_TIMEOUT))
    folder = current_app.config.get("PDF_SLOTS_DIR") or os.path.join(
        current_app.instance_path, "pdf-slots"
    )
    limit = int(current_app.config.get("PDF_PER_USER", 2))
    cache = pdf_cache()
    # Keyed by the document as rendered: stripping it (below) gives the same result for the
    # same document, so a kept PDF needs neither the stripping nor the conversion.
    key = pdfcache.content_key(document.content) if cache.enabled else ""
    content = cache.get(key) if key else None
    try:
        if content is None:
            # Templates with external references are refused at upload; strip any again so
            # the converter never fetches a URL from the server's network.
            safe = strip_external(document.content)
            with conversion_slot(folder, user_id, limit):
                content = pdf.convert(
                    safe,
                    soffice=path,
                    timeout=timeout,
                    use_warm=bool(current_app.config.get("ENINDGANG_PDF_WARM", True)),
                    uno_python=current_app.config.get("ENINDGANG_UNO_PYTHON"),
                )
            if key:
                cache.put(key, content)
    except SlotsTaken:
        raise PdfBusy(
            _("Du er allerede ved at hente %(num)s PDF-filer. Vent, til de er færdige.", num=limit)
        ) from None
    return replace(
        document,
        content=content,
        ascii_name=document.ascii_name.removesuffix(".docx") + ".pdf",
        utf8_name=document.utf8_name.removesuffix(".docx") + ".pdf",
        mimetype=PDF_MIME,
    )

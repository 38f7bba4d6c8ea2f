"""The template check's sample renderings: the sample, then the big case (see loopbounds)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from docx import Document
from flask_babel import gettext as _

from app.docgen.loopbounds import MAXIMAL_ROWS
from app.docgen.render import TemplateRenderError, render_docx
from app.docgen.report import LintProblem, LintReport


def render_samples(
    report: LintReport,
    template: bytes,
    sample_context: Mapping[str, Any],
    maximal_context: Mapping[str, Any] | None,
) -> None:
    """Render with sample data, then with the big case's (every list of data at its largest,
    see loopbounds); each result must be a document Word can open."""
    if _render_one(report, template, sample_context, False) and maximal_context:
        _render_one(report, template, maximal_context, True)


def _render_one(
    report: LintReport, template: bytes, context: Mapping[str, Any], maximal: bool
) -> bool:
    """One test rendering; False (with the problem in the report) when it failed."""
    try:
        rendered = render_docx(template, context)
        Document(io.BytesIO(rendered))
    except TemplateRenderError as exc:
        intro = (
            _(
                "Prøveudfyldning med %(rows)s rækker i hver liste (en stor sag) mislykkedes.",
                rows=MAXIMAL_ROWS,
            )
            if maximal
            else _("Prøveudfyldning med eksempeldata mislykkedes.")
        )
        report.errors.append(LintProblem("render", exc.location or "", f"{intro} {exc.message}"))
        return False
    except Exception as exc:  # python-docx raises many types for a broken package
        report.errors.append(
            LintProblem(
                "render",
                "",
                _(
                    "Det udfyldte dokument kan ikke åbnes (%(error)s: %(detail)s).",
                    error=type(exc).__name__,
                    detail=exc,
                ),
            )
        )
        return False
    return True

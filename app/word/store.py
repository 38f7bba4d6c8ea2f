"""The municipality's own Word templates: checked on upload, stored in the database, versioned.

Every upload that passes the check becomes a new version (1, 2, 3, …) of the template for
its form and the active one. At most one version is active; with none active the built-in
default in `doc_templates/` is used. Making an older version active again, or going back
to the default, never deletes anything. Templates live in the database (not on local disk),
so every app server behind a load balancer uses the same one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app import audit
from app.config import shipped_folder
from app.docgen import LintProblem, LintReport, lint_template
from app.docgen.external import external_references
from app.docgen.isolation import (
    IsolationCrashed,
    IsolationOutOfMemory,
    IsolationTimeout,
    Limits,
    run_isolated,
)
from app.docgen.render import render_limits
from app.extensions import db
from app.formatting import format_number
from app.models import DocumentTemplate, User

DOC_TEMPLATES = shipped_folder("doc_templates")
GENERIC = "formular"  # the default for a form without its own template
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_FILENAME = 200
#: A check renders twice (sample and big case) and reads the file: three renderings' time.
CHECK_RENDERINGS = 3
_MACRO_MARKERS = ("macroEnabled", "vbaProject", "vbaData")
_TEMPLATE_TYPE = "wordprocessingml.template.main+xml"


class TemplateRejected(ValueError):
    """An upload that was not accepted; `report` holds every problem found."""

    def __init__(self, report: LintReport):
        super().__init__(str(report))
        self.report = report


def default_template_path(name: str) -> Path:
    """The built-in template of a form (or the plan); the generic one when it has none."""
    own = DOC_TEMPLATES / f"{name}.docx"
    return own if own.is_file() and not name.startswith("_") else DOC_TEMPLATES / f"{GENERIC}.docx"


def default_template(name: str) -> bytes:
    """The built-in template's bytes."""
    return default_template_path(name).read_bytes()


def has_own_default(name: str) -> bool:
    """True when the form has its own built-in template (not the generic one)."""
    return default_template_path(name).stem == name


def active_template(name: str) -> DocumentTemplate | None:
    """The municipality's active template for a form, or None (the default is used)."""
    return db.session.scalar(
        select(DocumentTemplate)
        .where(DocumentTemplate.form_name == name, DocumentTemplate.active.is_(True))
        .order_by(DocumentTemplate.version.desc())
        .limit(1)
    )


def template_for(name: str) -> tuple[bytes, DocumentTemplate | None]:
    """(template bytes, the municipal version or None for the built-in default)."""
    active = active_template(name)
    return (active.content, active) if active is not None else (default_template(name), None)


def template_versions(name: str) -> list[DocumentTemplate]:
    """Every uploaded version of a form's template, newest first."""
    return list(
        db.session.scalars(
            select(DocumentTemplate)
            .where(DocumentTemplate.form_name == name)
            .order_by(DocumentTemplate.version.desc())
        )
    )


def get_version(name: str, version: int) -> DocumentTemplate | None:
    """One uploaded version."""
    return db.session.scalar(
        select(DocumentTemplate).where(
            DocumentTemplate.form_name == name, DocumentTemplate.version == version
        )
    )


def container_problems(data: bytes, filename: str = "") -> list[LintProblem]:
    """Checks before the template is read: size, a real .docx, no macros, not a .dotx."""
    name = (filename or "").lower()

    def problem(code: str, message: str) -> list[LintProblem]:
        return [LintProblem(code, "", message)]

    if len(data) > MAX_TEMPLATE_BYTES:
        size = format_number(len(data) / 1024 / 1024, places=1, min_places=1)
        return problem(
            "too-large",
            _(
                "Filen fylder %(size)s MB; en skabelon må højst fylde %(limit)s MB. Gør "
                "billederne i den mindre.",
                size=size,
                limit=MAX_TEMPLATE_BYTES // 1024 // 1024,
            ),
        )
    if name.endswith((".docm", ".dotm")):
        return problem("macros", _macro_message())
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            content_types = (
                archive.read("[Content_Types].xml").decode("utf-8", "replace")
                if "[Content_Types].xml" in names
                else ""
            )
    except (zipfile.BadZipFile, ValueError, OSError):
        return problem("invalid-file", _not_docx_message())
    if "word/document.xml" not in names or not content_types:
        return problem("invalid-file", _not_docx_message())
    if any(m in content_types for m in _MACRO_MARKERS) or any(
        "vbaproject" in n.lower() for n in names
    ):
        return problem("macros", _macro_message())
    if _TEMPLATE_TYPE in content_types:
        return problem(
            "word-template",
            _(
                "Filen er en Word-skabelon (.dotx). Åbn den i Word, og gem den som "
                "Word-dokument (.docx)."
            ),
        )
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        return problem("too-large", _("Filen fylder for meget, når den pakkes ud."))
    linked = external_references(data)
    if linked:
        return problem(
            "external",
            _(
                "Skabelonen henter indhold udefra (et linket billede, en kædet skabelon eller "
                "et felt, der henter en adresse): %(where)s. Indsæt billedet i stedet for at "
                "kæde det, og fjern felter som INCLUDEPICTURE.",
                where=", ".join(linked[:3]),
            ),
        )
    return []


def _not_docx_message() -> str:
    return _(
        "Filen er ikke et Word-dokument (.docx). Gem skabelonen som .docx i Word, og prøv igen."
    )


def _macro_message() -> str:
    return _(
        "Skabeloner med makroer (.docm) kan ikke bruges. Gem skabelonen som Word-dokument "
        "(.docx) uden makroer."
    )


def check_template(
    data: bytes,
    filename: str,
    *,
    known_names: Mapping[str, Any],
    sample_context: Mapping[str, Any],
    maximal_context: Mapping[str, Any] | None = None,
) -> LintReport:
    """Everything an upload and `enindgang templates check` report, in one LintReport
    (`maximal_context`: the big case's sample, rendered after the ordinary one)."""
    problems = container_problems(data, filename)
    if problems:
        return LintReport(errors=problems)
    # The whole check (reading, static checks, both test renderings) runs in one bounded
    # child: a hostile file costs the worker at most these limits, whatever part is slow.
    limits = render_limits()
    check_limits = Limits(seconds=limits.seconds * CHECK_RENDERINGS, memory_mb=limits.memory_mb)
    try:
        return run_isolated(
            lambda: lint_template(
                data,
                known_names=known_names,
                sample_context=sample_context,
                maximal_context=maximal_context,
            ),
            check_limits,
        )
    except (IsolationTimeout, IsolationOutOfMemory, IsolationCrashed):
        return LintReport(
            errors=[
                LintProblem(
                    "too-costly",
                    "",
                    _(
                        "Kontrollen af skabelonen tog over %(seconds)s sekunder eller mere end "
                        "%(megabytes)s MB hukommelse og er stoppet. Skabelonen er for stor "
                        "eller for indviklet; gør den enklere.",
                        seconds=f"{check_limits.seconds:g}",
                        megabytes=check_limits.memory_mb,
                    ),
                )
            ]
        )


def upload_template(
    user: User,
    name: str,
    filename: str,
    data: bytes,
    *,
    known_names: Mapping[str, Any],
    sample_context: Mapping[str, Any],
    maximal_context: Mapping[str, Any] | None = None,
) -> tuple[DocumentTemplate, LintReport]:
    """Check and store an upload as the new active version; raise TemplateRejected."""
    report = check_template(
        data,
        filename,
        known_names=known_names,
        sample_context=sample_context,
        maximal_context=maximal_context,
    )
    if not report.ok:
        raise TemplateRejected(report)
    content = report.repaired_template if report.repaired_template is not None else data
    highest = db.session.scalar(
        select(func.max(DocumentTemplate.version)).where(DocumentTemplate.form_name == name)
    )
    _deactivate(name)
    template = DocumentTemplate(
        form_name=name,
        version=(highest or 0) + 1,
        filename=_clean_filename(filename),
        content=content,
        active=True,
        created_by_id=user.id,
    )
    db.session.add(template)
    try:
        db.session.flush()
    except IntegrityError:  # same version number at the same moment; the caller rolls back
        raise TemplateRejected(
            LintReport(
                errors=[
                    LintProblem(
                        "conflict", "", _("En anden uploadede en skabelon samtidig. Prøv igen.")
                    )
                ]
            )
        ) from None
    audit.record(
        "document_template_uploaded",
        template,
        actor=user,
        form=name,
        version=template.version,
        repaired=bool(report.repairs),
    )
    return template, report


def activate_version(user: User, name: str, version: int) -> DocumentTemplate:
    """Make an uploaded version the active one again; LookupError if it does not exist."""
    template = get_version(name, version)
    if template is None:
        raise LookupError(f"{name} v{version}")
    _deactivate(name)
    template.active = True
    db.session.flush()
    audit.record("document_template_activated", template, actor=user, form=name, version=version)
    return template


def use_default(user: User, name: str) -> None:
    """Go back to the built-in template (the uploaded versions are kept)."""
    _deactivate(name)
    db.session.flush()
    audit.record("document_template_default", actor=user, object_type="form", form=name)


def _deactivate(name: str) -> None:
    """No uploaded version of this form's template is active."""
    db.session.execute(
        update(DocumentTemplate)
        .where(DocumentTemplate.form_name == name, DocumentTemplate.active.is_(True))
        .values(active=False)
    )


def _clean_filename(filename: str) -> str:
    """The uploaded file's own name without any folder, for the version list."""
    base = (filename or "skabelon.docx").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip() or "skabelon.docx"
    return cleaned[:MAX_FILENAME]

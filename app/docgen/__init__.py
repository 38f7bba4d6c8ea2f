"""Word documents: sandboxed docxtpl rendering, Danish filters and template lint.

Pure functions, no Flask: callers pass template bytes and a plain context dict.
"""

from app.docgen.lint import (
    LintProblem,
    LintReport,
    lint_template,
    merge_known_names,
    repair_template,
)
from app.docgen.render import (
    ImageSpec,
    TemplateRenderError,
    TemplateSecurityError,
    context_sanitize,
    render_docx,
)

__all__ = [
    "ImageSpec",
    "LintProblem",
    "LintReport",
    "TemplateRenderError",
    "TemplateSecurityError",
    "context_sanitize",
    "lint_template",
    "merge_known_names",
    "render_docx",
    "repair_template",
]

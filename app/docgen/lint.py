"""Check a municipality's Word template before it is accepted.

`lint_template` repairs what is safe to repair (tags split over Word runs, typographic
quotes in tags), then reports Jinja syntax errors, unknown flettefelter (with "mente du"),
access to Python internals, docxtpl tags in the wrong place, and finally renders the
template with sample data. Every problem carries a Danish location a Word user can find.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from jinja2 import TemplateSyntaxError
from lxml import etree

from app.docgen.astcheck import AstChecker, Finding, KnownNames
from app.docgen.docxparts import (
    DocxTooLarge,
    Paragraph,
    iter_paragraphs,
    jinja_lines,
    line_text,
    part_label,
    read_core_properties,
    read_story_parts,
    repair_paragraph,
    snippet,
    unclosed_tags,
    write_story_parts,
)
from app.docgen.environment import DocumentSandbox, make_environment
from app.docgen.loopbounds import worst_case
from app.docgen.report import LintProblem, LintReport
from app.docgen.samplerender import render_samples

_DOCXTPL_PREFIX = re.compile(r"\{([{%#])(?:p|tr|tc|r)\s")
_DOCXTPL_CELL = re.compile(r"\{%-?\s*(?:colspan|cellbg)\s+(.*?)-?%\}")
_DOCXTPL_MERGE = re.compile(r"\{%-?\s*(?:vm|hm)\s*-?%\}")
_BLOCK_TAG = re.compile(r"\{%[-+]?\s*(?:p\s|tr\s|tc\s)?\s*(end)?(\w+)")
_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape"}
# Whole sentences per docxtpl tag kind, translated when used.
_VANISHES = {
    "p": lambda: _("Teksten »%(text)s« forsvinder: %(tag)s erstatter hele afsnittet."),
    "tr": lambda: _("Teksten »%(text)s« forsvinder: %(tag)s erstatter hele rækken."),
    "tc": lambda: _("Teksten »%(text)s« forsvinder: %(tag)s erstatter hele cellen."),
}
_INVALID_FILE = (zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, KeyError)


def merge_known_names(*parts: KnownNames) -> dict[str, Any]:
    """Deep-merge several known_names descriptions (e.g. letterhead + form fields)."""
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
                merged[key] = merge_known_names(merged[key], value)
            else:
                merged[key] = dict(value) if isinstance(value, Mapping) else value
    return merged


def repair_template(template: bytes) -> tuple[bytes, list[str]]:
    """Merge runs that split tags and straighten quotes in tags; (new bytes, what was done)."""
    repaired, repairs, _failed = _repair(template)
    return repaired, [str(r) for r in repairs]


def _repair(template: bytes) -> tuple[bytes, list[LintProblem], list[LintProblem]]:
    """Repair every story part; (bytes, repairs, tags that could not be repaired)."""
    parts = read_story_parts(template)
    repairs: list[LintProblem] = []
    failures: list[LintProblem] = []
    for name, root in parts.items():
        for paragraph in list(_paragraphs(name, root)):
            done, failed = repair_paragraph(paragraph.element)
            repairs += [LintProblem("repaired", paragraph.location, m) for m in done]
            failures += [
                LintProblem(
                    "split-tag",
                    paragraph.location,
                    _(
                        "Flettefeltet »%(tag)s« er delt af andet end tekst (fx et billede, en "
                        "tabulator eller et felt). Slet det og skriv det igen i ét stykke.",
                        tag=snippet(tag),
                    ),
                )
                for tag in failed
            ]
    if not repairs:
        return template, [], failures
    return write_story_parts(template, parts), repairs, failures


def _paragraphs(name: str, root: etree._Element) -> list[Paragraph]:
    """All paragraphs of one part, with locations."""
    return list(iter_paragraphs(name, root))


def lint_template(
    template: bytes,
    *,
    known_names: KnownNames,
    sample_context: Mapping[str, Any],
    maximal_context: Mapping[str, Any] | None = None,
) -> LintReport:
    """Repair, statically check and test-render a template; see the module docstring."""
    report = LintReport()
    try:
        repaired, report.repairs, failures = _repair(template)
        parts = read_story_parts(repaired)
        properties = read_core_properties(repaired)
    except DocxTooLarge as exc:
        report.errors.append(
            LintProblem("invalid-file", "", _("Filen er for stor: %(detail)s", detail=exc))
        )
        return report
    except _INVALID_FILE:
        report.errors.append(
            LintProblem("invalid-file", "", _("Filen er ikke et gyldigt Word-dokument (.docx)."))
        )
        return report
    report.errors += failures
    if report.repairs:
        report.repaired_template = repaired
    env = make_environment()
    checker = AstChecker(
        known_names, filters=env.filters, tests=env.tests, global_names=env.globals
    )
    for name, root in parts.items():
        _lint_part(report, env, checker, name, root)
    for label, text in properties.items():
        _lint_text(report, env, checker, _("dokumentegenskaben »%(name)s«", name=label), text)
    blocking = {"syntax", "unclosed-tag", "forbidden", "split-tag", "docx-tag", "loops"}
    if not any(p.code in blocking for p in report.errors):
        render_samples(report, repaired, sample_context, maximal_context)
    return report


def to_jinja(text: str) -> str:
    """Paragraph text as plain Jinja: docxtpl's {%p/{%tr/{%tc/{{r and cell tags rewritten."""
    text = _DOCXTPL_PREFIX.sub(lambda m: "{" + m.group(1) + " ", text)
    text = _DOCXTPL_CELL.sub(lambda m: "{{ " + m.group(1) + " }}", text)
    return _DOCXTPL_MERGE.sub("", text)


def _lint_part(
    report: LintReport, env: DocumentSandbox, checker: AstChecker, name: str, root: etree._Element
) -> None:
    """Structure, syntax and name checks for one part, then the raw-XML safety net."""
    paragraphs = _paragraphs(name, root)
    errors_before = len(report.errors)
    if not _check_structure(report, paragraphs):
        return
    # docxtpl's row/paragraph rewriting mangles the XML around misplaced tags; skip the net.
    misplaced = len(report.errors) > errors_before
    lines = [to_jinja(p.text) for p in paragraphs]
    try:
        tree = env.parse("\n".join(lines))
    except TemplateSyntaxError as exc:
        report.errors.append(_syntax_problem(exc, paragraphs, lines))
        return
    findings = checker.check(tree)
    for finding in findings:
        where = paragraphs[min(finding.lineno, len(paragraphs)) - 1].location
        _add_finding(report, finding, where)
    cost = worst_case(tree)
    if cost.too_many:
        where = paragraphs[min(cost.lineno, len(paragraphs)) - 1].location
        report.errors.append(LintProblem("loops", where, cost.message()))
    if not misplaced:
        _lint_raw_xml(report, env, checker, name, root, {(f.code, f.key) for f in findings})


def _check_structure(report: LintReport, paragraphs: list[Paragraph]) -> bool:
    """Per-paragraph checks; False when a tag is left open (parsing would only confuse)."""
    clean = True
    for p in paragraphs:
        for tag in unclosed_tags(p.text):
            clean = False
            report.errors.append(
                LintProblem(
                    "unclosed-tag",
                    p.location,
                    _(
                        "»%(tag)s« lukkes ikke i samme afsnit. Et flettefelt skal begynde og "
                        "slutte i samme afsnit eller tabelcelle.",
                        tag=snippet(tag, 40),
                    ),
                )
            )
        outside = re.sub(r"\{([{%#]).*?[}%#]\}", "", p.text)
        for closer in sorted({c for c in ("}}", "%}") if c in outside}):
            report.warnings.append(
                LintProblem(
                    "stray-close",
                    p.location,
                    _(
                        "»%(closer)s« står uden en begyndelse (%(opener)s) og bliver vist som "
                        "tekst. Mangler der en krølparentes?",
                        closer=closer,
                        opener="{{" if closer == "}}" else "{%",
                    ),
                )
            )
        kinds = re.findall(r"\{[{%]-?(tr|tc|p)\s", p.text)
        if {"tr", "tc"} & set(kinds) and not p.in_cell:
            report.errors.append(
                LintProblem(
                    "docx-tag",
                    p.location,
                    _(
                        "%(tr)s og %(tc)s kan kun stå i en tabelcelle; brug %(p)s i almindelig "
                        "tekst.",
                        tr="{%tr …%}",
                        tc="{%tc …%}",
                        p="{%p …%}",
                    ),
                )
            )
        rest = outside.strip()
        if kinds and rest:
            report.warnings.append(
                LintProblem(
                    "docx-tag",
                    p.location,
                    _VANISHES[kinds[0]]()
                    % {"text": snippet(rest, 40), "tag": f"{{%{kinds[0]} …%}}"},
                )
            )
    return clean


def _syntax_problem(
    exc: TemplateSyntaxError, paragraphs: list[Paragraph], lines: list[str]
) -> LintProblem:
    """A syntax error with a Danish message, located at the offending or unclosed tag."""
    message = exc.message or str(exc)
    lineno = exc.lineno or len(lines)
    innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if "Unexpected end of template" in message and innermost:
        block = innermost.group(1)
        lineno = _unclosed_block_line(lines, block) or lineno
        text = _(
            "Blokken %(tag)s bliver aldrig lukket; der mangler %(end)s.",
            tag=f"{{% {block} … %}}",
            end=f"{{% end{block} %}}",
        )
    elif unknown:
        tag = unknown.group(1)
        text = (
            _("Tagget %(tag)s har ingen åben blok at lukke.", tag=f"{{% {tag} %}}")
            if tag.startswith("end")
            else _("Ukendt tag %(tag)s.", tag=f"{{% {tag} %}}")
        )
    else:
        text = _("Syntaksfejl i flettefelt: %(detail)s.", detail=message)
    where = paragraphs[min(max(lineno, 1), len(paragraphs)) - 1].location if paragraphs else ""
    return LintProblem("syntax", where, text)


def _unclosed_block_line(lines: list[str], block: str) -> int | None:
    """Line (1-based) of the innermost block tag of this kind that is never closed."""
    stack: list[tuple[str, int]] = []
    for number, line in enumerate(lines, start=1):
        for end, keyword in _BLOCK_TAG.findall(line):
            if keyword not in _BLOCKS or (keyword == "set" and not end):
                continue
            if not end:
                stack.append((keyword, number))
            elif stack and stack[-1][0] == keyword:
                stack.pop()
    matches = [n for k, n in stack if k == block]
    return matches[-1] if matches else None


def _add_finding(report: LintReport, finding: Finding, where: str) -> None:
    """File an AST finding under errors or warnings."""
    target = report.errors if finding.is_error else report.warnings
    target.append(LintProblem(finding.code, where, finding.message))


def _lint_raw_xml(
    report: LintReport,
    env: DocumentSandbox,
    checker: AstChecker,
    name: str,
    root: etree._Element,
    seen: set[tuple[str, str]],
) -> None:
    """Check the XML docxtpl really renders: tags can hide in fields, alt texts, attributes."""
    lines = jinja_lines(etree.tostring(root, encoding="unicode"))
    label = part_label(name) or _("dokumentet")

    def where(lineno: int) -> str:
        text = line_text(lines[min(max(lineno, 1), len(lines)) - 1], " ")
        return _(
            "%(part)s, i Word-koden (felt, alternativ tekst eller attribut) »%(text)s«",
            part=label,
            text=snippet(text),
        )

    try:
        tree = env.parse("\n".join(lines))
    except TemplateSyntaxError as exc:
        report.errors.append(
            LintProblem(
                "syntax",
                where(exc.lineno or 1),
                _("Syntaksfejl i skjult flettefelt: %(detail)s.", detail=exc.message),
            )
        )
        return
    for finding in checker.check(tree):
        if (finding.code, finding.key) not in seen:
            seen.add((finding.code, finding.key))
            _add_finding(report, finding, where(finding.lineno))


def _lint_text(
    report: LintReport, env: DocumentSandbox, checker: AstChecker, where: str, text: str
) -> None:
    """Check a piece of template text outside the story parts (a document property)."""
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        report.errors.append(
            LintProblem("syntax", where, _("Syntaksfejl: %(detail)s.", detail=exc.message))
        )
        return
    for finding in checker.check(tree):
        _add_finding(report, finding, where)

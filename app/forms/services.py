"""The form designer's work beyond the registry: checking typed YAML, uploads, previews.

Publishing, versions and diffs live in `app.forms.definitions`; this module adds what the
browser editor needs around them and never touches the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from app.formengine import (
    FormDefinition,
    Problem,
    build_form_class,
    form_data_from_submission,
)
from app.formengine.schema import FIELD_TYPES
from app.forms import columns as paths
from app.forms import definitions as registry
from app.forms import properties, roundtrip, visual
from app.forms.impact import change_summary, definition_warnings
from app.models import FormVersion
from app.text import clean_text
from app.vocabularies.routes import TITLES as VOCABULARY_TITLES
from app.vocabularies.services import load_vocabularies, vocabulary_names

ORIGIN = "<formular>"
MAX_UPLOAD_BYTES = 256 * 1024
UPLOAD_SUFFIXES = (".yaml", ".yml")

STARTER_YAML = """\
name: ny_formular
title: {da: Ny formular, en: New form}
scope: case
sections:
  - name: main
    title: {da: Indhold, en: Contents}
    fields:
      - name: notes
        type: textarea
        label: {da: Noter, en: Notes}
"""


FIRST_SECTION = "afsnit_1"


def starter_source(name: str, title: str, scope: str) -> str:
    """The YAML a form started in the visual editor begins with: its name, title and scope,
    and one empty first section (the check asks for a field until the leader adds one)."""
    sections = CommentedSeq(
        [
            CommentedMap(
                [
                    ("name", FIRST_SECTION),
                    ("title", roundtrip.safe_scalar(_("Første afsnit"))),
                    ("fields", CommentedSeq()),
                ]
            )
        ]
    )
    data = CommentedMap(
        [
            ("name", name),
            ("title", roundtrip.localized(title)),
            ("scope", scope),
            ("sections", sections),
        ]
    )
    return roundtrip.dump(roundtrip.Document(data, 2, 4, 2))


class UploadError(ValueError):
    """An uploaded file that cannot be read as a YAML definition."""


@dataclass
class CheckResult:
    """The outcome of checking typed YAML: the definition or every problem found."""

    source: str
    definition: FormDefinition | None = None
    problems: list[Problem] = field(default_factory=list)
    existing: FormVersion | None = None  # the current version of a form with this name
    warnings: list[Problem] = field(default_factory=list)  # shown, but publishing may go on

    @property
    def ok(self) -> bool:
        """True when the YAML can be published."""
        return self.definition is not None and not self.problems

    @property
    def unchanged(self) -> bool:
        """True when the YAML is exactly the current version's."""
        return (
            self.ok
            and self.existing is not None
            and self.existing.checksum == registry.checksum(self.source)
        )


def normalise_source(text: str | None) -> str:
    """YAML as typed, with browser line endings (CRLF) made plain and control characters gone."""
    return clean_text(text or "", unify_newlines=True)


def check_source(source: str, expected_name: str | None = None) -> CheckResult:
    """Check YAML the way publishing would, without storing anything."""
    result = CheckResult(source)
    try:
        definition = registry.parse_source(source, ORIGIN, vocabulary_names())
    except registry.PublishError as error:
        result.problems = sorted(error.problems, key=_problem_order)
        return result
    result.definition = definition
    result.existing = registry.current_version(definition.name)
    result.warnings = definition_warnings(definition, load_vocabularies())
    if expected_name and definition.name != expected_name:
        result.problems.append(
            Problem(
                ORIGIN,
                _line_of(source, "name"),
                "name",
                _(
                    "navnet skal forblive '%(name)s' (et nyt navn giver en ny formular)",
                    name=expected_name,
                ),
            )
        )
    if result.existing is not None and result.existing.scope != definition.scope:
        result.problems.append(
            Problem(
                ORIGIN,
                _line_of(source, "scope"),
                "scope",
                _(
                    "scope kan ikke ændres fra '%(scope)s': gemte besvarelser afhænger af det",
                    scope=result.existing.scope,
                ),
            )
        )
    return result


def _problem_order(problem: Problem) -> tuple[int, str]:
    """Problems in the order of the text; those without a line first."""
    return (problem.line or 0, problem.path)


def _line_of(source: str, key: str) -> int | None:
    """The line number of a top-level key, for problems found after parsing."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def read_upload(filename: str | None, stream: Any) -> str:
    """The text of an uploaded .yaml/.yml file; UploadError says plainly what is wrong."""
    if not filename:
        raise UploadError(_l("Vælg en fil."))
    if not filename.lower().endswith(UPLOAD_SUFFIXES):
        raise UploadError(_l("Filen skal være en YAML-fil (.yaml eller .yml)."))
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(
            _l("Filen er for stor. Den må højst fylde %(kb)s kB.", kb=MAX_UPLOAD_BYTES // 1024)
        )
    if not data.strip():
        raise UploadError(_l("Filen er tom."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(
            _l(
                "Filen kunne ikke læses som UTF-8-tekst. "
                "Gem den som UTF-8 i din editor, og prøv igen."
            )
        ) from None
    return normalise_source(text)


def preview_form(definition: FormDefinition, locale: str) -> Any:
    """The definition as a WTForms form with its default values, for the preview."""
    vocabularies = load_vocabularies()
    form_class = build_form_class(definition, vocabularies, None, locale=locale)
    return form_class(
        formdata=form_data_from_submission(definition, None, vocabularies=vocabularies)
    )


def published_names(version: FormVersion) -> set[str]:
    """Every name (fields and sections) and every column's path (``goals.title``) a stored
    version uses: those carry saved answers."""
    definition = registry.definition_of(version)
    fields = {getattr(f, "name", None) for s in definition.sections for f in s.fields}
    columns = set(paths.every_path(roundtrip.app_reading(version.source)))
    return {n for n in fields if n} | {s.name for s in definition.sections} | columns


@dataclass
class VisualPage:
    """What the visual editor shows: the outline, the selected field's panel, the palette,
    the preview, and whether the YAML's own layout is kept byte for byte."""

    outline: Any
    panel: Any
    palette: list[tuple[str, str, str]]
    preview: Any
    lossless: bool
    allowed: tuple[str, ...] = ()  # the palette's types that fit where the leader stands
    column_target: str = ""  # the label of the table a new field becomes a column of


def visual_page(source: str, result: CheckResult | None, selected: str, locale: str) -> VisualPage:
    """The visual editor's view of YAML, with the check's problems on their fields."""
    data = roundtrip.app_reading(source)
    problems = result.problems if result else []
    warnings = result.warnings if result else []
    outline = visual.outline(data, problems, warnings, locale)
    panel = None
    kind, _sep, name = selected.partition(":")
    target = None
    if outline is not None and kind == "f":
        vocabularies = load_vocabularies()
        titles = {n: str(t) for n, t in VOCABULARY_TITLES.items()}
        panel = properties.panel(data, name, vocabularies, titles, locale)
        target = paths.palette_target(data, name)
    preview = None
    if result is not None and result.definition is not None:
        preview = preview_form(result.definition, locale)
    row = outline.field(target) if outline is not None and target else None
    return VisualPage(
        outline,
        panel,
        visual.palette(),
        preview,
        roundtrip.is_lossless(source),
        allowed=paths.column_kinds(target) if target else FIELD_TYPES,
        column_target=row.label if row else "",
    )


@dataclass(frozen=True)
class Impact:
    """What publishing means for the forms filled in with the current version."""

    version: FormVersion
    filled: int
    changes: list[str]


def publish_impact(result: CheckResult) -> Impact | None:
    """How many filled forms use the current version and what the change means for them;
    None for a new form, a definition with problems or no change."""
    if not result.ok or result.existing is None or result.unchanged:
        return None
    assert result.definition is not None
    old = registry.definition_of(result.existing)
    return Impact(
        result.existing,
        registry.submissions_using(result.existing),
        change_summary(old, result.definition),
    )


@dataclass(frozen=True)
class VersionRow:
    """One line of a form's version list."""

    version: FormVersion
    submissions: int
    current: bool


def version_rows(name: str) -> list[VersionRow]:
    """Every version of a form, newest first, with its use and the current marker."""
    current = registry.current_version(name)
    return [
        VersionRow(v, registry.submissions_using(v), current is not None and v.id == current.id)
        for v in registry.versions_of(name)
    ]


def export_filename(version: FormVersion) -> str:
    """The download name of a version's YAML: `<name>-v<N>.yaml`."""
    return f"{version.name}-v{version.version}.yaml"


def diff_lines(older: FormVersion, newer: FormVersion) -> list[tuple[str, str]]:
    """The unified diff as (kind, line) with kind 'add', 'remove', 'hunk', 'file' or 'same'."""
    lines = []
    for line in registry.diff_versions(older, newer):
        if line.startswith(("+++", "---")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "remove"
        else:
            kind = "same"
        lines.append((kind, line))
    return lines

"""Load form definitions from YAML and report every problem with its file and line.

``load_definition`` raises ``DefinitionError`` listing all problems, each printed as
``file:line: path.to.field: message``; nothing here lets a traceback reach the user.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import yaml
from flask_babel import gettext as _
from pydantic import ValidationError

from app.config import shipped_folder
from app.formengine.checks import semantic_problems
from app.formengine.problems import DefinitionError, Problem, RawPath, readable_path
from app.formengine.pydantic_errors import translate
from app.formengine.schema import FormDefinition
from app.formengine.vocabularies import DEFAULT_VOCABULARIES

Found = list[tuple[RawPath, str]]


class _YamlLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, on purpose never libyaml's ``CSafeLoader``.

    libyaml accepts some text the YAML grammar refuses (``{da: Hvordan gik det?, en: ...}``),
    so a definition could load on a machine with libyaml and fail on one without. The pure
    loader gives the same answer everywhere; it is slower (about 25 ms instead of 4 ms for a
    10 KB form, measured on the built-in forms), which only the designer's check and the
    start-up sync pay: stored versions are parsed once per process (``app.forms.definitions``).
    """

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """Keep an impossible date such as 2026-13-01 as text, so the schema says where."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _YamlLoader.construct_yaml_timestamp)
MAX_BYTES = 1_000_000
MAX_NODES = 50_000  # YAML aliases can make a small file expand enormously

__all__ = [
    "DefinitionError",
    "Problem",
    "builtin_forms_dir",
    "check_paths",
    "definition_from_data",
    "load_definition",
    "load_directory",
    "load_file",
    "read_yaml",
]


def builtin_forms_dir() -> Path:
    """The ``forms/`` folder with the built-in definitions (the repository's, or installed)."""
    return shipped_folder("forms")


def load_definition(
    text: str | bytes,
    source: str = "<string>",
    *,
    vocabulary_names: Collection[str] | None = None,
) -> FormDefinition:
    """Parse and check one YAML definition; raise ``DefinitionError`` with every problem."""
    data, lines, duplicates = _parse_yaml(text, source)
    return _validate(data, lines, source, vocabulary_names, duplicates)


def read_yaml(text: str) -> Any:
    """The plain data of a YAML text as this loader reads it (YAML 1.1, PyYAML): the meaning
    the app gives a definition, for editors that must agree with it."""
    return yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a SafeLoader subclass


def definition_from_data(
    data: Any, source: str = "<data>", *, vocabulary_names: Collection[str] | None = None
) -> FormDefinition:
    """Check an already parsed definition (e.g. JSON from the database), without lines."""
    return _validate(data, {}, source, vocabulary_names)


def load_file(
    path: str | Path, *, vocabulary_names: Collection[str] | None = None
) -> FormDefinition:
    """Load one definition file; problems name the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DefinitionError(
            [
                Problem(
                    str(path), None, "", _("filen kan ikke læses: %(reason)s", reason=exc.strerror)
                )
            ]
        ) from None
    return load_definition(raw, str(path), vocabulary_names=vocabulary_names)


def load_directory(
    path: str | Path, *, vocabulary_names: Collection[str] | None = None
) -> dict[str, FormDefinition]:
    """All ``*.yaml`` definitions in a folder by form name; raise with every problem found."""
    found: dict[str, FormDefinition] = {}
    problems: list[Problem] = []
    for file in _yaml_files(Path(path)):
        try:
            definition = load_file(file, vocabulary_names=vocabulary_names)
        except DefinitionError as exc:
            problems.extend(exc.problems)
            continue
        if definition.name in found:
            problems.append(
                Problem(
                    str(file),
                    None,
                    "name",
                    _(
                        "formularnavnet '%(name)s' bruges også af en anden fil",
                        name=definition.name,
                    ),
                )
            )
        found[definition.name] = definition
    if problems:
        raise DefinitionError(problems)
    return found


def check_paths(
    paths: Iterable[str | Path], *, vocabulary_names: Collection[str] | None = None
) -> list[Problem]:
    """Every problem in the given files and folders (a folder means its ``*.yaml`` files)."""
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            try:
                load_directory(path, vocabulary_names=vocabulary_names)
            except DefinitionError as exc:
                problems.extend(exc.problems)
        elif not path.exists():
            problems.append(Problem(str(path), None, "", _("filen eller mappen findes ikke")))
        else:
            try:
                load_file(path, vocabulary_names=vocabulary_names)
            except DefinitionError as exc:
                problems.extend(exc.problems)
    return problems


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def _validate(
    data: Any,
    lines: dict[RawPath, int],
    source: str,
    vocabulary_names: Collection[str] | None,
    duplicates: Found | None = None,
) -> FormDefinition:
    names = set(DEFAULT_VOCABULARIES) if vocabulary_names is None else set(vocabulary_names)
    found: Found = list(duplicates or [])
    definition = None
    if not isinstance(data, dict):
        found.append(
            ((), _("filen skal beskrive en formular (nøgler som name, title og sections)"))
        )
    else:
        try:
            definition = FormDefinition.model_validate(data)
        except ValidationError as exc:
            found.extend(translate(exc, data))
        try:
            found.extend(semantic_problems(data, names))
        except Exception as exc:  # a bug in a check must not become a 500 page
            found.append(
                (
                    (),
                    _(
                        "kontrollen af formularen kunne ikke gøres færdig (%(error)s)",
                        error=type(exc).__name__,
                    ),
                )
            )
    problems = _locate(found, data, lines, source)
    if problems:
        raise DefinitionError(problems)
    assert definition is not None
    return definition


def _locate(found: Found, data: Any, lines: dict[RawPath, int], source: str) -> list[Problem]:
    problems = []
    for raw, message in found:
        line = next((lines[raw[:n]] for n in range(len(raw), -1, -1) if raw[:n] in lines), None)
        problems.append(Problem(source, line, readable_path(raw, data), message))
    return sorted(set(problems), key=lambda p: (p.line or 0, p.path, p.message))


def _parse_yaml(text: str | bytes, source: str) -> tuple[Any, dict[RawPath, int], Found]:
    """The parsed data, the line of every path, and keys that appear twice."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise _one(source, _("filen er for stor (over 1 MB)"))
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _one(
                source, _("filen er ikke UTF-8-tekst (byte %(byte)s)", byte=exc.start)
            ) from None
    if len(text) > MAX_BYTES:
        raise _one(source, _("filen er for stor (over 1 MB)"))
    loader = _YamlLoader(text.lstrip("\ufeff"))
    lines = _Lines(loader)
    try:
        node = loader.get_single_node()
        if node is not None:
            # Before constructing: merge keys (<<) are still visible, and the node budget
            # stops alias bombs before anything expands them.
            lines.record(node, ())
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise DefinitionError([_syntax_problem(exc, source, text)]) from None
    except yaml.YAMLError as exc:
        raise _one(source, _("YAML-fejl: »%(detail)s«", detail=exc)) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value no constructor could read
        raise _one(source, _("en værdi kan ikke læses: »%(detail)s«", detail=exc)) from None
    except _TooBig:
        message = _("filen folder sig ud til for mange værdier (tjek ankre og aliasser)")
        raise _one(source, message) from None
    finally:
        loader.dispose()
    return data, lines.lines, lines.duplicates


def _one(source: str, message: str) -> DefinitionError:
    return DefinitionError([Problem(source, None, "", message)])


def _syntax_problem(exc: yaml.MarkedYAMLError, source: str, text: str) -> Problem:
    """A parser error in our words; the parser's own English text stays a quoted detail."""
    mark = exc.problem_mark or exc.context_mark
    detail = exc.problem or exc.context or ""
    explained = _explain_syntax(detail, _character_at(text, mark))
    if explained:
        message = _("YAML-syntaksfejl: %(explanation)s", explanation=explained)
    elif detail:
        message = _("YAML-syntaksfejl: »%(detail)s«", detail=detail)
    else:
        message = _("YAML-syntaksfejl: filen kan ikke læses")
    if mark is not None:
        message += " " + _("(kolonne %(column)s)", column=mark.column + 1)
    if not explained and exc.problem and exc.context and exc.context_mark:
        message += " " + _(
            "(begyndt i linje %(line)s: »%(context)s«)",
            line=exc.context_mark.line + 1,
            context=exc.context,
        )
    return Problem(source, mark.line + 1 if mark else None, "", message)


def _character_at(text: str, mark: Any) -> str:
    """The character a parser error points at ('' when unknown)."""
    lines = text.lstrip("\ufeff").splitlines()
    if mark is None or not 0 <= mark.line < len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _explain_syntax(detail: str, character: str) -> str | None:
    """Our own sentence for the parser errors people meet most often, else None."""
    if "tab character" in detail or character == "\t":
        return _("et tabulatortegn; ryk ind med mellemrum i stedet")
    if detail.startswith("mapping values are not allowed"):
        return _("et kolon (:) står, hvor det ikke må; sæt teksten i anførselstegn")
    if detail.startswith("could not find expected ':'"):
        return _("der mangler et kolon (:) efter en nøgle")
    return None


class _TooBig(Exception):
    pass


class _Lines:
    """Maps each path to the line its key (or list item) starts on; finds repeated keys."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.lines: dict[RawPath, int] = {}
        self.duplicates: Found = []
        self.count = 0

    def record(self, node: yaml.Node, path: RawPath, *, keep: bool = True) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        if keep:
            self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                merge = key_node.tag == "tag:yaml.org,2002:merge"
                if merge or not isinstance(key_node, yaml.ScalarNode) or not keep:
                    self.record(value_node, path, keep=False)  # count it, map nothing
                    continue
                key = self.loader.construct_object(key_node)
                line = key_node.start_mark.line + 1
                if key in seen:
                    message = _(
                        "nøglen '%(key)s' står to gange (første gang i linje %(line)s)",
                        key=key,
                        line=seen[key],
                    )
                    self.duplicates.append(((*path, key), message))
                seen.setdefault(key, line)
                self.lines[(*path, key)] = line
                self.record(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for position, item in enumerate(node.value):
                if keep:
                    self.lines[(*path, position)] = item.start_mark.line + 1
                self.record(item, (*path, position), keep=keep)

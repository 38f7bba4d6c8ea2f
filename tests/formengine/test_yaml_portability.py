"""The definitions' YAML means the same to every parser: libyaml, pure PyYAML and ruamel.yaml.

A later issue edits definitions with ruamel.yaml (YAML 1.2); the app loads them with PyYAML's
pure-Python loader (YAML 1.1). Text that only libyaml accepts, or that YAML 1.1 and 1.2 read
differently (``no``/``on``/``yes``, ``0o17``, ``1:20``), would change meaning between them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError

from app.formengine import DefinitionError, builtin_forms_dir, load_definition
from app.formengine.loader import _parse_yaml

DEFINITIONS = Path(__file__).parent / "definitions"
FILES = sorted(builtin_forms_dir().glob("*.yaml")) + sorted(DEFINITIONS.glob("*.yaml"))

# Fixtures that show the loader catching a YAML trap; their data differs between parsers on
# purpose, and the test below checks that it differs exactly in the way the fixture is about.
YAML_1_1_ONLY = {"broken_yaml_boolean_label.yaml"}  # `label: No` is false in YAML 1.1 only
DUPLICATE_KEYS = {"broken_duplicate_key.yaml"}  # ruamel refuses what PyYAML reports


def _libyaml(text: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        pytest.skip("PyYAML is installed without libyaml")
    return yaml.load(text, Loader=loader)  # noqa: S506 - CSafeLoader is the safe loader


def _pure(text: str) -> Any:
    return yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - SafeLoader is safe


def _ruamel(text: str, version: tuple[int, int] | None = None) -> Any:
    parser = YAML(typ="safe", pure=True)
    if version:
        parser.version = version
    return parser.load(text)


def _outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "data", parse(text)
    except Exception:  # a refused file is an outcome too: every parser must refuse it
        return "refused", None


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_parser_reads_the_same_data(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    libyaml, pure = _outcome(_libyaml, text), _outcome(_pure, text)
    assert libyaml == pure
    if path.name in DUPLICATE_KEYS:
        with pytest.raises(DuplicateKeyError):
            _ruamel(text)
        return
    if path.name in YAML_1_1_ONLY:
        assert _outcome(_ruamel, text) != pure
        assert _outcome(lambda t: _ruamel(t, (1, 1)), text) == pure
        return
    ruamel = _outcome(_ruamel, text)
    assert ruamel[0] == pure[0]
    if pure[0] == "data":
        assert ruamel[1] == pure[1]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_app_loader_reads_what_pyyaml_reads(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    try:
        expected = _pure(text)
    except (yaml.YAMLError, ValueError):
        pytest.skip("a file the parsers refuse; the loader's message is tested elsewhere")
    data, _lines, _duplicates = _parse_yaml(text, path.name)
    assert data == expected


def test_the_builtin_forms_use_no_yaml_1_1_only_values():
    for path in sorted(builtin_forms_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _ruamel(text) == _ruamel(text, (1, 1)), path.name


def test_text_only_libyaml_accepts_is_a_syntax_error_with_line_and_column():
    text = "name: x\ntitle: {da: Hvordan gik det?, en: How did it go?}\n"
    with pytest.raises(DefinitionError) as caught:
        load_definition(text, "odd.yaml")
    message = str(caught.value)  # no app: the Danish source, the parser's words quoted
    assert message.startswith("odd.yaml:2: YAML-syntaksfejl: »expected ',' or '}'")
    assert "(kolonne 28)" in message
    assert "(begyndt i linje 2: »while parsing a flow mapping«)" in message

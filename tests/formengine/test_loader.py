"""Loading definitions: every problem reported as ``file:line: path: message``, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formengine import (
    DefinitionError,
    FormDefinition,
    Problem,
    builtin_forms_dir,
    check_paths,
    definition_from_data,
    load_definition,
    load_directory,
    load_file,
)
from tests.formengine.conftest import DEFINITIONS

BROKEN = sorted(DEFINITIONS.glob("broken_*.yaml"))


def expectation(path: Path) -> str:
    """The ``# expect: line: path: message`` comment on a broken file's first line."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} lacks its # expect: line"
    return f"{path}:{first.removeprefix('# expect: ')}"


def problems_of(path: Path) -> list[str]:
    """The printed problems of loading one file (fails if it loads)."""
    with pytest.raises(DefinitionError) as caught:
        load_file(path)
    return [str(p) for p in caught.value.problems]


def test_there_are_at_least_fifteen_distinct_broken_definitions():
    messages = {expectation(p).split(": ", 2)[-1] for p in BROKEN}
    assert len(BROKEN) >= 15
    assert len(messages) == len(BROKEN)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_definition_reports_its_expected_problem(path: Path):
    expected = expectation(path)
    printed = problems_of(path)
    assert any(line.startswith(expected) for line in printed), "\n".join(printed)


def test_the_rich_definition_loads(rich: FormDefinition):
    names = [f.name for f in rich.input_fields()]
    assert names[:3] == ["child_name", "reference", "own_words"]
    assert {f.type for f in rich.input_fields()} >= {
        "text", "textarea", "integer", "decimal", "money", "percent", "date", "boolean",
        "select", "multiselect", "scale", "person", "repeat",
    }  # fmt: skip
    assert rich.field("goals").column("to").after == "from"


def test_every_problem_in_a_file_is_reported_in_line_order():
    text = """\
name: many_problems
title: Mange fejl
scope: case
sections:
  - name: basis
    title: Basis
    fields:
      - {name: a, type: txt, label: A}
      - {name: b, type: text, label: B, lable: B}
      - {name: b, type: integer, label: B2, min: 5, max: 1}
      - {name: c, type: select, label: C, choices_from: rolles}
      - {name: d, type: date, label: D, after: e}
"""
    with pytest.raises(DefinitionError) as caught:
        load_definition(text, "many.yaml")
    printed = [str(p) for p in caught.value.problems]
    assert printed == [
        "many.yaml:8: a.type: ukendt felttype 'txt' — mente du 'text' (Kort tekst)?",
        "many.yaml:9: b.lable: ukendt nøgle 'lable' (mente du 'label'?)",
        "many.yaml:10: b.min: er større end max (5 > 1)",
        "many.yaml:10: b.name: feltnavnet 'b' bruges to gange; navne skal være entydige",
        "many.yaml:11: c.choices_from: ukendt liste 'rolles' (mente du 'roles'?)",
        "many.yaml:12: d.after: after henviser til 'e', men der er intet felt med det navn",
    ]
    assert str(caught.value) == "\n".join(printed)


def test_a_key_that_belongs_to_another_field_type_is_explained():
    text = """\
name: wrong_key
title: Forkert nøgle
scope: case
sections:
  - name: basis
    title: Basis
    fields:
      - {name: a, type: text, label: A, choices: [{value: x, label: X}]}
"""
    with pytest.raises(DefinitionError, match=r"wrong.yaml:8: a.choices: et text-felt har ikke"):
        load_definition(text, "wrong.yaml")


def test_a_pattern_python_warns_about_loads_and_checks():
    """Python warns (FutureWarning) about "[[" in a pattern; the form still loads and the
    pattern still checks (Hypothesis found that the warning became a traceback)."""
    from app.formengine.specs import compile_pattern

    text = """\
name: nested_set
title: Mønster
scope: case
sections:
  - name: basis
    title: Basis
    fields:
      - {name: a, type: text, label: A, pattern: "[[a]x"}
"""
    definition = load_definition(text, "nested.yaml")
    pattern = definition.sections[0].fields[0].pattern
    assert compile_pattern(pattern).fullmatch("[x") and not compile_pattern(pattern).fullmatch("y")


def test_column_show_if_may_use_a_sibling_or_a_top_level_field():
    text = """\
name: columns
title: Kolonner
scope: case
sections:
  - name: basis
    title: Basis
    fields:
      - {name: mode, type: select, label: Tilstand, choices: [{value: x, label: X}]}
      - name: rows
        type: repeat
        label: Rækker
        fields:
          - {name: kind, type: text, label: Type}
          - {name: note, type: text, label: Note, show_if: {field: kind, not_empty: true}}
          - {name: extra, type: text, label: Ekstra, show_if: {field: mode, equals: x}}
"""
    definition = load_definition(text)
    assert [c.name for c in definition.field("rows").fields] == ["kind", "note", "extra"]


def test_vocabulary_names_can_be_extended_by_the_caller():
    text = """\
name: own_list
title: Egen liste
scope: case
sections:
  - name: basis
    title: Basis
    fields:
      - {name: school, type: select, label: Skole, choices_from: schools}
"""
    with pytest.raises(DefinitionError, match="ukendt liste 'schools'"):
        load_definition(text)
    definition = load_definition(text, vocabulary_names={"schools", "departments"})
    assert definition.field("school").choices_from == "schools"


def test_plain_strings_are_danish_and_english_is_optional(rich: FormDefinition):
    assert rich.title.get("en") == "Everything at once"
    child = rich.field("child_name")
    assert (child.label.get("da"), child.label.get("en")) == ("Barnets navn", "Child's name")
    assert rich.field("age").label.get("en") == "Alder"  # falls back to Danish


def test_check_paths_covers_folders_files_and_missing_paths(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text((DEFINITIONS / "rich.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert check_paths([good]) == []
    problems = check_paths([DEFINITIONS, tmp_path / "nowhere.yaml"])
    files = {Path(p.source).name for p in problems}
    assert files == {p.name for p in BROKEN} | {"nowhere.yaml"}
    assert (
        Problem(str(tmp_path / "nowhere.yaml"), None, "", "filen eller mappen findes ikke")
        in problems
    )


def test_load_directory_refuses_two_files_with_the_same_form_name(tmp_path: Path):
    text = (DEFINITIONS / "rich.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError, match="b.yaml: name: formularnavnet 'rich' bruges også"):
        load_directory(tmp_path)
    (tmp_path / "b.yaml").unlink()
    assert list(load_directory(tmp_path)) == ["rich"]


def test_builtin_forms_dir_is_beside_the_app_package():
    assert builtin_forms_dir() == Path(__file__).parents[2] / "forms"


def test_definition_from_data_checks_the_same_things(rich: FormDefinition):
    data = json.loads(rich.model_dump_json())
    assert definition_from_data(data) == rich
    data["sections"][0]["fields"][2]["name"] = "child_name"
    with pytest.raises(DefinitionError, match="<data>: child_name.name: feltnavnet"):
        definition_from_data(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe name: x", "filen er ikke UTF-8-tekst"),
        (b"", "filen skal beskrive en formular"),
        (b"name: a\n---\nname: b\n", "YAML-syntaksfejl: »but found another document«"),
        (b"name: !!python/object:os.system x\n", "YAML-syntaksfejl: »could not determine"),
        (b"x" * 1_000_001, "filen er for stor"),
    ],
)
def test_unreadable_files_give_one_plain_problem(content: bytes, message: str):
    with pytest.raises(DefinitionError) as caught:
        load_definition(content, "odd.yaml")
    assert message in str(caught.value)


def test_an_alias_bomb_is_refused_before_it_expands():
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, 8):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ", ".join([f"*{chr(96 + n)}"] * 10) + "]")
    with pytest.raises(DefinitionError, match="for mange værdier"):
        load_definition("\n".join(lines))


def _mutations(data: dict) -> st.SearchStrategy:
    """The rich definition with one value somewhere replaced by something arbitrary."""
    paths: list[tuple] = []

    def walk(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index))

    walk(data, ())
    junk = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=6,
    )
    return st.tuples(st.sampled_from(paths[1:]), junk)


RICH_DATA = yaml.safe_load((DEFINITIONS / "rich.yaml").read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations(RICH_DATA))
def test_any_damage_gives_problems_never_a_traceback(mutation):
    path, junk = mutation
    data = json.loads(json.dumps(RICH_DATA, default=str))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = junk
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        load_definition(text, "damaged.yaml")
    except DefinitionError as exc:
        assert exc.problems
        assert all(str(p).startswith("damaged.yaml") for p in exc.problems)
        assert not any("could not finish checking" in str(p) for p in exc.problems)


RICH_TEXT = (DEFINITIONS / "rich.yaml").read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, len(RICH_TEXT)),
    st.integers(0, 40),
    st.text(alphabet=" \n\t-:{}[],'\"&*!|>#%@`?abc1é", max_size=6),
)
def test_any_typing_mistake_gives_problems_never_a_traceback(position, cut, typed):
    text = RICH_TEXT[:position] + typed + RICH_TEXT[position + cut :]
    try:
        load_definition(text, "typed.yaml")
    except DefinitionError as exc:
        assert exc.problems
        assert not any("could not finish checking" in str(p) for p in exc.problems)

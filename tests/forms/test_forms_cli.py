"""`enindgang forms check`: readable problems, exit codes, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli


@pytest.fixture
def runner():
    """The real `enindgang` group: forms check must work without loading the app."""
    return CliRunner()


BROKEN = Path(__file__).parents[1] / "formengine" / "definitions"


def test_check_reports_every_problem_with_file_and_line(runner, tmp_path):
    """A broken file gives file:line: path: message lines and exit code 1."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: bad\ntitle: Dårlig\nscope: case\nsections:\n  - name: s\n"
        "    title: S\n    fields:\n      - {name: a, type: txt, label: A}\n"
        "      - {name: b, type: text, label: B, requird: true}\n"
    )
    result = runner.invoke(cli, ["forms", "check", str(bad)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert any(line.startswith(f"{bad}:8:") and "txt" in line for line in lines), lines
    assert any(f"{bad}:9:" in line and "required" in line for line in lines), lines
    assert "Traceback" not in result.output


def test_check_a_folder_of_broken_definitions(runner):
    """Every broken test definition is reported; none crashes the command."""
    result = runner.invoke(cli, ["forms", "check", str(BROKEN)])
    assert result.exit_code == 1
    reported = {line.split(":")[0] for line in result.output.splitlines() if ":" in line}
    broken_files = {str(p) for p in BROKEN.glob("broken_*.yaml")}
    assert broken_files <= reported


def test_check_good_file_and_missing_file(runner, tmp_path):
    """A good file passes; a missing path is a problem, not a crash."""
    good = Path(__file__).parents[1] / "formengine" / "definitions" / "rich.yaml"
    assert runner.invoke(cli, ["forms", "check", str(good)]).exit_code == 0
    missing = runner.invoke(cli, ["forms", "check", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "filen eller mappen findes ikke" in missing.output


def test_builtin_forms_are_valid(runner):
    """The shipped forms/ folder passes the check (as the app requires at start-up)."""
    result = runner.invoke(cli, ["forms", "check"])
    assert result.exit_code == 0, result.output


def test_app_refuses_to_start_with_a_broken_builtin_form(monkeypatch, tmp_path):
    """Start-up checks forms/ and reports every problem, not a traceback deep inside."""
    import app.formengine as formengine
    from app import create_app

    (tmp_path / "broken.yaml").write_text("name: broken\ntitle: X\nscope: case\nsections: []\n")
    monkeypatch.setattr(formengine, "builtin_forms_dir", lambda: tmp_path)
    with pytest.raises(RuntimeError) as caught:
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert f"{tmp_path}/broken.yaml" in str(caught.value)
    assert "sections" in str(caught.value)


def test_other_commands_report_broken_builtin_forms_without_traceback(monkeypatch, tmp_path):
    """`enindgang users ...` with a broken forms/ folder prints the problems and exits 1,
    while `enindgang forms check` still works to find them."""
    import app.formengine as formengine

    (tmp_path / "broken.yaml").write_text("name: broken\ntitle: X\nscope: case\nsections: []\n")
    monkeypatch.setattr(formengine, "builtin_forms_dir", lambda: tmp_path)
    monkeypatch.setenv("ENINDGANG_INSTANCE_PATH", str(tmp_path))
    result = CliRunner().invoke(cli, ["users", "token", "x@y.dk"])
    assert result.exit_code == 1
    assert "broken.yaml" in result.output and "Traceback" not in result.output
    check = CliRunner().invoke(cli, ["forms", "check"])
    assert check.exit_code == 1 and "broken.yaml" in check.output

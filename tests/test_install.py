"""The built wheel, installed outside the repository, runs the app with its data folders."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import app, pathlib, sys
from app import create_app
from app.formengine import builtin_forms_dir
from app.word.store import DOC_TEMPLATES
assert pathlib.Path(app.__file__).is_relative_to(sys.argv[1]), app.__file__
assert sorted(p.name for p in builtin_forms_dir().glob('*.yaml')) == [
    'beslutningskompetence.yaml', 'sagsforloeb.yaml', 'smarte_maal.yaml']
assert (DOC_TEMPLATES / 'faelles_plan.docx').is_file()
assert (DOC_TEMPLATES / 'familiens_plan.docx').is_file()
from app.municipal_documents.starts import starting_points
assert [s.key for s in starting_points('sagsforloeb')] == [
    'een_familie_een_indgang', 'sammen_om_familien']
client = create_app().test_client()
assert client.get('/login').status_code == 200
assert client.get('/static/js/rows.js').status_code == 200
print('ok')
"""


def test_the_wheel_runs_outside_the_repository(tmp_path):
    """pip builds the wheel, installs it under a prefix, and the installed app starts there."""
    wheels, prefix, work = tmp_path / "dist", tmp_path / "prefix", tmp_path / "work"
    work.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", wheels, ROOT],
        check=True,
        cwd=work,
        capture_output=True,
    )
    (wheel,) = wheels.glob("enindgang-*.whl")
    # --ignore-installed: never touch the enindgang installed in this environment.
    install = [*pip, "install", "--no-deps", "--ignore-installed", "--prefix", prefix, wheel]
    subprocess.run(install, check=True)
    assert (Path(sys.executable).parent / "enindgang").exists(), "the test uninstalled our app"
    purelib = sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)})
    env = {
        **os.environ,
        "PYTHONPATH": purelib,  # the installed copy first; dependencies from this venv
        "ENINDGANG_INSTANCE_PATH": str(work / "instance"),
        "ENINDGANG_ENV": "development",
    }
    env.pop("ENINDGANG_DATABASE_URL", None)
    upgrade = subprocess.run(
        [prefix / "bin" / "enindgang", "db", "upgrade"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert upgrade.returncode == 0, upgrade.stderr
    assert "3 new version(s) stored" in upgrade.stdout + upgrade.stderr
    check = subprocess.run(
        [sys.executable, "-c", CHECK, purelib], cwd=work, env=env, capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout.strip() == "ok", check.stderr

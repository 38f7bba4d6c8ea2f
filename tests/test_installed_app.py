"""The built wheel in a clean virtual environment outside the checkout: `enindgang db upgrade`,
`enindgang demo` and gunicorn serve the login page, a form and a Word document over HTTP.

This is what an IT department does with a release, so nothing of the checkout is on the path:
the venv gets the wheel and its dependencies from the package index like any install. It runs
once per CI run (in `make test`); the clock re-runs skip it, and so does a machine that cannot
reach the package index outside CI.
"""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.tools import missing

ROOT = Path(__file__).resolve().parents[1]
DEMO = ("koordinator@demo.enindgang.dk", "demo-koordinator-2026")


def _free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, capturing its output as text."""
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


def _csrf(html: str) -> str:
    """The CSRF token of a page's form."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.mark.skipif(
    os.environ.get("ENINDGANG_TEST_CLOCK") not in (None, ""),
    reason="the install is checked once per CI run, in make test (not again per clock)",
)
def test_the_wheel_serves_pages_and_documents_from_a_clean_venv(tmp_path):
    """Build, install with dependencies into a new venv, migrate, seed the demo, start
    gunicorn; log in over HTTP and get the login page, the SMARTE form and the joint plan."""
    wheels, venv, work = tmp_path / "dist", tmp_path / "venv", tmp_path / "work"
    work.mkdir()
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT])
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("enindgang-*.whl")
    # Nothing of this checkout or its venv may leak in (an egg-info on PYTHONPATH would make
    # pip think enindgang is installed already).
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ENINDGANG_", "PYTHON", "VIRTUAL_ENV"))
    }
    env |= {"ENINDGANG_INSTANCE_PATH": str(work / "instance"), "ENINDGANG_ENV": "development"}
    assert _run([sys.executable, "-m", "venv", venv], env=env).returncode == 0
    pip = [venv / "bin" / "python", "-m", "pip", "--disable-pip-version-check", "-q"]
    installed = _run([*pip, "install", wheel], cwd=work, env=env)
    if installed.returncode != 0:
        missing(f"the wheel's dependencies could not be installed: {installed.stderr[-500:]}")
    tool = venv / "bin" / "enindgang"
    for command in (["db", "upgrade"], ["demo"]):
        done = _run([tool, *command], cwd=work, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    port = _free_port()
    server = subprocess.Popen(
        [
            venv / "bin" / "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "app:create_app()",
        ],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _check_served(f"http://127.0.0.1:{port}", server)
    finally:
        server.terminate()
        server.wait(20)
        server.stderr.close()


def _check_served(base: str, server: subprocess.Popen) -> None:
    """Log in as the demo coordinator and fetch a page, a form and a Word document."""
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    for _ in range(100):
        try:
            with browser.open(f"{base}/login", timeout=5) as answer:
                login = answer.read().decode()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            time.sleep(0.2)
    else:
        pytest.fail("gunicorn did not answer")
    assert "Log ind" in login
    form = {"csrf_token": _csrf(login), "email": DEMO[0], "password": DEMO[1]}
    request = urllib.request.Request(
        f"{base}/login",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": f"{base}/login"},
    )
    with browser.open(request, timeout=30) as answer:
        cases = answer.read().decode()
    case_id = re.search(r'href="/sager/(\d+)"', cases).group(1)
    with browser.open(f"{base}/sager/{case_id}/formularer/smarte_maal", timeout=30) as smarte:
        assert smarte.status == 200 and "SMARTE" in smarte.read().decode()
    with browser.open(f"{base}/sager/{case_id}/faelles-plan.docx", timeout=60) as plan:
        content = plan.read()
        assert plan.status == 200 and plan.headers["Cache-Control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        assert "word/document.xml" in docx.namelist()

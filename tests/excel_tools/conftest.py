"""Fixtures for the excel_tools tests: LibreOffice headless recalculation."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tools import require_soffice

# Force "always recalculate on load" so cached values come from LibreOffice, never the file.
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory) -> Path:
    """A fresh LibreOffice user profile for the session (never the developer's own)."""
    profile = tmp_path_factory.mktemp("lo-profile")
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS)
    return profile


@pytest.fixture
def recalc(tmp_path, soffice_profile) -> Callable[[bytes], bytes]:
    """Round-trip bytes through LibreOffice headless: it recalculates and saves values."""
    soffice = require_soffice()

    def run(data: bytes, name: str = "book.xlsx") -> bytes:
        source_dir, out_dir = tmp_path / "in", tmp_path / "out"
        source_dir.mkdir(exist_ok=True)
        out_dir.mkdir(exist_ok=True)
        (source_dir / name).write_bytes(data)
        result = subprocess.run(  # noqa: S603 — fixed argv, no shell
            [
                soffice,
                f"-env:UserInstallation={soffice_profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "xlsx:Calc Office Open XML",
                "--outdir",
                str(out_dir),
                str(source_dir / name),
            ],
            capture_output=True,
            timeout=300,
            check=False,
        )
        converted = out_dir / name
        assert converted.exists(), (
            f"LibreOffice did not convert: {result.returncode} {result.stdout!r} {result.stderr!r}"
        )
        return converted.read_bytes()

    return run

"""Locate the external tools the suites need (PostgreSQL, LibreOffice, Chromium).

Outside CI a missing tool skips its suite with a printed reason; with CI=true it fails,
because CI must exercise what users really run.
"""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    """True when running under CI (CI=true)."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(reason: str) -> None:
    """Skip (locally) or fail (in CI) because a tool is missing."""
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def soffice_path() -> str | None:
    """Path to LibreOffice's soffice, from ENINDGANG_SOFFICE or PATH."""
    explicit = os.environ.get("ENINDGANG_SOFFICE")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """Return soffice's path or skip/fail."""
    path = soffice_path()
    if not path:
        missing("LibreOffice (soffice) not found; set ENINDGANG_SOFFICE or install it")
    return path


def chromium_path() -> str | None:
    """Path to Chromium, from ENINDGANG_CHROMIUM or /usr/bin/chromium."""
    path = os.environ.get("ENINDGANG_CHROMIUM") or "/usr/bin/chromium"
    return path if os.path.exists(path) else None


def require_chromium() -> str:
    """Return Chromium's path or skip/fail."""
    path = chromium_path()
    if not path:
        missing("Chromium not found; set ENINDGANG_CHROMIUM or apt-get install chromium")
    return path


def postgres_url() -> str | None:
    """Admin URL of a PostgreSQL server the tests may create databases on."""
    return os.environ.get("ENINDGANG_TEST_POSTGRES_URL") or None

"""OpenAPI paths and schemas of the funding lines, workbooks and the portfolio API."""

from __future__ import annotations

from typing import Any

PATHS: dict[str, Any] = {}
SCHEMAS: dict[str, Any] = {}

"""OpenAPI paths and schemas of the Word documents API (form documents, the joint plan)."""

from __future__ import annotations

from typing import Any

PATHS: dict[str, Any] = {}
SCHEMAS: dict[str, Any] = {}

"""OpenAPI paths and schemas of the form definitions, case forms, municipal documents, vocabularies API."""

from __future__ import annotations

from typing import Any

PATHS: dict[str, Any] = {}
SCHEMAS: dict[str, Any] = {}

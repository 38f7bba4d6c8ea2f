"""The OpenAPI 3.1 description of /api/v1, kept beside the routes and tested against them."""

from __future__ import annotations

from typing import Any


def _error(description: str) -> dict[str, Any]:
    """A response whose body is the standard error object."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _json(description: str, ref: str) -> dict[str, Any]:
    """A JSON response with the given component schema."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


UNAUTHORIZED = _error("Manglende, ugyldig eller tilbagekaldt API-nøgle")
NOT_FOUND = _error("Findes ikke, eller kalderen har ikke adgang")
CASE_ID = {
    "name": "case_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer"},
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string"},
            "errors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
    "Person": {
        "type": ["object", "null"],
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
    },
    "Case": {
        "type": "object",
        "required": ["id", "reference", "title", "status", "next_follow_up"],
        "properties": {
            "id": {"type": "integer"},
            "reference": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "coordinator": {"$ref": "#/components/schemas/Person"},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "next_follow_up": {"type": ["string", "null"], "format": "date"},
        },
    },
    "NewCase": {
        "type": "object",
        "required": ["reference", "title"],
        "properties": {
            "reference": {"type": "string", "maxLength": 50},
            "title": {"type": "string", "maxLength": 200},
        },
    },
    "CaseList": {
        "type": "object",
        "required": ["cases"],
        "properties": {"cases": {"type": "array", "items": {"$ref": "#/components/schemas/Case"}}},
    },
}

PATHS: dict[str, Any] = {
    "/cases": {
        "get": {
            "operationId": "listCases",
            "summary": "Sager, som kalderen må se",
            "responses": {"200": _json("Sagerne", "CaseList"), "401": UNAUTHORIZED},
        },
        "post": {
            "operationId": "createCase",
            "summary": "Opret en sag med kalderen som koordinator",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/NewCase"}}
                },
            },
            "responses": {
                "201": _json("Oprettet", "Case"),
                "400": _error("Ikke et JSON-objekt"),
                "401": UNAUTHORIZED,
                "403": _error("Rollen må ikke oprette sager"),
                "409": _error("Sagsnummeret findes allerede"),
                "422": _error("Ugyldige felter"),
            },
        },
    },
    "/cases/{case_id}": {
        "get": {
            "operationId": "getCase",
            "summary": "Én sag",
            "parameters": [CASE_ID],
            "responses": {"200": _json("Sagen", "Case"), "401": UNAUTHORIZED, "404": NOT_FOUND},
        }
    },
    "/openapi.json": {
        "get": {
            "operationId": "openapi",
            "summary": "Dette dokument",
            "security": [],
            "responses": {"200": {"description": "OpenAPI-dokumentet"}},
        }
    },
}


def _all_paths_and_schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    """Paths and schemas of every API area (each area keeps its own in its module)."""
    from app.api import openapi_documents, openapi_forms, openapi_funding

    paths, schemas = dict(PATHS), dict(SCHEMAS)
    for area in (openapi_forms, openapi_funding, openapi_documents):
        paths.update(area.PATHS)
        schemas.update(area.SCHEMAS)
    return paths, schemas


def openapi_document(server_url: str = "/api/v1") -> dict[str, Any]:
    """The whole OpenAPI document."""
    paths, schemas = _all_paths_and_schemas()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "enindgang API",
            "version": "1",
            "description": "Sager, formularer og finansiering. Samme rettigheder som i browseren.",
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Personlig nøgle fra `enindgang users token EMAIL`",
                },
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "enindgang_session",
                    "description": "Browser-session; ændringer kræver X-CSRFToken",
                },
            },
        },
    }

"""OpenAPI paths and schemas of the form definitions, case forms, municipal documents and
vocabularies API."""

from __future__ import annotations

from typing import Any

from app.api.openapi import CASE_ID, NOT_FOUND, UNAUTHORIZED, _error, _json

FORM_NAME = {
    "name": "form_name",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "Formularens navn, fx smarte_maal",
}
DOC_ID = {"name": "doc_id", "in": "path", "required": True, "schema": {"type": "integer"}}
LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["da", "en"]},
    "description": "Sprog for tekster",
}
CONFLICT = _error("Nogen har gemt i mellemtiden (feltet current har det gemte)")
INVALID = _error("Ugyldige data; errors har beskeder pr. feltsti, fx goals[0].title")


def _body(ref: str) -> dict[str, Any]:
    """A required JSON request body with a component schema."""
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


SCHEMAS: dict[str, Any] = {
    "DecisionAnswer": {
        "type": "object",
        "required": ["covered", "authority_level", "reason", "plan", "row"],
        "properties": {
            "covered": {"type": "boolean", "description": "false: ikke dækket af planen"},
            "authority_level": {
                "oneOf": [{"$ref": "#/components/schemas/Choice"}, {"type": "null"}]
            },
            "reason": {"type": "string"},
            "plan": {
                "type": ["object", "null"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "valid_from": {"type": ["string", "null"], "format": "date"},
                },
            },
            "row": {"type": ["integer", "null"], "description": "Rækkenummer i planen (fra 1)"},
            "definite": {
                "type": "boolean",
                "description": "false: størrelsen, grænsen gælder, er ikke oplyst",
            },
        },
    },
    "Choice": {
        "type": "object",
        "required": ["value", "label"],
        "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
    },
    "Field": {
        "type": "object",
        "required": ["name", "label", "type", "required", "default"],
        "properties": {
            "name": {"type": "string"},
            "label": {"type": "string"},
            "type": {
                "type": "string",
                "enum": [
                    "text",
                    "textarea",
                    "integer",
                    "decimal",
                    "money",
                    "percent",
                    "date",
                    "boolean",
                    "select",
                    "multiselect",
                    "scale",
                    "person",
                    "repeat",
                ],
            },
            "required": {"type": "boolean"},
            "readonly": {"type": "boolean"},
            "default": {},
            "help": {"type": ["string", "null"]},
            "choices": {"type": "array", "items": {"$ref": "#/components/schemas/Choice"}},
            "fields": {"type": "array", "items": {"$ref": "#/components/schemas/Field"}},
        },
        "additionalProperties": True,
    },
    "FormSummary": {
        "type": "object",
        "required": ["name", "version", "scope", "title"],
        "properties": {
            "name": {"type": "string"},
            "version": {"type": "integer"},
            "scope": {"type": "string", "enum": ["case", "municipality"]},
            "title": {"type": "string"},
        },
    },
    "FormList": {
        "type": "object",
        "required": ["forms"],
        "properties": {
            "forms": {"type": "array", "items": {"$ref": "#/components/schemas/FormSummary"}}
        },
    },
    "FormDefinition": {
        "allOf": [{"$ref": "#/components/schemas/FormSummary"}],
        "type": "object",
        "required": ["fields"],
        "properties": {
            "description": {"type": ["string", "null"]},
            "fields": {"type": "array", "items": {"$ref": "#/components/schemas/Field"}},
        },
    },
    "SubmissionWrite": {
        "type": "object",
        "required": ["version", "data"],
        "properties": {
            "version": {
                "type": ["integer", "null"],
                "description": "Den version, du har redigeret; null ved første gem",
            },
            "status": {"type": "string", "enum": ["draft", "final"], "default": "draft"},
            "data": {"type": "object", "description": "Feltværdier efter feltnavn"},
        },
    },
    "Submission": {
        "type": "object",
        "required": ["version", "status", "data", "definition_version", "updated_at", "updated_by"],
        "properties": {
            "id": {"type": ["integer", "null"]},
            "version": {"type": ["integer", "null"]},
            "status": {"type": ["string", "null"], "enum": ["draft", "final", None]},
            "title": {"type": "string"},
            "data": {"type": "object"},
            "definition_version": {"type": "integer"},
            "updated_at": {"type": ["string", "null"], "format": "date-time"},
            "updated_by": {"$ref": "#/components/schemas/Person"},
        },
    },
    "DocumentList": {
        "type": "object",
        "required": ["documents"],
        "properties": {
            "documents": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "status": {"type": "string"},
                        "version": {"type": "integer"},
                        "updated_at": {"type": "string"},
                        "url": {"type": "string"},
                    },
                },
            }
        },
    },
    "Vocabulary": {"type": "array", "items": {"$ref": "#/components/schemas/Choice"}},
}


def _saved(status: str, description: str) -> dict[str, Any]:
    """The answers of an operation that saves a submission."""
    return {
        status: _json(description, "Submission"),
        "400": _error("Ikke JSON"),
        "401": UNAUTHORIZED,
        "403": _error("Ingen skriveadgang"),
        "404": NOT_FOUND,
        "409": CONFLICT,
        "422": INVALID,
    }


_NUMBER = {"type": "number", "minimum": 0}

PATHS: dict[str, Any] = {
    "/decision-authority": {
        "get": {
            "operationId": "decisionAuthority",
            "summary": "Hvem må bevilge indsatsen? Svar efter den gældende plan",
            "parameters": [
                {
                    "name": "intervention",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string"},
                    "description": "Nøgle fra listen interventions",
                },
                {
                    "name": "amount",
                    "in": "query",
                    "required": False,
                    "schema": _NUMBER,
                    "description": "Kr. om året",
                },
                {"name": "hours_per_week", "in": "query", "required": False, "schema": _NUMBER},
                {"name": "hours_per_month", "in": "query", "required": False, "schema": _NUMBER},
                {
                    "name": "months",
                    "in": "query",
                    "required": False,
                    "schema": _NUMBER,
                    "description": "Varighed i måneder",
                },
            ],
            "responses": {
                "200": _json("Svaret", "DecisionAnswer"),
                "401": UNAUTHORIZED,
                "422": INVALID,
            },
        }
    },
    "/forms": {
        "get": {
            "operationId": "listForms",
            "summary": "Alle formularer med deres aktuelle version",
            "parameters": [LANG],
            "responses": {"200": _json("Formularerne", "FormList"), "401": UNAUTHORIZED},
        }
    },
    "/forms/{form_name}": {
        "get": {
            "operationId": "getForm",
            "summary": "En formulardefinition med flad feltliste",
            "parameters": [
                FORM_NAME,
                LANG,
                {
                    "name": "version",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer"},
                },
            ],
            "responses": {
                "200": _json("Definitionen", "FormDefinition"),
                "401": UNAUTHORIZED,
                "404": NOT_FOUND,
            },
        }
    },
    "/vocabularies/{name}": {
        "get": {
            "operationId": "getVocabulary",
            "summary": "En fælles liste: departments, roles, paragraphs, interventions, "
            "authority_levels",
            "parameters": [
                {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}},
                LANG,
            ],
            "responses": {
                "200": _json("Listen", "Vocabulary"),
                "401": UNAUTHORIZED,
                "404": NOT_FOUND,
            },
        }
    },
    "/cases/{case_id}/forms/{form_name}": {
        "get": {
            "operationId": "getCaseForm",
            "summary": "Sagens udfyldte formular (eller startværdier, hvis den ikke er gemt)",
            "parameters": [CASE_ID, FORM_NAME],
            "responses": {
                "200": _json("Formularen", "Submission"),
                "401": UNAUTHORIZED,
                "403": _error("Rollen må ikke se familiens oplysninger"),
                "404": NOT_FOUND,
            },
        },
        "put": {
            "operationId": "putCaseForm",
            "summary": "Gem sagens formular",
            "parameters": [CASE_ID, FORM_NAME],
            "requestBody": _body("SubmissionWrite"),
            "responses": _saved("200", "Gemt"),
        },
    },
    "/municipal/{form_name}": {
        "get": {
            "operationId": "listMunicipalDocuments",
            "summary": "Kommunens dokumenter af en formular",
            "parameters": [FORM_NAME],
            "responses": {
                "200": _json("Dokumenterne", "DocumentList"),
                "401": UNAUTHORIZED,
                "403": _error("Ingen adgang"),
                "404": NOT_FOUND,
            },
        },
        "post": {
            "operationId": "createMunicipalDocument",
            "summary": "Opret et kommunalt dokument (ledere og administratorer)",
            "parameters": [FORM_NAME],
            "requestBody": _body("SubmissionWrite"),
            "responses": _saved("201", "Oprettet"),
        },
    },
    "/municipal/{form_name}/{doc_id}": {
        "get": {
            "operationId": "getMunicipalDocument",
            "summary": "Et kommunalt dokument",
            "parameters": [FORM_NAME, DOC_ID],
            "responses": {
                "200": _json("Dokumentet", "Submission"),
                "401": UNAUTHORIZED,
                "404": NOT_FOUND,
            },
        },
        "put": {
            "operationId": "putMunicipalDocument",
            "summary": "Gem et kommunalt dokument",
            "parameters": [FORM_NAME, DOC_ID],
            "requestBody": _body("SubmissionWrite"),
            "responses": _saved("200", "Gemt"),
        },
    },
}

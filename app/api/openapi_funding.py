"""OpenAPI paths and schemas of the funding lines, workbooks and the portfolio API."""

from __future__ import annotations

from typing import Any

from app.api.openapi import CASE_ID, NOT_FOUND, UNAUTHORIZED, _error, _json

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEAR = {
    "name": "year",
    "in": "query",
    "required": False,
    "schema": {"type": "integer", "minimum": 1990, "maximum": 2100},
    "description": "År for totalerne og regnearket (standard: i år)",
}
FORBIDDEN = _error("Rollen må ikke ændre sagens finansiering")
WORKBOOK = {
    "description": "Regnearket (.xlsx)",
    "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
}


def _ref(name: str) -> dict[str, str]:
    """A $ref to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


SCHEMAS: dict[str, Any] = {
    "FundingLine": {
        "type": "object",
        "required": ["intervention", "paragraph", "annual_cost", "start", "shares"],
        "properties": {
            "intervention": {"type": "string", "description": "Værdi fra listen interventions"},
            "paragraph": {"type": "string", "description": "Værdi fra listen paragraphs"},
            "description": {"type": "string", "maxLength": 4000},
            "annual_cost": {
                "type": ["number", "string"],
                "minimum": 0,
                "maximum": 999999999.99,
                "description": "Årlig udgift i kr., højst 2 decimaler",
            },
            "start": {"type": "string", "format": "date"},
            "end": {"type": ["string", "null"], "format": "date"},
            "authority_level": {
                "type": ["string", "null"],
                "description": "Værdi fra listen authority_levels: hvem der bevilgede",
            },
            "shares": {
                "type": "object",
                "description": "Procent pr. afdeling (værdi fra listen departments); summen er "
                "100 inden for 0,01. En andel på 0 er det samme som ingen andel.",
                "additionalProperties": {
                    "type": ["number", "string"],
                    "minimum": 0,
                    "maximum": 100,
                },
            },
            "notes": {"type": "string", "maxLength": 10000},
        },
    },
    "FundingTotals": {
        "type": "object",
        "required": ["year", "departments"],
        "properties": {
            "year": {"type": "integer"},
            "departments": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "year": {"type": "number", "description": "Kr. i året"},
                        "period": {"type": "number", "description": "Kr. i hele perioden"},
                    },
                },
            },
        },
    },
    "FundingChange": {
        "type": "object",
        "required": ["kind", "number", "line", "fields"],
        "properties": {
            "kind": {"type": "string", "enum": ["added", "removed", "changed"]},
            "number": {"type": "integer", "description": "Linjens nummer (1, 2, …)"},
            "line": _ref("FundingLine"),
            "fields": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "field": {"type": "string", "description": "fx annual_cost, shares.ppr"},
                        "old": {},
                        "new": {},
                    },
                },
            },
        },
    },
    "Funding": {
        "type": "object",
        "required": ["case_id", "version", "lines", "totals"],
        "properties": {
            "case_id": {"type": "integer"},
            "version": {"type": ["integer", "null"], "description": "null før første gem"},
            "updated_at": {"type": ["string", "null"], "format": "date-time"},
            "updated_by": _ref("Person"),
            "source": {"type": ["string", "null"], "enum": ["web", "api", "excel", None]},
            "lines": {"type": "array", "items": _ref("FundingLine")},
            "totals": _ref("FundingTotals"),
            "changes": {
                "type": "array",
                "items": _ref("FundingChange"),
                "description": "Kun efter PUT/POST: ændringerne i forhold til forrige version",
            },
            "created": {"type": "boolean", "description": "Kun efter import: ny version gemt"},
        },
    },
    "FundingUpdate": {
        "type": "object",
        "required": ["version", "lines"],
        "properties": {
            "version": {
                "type": ["integer", "null"],
                "description": "Den version, du har rettet i (null eller 0 før første gem)",
            },
            "lines": {"type": "array", "maxItems": 5000, "items": _ref("FundingLine")},
        },
    },
    "ImportProblems": {
        "type": "object",
        "required": ["error", "problems"],
        "properties": {
            "error": {"type": "string"},
            "problems": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "sheet": {"type": ["string", "null"]},
                        "cell": {"type": ["string", "null"], "description": "fx F7"},
                        "message": {"type": "string"},
                    },
                },
            },
        },
    },
}

CONFLICT = _error("Nogen har gemt i mellemtiden (feltet current har det gemte)")

PATHS: dict[str, Any] = {
    "/cases/{case_id}/funding": {
        "get": {
            "operationId": "getCaseFunding",
            "summary": "Sagens finansieringslinjer med andele pr. afdeling",
            "parameters": [CASE_ID, YEAR],
            "responses": {
                "200": _json("Linjerne og totaler pr. afdeling", "Funding"),
                "401": UNAUTHORIZED,
                "404": NOT_FOUND,
            },
        },
        "put": {
            "operationId": "putCaseFunding",
            "summary": "Gem sagens linjer som en ny version",
            "parameters": [CASE_ID, YEAR],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("FundingUpdate")}},
            },
            "responses": {
                "200": _json("Gemt (eller uændret); changes siger hvad der ændrede sig", "Funding"),
                "400": _error("Ikke et JSON-objekt"),
                "401": UNAUTHORIZED,
                "403": FORBIDDEN,
                "404": NOT_FOUND,
                "409": CONFLICT,
                "422": _error("Ugyldige linjer; errors har beskeder pr. sti, fx lines[0].shares"),
            },
        },
    },
    "/cases/{case_id}/funding.xlsx": {
        "get": {
            "operationId": "getCaseFundingWorkbook",
            "summary": "Sagens regneark med formler, lister og lagkagediagram",
            "parameters": [CASE_ID, YEAR],
            "responses": {"200": WORKBOOK, "401": UNAUTHORIZED, "404": NOT_FOUND},
        },
        "post": {
            "operationId": "importCaseFundingWorkbook",
            "summary": "Indlæs et rettet regneark; intet gemmes ved fejl",
            "parameters": [CASE_ID, YEAR],
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "version": {
                                    "type": "integer",
                                    "description": "Valgfri: afvis med 409, hvis nogen har "
                                    "gemt efter denne version",
                                },
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": _json("Indlæst; changes siger hvad der ændrede sig", "Funding"),
                "401": UNAUTHORIZED,
                "403": FORBIDDEN,
                "404": NOT_FOUND,
                "409": CONFLICT,
                "413": _json("Filen er for stor", "ImportProblems"),
                "422": _json(
                    "Regnearket er afvist; alle problemer med ark og celle", "ImportProblems"
                ),
            },
        },
    },
    "/funding/portfolio.xlsx": {
        "get": {
            "operationId": "getFundingPortfolioWorkbook",
            "summary": "Alle linjer i de sager, kalderen må se, med totaler pr. afdeling og år",
            "responses": {"200": WORKBOOK, "401": UNAUTHORIZED},
        }
    },
}

"""The OpenAPI document is valid and describes exactly the real routes."""

from __future__ import annotations

import re

import jsonschema
from openapi_spec_validator import validate

from app.api.openapi import openapi_document

METHODS = {"get", "post", "put", "patch", "delete"}


def _documented(spec) -> set[tuple[str, str]]:
    """(method, path) pairs in the document."""
    return {(m.upper(), p) for p, item in spec["paths"].items() for m in item if m in METHODS}


def _routed(app) -> set[tuple[str, str]]:
    """(method, path) pairs of the API blueprint, in OpenAPI path syntax."""
    pairs = set()
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)[len("/api/v1") :]
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            pairs.add((method, path))
    return pairs


def test_document_is_valid_openapi(client):
    """The served document passes the OpenAPI validator."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.json)


def test_every_route_is_documented_and_every_documented_route_exists(app):
    """No undocumented endpoints, no documented ghosts."""
    spec = openapi_document()
    assert _documented(spec) == _routed(app)


def _schema(spec, name):
    """A component schema with its $refs resolvable by jsonschema."""
    return {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}


def test_responses_match_their_schemas(api_as):
    """Real answers validate against the documented schemas."""
    spec = openapi_document()
    api = api_as("coordinator")
    created = api.post("/cases", json={"reference": "OA-1", "title": "Familien Spec"})
    jsonschema.validate(created.json, _schema(spec, "Case"))
    jsonschema.validate(api.get("/cases").json, _schema(spec, "CaseList"))
    jsonschema.validate(api.get(f"/cases/{created.json['id']}").json, _schema(spec, "Case"))
    error = api.post("/cases", json={})
    jsonschema.validate(error.json, _schema(spec, "Error"))
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), f"{method} {path} has no summary"

"""A small registry of the API's operations, and the OpenAPI 3.1 document made from it.

Each handler is registered with ``@operation(...)``, which adds the Flask route and records
what the document needs: summary, the pydantic models of the request body, query and answers
per status. Path parameters come from the URL rule itself; schemas come from pydantic
(``models_json_schema``), so nothing is written twice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from app.api import authenticate, bp
from app.api.schemas import Error

REF = "#/components/schemas/{model}"
JSON = "application/json"
UNAUTHORIZED = "Manglende, ugyldig eller tilbagekaldt API-nøgle"
NOT_FOUND = "Findes ikke, eller kalderen har ikke adgang"
_PATH_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
_PATH_DESCRIPTIONS = {"form_name": "Formularens navn, fx smarte_maal"}
_CONVERTER_TYPES = {"int": "integer", "float": "number"}
BINARY = {"type": "string", "format": "binary"}


@dataclass(frozen=True)
class Binary:
    """A file answer (a Word document, a PDF, a workbook)."""

    description: str
    media_types: tuple[str, ...]
    headers: dict[str, Any] = field(default_factory=dict)


# An answer: (description, model) for a JSON body (model None: not described further), a
# description alone for an error body (``Error``), or a Binary file.
Reply = tuple[str, type[BaseModel] | None] | str | Binary


@dataclass(frozen=True)
class Operation:
    """One method on one URL rule, as documented."""

    endpoint: str
    method: str
    rule: str
    operation_id: str
    summary: str
    responses: dict[int, Reply]
    body: type[BaseModel] | None = None
    body_media: str = JSON
    query: type[BaseModel] | None = None
    public: bool = False


OPERATIONS: list[Operation] = []


def _camel(name: str) -> str:
    """get_case_form → getCaseForm."""
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def operation(
    method: str,
    rule: str,
    *,
    summary: str,
    responses: dict[int, Reply],
    body: type[BaseModel] | None = None,
    body_media: str = JSON,
    query: type[BaseModel] | None = None,
    operation_id: str | None = None,
    public: bool = False,
) -> Callable[[Callable], Callable]:
    """Route the handler on the API blueprint and record it for the OpenAPI document.

    Unless `public`, the caller is authenticated before the handler runs, so the document's
    security and the enforcement come from the same declaration.
    """

    def register(view: Callable) -> Callable:
        bp.add_url_rule(rule, view_func=view if public else _authenticated(view), methods=[method])
        OPERATIONS.append(
            Operation(
                endpoint=f"{bp.name}.{view.__name__}",
                method=method.lower(),
                rule=rule,
                operation_id=operation_id or _camel(view.__name__),
                summary=summary,
                responses=responses,
                body=body,
                body_media=body_media,
                query=query,
                public=public,
            )
        )
        return view

    return register


def _authenticated(view: Callable) -> Callable:
    """The handler, run only for a caller `authenticate` knows."""

    @functools.wraps(view)
    def guarded(**kwargs: Any):
        refused = authenticate()
        return refused if refused is not None else view(**kwargs)

    return guarded


def openapi_path(rule: str) -> str:
    """A Flask rule in OpenAPI syntax: /cases/<int:case_id> → /cases/{case_id}."""
    return _PATH_PARAMETER.sub(r"{\2}", rule)


def _path_parameters(rule: str) -> list[dict[str, Any]]:
    """The path parameters of a rule, typed by their converters."""
    found = []
    for converter, name in _PATH_PARAMETER.findall(rule):
        parameter = {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": _CONVERTER_TYPES.get(converter, "string")},
        }
        if name in _PATH_DESCRIPTIONS:
            parameter["description"] = _PATH_DESCRIPTIONS[name]
        found.append(parameter)
    return found


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """One query parameter per field of the query model."""
    schema = model.model_json_schema(ref_template=REF)
    required = set(schema.get("required", []))
    parameters = []
    for name, prop in schema["properties"].items():
        prop = {k: v for k, v in prop.items() if k not in ("title", "description")}
        # A query parameter is absent rather than null.
        if prop.get("default", "") is None:
            del prop["default"]
        kinds = [k for k in prop.pop("anyOf", []) if k != {"type": "null"}]
        prop |= kinds[0] if len(kinds) == 1 else ({"anyOf": kinds} if kinds else {})
        parameter = {"name": name, "in": "query", "required": name in required, "schema": prop}
        description = model.model_fields[name].description
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


def _models(operations: list[Operation]) -> list[tuple[type[BaseModel], str]]:
    """Every body model (validation) and answer model (serialization) once, Error first."""
    found: list[tuple[type[BaseModel], str]] = [(Error, "serialization")]
    for op in operations:
        wanted = [(op.body, "validation")] if op.body else []
        wanted += [
            (r[1], "serialization")
            for r in op.responses.values()
            if isinstance(r, tuple) and r[1] is not None
        ]
        found += [pair for pair in wanted if pair not in found]
    return found


def _reply(reply: Reply, refs: dict) -> dict[str, Any]:
    """An OpenAPI response object."""
    if isinstance(reply, Binary):
        answer: dict[str, Any] = {
            "description": reply.description,
            "content": {t: {"schema": BINARY} for t in reply.media_types},
        }
        if reply.headers:
            answer["headers"] = reply.headers
        return answer
    description, model = reply if isinstance(reply, tuple) else (reply, Error)
    if model is None:
        return {"description": description}
    return {
        "description": description,
        "content": {JSON: {"schema": refs[(model, "serialization")]}},
    }


def _operation_object(op: Operation, refs: dict) -> dict[str, Any]:
    """The OpenAPI operation object of one registered operation."""
    responses = dict(op.responses) if op.public else {401: UNAUTHORIZED, **op.responses}
    document: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
    }
    parameters = _path_parameters(op.rule) + (_query_parameters(op.query) if op.query else [])
    if parameters:
        document["parameters"] = parameters
    if op.body:
        document["requestBody"] = {
            "required": True,
            "content": {op.body_media: {"schema": refs[(op.body, "validation")]}},
        }
    if op.public:
        document["security"] = []
    document["responses"] = {str(s): _reply(r, refs) for s, r in sorted(responses.items())}
    return document


def openapi_document(server_url: str = "/api/v1") -> dict[str, Any]:
    """The whole OpenAPI document, generated from the registered operations."""
    refs, definitions = models_json_schema(_models(OPERATIONS), ref_template=REF)
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        path = openapi_path(op.rule)
        paths.setdefault(path, {})[op.method] = _operation_object(op, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "enindgang API",
            "version": "1",
            "description": (
                "Sager, formularer og finansiering. Samme rettigheder som i browseren. "
                "Fejlbeskeder er på dansk; med en API-nøgle giver `Accept-Language: en` dem på "
                "engelsk, i en browser-session følger de det valgte sprog."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
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

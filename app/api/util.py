"""Helpers for API views: the caller, request bodies parsed by their models, answers."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import g, jsonify, request
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import BadRequest

from app.api.schemas import RequestBody
from app.formengine.pydantic_errors import translate
from app.models import User
from app.text import clean_data
from app.web.errors import error_response

Body = TypeVar("Body", bound=RequestBody)


class RequestInvalid(ValueError):
    """A request body or query did not fit its model; ``errors`` maps a path to messages."""

    def __init__(self, errors: dict[str, list[str]], message: str | None = None):
        super().__init__("; ".join(errors))
        self.errors = errors
        self.message = message


class ApiError(Exception):
    """An error answer raised from a helper: ``code`` with ``message`` in the UI language."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def api_user() -> User:
    """The authenticated caller of this API request."""
    return g.api_user


#: How deeply a request's JSON may nest (the deepest real body, a form with rows of rows, is 4).
MAX_JSON_DEPTH = 32


def json_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply ``value`` nests, counting no further than ``limit`` + 1 (iteratively)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > limit:
                return depth
            children = item.values() if isinstance(item, dict) else item
            todo.extend((child, depth + 1) for child in children)
    return deepest


def json_body() -> dict:
    """The request's JSON object; a clear 400 for anything else (also for JSON nested so
    deeply that parsing it would exhaust the stack)."""
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        data = None
        too_deep = True
    else:
        too_deep = json_depth(data) > MAX_JSON_DEPTH
    if too_deep:
        raise ApiError(
            400,
            _("JSON-objektet er indlejret for dybt (højst %(max)s niveauer).", max=MAX_JSON_DEPTH),
        )
    if not isinstance(data, dict):
        raise BadRequest(
            _(
                "Forventede et JSON-objekt i forespørgslen (Content-Type: %(type)s).",
                type="application/json",
            )
        )
    return clean_data(data)


def dotted(path: tuple[str | int, ...]) -> str:
    """A raw path as the API writes it: ("lines", 0, "shares") → lines[0].shares."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def field_errors(
    error: ValidationError, data: Any, messages: dict[str, Any]
) -> dict[str, list[str]]:
    """pydantic's errors as {path: [message]}, in the model's own words where it has them.

    ``messages`` is the model's table (``field:kind`` before ``field``); a field without an
    entry keeps the generic text of ``app.formengine.pydantic_errors``.
    """
    found: dict[str, list[str]] = {}
    for detail, (raw, generic) in zip(error.errors(), translate(error, data), strict=True):
        path = dotted(raw)
        message = messages.get(f"{path}:{detail['type']}", messages.get(path, generic))
        if str(message) not in found.setdefault(path, []):
            found[path].append(str(message))
    return found


def parse(model: type[Body], data: Any, message: str | None = None) -> Body:
    """``data`` as ``model``; raises RequestInvalid (a 422) with errors by path."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise RequestInvalid(field_errors(error, data, model.messages), message) from None


def parse_json(model: type[Body]) -> Body:
    """The request's JSON object as ``model`` (400 when not an object, 422 when invalid)."""
    return parse(model, json_body())


def parse_query(model: type[Body], message: str | None = None) -> Body:
    """The query string as ``model`` (the first value of each parameter)."""
    return parse(model, request.args.to_dict(), message)


def answer(model: type[BaseModel], data: Any, status: int = 200):
    """A JSON answer built through its model: the same keys as ``data``, checked by type."""
    body = model.model_validate(data).model_dump(mode="json", exclude_unset=True)
    return jsonify(body), status


def invalid(errors: dict[str, list[str]]):
    """The 422 answer to data the service refused, with its messages by path."""
    return error_response(422, _("Oplysningerne kunne ikke godkendes."), errors=errors)


def conflict(current: dict | None, message: str | None = None):
    """The 409 answer to a save over a stale version, with what is stored now."""
    message = message or _("Nogen har gemt i mellemtiden. Hent den nyeste version.")
    return error_response(409, message, current=current)

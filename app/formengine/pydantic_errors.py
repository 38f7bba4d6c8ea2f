"""Turn pydantic's validation errors into plain-English problems at raw-data paths."""

from __future__ import annotations

import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from app.formengine.problems import RawPath, did_you_mean
from app.formengine.schema import FIELD_TYPES, FormDefinition, LocalizedText, Section

_VALUE_AT_KEY = re.compile(r"\[(\w+)\] (.*)", re.DOTALL)
_YAML_BOOL_HINT = " (YAML reads yes/no/on/off as true/false: put the text in quotes)"
_NAME_KEYS = {"name", "field", "column", "after", "not_after", "choices_from"}
_SIMPLE = {
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "finite_number": "should be an ordinary number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": "should be a list",
    "string_too_short": "should not be empty",
    "date_type": "should be a date like 2026-11-23",
    "date_parsing": "should be a date like 2026-11-23",
    "date_from_datetime_parsing": "should be a date like 2026-11-23",
    "date_from_datetime_inexact": "should be a date like 2026-11-23 (without a time)",
}


def translate(exc: ValidationError, data: Any) -> list[tuple[RawPath, str]]:
    """(path in the raw data, message) for each error pydantic found."""
    found = []
    for error in exc.errors(include_url=False):
        raw = _raw_path(error["loc"], data)
        found.append(_explain(error, raw, data))
    return found


def _raw_path(loc: tuple[Any, ...], data: Any) -> RawPath:
    """Drop the discriminator tags pydantic puts in ``loc`` so the path fits the YAML."""
    path: list[Any] = []
    node = data
    tag_next = False
    for part in loc:
        if tag_next:
            tag_next = False
            if isinstance(node, dict) and part == node.get("type"):
                continue
        if isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
            tag_next = len(path) >= 2 and path[-2] == "fields"
        elif isinstance(node, dict):
            path.append(part)
            node = node.get(part)
        else:
            break  # below a scalar: pydantic's own union member names
    return tuple(path)


def _explain(error: Any, raw: RawPath, data: Any) -> tuple[RawPath, str]:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    given = error.get("input")
    last = raw[-1] if raw else None
    if kind == "extra_forbidden":
        return raw, _unknown_key(raw, data)
    if kind == "missing":
        return raw, f"'{last}' is missing"
    if kind == "union_tag_invalid":
        tag = ctx.get("tag")
        if tag == "repeat" and raw.count("fields") > 2:
            return (*raw, "type"), (
                "a repeat inside a repeat cannot contain another repeat "
                "(repeats nest one level deep at most)"
            )
        if tag in FIELD_TYPES:
            return (*raw, "type"), f"a repeat cannot contain a '{tag}' field"
        return (*raw, "type"), f"unknown field type '{tag}'" + did_you_mean(tag, FIELD_TYPES)
    if kind == "union_tag_not_found":
        return raw, "the field has no 'type' (one of: " + ", ".join(FIELD_TYPES) + ")"
    if kind == "string_type":
        return raw, "should be text" + (_YAML_BOOL_HINT if isinstance(given, bool) else "")
    if kind in _SIMPLE:
        return raw, _SIMPLE[kind]
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        hint = _YAML_BOOL_HINT if isinstance(given, bool) else ""
        if _model_at(raw, data) is LocalizedText:
            return raw, "should be a text, or a mapping with da: and en: texts" + hint
        return raw, "should be a mapping of keys and values"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return raw, f"must be one of: {', '.join(options)}" + did_you_mean(given, options)
    if kind == "string_pattern_mismatch" and last in _NAME_KEYS:
        return raw, (
            f"'{given}' is not a valid name: use lowercase letters a-z, digits and _, "
            "starting with a letter (no spaces, no æ, ø or å)"
        )
    if kind == "string_too_long":
        return raw, f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        return raw, f"should have at least {ctx.get('min_length')} entry"
    if kind in ("greater_than_equal", "greater_than"):
        return raw, f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return raw, f"must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        if match := _VALUE_AT_KEY.fullmatch(message):
            key, message = match.groups()
            node = _node_at(raw, data)
            return ((*raw, key) if isinstance(node, dict) and key in node else raw), message
        return raw, message
    message = str(error["msg"])
    return raw, message[:1].lower() + message[1:]


def _unknown_key(raw: RawPath, data: Any) -> str:
    key = raw[-1]
    model = _model_at(raw[:-1], data)
    allowed = list(model.model_fields) if model else []
    hint = did_you_mean(key, allowed)
    field_type = getattr(model, "model_fields", {}).get("type")
    if field_type is not None and not hint:
        kind = _literals(field_type.annotation)[0]
        if any(key in m.model_fields for m in _field_models()):
            return f"a {kind} field has no '{key}'"
    return f"unknown key '{key}'" + hint


def _node_at(raw: RawPath, data: Any) -> Any:
    node = data
    for part in raw:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _model_at(raw: RawPath, data: Any) -> type[BaseModel] | None:
    """The schema model that describes the mapping at ``raw`` (fields chosen by type)."""
    models: list[type[BaseModel]] = [FormDefinition]
    node = data
    for part in raw:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            continue
        model = _pick(models, node)
        if model is None or part not in model.model_fields:
            return None
        models = _models_in(model.model_fields[part].annotation)
        node = node.get(part) if isinstance(node, dict) else None
    return _pick(models, node)


def _pick(models: list[type[BaseModel]], node: Any) -> type[BaseModel] | None:
    if len(models) == 1:
        return models[0]
    if isinstance(node, dict):
        for model in models:
            tag = model.model_fields.get("type")
            if tag is not None and node.get("type") in _literals(tag.annotation):
                return model
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            for model in _models_in(arg):
                if model not in found:
                    found.append(model)
    return found


def _literals(annotation: Any) -> tuple[Any, ...]:
    return get_args(annotation)


def _field_models() -> list[type[BaseModel]]:
    return _models_in(Section.model_fields["fields"].annotation)

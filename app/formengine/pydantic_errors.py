"""Turn pydantic's validation errors into plain problems (Danish source) at raw-data paths."""

from __future__ import annotations

import re
from typing import Any, get_args, get_origin

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ValidationError

from app.formengine.problems import RawPath, did_you_mean
from app.formengine.schema import FIELD_TYPES, FormDefinition, LocalizedText, Section
from app.formengine.typenames import TYPE_NAMES, suggest_type

_VALUE_AT_KEY = re.compile(r"\[(\w+)\] (.*)", re.DOTALL)
_NAME_KEYS = {"name", "field", "column", "after", "not_after", "choices_from"}
_WHOLE = _l("skal være et helt tal")
_NUMBER = _l("skal være et tal")
_BOOL = _l("skal være true eller false")
_DATE = _l("skal være en dato som 2026-11-23")
_SIMPLE = {
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": _l("skal være et almindeligt tal"),
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "list_type": _l("skal være en liste"),
    "string_too_short": _l("må ikke være tom"),
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _l("skal være en dato som 2026-11-23 (uden klokkeslæt)"),
}


def _yaml_bool_hint(given: Any) -> str:
    """A hint when YAML turned a word like yes/no/on/off into true/false."""
    if not isinstance(given, bool):
        return ""
    return " " + _("(YAML læser yes/no/on/off som true/false: sæt teksten i anførselstegn)")


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
        return raw, _("'%(key)s' mangler", key=last)
    if kind == "union_tag_invalid":
        tag = ctx.get("tag")
        if tag == "repeat" and raw.count("fields") > 2:
            return (*raw, "type"), _(
                "en gentagelse i en gentagelse kan ikke indeholde endnu en gentagelse "
                "(gentagelser kan højst ligge ét niveau inde i hinanden)"
            )
        if tag in FIELD_TYPES:
            return (*raw, "type"), _(
                "en gentagelse kan ikke indeholde et '%(type)s'-felt", type=tag
            )
        meant = suggest_type(tag)
        if meant:
            return (*raw, "type"), _(
                "ukendt felttype '%(type)s' — mente du '%(meant)s' (%(name)s)?",
                type=tag,
                meant=meant,
                name=TYPE_NAMES[meant],
            )
        return (*raw, "type"), _("ukendt felttype '%(type)s'", type=tag)
    if kind == "union_tag_not_found":
        return raw, _("feltet har ingen 'type' (en af: %(types)s)", types=", ".join(FIELD_TYPES))
    if kind == "string_type":
        return raw, _("skal være tekst") + _yaml_bool_hint(given)
    if kind in _SIMPLE:
        return raw, str(_SIMPLE[kind])
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        hint = _yaml_bool_hint(given)
        if _model_at(raw, data) is LocalizedText:
            return raw, _("skal være en tekst eller en mapping med teksterne da: og en:") + hint
        return raw, _("skal være en mapping af nøgler og værdier")
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return raw, _("skal være en af: %(options)s", options=", ".join(options)) + did_you_mean(
            given, options
        )
    if kind == "string_pattern_mismatch" and last in _NAME_KEYS:
        return raw, _(
            "'%(name)s' er ikke et gyldigt navn: brug små bogstaver a-z, cifre og _, og begynd "
            "med et bogstav (ingen mellemrum, ingen æ, ø eller å)",
            name=given,
        )
    if kind == "string_too_long":
        return raw, _("er for lang (højst %(max)s tegn)", max=ctx.get("max_length"))
    if kind == "too_short":
        if len(raw) == 3 and raw[0] == "sections" and raw[2] == "fields":
            # What a leader meets after adding a section in the visual editor.
            return raw, _("afsnittet har endnu ingen felter; tilføj mindst ét felt")
        return raw, _("skal have mindst %(min)s element", min=ctx.get("min_length"))
    if kind in ("greater_than_equal", "greater_than"):
        return raw, _("skal være mindst %(value)s", value=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return raw, _("må højst være %(value)s", value=ctx.get("le", ctx.get("lt")))
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        if match := _VALUE_AT_KEY.fullmatch(message):
            key, message = match.groups()
            node = _node_at(raw, data)
            return ((*raw, key) if isinstance(node, dict) and key in node else raw), message
        return raw, message
    # A check pydantic words itself (rare): its English text is kept as a quoted detail.
    return raw, _("ugyldig værdi (»%(detail)s«)", detail=str(error["msg"]))


def _unknown_key(raw: RawPath, data: Any) -> str:
    key = raw[-1]
    model = _model_at(raw[:-1], data)
    allowed = list(model.model_fields) if model else []
    hint = did_you_mean(key, allowed)
    field_type = getattr(model, "model_fields", {}).get("type")
    if field_type is not None and not hint:
        kind = _literals(field_type.annotation)[0]
        if any(key in m.model_fields for m in _field_models()):
            return _("et %(type)s-felt har ikke '%(key)s'", type=kind, key=key)
    return _("ukendt nøgle '%(key)s'", key=key) + hint


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

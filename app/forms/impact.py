"""What a new version means for the forms already filled in, and warnings that do not block
publishing (duplicate labels, fields a show_if can never show), in the leader's words.

Plain functions over parsed definitions; the counts come from the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import gettext as _

from app.formengine import FormDefinition, Problem
from app.formengine.typenames import TYPE_NAMES

ORIGIN = "<formular>"


def _label(spec: Any) -> str:
    label = getattr(spec, "label", None) or getattr(spec, "text", None)
    return label.da if label is not None else getattr(spec, "name", "") or ""


def _choice_values(spec: Any) -> list[str] | None:
    choices = getattr(spec, "choices", None)
    return [c.value for c in choices] if choices else None


def change_summary(old: FormDefinition, new: FormDefinition) -> list[str]:
    """One plain sentence per change that matters for filled-in forms, in page order."""
    lines: list[str] = []
    old_fields = {f.name: f for f in old.input_fields()}
    new_fields = {f.name: f for f in new.input_fields()}
    for name, spec in new_fields.items():
        before = old_fields.get(name)
        if before is None:
            lines.append(
                _(
                    "Nyt felt »%(label)s«: det står tomt i de udfyldte formularer, "
                    "indtil nogen udfylder det.",
                    label=_label(spec),
                )
            )
            continue
        lines.extend(_field_changes(before, spec))
    for name, spec in old_fields.items():
        if name not in new_fields:
            lines.append(
                _(
                    "Feltet »%(label)s« fjernes: det, der allerede er skrevet i det, bevares i "
                    "de gemte formularer, men vises ikke længere, når de opdateres til den nye "
                    "version.",
                    label=_label(spec),
                )
            )
    return lines


def _field_changes(before: Any, after: Any) -> list[str]:
    label = _label(after)
    if before.type != after.type:
        return [
            _(
                "»%(label)s« skifter fra %(old)s til %(new)s: svar, der ikke passer til den nye "
                "type, ryddes, når en formular opdateres.",
                label=label,
                old=TYPE_NAMES[before.type],
                new=TYPE_NAMES[after.type],
            )
        ]
    lines = []
    old_values, new_values = _choice_values(before), _choice_values(after)
    old_list = getattr(before, "choices_from", None)
    new_list = getattr(after, "choices_from", None)
    if old_list != new_list:
        lines.append(
            _(
                "»%(label)s« henter nu sine valgmuligheder fra listen '%(list)s'; svar, der "
                "ikke findes på listen, skal vælges igen, når en formular opdateres.",
                label=label,
                list=new_list,
            )
            if new_list
            else _(
                "»%(label)s« har nu sine egne valgmuligheder i stedet for en fælles liste.",
                label=label,
            )
        )
    elif old_values is not None and new_values is not None and old_values != new_values:
        removed = [v for v in old_values if v not in new_values]
        added = [v for v in new_values if v not in old_values]
        lines.append(
            _(
                "Valgmulighederne i »%(label)s« er ændret (fjernet: %(removed)s; tilføjet: "
                "%(added)s). Gemte svar med en fjernet mulighed skal vælges igen, når en "
                "formular opdateres.",
                label=label,
                removed=", ".join(removed) or "–",
                added=", ".join(added) or "–",
            )
        )
    if getattr(after, "required", False) and not getattr(before, "required", False):
        lines.append(
            _(
                "»%(label)s« bliver påkrævet: en formular, der opdateres, kan først gøres "
                "færdig, når feltet er udfyldt.",
                label=label,
            )
        )
    return lines


def definition_warnings(
    definition: FormDefinition, vocabularies: Mapping[str, Sequence[Mapping[str, Any]]]
) -> list[Problem]:
    """Warnings that do not stop publishing: labels used twice, fields never shown."""
    warnings: list[Problem] = []
    seen: dict[str, str] = {}
    for spec in definition.input_fields():
        key = _label(spec).strip().lower()
        if key in seen:
            warnings.append(
                Problem(
                    ORIGIN,
                    None,
                    spec.name,
                    _(
                        "ledeteksten »%(label)s« bruges også af feltet '%(other)s'; giv "
                        "felterne hver sin ledetekst, så de kan skelnes",
                        label=_label(spec),
                        other=seen[key],
                    ),
                )
            )
        seen.setdefault(key, spec.name)
    never = _never_shown(definition, vocabularies)
    for name, reason in never.items():
        warnings.append(Problem(ORIGIN, None, name, reason))
    return warnings


def _never_shown(
    definition: FormDefinition, vocabularies: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, str]:
    """Fields whose show_if can never be met, with the reason."""
    fields = {f.name: f for s in definition.sections for f in s.fields if getattr(f, "name", None)}
    never: dict[str, str] = {}
    changed = True
    while changed:  # a field that depends on a never-shown field is never shown either
        changed = False
        for name, spec in fields.items():
            rule = spec.show_if
            if name in never or rule is None or rule.field not in fields:
                continue
            reason = _unreachable(rule, fields[rule.field], vocabularies, never)
            if reason:
                never[name] = _("vises aldrig: %(reason)s", reason=reason)
                changed = True
    return never


def _unreachable(
    rule: Any,
    target: Any,
    vocabularies: Mapping[str, Sequence[Mapping[str, Any]]],
    never: Mapping[str, str],
) -> str | None:
    if target.name in never:
        return _("feltet '%(name)s', som det afhænger af, vises aldrig", name=target.name)
    expected = rule.expected
    if getattr(target, "readonly", False):
        default = getattr(target, "default", None)
        if rule.not_empty and default is None or expected and default not in expected:
            return _(
                "'%(name)s' er skrivebeskyttet, så dets værdi ændrer sig aldrig", name=target.name
            )
    listed = getattr(target, "choices_from", None)
    if listed and expected and listed in vocabularies:
        values = {str(item.get("value")) for item in vocabularies[listed]}
        if not any(str(value) in values for value in expected):
            return _(
                "listen '%(list)s' har ingen af værdierne %(values)s",
                list=listed,
                values=", ".join(f"'{v}'" for v in expected),
            )
    return None

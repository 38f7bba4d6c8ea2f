"""The Flettefelter page: every variable and loop a template may use, with an example.

Built from the same `known_names` the upload check uses and from the same sample context
the test render uses, so the page cannot promise a name the check refuses. Examples are
rendered through the document sandbox, so they show exactly what Word will show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.docgen import ImageSpec
from app.docgen.environment import make_environment
from app.formengine import FormDefinition
from app.formengine.schema import RepeatField

#: The filter to suggest for each field type (None: the raw value reads well as it is).
TYPE_FILTER = {
    "date": "dato",
    "money": "kr",
    "decimal": "tal",
    "percent": "procent",
    "boolean": "ja_nej",
}
#: Field types whose stored value is a key or number: suggest the display text instead.
SHOW_DISPLAY = frozenset({"select", "multiselect", "person", "scale"})

#: Labels of the fixed context parts, by path (`[]` marks a list's rows).
FIXED_LABELS: dict[str, tuple[str, str | None]] = {
    "kommune.navn": ("Kommunens navn", None),
    "kommune.logo": ("Kommunens logo (indsættes som billede)", None),
    "kommune.afdeling": ("Afdeling (tom, indtil kommunens indstillinger har den)", None),
    "kommune.adresse": ("Adresse (tom, indtil kommunens indstillinger har den)", None),
    "kommune.telefon": ("Telefon (tom, indtil kommunens indstillinger har den)", None),
    "kommune.email": ("E-mail (tom, indtil kommunens indstillinger har den)", None),
    "sag.reference": ("Sagsnummer", None),
    "sag.titel": ("Sagens titel", None),
    "sag.status": ("Sagens status (Åben/Lukket)", None),
    "sag.oprettet": ("Dato for oprettelse", "dato"),
    "sag.koordinator.navn": ("Familiekoordinatorens navn", None),
    "sag.koordinator.rolle": ("Familiekoordinatorens rolle", None),
    "sag.koordinator.email": ("Familiekoordinatorens e-mail", None),
    "sag.koordinator.telefon": ("Familiekoordinatorens telefon", None),
    "sag.koordinator.afdeling": ("Familiekoordinatorens afdeling", None),
    "sag.kerneteam": ("Kerneteamet (familiekoordinatoren først)", None),
    "sag.kerneteam[].navn": ("Navn", None),
    "sag.kerneteam[].rolle": ("Rolle i teamet", None),
    "sag.kerneteam[].email": ("E-mail", None),
    "sag.kerneteam[].telefon": ("Telefon", None),
    "sag.kerneteam[].afdeling": ("Afdeling", None),
    "dokument.titel": ("Dokumentets titel", None),
    "dokument.formular": ("Formularens navn", None),
    "dokument.status": ("Status (Endelig/Kladde)", None),
    "dokument.version": ("Gemt version nr.", None),
    "dokument.gemt": ("Senest gemt (dato og klokkeslæt)", "dato"),
    "dokument.gemt_af": ("Senest gemt af", None),
    "dokument.formularversion": ("Formularens version", None),
    "dato": ("Dagens dato", "dato"),
    # The joint plan
    "maal": ("Målarket (SMARTE-mål)", None),
    "beslutninger": ("Sagens bevillinger fra fordelingen af finansiering", None),
    "beslutninger[].indsats": ("Indsats", None),
    "beslutninger[].paragraf": ("Paragraf", None),
    "beslutninger[].beskrivelse": ("Beskrivelse", None),
    "beslutninger[].aarlig_udgift": ("Udgift pr. år", "kr"),
    "beslutninger[].start": ("Start", "dato"),
    "beslutninger[].slut": ("Slut (tom: løbende)", "dato"),
    "beslutninger[].besluttes_af": ("Besluttes af (angivet på bevillingen)", None),
    "beslutninger[].efter_planen": ("Hvem må bevilge efter beslutningskompetenceplanen", None),
    "beslutninger[].begrundelse": ("Hvorfor (række og grænse i planen)", None),
    "beslutninger[].daekket": ("Dækket af planen (ja/nej)", "ja_nej"),
    "beslutninger[].under_planen": ("Angivet lavere, end planen kræver (ja/nej)", "ja_nej"),
    "beslutninger[].andele": ("Afdelingernes andele", None),
    "beslutninger[].andele[].afdeling": ("Afdeling", None),
    "beslutninger[].andele[].procent": ("Andel", "procent"),
    "beslutninger[].andele[].beloeb": ("Beløb pr. år", "kr"),
    "beslutninger[].andele_tekst": ("Andelene i én linje", None),
    "beslutninger[].noter": ("Noter", None),
    "finansiering.aar": ("Året, som beløbene gælder", None),
    "finansiering.afdelinger": ("Afdelingerne, der betaler", None),
    "finansiering.afdelinger[].afdeling": ("Afdeling", None),
    "finansiering.afdelinger[].aar_beloeb": ("Beløb i året", "kr"),
    "finansiering.afdelinger[].aar_procent": ("Andel i året", "procent"),
    "finansiering.afdelinger[].periode_beloeb": ("Beløb i hele perioden", "kr"),
    "finansiering.afdelinger[].periode_procent": ("Andel i hele perioden", "procent"),
    "finansiering.aar_total": ("I alt i året", "kr"),
    "finansiering.periode_total": ("I alt i hele perioden", "kr"),
    "opfoelgning": ("Kommende datoer i planen, tidligste først", None),
    "opfoelgning[].dato": ("Dato", "dato"),
    "opfoelgning[].hvad": ("Hvad", None),
    "opfoelgning[].ansvarlig": ("Ansvarlig", None),
    "naeste_opfoelgning.dato": ("Næste dato i planen", "dato"),
    "naeste_opfoelgning.hvad": ("Hvad der sker da", None),
    "naeste_opfoelgning.ansvarlig": ("Ansvarlig", None),
}
SKIP_TOP = frozenset({"felter", "oversigt"})  # explained in the page's text
SKIP_ANYWHERE = frozenset({"vis", "etiketter"})  # shown as alternatives / explained


@dataclass
class MergeField:
    """One line of the page: a value or a loop, its label, an example and what to write."""

    path: str
    label: str
    snippet: str
    example: str
    alternative: str = ""
    depth: int = 0
    is_loop: bool = False
    end_snippet: str = ""


@dataclass
class MergeGroup:
    """A titled group of lines (the municipality, the case, the form's fields, …)."""

    title: str
    fields: list[MergeField] = field(default_factory=list)


def field_labels(definition: FormDefinition | None, prefix: str = "") -> dict[str, Any]:
    """Path → (label, type) of every input field and repeat column of a definition."""
    if definition is None:
        return {}
    labels: dict[str, Any] = {}

    def add(spec: Any, path: str) -> None:
        labels[path] = (spec.label.da, spec.type)
        if isinstance(spec, RepeatField):
            for column in spec.fields:
                add(column, f"{path}[].{column.name}")

    for spec in definition.input_fields():
        add(spec, prefix + spec.name)
    return labels


def _example(snippet: str, scope: Mapping[str, Any]) -> str:
    """What the snippet renders to with the sample data (empty if it cannot)."""
    inner = snippet.strip("{} ").split("|")[0]
    if isinstance(resolve(inner, scope), ImageSpec):
        return "(billede)"
    try:
        text = make_environment().from_string(snippet).render(dict(scope))
    except Exception:  # an example is a courtesy; the upload check is the real test
        return ""
    return " ".join(text.split())[:160]


def _loop_var(key: str, taken: set[str]) -> str:
    """A short loop variable (goals → g, then go, …) not used by an enclosing loop."""
    for length in range(1, len(key) + 1):
        if key[:length] not in taken:
            return key[:length]
    return key + "_"


def walk(
    node: Mapping[str, Any],
    *,
    labels: Mapping[str, Any],
    scope: Mapping[str, Any],
    expr: str = "",
    path: str = "",
    depth: int = 0,
    loop_vars: frozenset[str] = frozenset(),
    in_table: bool = False,
) -> list[MergeField]:
    """Lines for every name under `node`; `scope` holds the sample values of the names."""
    lines: list[MergeField] = []
    for key, sub in node.items():
        if key in SKIP_ANYWHERE or (not expr and key in SKIP_TOP):
            continue
        here_expr = f"{expr}.{key}" if expr else key
        here_path = f"{path}.{key}" if path else key
        label, kind = labels.get(here_path, (FIXED_LABELS.get(here_path, (key,))[0], None))
        if isinstance(sub, Mapping):
            lines += walk(sub, labels=labels, scope=scope, expr=here_expr, path=here_path,
                          depth=depth, loop_vars=loop_vars, in_table=in_table)  # fmt: skip
        elif isinstance(sub, list):
            lines += _loop(key, sub, label, here_expr, here_path, labels, scope, depth, loop_vars,
                           in_table)  # fmt: skip
        else:
            lines.append(_value(here_expr, here_path, label, kind, scope, depth))
    return lines


def _value(expr: str, path: str, label: str, kind: str | None, scope: Any, depth: int):
    """The line of one value: the snippet with the right filter, and the alternative."""
    fixed_filter = FIXED_LABELS.get(path, (None, None))[1]
    chosen = fixed_filter or TYPE_FILTER.get(kind or "")
    snippet = f"{{{{ {expr}|{chosen} }}}}" if chosen else f"{{{{ {expr} }}}}"
    alternative = ""
    head, _, name = expr.rpartition(".")
    display = f"{{{{ {head + '.' if head else ''}vis.{name} }}}}"
    if kind in SHOW_DISPLAY:
        snippet, alternative = display, f"{{{{ {expr} }}}}"
    elif kind is not None and kind not in ("text", "textarea"):
        alternative = display
    return MergeField(path, label, snippet, _example(snippet, scope), alternative, depth)


def _loop(key, sub, label, expr, path, labels, scope, depth, loop_vars, in_table):  # noqa: ANN001
    """The line of a loop, then the lines of its rows' names with the first row as example."""
    var = _loop_var(key, set(loop_vars))
    found = resolve(expr, scope)
    rows = list(found) if isinstance(found, list) else []
    tag = "p" if in_table else "tr"
    line = MergeField(
        path,
        label,
        f"{{%{tag} for {var} in {expr} %}}",
        f"{len(rows)} rækker i eksemplet" if rows else "",
        depth=depth,
        is_loop=True,
        end_snippet=f"{{%{tag} endfor %}}",
    )
    row_names = sub[0] if sub and isinstance(sub[0], Mapping) else {}
    row_scope = {**scope, var: rows[0] if rows else {}}
    return [line] + walk(row_names, labels=labels, scope=row_scope, expr=var, path=path + "[]",
                         depth=depth + 1, loop_vars=loop_vars | {var}, in_table=True)  # fmt: skip


def resolve(expr: str, scope: Mapping[str, Any]) -> Any:
    """The sample value of a dotted name (None when it is not there)."""
    value: Any = scope
    for part in expr.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def merge_groups(
    known: Mapping[str, Any],
    sample: Mapping[str, Any],
    groups: list[tuple[str, list[str]]],
    labels: Mapping[str, Any],
) -> list[MergeGroup]:
    """The page's groups: each takes the listed top-level names that exist in `known`.

    `labels` maps a field's path (`goals[].title`) to its (label, field type); the fixed
    parts' labels come from FIXED_LABELS.
    """
    result = []
    for title, keys in groups:
        node = {key: known[key] for key in keys if key in known}
        lines = walk(node, labels=labels, scope=sample)
        if lines:
            result.append(MergeGroup(title, lines))
    return result


def form_groups(
    definition: FormDefinition, known: Mapping[str, Any], sample: Mapping[str, Any]
) -> list[MergeGroup]:
    """The Flettefelter page of a form."""
    field_names = [s.name for s in definition.input_fields() if s.name in known]
    groups = [
        ("Kommunen", ["kommune"]),
        ("Sagen", ["sag"] if definition.scope == "case" else []),
        ("Dokumentet", ["dokument", "dato"]),
        ("Formularens felter", field_names),
    ]
    return merge_groups(known, sample, groups, field_labels(definition))


def hidden_fields(definition: FormDefinition | None, known: Mapping[str, Any]) -> list[str]:
    """Fields whose name a fixed part uses: templates reach them as `felter.<name>`."""
    if definition is None:
        return []
    return [s.name for s in definition.input_fields() if s.name not in known]

"""The Flettefelter page: every variable and loop a template may use, with an example.

Built from the same `known_names` the upload check uses and from the same sample context
the test render uses, so the page cannot promise a name the check refuses. Examples are
rendered through the document sandbox, so they show exactly what Word will show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import has_app_context
from flask_babel import LazyString, gettext, ngettext
from flask_babel import lazy_gettext as _l

from app.docgen import ImageSpec
from app.docgen.environment import make_environment
from app.formengine import FormDefinition
from app.formengine.schema import RepeatField
from app.web.i18n import current_locale

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

#: Labels of the fixed context parts, by path (`[]` marks a list's rows), in the UI language.
#: The paths are template code and stay Danish in every language.
FIXED_LABELS: dict[str, tuple[LazyString, str | None]] = {
    "kommune.navn": (_l("Kommunens navn"), None),
    "kommune.logo": (_l("Kommunens logo (indsættes som billede)"), None),
    "kommune.afdeling": (_l("Afdeling (tom, indtil kommunens indstillinger har den)"), None),
    "kommune.adresse": (_l("Adresse (tom, indtil kommunens indstillinger har den)"), None),
    "kommune.telefon": (_l("Telefon (tom, indtil kommunens indstillinger har den)"), None),
    "kommune.email": (_l("E-mail (tom, indtil kommunens indstillinger har den)"), None),
    "sag.reference": (_l("Sagsnummer"), None),
    "sag.titel": (_l("Sagens titel"), None),
    "sag.status": (_l("Sagens status (Åben/Lukket)"), None),
    "sag.oprettet": (_l("Dato for oprettelse"), "dato"),
    "sag.naeste_opfoelgning": (_l("Næste opfølgning (tom uden en dato)"), "dato"),
    "sag.koordinator.navn": (_l("Familiekoordinatorens navn"), None),
    "sag.koordinator.rolle": (_l("Familiekoordinatorens rolle"), None),
    "sag.koordinator.email": (_l("Familiekoordinatorens e-mail"), None),
    "sag.koordinator.telefon": (_l("Familiekoordinatorens telefon"), None),
    "sag.koordinator.afdeling": (_l("Familiekoordinatorens afdeling"), None),
    "sag.kerneteam": (_l("Kerneteamet (familiekoordinatoren først)"), None),
    "sag.kerneteam[].navn": (_l("Navn"), None),
    "sag.kerneteam[].rolle": (_l("Rolle i teamet"), None),
    "sag.kerneteam[].email": (_l("E-mail"), None),
    "sag.kerneteam[].telefon": (_l("Telefon"), None),
    "sag.kerneteam[].afdeling": (_l("Afdeling"), None),
    "dokument.titel": (_l("Dokumentets titel"), None),
    "dokument.formular": (_l("Formularens navn"), None),
    "dokument.status": (_l("Status (Endelig/Kladde)"), None),
    "dokument.version": (_l("Gemt version nr."), None),
    "dokument.gemt": (_l("Senest gemt (dato og klokkeslæt)"), "dato"),
    "dokument.gemt_af": (_l("Senest gemt af"), None),
    "dokument.formularversion": (_l("Formularens version"), None),
    "dato": (_l("Dagens dato"), "dato"),
    # The two plans (beslutninger and finansiering only in the internal plan)
    "maal": (_l("Målarket (SMARTE-mål)"), None),
    "beslutninger": (_l("Sagens bevillinger fra fordelingen af finansiering"), None),
    "beslutninger[].indsats": (_l("Indsats"), None),
    "beslutninger[].paragraf": (_l("Paragraf"), None),
    "beslutninger[].beskrivelse": (_l("Beskrivelse"), None),
    "beslutninger[].aarlig_udgift": (_l("Udgift pr. år"), "kr"),
    "beslutninger[].udgiftstype": (_l("Udgiftstype (engang, pr. måned, år eller time)"), None),
    "beslutninger[].udgift": (_l("Udgiften, som den er bevilget"), None),
    "beslutninger[].begrundelse_for_fordeling": (_l("Begrundelse for fordelingen"), None),
    "beslutninger[].start": (_l("Start"), "dato"),
    "beslutninger[].slut": (_l("Slut (tom: løbende)"), "dato"),
    "beslutninger[].besluttes_af": (_l("Besluttes af (angivet på bevillingen)"), None),
    "beslutninger[].efter_planen": (_l("Hvem må bevilge efter beslutningskompetenceplanen"), None),
    "beslutninger[].begrundelse": (_l("Hvorfor (række og grænse i planen)"), None),
    "beslutninger[].daekket": (_l("Dækket af planen (ja/nej)"), "ja_nej"),
    "beslutninger[].under_planen": (_l("Angivet lavere, end planen kræver (ja/nej)"), "ja_nej"),
    "beslutninger[].andele": (_l("Afdelingernes andele"), None),
    "beslutninger[].andele[].afdeling": (_l("Afdeling"), None),
    "beslutninger[].andele[].procent": (_l("Andel"), "procent"),
    "beslutninger[].andele[].beloeb": (_l("Beløb pr. år"), "kr"),
    "beslutninger[].andele_tekst": (_l("Andelene i én linje"), None),
    "beslutninger[].noter": (_l("Noter"), None),
    "finansiering.aar": (_l("Året, som beløbene gælder"), None),
    "finansiering.afdelinger": (_l("Afdelingerne, der betaler"), None),
    "finansiering.afdelinger[].afdeling": (_l("Afdeling"), None),
    "finansiering.afdelinger[].aar_beloeb": (_l("Beløb i året"), "kr"),
    "finansiering.afdelinger[].aar_procent": (_l("Andel i året"), "procent"),
    "finansiering.afdelinger[].periode_beloeb": (_l("Beløb i hele perioden"), "kr"),
    "finansiering.afdelinger[].periode_procent": (_l("Andel i hele perioden"), "procent"),
    "finansiering.aar_total": (_l("I alt i året"), "kr"),
    "finansiering.periode_total": (_l("I alt i hele perioden"), "kr"),
    "opfoelgning": (_l("Kommende datoer i planen, tidligste først"), None),
    "opfoelgning[].dato": (_l("Dato"), "dato"),
    "opfoelgning[].hvad": (_l("Hvad"), None),
    "opfoelgning[].ansvarlig": (_l("Ansvarlig"), None),
    "naeste_opfoelgning.dato": (_l("Næste dato i planen"), "dato"),
    "naeste_opfoelgning.hvad": (_l("Hvad der sker da"), None),
    "naeste_opfoelgning.ansvarlig": (_l("Ansvarlig"), None),
    # From the case's meetings (app/meetings): both plans and the minutes
    "moedeaftaler": (_l("Åbne aftaler fra sagens møder, tidligste frist først"), None),
    "moedeaftaler[].hvad": (_l("Hvad er aftalt"), None),
    "moedeaftaler[].hvem": (_l("Hvem gør det"), None),
    "moedeaftaler[].senest": (_l("Senest"), "dato"),
    "moedeaftaler[].moede": (_l("Mødet, hvor det blev aftalt"), None),
    "moedeaftaler[].moededato": (_l("Dato for mødet"), "dato"),
    "naeste_moede.dato": (_l("Næste planlagte møde: dato"), "dato"),
    "naeste_moede.klokken": (_l("Næste planlagte møde: klokkeslæt"), None),
    "naeste_moede.type": (_l("Næste planlagte møde: mødetype"), None),
    "naeste_moede.sted": (_l("Næste planlagte møde: sted"), None),
    "kontaktaftale.kontaktformer": (_l("Sådan vil familien kontaktes (fx telefon, SMS)"), None),
    "kontaktaftale.hyppighed": (_l("Hvor ofte familien vil have kontakt"), None),
    "kontaktaftale.koordineres_af": (_l("Hvem koordinerer kontakten"), None),
    "kontaktaftale.bedste_tider": (_l("Bedste tidspunkter"), None),
    "kontaktaftale.noter": (_l("Noter til kontaktaftalen"), None),
    "moede.type": (_l("Mødetype"), None),
    "moede.start": (_l("Planlagt dato"), "dato"),
    "moede.klokken": (_l("Klokkeslæt"), None),
    "moede.sted": (_l("Sted"), None),
    "moede.dagsorden": (_l("Dagsorden"), None),
    "moede.familien_med_til_dagsorden": (_l("Familien var med til at sætte dagsordenen"), "ja_nej"),
    "moede.holdt": (_l("Holdt den"), "dato"),
    "moede.referent": (_l("Referent"), None),
    "moede.referat": (_l("Referat"), None),
    "moede.beslutninger": (_l("Beslutninger"), None),
    "moede.deltagere": (_l("Deltagere"), None),
    "moede.deltagere[].navn": (_l("Navn"), None),
    "moede.deltagere[].gruppe": (_l("Kerneteam, familien eller ekstern"), None),
    "moede.deltagere[].organisation": (_l("Organisation"), None),
    "moede.deltagere[].rolle": (_l("Rolle"), None),
    "moede.aftaler": (_l("Aftaler fra mødet"), None),
    "moede.aftaler[].hvad": (_l("Hvad er aftalt"), None),
    "moede.aftaler[].hvem": (_l("Hvem gør det"), None),
    "moede.aftaler[].senest": (_l("Senest"), "dato"),
    "moede.aftaler[].udfoert": (_l("Udført"), "ja_nej"),
    "moede.maalinger": (_l("Målinger af målene taget på mødet"), None),
    "moede.maalinger[].maal": (_l("Mål"), None),
    "moede.maalinger[].vaerdi": (_l("Måling (1–10)"), None),
    "moede.maalinger[].hvem": (_l("Hvem gav målingen"), None),
    "moede.maalinger[].note": (_l("Note"), None),
    "moede.naeste_moede": (_l("Næste møde (aftalt på mødet)"), "dato"),
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


def _ui_locale() -> str:
    """The UI language; Danish outside the app (the form's own words are Danish first)."""
    return current_locale() if has_app_context() else "da"


def field_labels(definition: FormDefinition | None, prefix: str = "") -> dict[str, Any]:
    """Path → (label, type) of every input field and repeat column, in the UI language."""
    if definition is None:
        return {}
    labels: dict[str, Any] = {}
    locale = _ui_locale()

    def add(spec: Any, path: str) -> None:
        labels[path] = (spec.label.get(locale), spec.type)
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
        return gettext("(billede)")
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
        label = str(label)  # a fixed label is lazy: render it in this request's language
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
        ngettext("%(num)d række i eksemplet", "%(num)d rækker i eksemplet", len(rows))
        if rows
        else "",
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
        (gettext("Kommunen"), ["kommune"]),
        (gettext("Sagen"), ["sag"] if definition.scope == "case" else []),
        (gettext("Dokumentet"), ["dokument", "dato"]),
        (gettext("Formularens felter"), field_names),
    ]
    return merge_groups(known, sample, groups, field_labels(definition))


def hidden_fields(definition: FormDefinition | None, known: Mapping[str, Any]) -> list[str]:
    """Fields whose name a fixed part uses: templates reach them as `felter.<name>`."""
    if definition is None:
        return []
    return [s.name for s in definition.input_fields() if s.name not in known]

"""The two plans made from one case's SMARTE goal sheet.

- *Familiens plan* (the family's plan, template `familiens_plan`): the family's own words,
  the goals and sub-goals, the agreements, who to call and the next dates. The model says
  the family must feel the plan is *theirs* [ÉFÉI-2022, "Fælles systematisk tilgang",
  principle 2], so its context holds no decisions, no amounts, no authority analysis and no
  warnings — a municipality's own template cannot print what is not there.
- *Intern plan* (the internal plan, template `faelles_plan`, the joint plan's template
  before the split): all of the above plus the decisions with who may grant them and the
  funding split per department.

Pure functions: `app/documents/services.py` gathers the parts from the database. There is no
follow-up or meeting feature yet, so "Næste opfølgning og møder" lists the real dates the
plan already holds: every date in the goal sheet that has not passed (evaluation dates,
deadlines, agreements' dates), and grants that run out. Nothing is invented.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from app.docgen.loopbounds import widened
from app.family.contact_words import WORD_NAMES as CONTACT_NAMES
from app.family.contact_words import sample_word_context as sample_contact
from app.formatting import format_money, format_number, format_percent
from app.formengine import Context, FormDefinition
from app.formengine.schema import RepeatField
from app.formengine.vocabularies import Vocabularies
from app.wheel.plan import WHEEL_NAMES, sample_part
from app.word.context import (
    CASE_NAMES,
    DOKUMENT_NAMES,
    KOMMUNE_NAMES,
    field_values,
    known_names,
    labels,
)
from app.word.fields import MergeGroup, field_labels, merge_groups
from app.word.minutes import (
    NEXT_MEETING_NAMES,
    PLAN_AGREEMENT_NAMES,
    sample_plan_parts,
)
from app.word.samples import (
    SAMPLE_DAY,
    SAMPLE_PEOPLE,
    SAMPLE_ROWS,
    sample_data,
    sample_kommune,
    sample_sag,
)
from excel_tools.costs import COST_KIND_LABELS, QUANTITY_UNIT_LABELS

GOALS_FORM = "smarte_maal"
MAX_FOLLOW_UPS = 12

DECISION_NAMES: dict[str, Any] = {
    "indsats": None,
    "paragraf": None,
    "beskrivelse": None,
    "aarlig_udgift": None,
    "udgiftstype": None,
    "udgift": None,
    "begrundelse_for_fordeling": None,
    "start": None,
    "slut": None,
    "besluttes_af": None,
    "efter_planen": None,
    "begrundelse": None,
    "daekket": None,
    "under_planen": None,
    "andele": [{"afdeling": None, "procent": None, "beloeb": None}],
    "andele_tekst": None,
    "noter": None,
}
FUNDING_NAMES: dict[str, Any] = {
    "aar": None,
    "afdelinger": [
        {
            "afdeling": None,
            "aar_beloeb": None,
            "aar_procent": None,
            "periode_beloeb": None,
            "periode_procent": None,
        }
    ],
    "aar_total": None,
    "periode_total": None,
}
FOLLOW_UP_NAMES: dict[str, Any] = {"dato": None, "hvad": None, "ansvarlig": None}
#: What a date in the goal sheet is, in plain words; a date field not listed here (one a
#: municipality added) is named by its label. The goal sheet's own labels are questions
#: ("Hvornår") or SMARTE jargon ("T – Tidsbestemt, frist"), which read wrongly in front of
#: the text of the row ("Hvornår: Søvndagbog").
DATE_WORDS: dict[str, str] = {
    "goals.deadline": "Frist for målet",
    "goals.evaluation_date": "Målet evalueres",
    "goals.subgoals.deadline": "Frist for delmålet",
    "goals.agreements.by_when": "Aftale",
}
#: The names only the internal plan has.
INTERNAL_ONLY = ("beslutninger", "finansiering")


def plan_known_names(goals: FormDefinition | None) -> dict[str, Any]:
    """Every name a joint-plan template may use (the goal sheet's fields under `maal`)."""
    goal_names: dict[str, Any] = {}
    if goals is not None:
        form_names = known_names(goals)
        goal_names = dict(form_names["felter"])
        goal_names["vis"] = form_names["vis"]
        goal_names["etiketter"] = form_names["etiketter"]
    return {
        "kommune": dict(KOMMUNE_NAMES),
        "sag": dict(CASE_NAMES),
        "dokument": dict(DOKUMENT_NAMES),
        "dato": None,
        "maal": goal_names,
        "beslutninger": [dict(DECISION_NAMES)],
        "finansiering": dict(FUNDING_NAMES),
        "opfoelgning": [dict(FOLLOW_UP_NAMES)],
        "naeste_opfoelgning": dict(FOLLOW_UP_NAMES),
        "moedeaftaler": [dict(PLAN_AGREEMENT_NAMES)],
        "naeste_moede": dict(NEXT_MEETING_NAMES),
        "aarshjul": dict(WHEEL_NAMES),
        "kontaktaftale": dict(CONTACT_NAMES),
    }


def family_known_names(goals: FormDefinition | None) -> dict[str, Any]:
    """Every name a template of the family's plan may use: the internal plan's without the
    decisions and the funding."""
    names = plan_known_names(goals)
    for name in INTERNAL_ONLY:
        del names[name]
    return names


def goal_values(
    goals: FormDefinition | None,
    data: Mapping[str, Any] | None,
    vocabularies: Vocabularies,
    people: Sequence[Mapping[str, Any]] | None,
) -> dict[str, Any]:
    """The goal sheet's fields (raw) with `vis` (display text) and `etiketter` (labels)."""
    if goals is None:
        return {"vis": {}, "etiketter": {}}
    raw, shown = field_values(goals, data or {}, Context(vocabularies, people))
    return {**raw, "vis": shown, "etiketter": labels(goals)}


def _first(spec: RepeatField, row: Mapping[str, Any], shown: Mapping[str, Any], kind: str) -> str:
    """The display text of the row's first filled column of a kind (text, person)."""
    kinds = ("text", "textarea") if kind == "text" else (kind,)
    for column in spec.fields:
        if column.type in kinds and shown.get(column.name):
            return str(shown[column.name]).split("\n")[0]
    return ""


def follow_ups(
    goals: FormDefinition | None, values: Mapping[str, Any], today: date
) -> list[dict[str, Any]]:
    """The goal sheet's dates from today on: what, when and who, soonest first."""
    if goals is None:
        return []
    found: list[dict[str, Any]] = []

    def add(day: Any, what: str, who: str) -> None:
        if isinstance(day, date) and day >= today:
            found.append({"dato": day, "hvad": what, "ansvarlig": who or None})

    for spec in goals.input_fields():
        value = values.get(spec.name)
        if spec.type == "date":
            add(value, _date_word(spec.name, spec.label.da), "")
        if not isinstance(spec, RepeatField):
            continue
        for row in value or []:
            shown = row.get("vis", {})
            title = _first(spec, row, shown, "text")
            who = _first(spec, row, shown, "person")
            for column in spec.fields:
                if column.type == "date":
                    word = _date_word(f"{spec.name}.{column.name}", column.label.da)
                    add(row.get(column.name), _what(word, title), who)
                if isinstance(column, RepeatField):
                    for inner in row.get(column.name) or []:
                        inner_shown = inner.get("vis", {})
                        inner_title = _first(column, inner, inner_shown, "text") or title
                        inner_who = _who(column, inner_shown) or who
                        for cell in column.fields:
                            if cell.type == "date":
                                path = f"{spec.name}.{column.name}.{cell.name}"
                                word = _date_word(path, cell.label.da)
                                add(inner.get(cell.name), _what(word, inner_title), inner_who)
    return found


def _who(spec: RepeatField, shown: Mapping[str, Any]) -> str:
    """Who a nested row (an agreement) names: its person, else its second line of text
    ("Hvad", "Hvem"); empty when it names nobody (then the goal's responsible is used)."""
    people = [shown.get(c.name) for c in spec.fields if c.type == "person"]
    texts = [shown.get(c.name) for c in spec.fields if c.type == "text"]
    found = next((p for p in people if p), None) or (texts[1] if len(texts) > 1 else None)
    return str(found) if found else ""


def _date_word(path: str, label: str) -> str:
    """What a date field is ("Aftale", "Frist for målet"); its label when not known."""
    return DATE_WORDS.get(path, label)


def _what(label: str, title: str) -> str:
    """ "Målet evalueres: Emma går i skole"."""
    return f"{label}: {title}" if title else label


#: What a line's amount is, after its cost kind (the plan is written in Danish).
_AMOUNT_UNIT = {"one_off": "kr. én gang", "monthly": "kr. pr. måned", "hourly": "kr. pr. time"}


def cost_as_granted(line: Any) -> str:
    """The cost as granted: "200.000,00 kr. én gang", "350,00 kr. pr. time, 2 timer pr. uge"."""
    text = format_money(line.amount, unit=_AMOUNT_UNIT.get(line.cost_kind, "kr. pr. år"))
    if line.quantity is not None and line.quantity_unit in QUANTITY_UNIT_LABELS:
        text += f", {format_number(line.quantity, places=None)} "
        text += str(QUANTITY_UNIT_LABELS[line.quantity_unit])
    return text


def decision_row(
    line: Any, label: Callable[[str, str | None], str], answer: Any, *, below: bool = False
) -> dict[str, Any]:
    """One funding line as the plan shows it, with who decides after the decision plan."""
    shares = [
        {
            "afdeling": label("shares", department),
            "procent": percent,
            "beloeb": line.annual_cost * percent / 100,
        }
        for department, percent in line.shares.items()
    ]
    return {
        "indsats": label("intervention", line.intervention),
        "paragraf": label("paragraph", line.paragraph) or None,
        "beskrivelse": line.description or None,
        "aarlig_udgift": line.annual_cost,
        "udgiftstype": str(COST_KIND_LABELS.get(line.cost_kind, "")),
        "udgift": cost_as_granted(line),
        "begrundelse_for_fordeling": line.split_reason or None,
        "start": line.start,
        "slut": line.end,
        "besluttes_af": label("authority_level", line.authority_level) or None,
        "efter_planen": answer.level_label if answer.covered else "Ikke dækket af planen",
        "begrundelse": answer.reason,
        "daekket": answer.covered,
        "under_planen": below,
        "andele": shares,
        "andele_tekst": ", ".join(
            f"{s['afdeling']} {format_percent(s['procent'], places=None)}" for s in shares
        ),
        "noter": line.notes or None,
    }


def funding_summary(totals: Any) -> dict[str, Any]:
    """Department totals for the plan: the year and the whole period, kr. and percent."""
    return {
        "aar": totals.year,
        "afdelinger": [
            {
                "afdeling": row.label,
                "aar_beloeb": row.year_amount,
                "aar_procent": row.year_percent,
                "periode_beloeb": row.period_amount,
                "periode_procent": row.period_percent,
            }
            for row in totals.rows
            if row.year_amount or row.period_amount
        ],
        "aar_total": totals.year_total,
        "periode_total": totals.period_total,
    }


def family_plan_context(
    *,
    kommune: Mapping[str, Any],
    sag: Mapping[str, Any],
    dokument: Mapping[str, Any],
    maal: Mapping[str, Any],
    opfoelgning: list[dict[str, Any]],
    today: date,
    moedeaftaler: list[dict[str, Any]] | None = None,
    naeste_moede: Mapping[str, Any] | None = None,
    aarshjul: Mapping[str, Any] | None = None,
    kontaktaftale: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole context of the family's plan; follow-ups sorted, soonest first; the open
    agreements made at meetings and the next planned meeting (both plans have them: the
    model asks for a new meeting date and an updated joint plan at every meeting [Én
    familie – én indgang, modelbeskrivelse, "Der kan med fordel aftales ny mødedato på hvert
    møde og opdatering af den fælles plan"]); the contact agreement with the family (how and
    how often they want contact, who coordinates), None when none was made."""
    upcoming = sorted(opfoelgning, key=lambda item: item["dato"])[:MAX_FOLLOW_UPS]
    return {
        "kommune": dict(kommune),
        "sag": dict(sag),
        "dokument": dict(dokument),
        "dato": today,
        "maal": dict(maal),
        "opfoelgning": upcoming,
        "naeste_opfoelgning": upcoming[0] if upcoming else None,
        "moedeaftaler": list(moedeaftaler or []),
        "naeste_moede": dict(naeste_moede) if naeste_moede else None,
        # The year wheel handed to the parents [Sammen om familien, "… med et årshjul"].
        "aarshjul": dict(aarshjul) if aarshjul else {"periode": "", "billede": None, "raekker": []},
        "kontaktaftale": dict(kontaktaftale) if kontaktaftale else None,
    }


def plan_context(
    *,
    beslutninger: list[dict[str, Any]],
    finansiering: Mapping[str, Any],
    **parts: Any,
) -> dict[str, Any]:
    """The whole context of the internal plan: the family's plan's parts (keyword arguments
    of `family_plan_context`), the decisions and the funding per department."""
    context = family_plan_context(**parts)
    context.update({"beslutninger": beslutninger, "finansiering": dict(finansiering)})
    return context


def family_sample_context(
    goals: FormDefinition | None,
    vocabularies: Vocabularies,
    data: Mapping[str, Any] | None = None,
    *,
    rows: int = SAMPLE_ROWS,
) -> dict[str, Any]:
    """A sample family's plan: the internal sample without its internal parts."""
    sample = plan_sample_context(goals, vocabularies, data, rows=rows)
    return {name: value for name, value in sample.items() if name not in INTERNAL_ONLY}


def plan_sample_context(
    goals: FormDefinition | None,
    vocabularies: Vocabularies,
    data: Mapping[str, Any] | None = None,
    *,
    rows: int = SAMPLE_ROWS,
) -> dict[str, Any]:
    """A sample internal plan: the sample case, the goal sheet (given or generated), two
    grants; with `rows` above SAMPLE_ROWS, the big case (goals, grants and agreements)."""
    if data is None:
        data = sample_data(goals, vocabularies, rows=rows) if goals is not None else {}
    maal = goal_values(goals, data, vocabularies, SAMPLE_PEOPLE)
    decisions = [
        _sample_decision("Aflastning", "Barnets lov § 90", Decimal("96000"), True),
        _sample_decision("Mentor", "Barnets lov § 32", Decimal("48000.50"), False),
    ]
    meetings = sample_plan_parts()
    if rows > SAMPLE_ROWS:
        decisions = widened(decisions, rows)
        meetings["moedeaftaler"] = widened(meetings["moedeaftaler"], rows)
    funding = {
        "aar": SAMPLE_DAY.year,
        "afdelinger": [
            _sample_department("Børn og Familie", Decimal("86400.30"), Decimal("60")),
            _sample_department("Skole og dagtilbud", Decimal("57600.20"), Decimal("40")),
        ],
        "aar_total": Decimal("144000.50"),
        "periode_total": Decimal("144000.50"),
    }
    return plan_context(
        kommune=sample_kommune(),
        sag=sample_sag(),
        dokument={
            "titel": "SMARTE-mål",
            "formular": "SMARTE-mål",
            "status": "Endelig",
            "version": 2,
            "gemt": None,
            "gemt_af": "Karen Koordinator",
            "formularversion": 1,
        },
        maal=maal,
        beslutninger=decisions,
        finansiering=funding,
        opfoelgning=follow_ups(goals, maal, SAMPLE_DAY),
        today=SAMPLE_DAY,
        aarshjul=sample_part(SAMPLE_DAY),
        kontaktaftale=sample_contact(),
        **meetings,
    )


def _sample_decision(what: str, paragraph: str, cost: Decimal, covered: bool) -> dict[str, Any]:
    """A sample decision row."""
    return {
        "indsats": what,
        "paragraf": paragraph,
        "beskrivelse": "8 timer om måneden",
        "aarlig_udgift": cost,
        "udgiftstype": "Pr. år",
        "udgift": format_money(cost, unit="kr. pr. år"),
        "begrundelse_for_fordeling": "Skolen bidrager, fordi aflastningen også letter skoledagen.",
        "start": date(2026, 12, 1),
        "slut": date(2027, 11, 30),
        "besluttes_af": "Kerneteam (enstemmigt)",
        "efter_planen": "Kerneteam (enstemmigt)" if covered else "Ikke dækket af planen",
        "begrundelse": "række 3 i »Beslutningskompetenceplan 2026«" if covered else "",
        "daekket": covered,
        "under_planen": False,
        "andele": [
            {"afdeling": "Børn og Familie", "procent": Decimal(60), "beloeb": cost * 6 / 10},
            {"afdeling": "Skole og dagtilbud", "procent": Decimal(40), "beloeb": cost * 4 / 10},
        ],
        "andele_tekst": "Børn og Familie 60 %, Skole og dagtilbud 40 %",
        "noter": None,
    }


def _sample_department(name: str, amount: Decimal, percent: Decimal) -> dict[str, Any]:
    """A sample department total."""
    return {
        "afdeling": name,
        "aar_beloeb": amount,
        "aar_procent": percent,
        "periode_beloeb": amount,
        "periode_procent": percent,
    }


def plan_groups(
    goals: FormDefinition | None, known: Mapping[str, Any], sample: Mapping[str, Any]
) -> list[MergeGroup]:
    """The Flettefelter page of a plan (the groups whose names `known` has)."""
    candidates = [
        (_("Kommunen"), ["kommune"]),
        (_("Sagen og kerneteamet"), ["sag"]),
        (_("Kontaktaftale med familien"), ["kontaktaftale"]),
        (_("Målarket (status)"), ["dokument", "dato"]),
        (_("Mål, ønsker og aftaler (fra SMARTE-målarket)"), ["maal"]),
        (_("Beslutninger og bevillinger"), ["beslutninger"]),
        (_("Finansiering pr. afdeling"), ["finansiering"]),
        (_("Næste opfølgning og møder"), ["naeste_opfoelgning", "opfoelgning"]),
        (_("Aftaler og næste møde (fra sagens møder)"), ["moedeaftaler", "naeste_moede"]),
        (_("Årshjul (12 måneder med aktiviteter og møder)"), ["aarshjul"]),
    ]
    groups = [(title, names) for title, names in candidates if all(n in known for n in names)]
    return merge_groups(known, sample, groups, field_labels(goals, prefix="maal."))

"""The follow-up rules as data: which paragraphs put a case on which cadence, and why.

Every rule names its source. The 3-month and 6-week cadences are *Sammen om familien*'s own
rule (the model text says they are fixed and cannot be set by the municipality), not the
law's; barnets lov § 95 sets the first follow-up of the measures it covers; *Én familie – én
indgang* asks for status meetings "at a fixed cadence" without giving the interval, so that
interval is the municipality's own setting (no default). The research behind each entry is
in docs/domain/law.md, "Follow-up: deadlines and cadences".

The paragraph keys are those of ``app.formengine.law``. The mapping from the model's old
Serviceloven numbers to barnets lov is partly inferred (marked ``mapping_confirmed=False``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.formengine.law import LAW_PARAGRAPHS

# The case-flow template's `model` values (forms/sagsforloeb.yaml, header field `model`).
SOF = "sammen_om_familien"
EFEI = "een_familie_een_indgang"
OWN = "egen_model"

SOF_SOURCE = (
    "Sammen om familien – Samarbejdsmodel (Socialstyrelsen/Rambøll, december 2021), s. 9 og 21: "
    "»Opfølgningskadencerne er faste og kan ikke defineres eller tilpasses af den enkelte "
    "kommune.«"
)
BL95_SOURCE = "Barnets lov § 95 (https://www.lovguiden.dk/loven/bekendtgørelse-af-barnets-lov/95)"
EFEI_SOURCE = (
    "Modelbeskrivelse – Én familie én indgang (Socialstyrelsen, 2019), s. 5: statusmøder i "
    "kerneteamet i »en fast kadence«; intervallet er ikke angivet. Kommunens eget valg."
)


@dataclass(frozen=True)
class Interval:
    """A cadence: a number of weeks or of calendar months."""

    count: int
    unit: str  # "weeks" | "months"

    def __post_init__(self) -> None:
        if self.unit not in ("weeks", "months") or not 0 < self.count <= 104:
            raise ValueError(f"bad interval {self.count} {self.unit}")


@dataclass(frozen=True)
class Rule:
    """One follow-up rule: what triggers it, the interval, and where it comes from."""

    key: str
    label: str  # Danish, as shown beside the date
    source: str
    interval: Interval | None = None  # None: the interval comes from elsewhere (see key)
    models: tuple[str, ...] = ()  # the case-flow models it applies to; () = every case
    paragraphs: frozenset[str] = frozenset()  # any of these held triggers it
    mapping_confirmed: bool = True  # False: the SEL→BL mapping of `paragraphs` is inferred
    note: str = ""


#: SOF: cases with a child assessment or §§ 50/52 measures (BL § 20 and § 32; a placement under
#: old SEL § 52, stk. 3, nr. 7 is now BL § 46) are followed up every 6 weeks.
SOF_SIX_WEEKS = Rule(
    key="sof_6_weeks",
    label="Sammen om familien: opfølgning hver 6. uge (sag med børnefaglig undersøgelse)",
    source=SOF_SOURCE + " Hver 6. uge i sager efter SEL §§ 41, 42, 44 samt §§ 50 og 52, "
    "eller udelukkende §§ 50 og 52.",
    interval=Interval(6, "weeks"),
    models=(SOF,),
    paragraphs=frozenset({"bl_20", "bl_32", "bl_46"}),
    mapping_confirmed=False,
    note="SEL § 50 → BL § 20; SEL § 52, stk. 3 → BL § 32 (udledt); stk. 3, nr. 7 → BL § 46.",
)
#: SOF: cases only with compensation and support (old SEL §§ 41, 42, 44 → BL §§ 86, 87–88, 90),
#: possibly with SEL § 11 or § 52 a, every 3 months.
SOF_THREE_MONTHS = Rule(
    key="sof_3_months",
    label="Sammen om familien: opfølgning hver 3. måned (kompensation og støtte)",
    source=SOF_SOURCE + " Hver 3. måned i sager udelukkende efter SEL §§ 41, 42 og 44 "
    "(evt. med § 11 eller § 52 a).",
    interval=Interval(3, "months"),
    models=(SOF,),
    paragraphs=frozenset({"bl_86", "bl_87_88", "bl_90"}),
    note="SEL § 41 → BL § 86; §§ 42–43 → BL §§ 87–88; § 44 → BL § 90 (forarbejderne).",
)
#: BL § 95: the first follow-up of a covered measure at the latest 3 months after its start.
#: The law also covers §§ 114–116 and 120, which the paragraphs list does not hold yet, and
#: "the end of a parallel afdækning or undersøgelse" when earlier (not modelled: no such date).
BL95_FIRST = Rule(
    key="bl95_first",
    label="Barnets lov § 95: første opfølgning senest 3 måneder efter indsatsens start",
    source=BL95_SOURCE,
    interval=Interval(3, "months"),
    paragraphs=frozenset({"bl_32", "bl_46", "bl_47"}),
    note="§ 95 dækker §§ 32, 46, 47, 114–116 og 120; kun §§ 32, 46 og 47 findes i listen.",
)
#: BL § 95 after the first follow-up: the municipality's recorded, justified decision.
BL95_DECIDED = Rule(
    key="bl95_decided",
    label="Barnets lov § 95: kommunens begrundede beslutning om opfølgningen",
    source=BL95_SOURCE + " Ved første opfølgning fastsætter kommunen den videre opfølgning.",
    paragraphs=BL95_FIRST.paragraphs,
)
#: ÉFÉI (and a municipality's own model): the municipality's own status-meeting interval.
LOCAL_STATUS = Rule(
    key="local_status",
    label="Kommunens eget valg: statusmøde i kerneteamet med fast interval",
    source=EFEI_SOURCE,
    models=(EFEI, OWN),
)

RULES: tuple[Rule, ...] = (SOF_SIX_WEEKS, SOF_THREE_MONTHS, BL95_FIRST, BL95_DECIDED, LOCAL_STATUS)
RULES_BY_KEY = {rule.key: rule for rule in RULES}


def check_rules(rules: tuple[Rule, ...] = RULES) -> list[str]:
    """Problems with the rule data: unknown paragraph keys, missing sources, duplicate keys."""
    known = {p.key for p in LAW_PARAGRAPHS}
    problems = []
    if len({r.key for r in rules}) != len(rules):
        problems.append("duplicate rule key")
    for rule in rules:
        if not rule.source.strip():
            problems.append(f"{rule.key}: no source")
        problems.extend(f"{rule.key}: unknown paragraph {k}" for k in rule.paragraphs - known)
    return problems

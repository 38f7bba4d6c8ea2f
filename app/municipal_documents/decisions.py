"""'Who may grant this?' — answered from the decision-competence plan in force on a date.

The plan in force on a date is the newest *final* `beslutningskompetence` document whose
`valid_from` is not after that date; a grant is judged against the plan in force on its start
date, not today's. Rows match on intervention, and on paragraph where one is given and a row
names it. A row with a threshold answers its own level up to and including the threshold and
`authority_above` beyond it, for the size measured in the row's unit (hours a week and a month
stand in for each other at 52/12 weeks a month). When that size is not given the higher level
is answered (the safe side) and the answer is not *definite*: an indefinite answer never
flags a recorded level as too low. Several matching rows: the highest level wins, because
every condition must be met; its row gives the conditions, the appeal note and the payer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.formatting import format_date
from app.formengine.vocabularies import item_label
from app.models import Submission, SubmissionStatus
from app.municipal_documents.measures import (
    UNIT_LABEL,
    clean_measures,
    given_text,
    limit_text,
    measure_for,
    unit_key,
)
from app.vocabularies.services import load_vocabularies

PLAN_FORM = "beslutningskompetence"
NOT_COVERED = _l("Ikke dækket af planen — kontakt leder.")


@dataclass(frozen=True)
class Answer:
    """Which authority level decides, after which row of which plan, and why."""

    covered: bool
    level: str | None
    level_label: str | None
    reason: str
    plan: Submission | None = None
    row_number: int | None = None  # 1-based row in the plan
    definite: bool = True  # False: the size the threshold is about was not given
    on: date | None = None  # the date the plan was looked up for (the grant's start)
    threshold: Decimal | None = None
    unit: str | None = None  # a key of measures.MEASURES
    rule: str | None = None  # "op til og med 10 … beslutter X, derover Y"
    conditions: str = ""
    appealable: bool | None = None  # None: the row does not say
    appeal_note: str = ""
    payer: str | None = None  # a department key: who pays by default
    payer_label: str | None = None
    conversion: str | None = None  # what was converted between hours a week and a month
    paragraph_note: str | None = None  # the plan's rows do not name the paragraph asked for

    @property
    def unit_label(self) -> str | None:
        """The unit the row's threshold is measured in, in the request's language."""
        return str(UNIT_LABEL[self.unit]) if self.unit else None

    @property
    def threshold_text(self) -> str | None:
        """The threshold with its unit: "30.000 kr. om året"."""
        if self.unit is None or self.threshold is None:
            return None
        return limit_text(self.unit, self.threshold)

    @property
    def valid_from(self) -> date | None:
        """The day the plan behind the answer came into force."""
        text = self.plan.data.get("valid_from") if self.plan else None
        try:
            return date.fromisoformat(text) if text else None
        except (TypeError, ValueError):
            return None

    @property
    def appeal_text(self) -> str:
        """Whether (and how) the decision can be appealed, as a sentence."""
        if self.appealable is True:
            text = _("Afgørelsen kan påklages.")
        elif self.appealable is False:
            text = _("Ikke en afgørelse, der kan påklages.")
        else:
            text = _("Planen siger ikke, om der kan klages.")
        return f"{text} {self.appeal_note}".strip()

    def below_plan(self, granted_by: str | None) -> bool:
        """True only when a definite answer requires a higher level than `granted_by`.

        An indefinite answer (the size the row measures was not given) is no evidence that
        the recorded level is too low, so it never flags a grant.
        """
        return self.covered and self.definite and is_below(granted_by, self.level)

    def as_json(self) -> dict[str, Any]:
        """The answer as the API returns it."""
        return {
            "covered": self.covered,
            "authority_level": (
                {"value": self.level, "label": self.level_label} if self.level else None
            ),
            "reason": self.reason,
            "plan": (
                {
                    "id": self.plan.id,
                    "title": self.plan.title,
                    "valid_from": self.plan.data.get("valid_from"),
                }
                if self.plan
                else None
            ),
            "row": self.row_number,
            "definite": self.definite,
            "on": self.on.isoformat() if self.on else None,
            "threshold": (
                {
                    "value": f"{self.threshold.normalize():f}",  # 4.0 → "4"
                    "unit": {"value": self.unit, "label": self.unit_label},
                    "text": self.threshold_text,
                }
                if self.unit and self.threshold is not None
                else None
            ),
            "rule": self.rule,
            "conditions": self.conditions or None,
            "appealable": self.appealable,
            "appeal_note": self.appeal_note or None,
            "appeal": self.appeal_text if self.covered else None,
            "default_payer": (
                {"value": self.payer, "label": self.payer_label} if self.payer else None
            ),
            "conversion": self.conversion,
            "paragraph_note": self.paragraph_note,
        }


def final_plans() -> list[Submission]:
    """Every final decision plan (to pick the one in force for many dates with one query)."""
    return list(
        db.session.scalars(
            select(Submission).where(
                Submission.form_name == PLAN_FORM,
                Submission.case_id.is_(None),
                Submission.status == SubmissionStatus.FINAL,
            )
        )
    )


def active_plan(on: date | None = None, plans: list[Submission] | None = None) -> Submission | None:
    """The decision plan in force on `on` (default today): the newest final plan whose
    valid_from has come by then; among ``plans`` when given (from final_plans)."""
    day = (on or date.today()).isoformat()
    plans = final_plans() if plans is None else plans
    in_force = [p for p in plans if (p.data.get("valid_from") or "") <= day]
    return max(in_force, key=lambda p: (p.data.get("valid_from") or "", p.id), default=None)


@dataclass(frozen=True)
class _RowAnswer:
    """One matching row judged: its level, the reason, and what it measured."""

    level: str
    reason: str
    definite: bool
    unit: str | None = None
    threshold: Decimal | None = None
    rule: str | None = None
    conversion: str | None = None


def _threshold(row: Mapping[str, Any]) -> tuple[str | None, Decimal | None]:
    """(unit, limit) of a row that really has a threshold, else (None, None)."""
    unit = unit_key(row.get("threshold_unit"))
    if unit is None or row.get("threshold") is None or not row.get("authority_above"):
        return None, None
    try:
        return unit, Decimal(str(row["threshold"]))
    except InvalidOperation:
        return None, None


def _judge(row: Mapping[str, Any], given: Mapping[str, Decimal], labels: dict[str, str]):
    """One matching row judged against the given sizes (a _RowAnswer)."""
    unit, limit = _threshold(row)
    if unit is None or limit is None:
        return _RowAnswer(row["authority_level"], _("planen har ingen grænse for indsatsen"), True)
    below = labels.get(row["authority_level"], row["authority_level"])
    above = labels.get(row["authority_above"], row["authority_above"])
    limit_words = limit_text(unit, limit)
    rule = _(
        "op til og med %(limit)s beslutter %(below)s, derover %(above)s",
        limit=limit_words,
        below=below,
        above=above,
    )
    size, conversion = measure_for(unit, given)
    if size is None:
        reason = _(
            "størrelsen (%(unit)s) er ikke oplyst: %(rule)s; uden oplysningen gælder det "
            "højeste niveau",
            unit=str(UNIT_LABEL[unit]),
            rule=rule,
        )
        return _RowAnswer(row["authority_above"], reason, False, unit, limit, rule)
    within = size <= limit
    words = {"given": given_text(unit, size), "limit": limit_words}
    if within:
        reason = _("%(given)s er inden for grænsen på %(limit)s", **words)
    else:
        reason = _("%(given)s er over grænsen på %(limit)s", **words)
    if conversion:
        reason = f"{conversion}; {reason}"
    level = row["authority_level"] if within else row["authority_above"]
    return _RowAnswer(level, reason, True, unit, limit, rule, conversion)


def _rows_for(
    plan: Submission, intervention: str, paragraph: str | None
) -> tuple[list[tuple[int, dict[str, Any]]], bool]:
    """(numbered rows that answer, whether the paragraph asked for was passed over).

    With a paragraph, the rows naming it answer; when none of the intervention's rows names
    it, the rows naming no paragraph do, else all the intervention's rows (and the answer says
    that the plan does not name the paragraph).
    """
    rows = [
        (number, row)
        for number, row in enumerate(plan.data.get("rows") or [], start=1)
        if isinstance(row, dict)
        and row.get("intervention") == intervention
        and row.get("authority_level")
    ]
    if not paragraph or not rows:
        return rows, False
    naming = [(n, r) for n, r in rows if paragraph in (r.get("paragraphs") or [])]
    if naming:
        return naming, False
    general = [(n, r) for n, r in rows if not r.get("paragraphs")]
    return (general, False) if general else (rows, True)


def who_may_grant(
    intervention: str,
    *,
    paragraph: str | None = None,
    measures: Mapping[str, Decimal | None] | None = None,
    on: date | None = None,
    plan: Submission | None = None,
) -> Answer:
    """Which authority level may grant this intervention at this size, after the plan in
    force on `on` (the grant's start date; default today) or the `plan` given."""
    on = on or date.today()
    plan = plan or active_plan(on)
    if plan is None:
        day = format_date(on, "medium", locale=str(get_locale() or "da"))
        text = _("Der er ingen gældende beslutningskompetenceplan pr. %(date)s.", date=day)
        return Answer(False, None, None, f"{text} {NOT_COVERED}", on=on)
    vocab = load_vocabularies()
    locale = str(get_locale() or "da")
    levels = [i["value"] for i in vocab["authority_levels"]]
    shown = {i["value"]: item_label(i, locale) for i in vocab["authority_levels"]}
    rows, passed_over = _rows_for(plan, intervention, paragraph)
    if not rows:
        return Answer(False, None, None, str(NOT_COVERED), plan, on=on)
    given = clean_measures(measures)
    judged = []
    for number, row in rows:
        found = _judge(row, given, shown)
        rank = levels.index(found.level) if found.level in levels else len(levels)
        # Highest level first; between equals an indefinite answer wins, so the answer is
        # definite only when no row whose size is unknown could ask for a higher level.
        judged.append((rank, not found.definite, number, found, row))
    _rank, _indefinite, number, found, row = max(judged, key=lambda j: j[:3])
    label = shown.get(found.level, found.level)
    text = _(
        "%(level)s: række %(row)s i »%(plan)s«, %(reason)s.",
        level=label,
        row=number,
        plan=plan.title,
        reason=found.reason,
    )
    payer = row.get("paying_department") or None
    payers = {i["value"]: item_label(i, locale) for i in vocab["departments"]}
    return Answer(
        covered=True,
        level=found.level,
        level_label=label,
        reason=text,
        plan=plan,
        row_number=number,
        definite=found.definite,
        on=on,
        threshold=found.threshold,
        unit=found.unit,
        rule=found.rule,
        conditions=str(row.get("conditions") or "").strip(),
        appealable=row.get("appealable") if isinstance(row.get("appealable"), bool) else None,
        appeal_note=str(row.get("appeal_note") or "").strip(),
        payer=payer,
        payer_label=payers.get(payer, payer) if payer else None,
        conversion=found.conversion,
        paragraph_note=_paragraph_note(paragraph, vocab, locale) if passed_over else None,
    )


def _paragraph_note(paragraph: str, vocab: dict[str, list[dict]], locale: str) -> str:
    """Says that the plan's rows for the intervention do not name this paragraph."""
    labels = {i["value"]: item_label(i, locale) for i in vocab.get("paragraphs", [])}
    return _(
        "Planens rækker for indsatsen nævner ikke %(paragraph)s; svaret gælder indsatsen.",
        paragraph=labels.get(paragraph, paragraph),
    )


def line_months(start: date, end: date | None) -> Decimal | None:
    """A funding line's duration in whole months (start and end month counted), or None
    for a line without an end date."""
    if end is None:
        return None
    return Decimal((end.year * 12 + end.month) - (start.year * 12 + start.month) + 1)


def for_funding_line(
    intervention: str,
    annual_cost: Decimal | None,
    start: date,
    end: date | None,
    plan: Submission | None = None,
    *,
    paragraph: str | None = None,
    measures: Mapping[str, Decimal | None] | None = None,
) -> Answer:
    """Who may grant a funding line, after the plan in force on its start date.

    Without `measures` the line is measured by its annual cost and its duration in whole
    months; with them (the money side's `line_measures(line)`), by those.
    """
    if measures is None:
        measures = {"kr_per_year": annual_cost, "months": line_months(start, end)}
    return who_may_grant(intervention, paragraph=paragraph, measures=measures, on=start, plan=plan)


def is_below(granted_by: str | None, required: str | None) -> bool:
    """True when the recorded authority level is lower than the plan requires."""
    if not granted_by or not required:
        return False
    levels = [i["value"] for i in load_vocabularies()["authority_levels"]]
    if granted_by not in levels or required not in levels:
        return False
    return levels.index(granted_by) < levels.index(required)

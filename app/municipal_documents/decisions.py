"""'Who may grant this?' — answered from the municipality's active decision-competence plan.

The active plan is the newest *final* `beslutningskompetence` document whose `valid_from` is
not in the future. Rows match on intervention. A row with a threshold answers its own level
up to and including the threshold and `authority_above` beyond it; when the measure the
threshold is about is not given, the higher level is answered (the safe side). Several
matching rows: the highest level wins, because every condition must be met.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.formatting import format_number
from app.formengine.vocabularies import item_label
from app.models import Submission, SubmissionStatus
from app.vocabularies.services import load_vocabularies

PLAN_FORM = "beslutningskompetence"
MEASURES = ("kr_per_year", "hours_per_week", "hours_per_month", "months")
# Lazy: the answer is worded in the language of the request that asks (Danish by default).
UNIT_TEXT = {
    "kr_per_year": _l("kr. om året"),
    "hours_per_week": _l("timer om ugen"),
    "hours_per_month": _l("timer om måneden"),
    "months": _l("måneder"),
}
NOT_COVERED = _l("Ikke dækket af planen — kontakt leder.")


@dataclass(frozen=True)
class Answer:
    """Which authority level decides, and why."""

    covered: bool
    level: str | None
    level_label: str | None
    reason: str
    plan: Submission | None = None
    row_number: int | None = None  # 1-based row in the plan
    definite: bool = True  # False: the size the threshold is about was not given

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
        }


def active_plan(today: date | None = None) -> Submission | None:
    """The decision plan in force: newest final plan whose valid_from has come."""
    today_text = (today or date.today()).isoformat()
    plans = db.session.scalars(
        select(Submission).where(
            Submission.form_name == PLAN_FORM,
            Submission.case_id.is_(None),
            Submission.status == SubmissionStatus.FINAL,
        )
    )
    in_force = [p for p in plans if (p.data.get("valid_from") or "") <= today_text]
    return max(in_force, key=lambda p: (p.data.get("valid_from") or "", p.id), default=None)


def _row_answer(
    row: dict[str, Any], measures: dict[str, Decimal | None], labels: dict[str, str]
) -> tuple[str, str, bool]:
    """(level, reason, definite) for one matching row."""
    unit = row.get("threshold_unit")
    limit = row.get("threshold")
    if not unit or limit is None or not row.get("authority_above"):
        return row["authority_level"], _("planen har ingen grænse for indsatsen"), True
    limit = Decimal(str(limit))
    unit_text = str(UNIT_TEXT.get(unit, unit))
    limit_text = f"{format_number(limit)} {unit_text}"
    given = measures.get(unit)
    if given is None:
        below = labels.get(row["authority_level"], row["authority_level"])
        above = labels.get(row["authority_above"], row["authority_above"])
        return (
            row["authority_above"],
            _(
                "afhænger af %(unit)s: op til og med %(limit)s beslutter %(below)s, derover "
                "%(above)s; uden oplysningen gælder det højeste niveau",
                unit=unit_text,
                limit=limit_text,
                below=below,
                above=above,
            ),
            False,
        )
    if given <= limit:
        return (
            row["authority_level"],
            _(
                "%(given)s er inden for grænsen på %(limit)s",
                given=format_number(given),
                limit=limit_text,
            ),
            True,
        )
    reason = _(
        "%(given)s er over grænsen på %(limit)s", given=format_number(given), limit=limit_text
    )
    return row["authority_above"], reason, True


def who_may_grant(
    intervention: str,
    *,
    amount: Decimal | None = None,
    hours_per_week: Decimal | None = None,
    hours_per_month: Decimal | None = None,
    months: Decimal | None = None,
    plan: Submission | None = None,
    today: date | None = None,
) -> Answer:
    """Which authority level decides this intervention at this size, after the active plan."""
    plan = plan or active_plan(today)
    if plan is None:
        text = _("Der er ingen gældende beslutningskompetenceplan.") + " " + str(NOT_COVERED)
        return Answer(False, None, None, text)
    vocab = load_vocabularies()
    levels = [i["value"] for i in vocab["authority_levels"]]
    locale = str(get_locale() or "da")
    shown = {i["value"]: item_label(i, locale) for i in vocab["authority_levels"]}
    measures = {
        "kr_per_year": amount,
        "hours_per_week": hours_per_week,
        "hours_per_month": hours_per_month,
        "months": months,
    }
    answers = []
    for number, row in enumerate(plan.data.get("rows") or [], start=1):
        if isinstance(row, dict) and row.get("intervention") == intervention:
            level, reason, definite = _row_answer(row, measures, shown)
            rank = levels.index(level) if level in levels else len(levels)
            answers.append((rank, number, level, reason, definite))
    if not answers:
        return Answer(False, None, None, str(NOT_COVERED), plan)
    _rank, number, level, reason, definite = max(answers)
    label = shown.get(level, level)
    text = _(
        "%(level)s: række %(row)s i »%(plan)s«, %(reason)s.",
        level=label,
        row=number,
        plan=plan.title,
        reason=reason,
    )
    return Answer(True, level, label, text, plan, number, definite)


def line_months(start: date, end: date | None) -> Decimal | None:
    """A funding line's duration in whole months (start and end month counted), or None
    for a line without an end date."""
    if end is None:
        return None
    return Decimal((end.year * 12 + end.month) - (start.year * 12 + start.month) + 1)


def for_funding_line(
    intervention: str,
    annual_cost: Decimal,
    start: date,
    end: date | None,
    plan: Submission | None = None,
) -> Answer:
    """Who may grant a funding line: its annual cost and duration checked against the plan."""
    return who_may_grant(
        intervention, amount=annual_cost, months=line_months(start, end), plan=plan
    )


def is_below(granted_by: str | None, required: str | None) -> bool:
    """True when the recorded authority level is lower than the plan requires."""
    if not granted_by or not required:
        return False
    levels = [i["value"] for i in load_vocabularies()["authority_levels"]]
    if granted_by not in levels or required not in levels:
        return False
    return levels.index(granted_by) < levels.index(required)

"""A new funding line's shares from the decision plan's default payer, for the editor.

In the browser js/decision_hint.js fills the share as soon as the intervention is chosen;
this is the same help without JavaScript, when the editor page comes back after "Tilføj
linje", "Fjern" or "Opdater beregning". Never on save: a split is saved only as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.formatting import NotADate, parse_date
from app.funding.forms import EditorRow
from app.municipal_documents.decisions import who_may_grant


def prefill_default_payers(rows: Iterable[EditorRow], departments: Iterable[str]) -> None:
    """Give each row with an intervention and no share typed 100 % to the department the
    plan in force on its start date (today when none is typed) names as default payer."""
    known = set(departments)
    for row in rows:
        intervention = (row.values.get("intervention") or "").strip()
        if not intervention or any((text or "").strip() for text in row.shares.values()):
            continue
        try:
            start = parse_date(row.values.get("start") or "")
        except NotADate:
            start = None
        answer = who_may_grant(
            intervention, paragraph=(row.values.get("paragraph") or None), on=start
        )
        if answer.covered and answer.payer in known:
            row.shares[answer.payer] = "100"

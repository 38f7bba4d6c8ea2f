"""How funding values are shown on pages: kroner, percent, dates and changed values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.funding.diff import FieldChange
from app.funding.vocab import FundingVocab
from app.municipal_documents import decisions as decisions
from excel_tools import FundingLine

FIELD_LABELS = {
    "intervention": _l("Indsats"),
    "paragraph": _l("Paragraf"),
    "description": _l("Beskrivelse"),
    "annual_cost": _l("Årlig udgift (kr.)"),
    "start": _l("Startdato"),
    "end": _l("Slutdato"),
    "authority_level": _l("Bevilget af"),
    "notes": _l("Noter"),
    "shares": _l("Andele"),
}


def money(value: Decimal | float | int | None) -> str:
    """Kroner with two decimals in the UI language: 1.234,50 (da) or 1,234.50 (en)."""
    return format_decimal(value or 0, format="#,##0.00")


def percent(value: Decimal | float | int | None) -> str:
    """A percentage with up to two decimals, without the sign: 33,33 or 100."""
    return format_decimal(value or 0, format="#,##0.##")


def day(value: date | None) -> str:
    """A date in the UI language's medium form, or a dash."""
    return format_date(value, "medium") if value else "–"


def decision(line: FundingLine, plan=None):
    """Who may grant the line after the decision plan in force (an Answer)."""
    return decisions.for_funding_line(
        line.intervention, line.annual_cost, line.start, line.end, plan=plan
    )


def granted_below_plan(line: FundingLine, answer) -> bool:
    """True when the line records a lower authority than the plan asks for."""
    return (
        answer.covered
        and answer.definite
        and decisions.is_below(line.authority_level, answer.level)
    )


def shares_text(line: FundingLine, vocab: FundingVocab, locale: str) -> str:
    """A line's split as text: "Børn og Familie 60 %, PPR 40 %"."""
    return ", ".join(
        f"{vocab.label('shares', dept, locale)} {percent(share)} %"
        for dept, share in line.shares.items()
    )


def line_title(line: FundingLine, vocab: FundingVocab, locale: str) -> str:
    """A short name for a line: its intervention and description."""
    title = vocab.label("intervention", line.intervention, locale)
    description = " ".join(line.description.split())
    if description:
        title += " – " + (description if len(description) <= 60 else description[:59] + "…")
    return title


def change_value(change: FieldChange, value: Any, vocab: FundingVocab, locale: str) -> str:
    """One side of a changed field, formatted for reading."""
    if change.field == "shares":
        return f"{percent(value or 0)} %"
    if value is None or value == "":
        return _("ingen slutdato") if change.field == "end" else _("(tom)")
    if change.field == "annual_cost":
        return f"{money(value)} kr."
    if change.field in ("start", "end"):
        return day(value)
    if change.field in ("intervention", "paragraph", "authority_level"):
        return vocab.label(change.field, value, locale)
    text = " ".join(str(value).split())
    return f"»{text if len(text) <= 80 else text[:79] + '…'}«"


def change_label(change: FieldChange, vocab: FundingVocab, locale: str) -> str:
    """What a changed field is called on the page."""
    if change.field == "shares":
        return _("Andel for %(dept)s", dept=vocab.label("shares", change.department, locale))
    return str(FIELD_LABELS.get(change.field, change.field))

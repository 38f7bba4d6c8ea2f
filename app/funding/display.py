"""How funding values are shown on pages: kroner, percent, dates and changed values."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.formatting import format_date, format_money
from app.funding.diff import FieldChange
from app.funding.vocab import FundingVocab
from app.municipal_documents import decisions as decisions
from app.web.i18n import current_locale, filter_percent
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


def day(value: date | None) -> str:
    """A date in the UI language's medium form, or a dash."""
    return format_date(value, "medium", locale=current_locale()) if value else "–"


def decision(line: FundingLine, plan=None):
    """Who may grant the line after the decision plan in force on its start date (an Answer)."""
    return decisions.for_funding_line(
        line.intervention,
        line.annual_cost,
        line.start,
        line.end,
        plan=plan,
        paragraph=line.paragraph or None,
    )


def granted_below_plan(line: FundingLine, answer) -> bool:
    """True when the line records a lower authority than a definite answer asks for."""
    return answer.below_plan(line.authority_level)


def shares_text(line: FundingLine, vocab: FundingVocab, locale: str) -> str:
    """A line's split as text: "Børn og Familie 60 %, PPR 40 %"."""
    return ", ".join(
        f"{vocab.label('shares', dept, locale)} {filter_percent(share)} %"
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
        return f"{filter_percent(value)} %"
    if value is None or value == "":
        return _("ingen slutdato") if change.field == "end" else _("(tom)")
    if change.field == "annual_cost":
        return format_money(value, locale=current_locale())
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

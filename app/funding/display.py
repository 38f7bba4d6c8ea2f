"""How funding values are shown on pages: kroner, percent, dates and changed values."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.formatting import format_date, format_money, format_number
from app.funding.criteria import source_text
from app.funding.diff import FieldChange
from app.funding.lines import line_measures
from app.funding.vocab import FundingVocab
from app.municipal_documents import decisions as decisions
from app.web.i18n import current_locale, filter_percent
from excel_tools import FundingLine, costs

FIELD_LABELS = {
    "intervention": _l("Indsats"),
    "paragraph": _l("Paragraf"),
    "description": _l("Beskrivelse"),
    "cost_kind": _l("Udgiftstype"),
    "amount": _l("Beløb (kr.)"),
    "quantity": _l("Omfang"),
    "quantity_unit": _l("Omfang målt i"),
    "annual_cost": _l("Årlig udgift (kr.)"),
    "start": _l("Startdato"),
    "end": _l("Slutdato"),
    "authority_level": _l("Bevilget af"),
    "split_reason": _l("Begrundelse for fordelingen"),
    "notes": _l("Noter"),
    "shares": _l("Andele"),
}
#: What the amount means for each cost kind (shown beside a line's amount).
AMOUNT_UNITS = {
    costs.ONE_OFF: _l("kr. én gang"),
    costs.MONTHLY: _l("kr. pr. måned"),
    costs.YEARLY: _l("kr. pr. år"),
    costs.HOURLY: _l("kr. pr. time"),
}


def cost_kind_choices() -> list[tuple[str, str]]:
    """(value, label) of the cost kinds in the request's language."""
    return [(kind, label.render(_)) for kind, label in costs.COST_KIND_LABELS.items()]


def quantity_unit_choices() -> list[tuple[str, str]]:
    """(value, label) of the quantity units in the request's language."""
    return [(unit, label.render(_)) for unit, label in costs.QUANTITY_UNIT_LABELS.items()]


def cost_text(line: FundingLine) -> str:
    """The cost as granted: "200.000,00 kr. én gang", "350,00 kr. pr. time · 2 timer pr. uge"."""
    locale = current_locale()
    text = f"{format_money(line.amount or 0, locale=locale)} {AMOUNT_UNITS[line.cost_kind]}"
    if line.quantity is not None and line.quantity_unit in costs.QUANTITY_UNIT_LABELS:
        unit = costs.QUANTITY_UNIT_LABELS[line.quantity_unit].render(_)
        text += f" · {format_number(line.quantity, places=None, locale=locale)} {unit}"
    return text


def criterion_source(item: dict) -> str:
    """Where a joint-funding criterion comes from (the model, or the municipality's choice)."""
    return source_text(item)


def iso_day(text: str) -> str:
    """An ISO date text shown like :func:`day`."""
    return day(date.fromisoformat(text))


def day(value: date | None) -> str:
    """A date in the UI language's medium form, or a dash."""
    return format_date(value, "medium", locale=current_locale()) if value else "–"


def decision_plans() -> list:
    """Every final decision plan, read once for a table of lines (see decision)."""
    return decisions.final_plans()


def decision(line: FundingLine, plan=None, *, plans: list | None = None):
    """Who may grant the line after the decision plan in force on its start date (an Answer);
    ``plans`` (from decision_plans) spares a query per line."""
    if plan is None and plans is not None:
        plan = decisions.active_plan(line.start, plans)
    return decisions.for_funding_line(
        line.intervention,
        line.annual_cost,
        line.start,
        line.end,
        plan=plan,
        paragraph=line.paragraph or None,
        measures=line_measures(line),
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
    if change.field in ("annual_cost", "amount"):
        return format_money(value, locale=current_locale())
    if change.field == "quantity":
        return format_number(value, places=None, locale=current_locale())
    if change.field == "cost_kind" and value in costs.COST_KIND_LABELS:
        return costs.COST_KIND_LABELS[value].render(_)
    if change.field == "quantity_unit" and value in costs.QUANTITY_UNIT_LABELS:
        return costs.QUANTITY_UNIT_LABELS[value].render(_)
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


def stale_message(error: Any) -> str:
    """Why a workbook made from an older funding version was not imported (StaleWorkbookError)."""
    current = error.current
    who = current.saved_by.name if current is not None and current.saved_by else _("en anden")
    return _(
        "Regnearket er hentet fra version %(old)s af finansieringen, men %(who)s har gemt "
        "version %(new)s siden. Intet er indlæst, så den nyere ændring ikke bliver rullet "
        "tilbage uden et ord. Se hvad der er ændret, hent et nyt regneark, og overfør dine "
        "ændringer til det.",
        old=error.made_from,
        new=current.version if current is not None else 0,
        who=who,
    )

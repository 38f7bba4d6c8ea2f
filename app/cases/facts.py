"""A case's facts: numbers, titles, the case-flow document, law paragraphs, birth month and
the referral date.

``update_facts`` takes plain data (the web form's fields, or the subset an API PATCH sends),
checks every field with the same rules and messages, and changes only what differs. It
flushes and records one audit event naming the changed fields; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import get_month_names
from flask_babel import gettext as _
from sqlalchemy import select

from app import audit
from app.cases import services
from app.database import utcnow
from app.extensions import db
from app.followup.services import refresh_next_follow_up
from app.formatting import NotADate, parse_date
from app.formengine.vocabularies import item_value, offered_items
from app.models import Case, CaseParagraph, Submission, User
from app.models.case import local_today
from app.phases.flow import FLOW_FORM  # the /dokumenter form a case-flow template is saved with
from app.vocabularies.services import get_vocabulary

FACTS = (
    "reference",
    "title",
    "neutral_title",
    "flow_document_id",
    "paragraphs",
    "birth_month",
    "birth_year",
    "referred_on",
)
# A plausibility bound on the birth year, not a rule of law: support can run past 18, so a
# case may concern a young adult; anything older is taken as a typing mistake.
OLDEST_AGE = 25
# The ages the issue asks to plan for: 16, the ungeplan (barnets lov § 108, "fra 16 år", see
# the bl_108 entry in app/formengine/law.py), and 18, the transition to adult services (§§
# 122–123, "overgang til voksenlivet", entry bl_122_123).
TRANSITION_AGES = (16, 18)
# A plausibility bound on the referral date, not a rule: older dates are taken as typos.
OLDEST_REFERRAL_YEARS = 20


@dataclass(frozen=True)
class Transition:
    """The month a child turns ``age``: when a transition must be planned."""

    age: int
    month: date  # the first of the month


def flow_documents() -> list[Submission]:
    """The municipality's case-flow documents (from /dokumenter) a case can follow."""
    query = select(Submission).where(
        Submission.form_name == FLOW_FORM, Submission.case_id.is_(None)
    )
    return list(db.session.scalars(query.order_by(Submission.title, Submission.id)))


def paragraph_items(chosen: list[str] | None = None) -> list[dict[str, Any]]:
    """The paragraphs a case can hold: the municipality's list, retired ones only if chosen."""
    return offered_items(get_vocabulary("paragraphs") or [], chosen or [])


def paragraph_labels() -> dict[str, str]:
    """Every paragraph key (retired ones too) with its label, to show what a case holds."""
    return {item_value(i): i["label"] for i in get_vocabulary("paragraphs") or []}


def month_choices(locale: str) -> list[tuple[str, str]]:
    """The months as (number, name) in ``locale``, for a picker."""
    names = get_month_names("wide", context="stand-alone", locale=locale)
    return [(str(number), names[number]) for number in range(1, 13)]


def facts_of(case: Case) -> dict[str, Any]:
    """The case's facts as plain data (the API's answer and the edit form's start)."""
    return {
        "reference": case.reference,
        "title": case.title,
        "neutral_title": case.neutral_title,
        "flow_document_id": case.flow_document_id,
        "paragraphs": case.paragraph_keys,
        "birth_month": case.birth_month,
        "birth_year": case.birth_year,
        "referred_on": case.referred_on,
    }


def transitions(case: Case) -> list[Transition]:
    """The months the child turns 16 and 18 (empty without a birth month and year)."""
    if case.birth_month is None or case.birth_year is None:
        return []
    return [
        Transition(age, date(case.birth_year + age, case.birth_month, 1)) for age in TRANSITION_AGES
    ]


def _whole_number(value: Any) -> int | None:
    """An int from an int or digits typed in a form; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _check_birth(month: Any, year: Any, today: date) -> tuple[dict[str, list[str]], tuple]:
    """Errors and the clean (month, year); both empty is fine, one without the other is not."""
    empty = (None, "")
    if month in empty and year in empty:
        return {}, (None, None)
    errors: dict[str, list[str]] = {}
    clean_month, clean_year = _whole_number(month), _whole_number(year)
    if month in empty or year in empty:
        field = "birth_month" if month in empty else "birth_year"
        return {field: [_("Angiv både fødselsmåned og fødselsår, eller ingen af dem.")]}, ()
    if clean_month is None or not 1 <= clean_month <= 12:
        errors["birth_month"] = [_("Vælg en måned.")]
    if clean_year is None or not today.year - OLDEST_AGE <= clean_year <= today.year:
        errors["birth_year"] = [
            _(
                "Angiv et år mellem %(first)s og %(last)s.",
                first=today.year - OLDEST_AGE,
                last=today.year,
            )
        ]
    elif "birth_month" not in errors and date(clean_year, clean_month, 1) > today:
        errors["birth_month"] = [_("Fødselsmåneden ligger i fremtiden.")]
    return errors, (clean_month, clean_year)


def _check_referral(value: Any, today: date) -> tuple[list[str], date | None]:
    """Messages and the clean referral date: a real date, not in the future, not decades old."""
    if value in (None, ""):
        return [_("Angiv henvisningsdatoen.")], None
    try:
        day = parse_date(value)
    except NotADate:
        return [_("Skriv datoen som dd-mm-åååå.")], None
    if day > today:
        return [_("Henvisningsdatoen ligger i fremtiden.")], None
    if day.year < today.year - OLDEST_REFERRAL_YEARS:
        years = OLDEST_REFERRAL_YEARS
        return [_("Henvisningsdatoen ligger mere end %(years)s år tilbage.", years=years)], None
    return [], day


def _check_paragraphs(value: Any, current: list[str]) -> tuple[list[str], list[str]]:
    """Messages and the clean list of keys (known in the list; retired ones only if held)."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return [_("Vælg paragraffer fra listen.")], []
    allowed = {item_value(i) for i in paragraph_items(current)}
    unknown = [v for v in value if v not in allowed]
    if unknown:
        return [_("Ukendt paragraf: %(keys)s.", keys=", ".join(unknown))], []
    return [], list(dict.fromkeys(value))  # keep the order chosen, once each


def _check_flow(value: Any) -> tuple[list[str], int | None]:
    """Messages and the clean id of a case-flow document (None: follows none)."""
    if value in (None, ""):
        return [], None
    doc_id = _whole_number(value)
    if doc_id is None or doc_id not in {d.id for d in flow_documents()}:
        return [_("Vælg et sagsforløb fra kommunens dokumenter.")], None
    return [], doc_id


def check_facts(case: Case, data: dict[str, Any], today: date | None = None) -> tuple[dict, dict]:
    """(clean values, errors by field) for the facts present in ``data``."""
    today = today or local_today()
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if "reference" in data:
        if messages := services.check_reference(data["reference"]):
            errors["reference"] = messages
        elif services.reference_taken(data["reference"].strip(), but=case):
            errors["reference"] = [_("Der findes allerede en sag med det sagsnummer.")]
        else:
            clean["reference"] = data["reference"].strip()
    for name, required in (("title", True), ("neutral_title", False)):
        if name in data:
            if messages := services.check_title(data[name], required=required):
                errors[name] = messages
            else:
                clean[name] = (data[name] or "").strip()
    if "flow_document_id" in data:
        messages, clean["flow_document_id"] = _check_flow(data["flow_document_id"])
        if messages:
            errors["flow_document_id"] = messages
    if "paragraphs" in data:
        messages, clean["paragraphs"] = _check_paragraphs(data["paragraphs"], case.paragraph_keys)
        if messages:
            errors["paragraphs"] = messages
    if "birth_month" in data or "birth_year" in data:
        month = data.get("birth_month", case.birth_month)
        year = data.get("birth_year", case.birth_year)
        birth_errors, birth = _check_birth(month, year, today)
        errors.update(birth_errors)
        if not birth_errors:
            clean["birth_month"], clean["birth_year"] = birth
    if "referred_on" in data:
        messages, clean["referred_on"] = _check_referral(data["referred_on"], today)
        if messages:
            errors["referred_on"] = messages
    return clean, errors


def update_facts(
    actor: User, case: Case, data: dict[str, Any], today: date | None = None
) -> list[str]:
    """Change the facts given in ``data``; returns the changed fields (CaseError on bad data)."""
    clean, errors = check_facts(case, data, today)
    if errors:
        raise services.CaseError(errors)
    current = facts_of(case)
    changed = [name for name in FACTS if name in clean and clean[name] != current[name]]
    for name in changed:
        if name == "paragraphs":
            _set_paragraphs(case, clean[name])
        else:
            setattr(case, name, clean[name])
    if changed:
        case.updated_at = utcnow()
        db.session.flush()
        audit.record("case_facts_changed", case, actor=actor, fields=changed)
    if {"paragraphs", "flow_document_id"} & set(changed):  # the cadence's inputs
        refresh_next_follow_up(case)
    return changed


def _set_paragraphs(case: Case, keys: list[str]) -> None:
    """Hold exactly ``keys``: rows kept where they stay, added and removed otherwise."""
    keep = set(keys)
    for row in [p for p in case.paragraphs if p.key not in keep]:
        case.paragraphs.remove(row)
    held = set(case.paragraph_keys)
    case.paragraphs.extend(CaseParagraph(key=key) for key in keys if key not in held)


def paragraph_usages(vocabulary: str, key: str, limit: int = 10) -> list[str]:
    """Where a paragraph key is held by cases (a usage finder for the vocabulary editor)."""
    if vocabulary != "paragraphs" or limit <= 0:
        return []
    query = (
        select(Case.reference)
        .join(CaseParagraph, CaseParagraph.case_id == Case.id)
        .where(CaseParagraph.key == key)
        .order_by(Case.reference)
        .limit(limit)
    )
    return [
        _("sag %(reference)s: sagens paragraffer", reference=ref)
        for ref in db.session.scalars(query)
    ]

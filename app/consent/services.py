"""Consents and the consent gate: plain functions; writers flush and the caller commits.

The gate (``content_allowed``) is asked by app/authz.py for every content action of a user
whose position is gated (members from other departments, see authz.RULES). It reads the
case's consents on each call, so a withdrawal or an expiry takes effect at the next request.
Every change is audited with ids and codes only (never names, text or CPR numbers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app import audit, authz
from app.cpr import looks_like_cpr
from app.extensions import db
from app.models import Case, CasePartner, Consent, FamilyMember, MunicipalitySettings, Role, User
from app.text import clean_text
from app.vocabularies.services import load_vocabularies

#: A consent expiring within this many days is shown as "expiring" and on "Mine sager".
EXPIRING_DAYS = 30
TEXT_MAX = 2000
NOTE_MAX = 500

#: What information a consent can name, as the app's own categories (a choice of this app,
#: not of the model documents); the free text says the rest.
CATEGORIES = {
    "plans": _l("Planer og mål"),
    "forms": _l("Formularer og udredninger"),
    "meetings": _l("Møder, referater og aftaler"),
    "family": _l("Familiens kontaktoplysninger"),
    "health": _l("Helbredsoplysninger"),
    "school": _l("Oplysninger fra skole og dagtilbud"),
}

VALID, EXPIRING, EXPIRED, WITHDRAWN, NOT_YET = (
    "valid",
    "expiring",
    "expired",
    "withdrawn",
    "not_yet",
)
STATUS_LABELS = {
    VALID: _l("Gyldigt"),
    EXPIRING: _l("Udløber inden for 30 dage"),
    EXPIRED: _l("Udløbet"),
    WITHDRAWN: _l("Tilbagekaldt"),
    NOT_YET: _l("Gælder endnu ikke"),
}


class ConsentError(ValueError):
    """A consent that cannot be stored; messages keyed by field name, shown to the user."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class ConsentConflict(Exception):
    """The consent was withdrawn by someone else first; ``consent`` is what is stored."""

    def __init__(self, consent: Consent):
        super().__init__("consent already withdrawn")
        self.consent = consent


def status(consent: Consent, today: date | None = None) -> str:
    """The consent's status on ``today``: valid, expiring, expired, withdrawn or not yet."""
    today = today or date.today()
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        return WITHDRAWN
    if consent.expires_on < today:
        return EXPIRED
    if consent.given_on > today:
        return NOT_YET
    if consent.expires_on <= today + timedelta(days=EXPIRING_DAYS):
        return EXPIRING
    return VALID


def is_valid(consent: Consent, today: date | None = None) -> bool:
    """True when the consent covers what it names on ``today``."""
    return status(consent, today) in (VALID, EXPIRING)


def list_consents(case: Case) -> list[Consent]:
    """The case's consents, newest first."""
    query = select(Consent).where(Consent.case_id == case.id).order_by(Consent.id.desc())
    return list(db.session.scalars(query))


def covered_departments(case: Case, today: date | None = None) -> set[str]:
    """The departments (vocabulary keys) a valid consent covers on ``today``."""
    return {d for c in list_consents(case) if is_valid(c, today) for d in c.departments}


def _settings() -> MunicipalitySettings | None:
    """The municipality's settings row, read only (None before anything is stored: the gate
    is then on, its default)."""
    return db.session.scalar(select(MunicipalitySettings).limit(1))


def gate_on() -> bool:
    """True unless the municipality turned the gate off (it records another legal basis)."""
    settings = _settings()
    return settings is None or bool(settings.consent_gate)


def legal_basis() -> str:
    """The legal basis the municipality recorded for sharing without consent ("" if none)."""
    settings = _settings()
    return (settings.consent_legal_basis or "") if settings is not None else ""


def content_allowed(user: User, case: Case, today: date | None = None) -> bool:
    """The gate: may ``user`` see the family's content on ``case`` as far as consent goes?

    True for users the gate does not apply to (the case's own coordinator, caseworkers,
    leaders, admins; authz.RULES) and when the municipality turned the gate off. A gated
    member needs a department covered by a valid consent on ``today``; a member without a
    department is never covered."""
    if not authz.is_gated(user, case) or not gate_on():
        return True
    if not user.department:
        return False
    return user.department in covered_departments(case, today)


def _text(value: Any, limit: int) -> str:
    """Posted text cleaned, '' for anything else."""
    return (
        clean_text(value, unify_newlines=True).strip()[: limit + 1]
        if isinstance(value, str)
        else ""
    )


def _day(value: Any) -> date | None:
    """A date from a form (date) or JSON (ISO text); None when missing or not a date."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Choices:
    """What a consent of the case can name: family members, departments, partners."""

    family: dict[int, str]
    departments: dict[str, str]
    partners: dict[int, str]


def choices(case: Case) -> Choices:
    """The case's family members, the departments vocabulary and the case's partners."""
    family = db.session.scalars(select(FamilyMember).where(FamilyMember.case_id == case.id))
    departments = load_vocabularies().get("departments", [])
    return Choices(
        {m.id: m.name for m in family},
        {d["value"]: d["label"] for d in departments},
        {p.id: f"{p.name} ({p.organisation})" for p in case.partners},
    )


def check_consent(case: Case, data: Mapping[str, Any]) -> tuple[dict, dict[str, list[str]]]:
    """(clean values, errors by field) of a posted consent."""
    options = choices(case)
    errors: dict[str, list[str]] = {}

    def problem(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    given_by = data.get("given_by_id")
    given_by = int(given_by) if str(given_by or "").isdigit() else None
    if given_by not in options.family:
        problem("given_by_id", _("Vælg, hvem i familien der har givet samtykket."))
    values = {
        "given_by_id": given_by,
        "information": _text(data.get("information"), TEXT_MAX),
        "purpose": _text(data.get("purpose"), TEXT_MAX),
        "categories": [c for c in data.get("categories") or [] if c in CATEGORIES],
        "departments": [d for d in data.get("departments") or [] if d in options.departments],
        "partner_ids": [
            int(p)
            for p in data.get("partner_ids") or []
            if str(p).isdigit() and int(p) in options.partners
        ],
        "given_on": _day(data.get("given_on")),
        "expires_on": _day(data.get("expires_on")),
    }
    if not values["information"] and not values["categories"]:
        problem("information", _("Skriv eller vælg, hvilke oplysninger samtykket omfatter."))
    if not values["departments"] and not values["partner_ids"]:
        problem("departments", _("Vælg mindst én afdeling eller samarbejdspartner."))
    if not values["purpose"]:
        problem("purpose", _("Skriv formålet med samtykket."))
    for name in ("information", "purpose"):
        if len(values[name]) > TEXT_MAX:
            problem(name, _("Teksten må højst have %(max)s tegn.", max=TEXT_MAX))
        if looks_like_cpr(values[name]):
            problem(name, _("Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer."))
    if values["given_on"] is None:
        problem("given_on", _("Angiv datoen, samtykket er givet."))
    elif values["given_on"] > date.today():
        problem("given_on", _("Datoen kan ikke ligge i fremtiden."))
    if values["expires_on"] is None:
        problem("expires_on", _("Angiv, hvornår samtykket udløber."))
    elif values["given_on"] and values["expires_on"] <= values["given_on"]:
        problem("expires_on", _("Udløbsdatoen skal ligge efter datoen, det er givet."))
    return values, errors


def record_consent(actor: User, case: Case, data: Mapping[str, Any]) -> Consent:
    """Store a consent given for the case; ConsentError on bad data."""
    values, errors = check_consent(case, data)
    if errors:
        raise ConsentError(errors)
    consent = Consent(case_id=case.id, recorded_by_id=actor.id, **values)
    db.session.add(consent)
    db.session.flush()
    audit.record(
        "consent_recorded",
        case,
        actor=actor,
        consent_id=consent.id,
        family_member_id=consent.given_by_id,
        departments=list(consent.departments),
        partner_ids=list(consent.partner_ids),
    )
    return consent


def get_consent(case: Case, consent_id: int) -> Consent | None:
    """One consent of the case (None when it is not this case's)."""
    consent = db.session.get(Consent, consent_id)
    return consent if consent is not None and consent.case_id == case.id else None


def withdraw(actor: User, case: Case, consent: Consent, note: Any, on: Any = None) -> Consent:
    """Record that the family withdrew the consent (today unless ``on`` is given).

    A conditional update: when someone else withdrew it first (two people at once, or a page
    read before their withdrawal), ConsentConflict carries the stored consent and nothing
    is written twice."""
    if consent.withdrawn_on is not None:
        raise ConsentConflict(consent)
    day = _day(on) or date.today()
    text = _text(note, NOTE_MAX)
    errors: dict[str, list[str]] = {}
    if day > date.today() or day < consent.given_on:
        errors["note"] = [_("Datoen skal ligge mellem datoen, det blev givet, og i dag.")]
    if len(text) > NOTE_MAX:
        errors["note"] = [_("Noten må højst have %(max)s tegn.", max=NOTE_MAX)]
    if looks_like_cpr(text):
        errors["note"] = [_("Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer.")]
    if errors:
        raise ConsentError(errors)
    claimed = db.session.execute(
        update(Consent)
        .where(Consent.id == consent.id, Consent.withdrawn_on.is_(None))
        .values(withdrawn_on=day, withdrawn_by_id=actor.id, withdrawal_note=text)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise ConsentConflict(db.session.get(Consent, consent.id) or consent)
    db.session.refresh(consent)
    audit.record("consent_withdrawn", case, actor=actor, consent_id=consent.id)
    return consent


@dataclass(frozen=True)
class Coverage:
    """The consent status of one department or partner on a case."""

    key: str  # a department key, or "partner-<id>"
    label: str
    status: str | None  # the best status of the consents naming it; None: never named

    @property
    def covered(self) -> bool:
        """True when a valid consent covers it today."""
        return self.status in (VALID, EXPIRING)


_RANK = [VALID, EXPIRING, NOT_YET, EXPIRED, WITHDRAWN]


def coverage(case: Case, today: date | None = None) -> list[Coverage]:
    """Per department and partner named by a consent or on the team: the best status."""
    options = choices(case)
    best: dict[str, str] = {}
    for consent in list_consents(case):
        state = status(consent, today)
        keys = list(consent.departments) + [f"partner-{p}" for p in consent.partner_ids]
        for key in keys:
            if key not in best or _RANK.index(state) < _RANK.index(best[key]):
                best[key] = state
    wanted = [m.user.department for m in case.members if m.user.department]
    keys = list(dict.fromkeys([*best, *wanted]))
    rows = []
    for key in keys:
        if key.startswith("partner-"):
            partner_id = int(key.removeprefix("partner-"))
            label = options.partners.get(partner_id, _("Samarbejdspartner (fjernet)"))
        else:
            label = options.departments.get(key, key)
        rows.append(Coverage(key, label, best.get(key)))
    return rows


def expiring_for(user: User, today: date | None = None) -> list[Consent]:
    """Consents expiring within EXPIRING_DAYS on open cases ``user`` coordinates, soonest
    first (not withdrawn). For family coordinators only: leaders and admins get theirs on
    the leader dashboard, and their case list stays at its fixed number of statements."""
    if not user.has_role(Role.COORDINATOR):
        return []
    today = today or date.today()
    query = (
        select(Consent)
        .join(Case, Case.id == Consent.case_id)
        .where(
            Case.coordinator_id == user.id,
            Case.status == "open",
            Consent.withdrawn_on.is_(None),
            Consent.expires_on >= today,
            Consent.expires_on <= today + timedelta(days=EXPIRING_DAYS),
        )
        .order_by(Consent.expires_on, Consent.id)
    )
    return list(db.session.scalars(query))


def partner_covered(case: Case, partner: CasePartner, today: date | None = None) -> bool:
    """True when a valid consent names the partner today."""
    return any(partner.id in c.partner_ids for c in list_consents(case) if is_valid(c, today))

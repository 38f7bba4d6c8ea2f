"""The contact agreement: how and how often the family wants contact, and who coordinates.

The model asks the family coordinator to agree with the family "hvordan og hvor ofte
familien ønsker at have kontakt" [ÉFÉI-2022, principle 3 "Familiekoordinatoren inddrager
familien løbende i sagsforløbet"]; some families want close and frequent contact, others
want "plads" [ÉFÉI-2022, same place; SOF-2021, on families' differing wishes for contact],
and informal contact by SMS or short phone calls is named [SOF-2021, on the adviser's
availability]. A Copenhagen practice agrees the form and frequency of contact at the first
meeting, by phone, at meetings or home visits [KK-2017, "Planlagte forløb"]. The list of
channels (contact_words.CHANNELS; e-mail and Digital Post added) is the product's
choice; "who coordinates" (the family or the adviser) is asked by the issue, not the model.

Plain data in, models out; ``save_agreement`` flushes and audits, the caller commits. Every
save is a conditional UPDATE on ``version``: a lost race raises ConflictError.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app import audit
from app.cpr import looks_like_cpr
from app.database import utcnow
from app.extensions import db
from app.family.contact_words import CHANNELS, COORDINATORS
from app.family.services import FamilyError
from app.models import Case, ContactAgreement, User
from app.text import clean_text

TEXT_FIELDS = {"frequency": 200, "best_times": 200, "notes": 2000}
FIELDS = ("channels", "frequency", "coordinated_by", "best_times", "notes")


class ContactError(FamilyError):
    """A contact agreement that cannot be stored; messages by field name."""


class ConflictError(Exception):
    """Someone else saved the agreement since it was opened; ``current`` is theirs."""

    def __init__(self, current: ContactAgreement | None):
        super().__init__("contact agreement changed since it was opened")
        self.current = current


def channel_choices() -> list[tuple[str, str]]:
    """(key, translated label) of every channel."""
    return [(key, str(label)) for key, (label, _da) in CHANNELS.items()]


def coordinator_choices() -> list[tuple[str, str]]:
    """(key, translated label) of who may coordinate; the empty choice first."""
    return [("", str(_l("Ikke aftalt")))] + [(k, str(v[0])) for k, v in COORDINATORS.items()]


def agreement_of(case: Case) -> ContactAgreement | None:
    """The case's contact agreement, if one was saved."""
    return db.session.scalar(select(ContactAgreement).where(ContactAgreement.case_id == case.id))


def check(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(clean values, errors by field) of posted or JSON data."""
    errors: dict[str, list[str]] = {}
    raw_channels = data.get("channels") or []
    channels = [c for c in raw_channels if isinstance(c, str)]
    if len(channels) != len(raw_channels) or any(c not in CHANNELS for c in channels):
        errors["channels"] = [_("Vælg kontaktformer fra listen.")]
    values: dict[str, Any] = {"channels": [c for c in CHANNELS if c in channels]}
    coordinated_by = data.get("coordinated_by") or ""
    if coordinated_by not in ("", *COORDINATORS):
        errors["coordinated_by"] = [_("Vælg, hvem der koordinerer kontakten.")]
    values["coordinated_by"] = coordinated_by if isinstance(coordinated_by, str) else ""
    for name, limit in TEXT_FIELDS.items():
        raw = data.get(name)
        text = clean_text(raw, unify_newlines=True).strip() if isinstance(raw, str) else ""
        values[name] = text
        if len(text) > limit:
            errors[name] = [_("Teksten må højst have %(max)s tegn.", max=limit)]
        elif looks_like_cpr(text):
            errors[name] = [_("Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer.")]
    return values, errors


def save_agreement(
    actor: User, case: Case, data: Mapping[str, Any], base_version: int | None
) -> ContactAgreement:
    """Save the case's contact agreement edited at ``base_version`` (0: there was none).

    ContactError on bad data (nothing stored); ConflictError when someone saved since.
    """
    values, errors = check(data)
    if errors:
        raise ContactError(errors)
    if base_version is None:
        raise ConflictError(agreement_of(case))
    current = agreement_of(case)
    if base_version == 0:
        if current is not None:
            raise ConflictError(current)
        agreement = ContactAgreement(case_id=case.id, version=1, **values)
        db.session.add(agreement)
        try:
            db.session.flush()
        except IntegrityError:  # someone created it at the same moment
            db.session.rollback()
            raise ConflictError(agreement_of(case)) from None
    else:
        result = db.session.execute(
            update(ContactAgreement)
            .where(ContactAgreement.case_id == case.id, ContactAgreement.version == base_version)
            .values(version=base_version + 1)
            .execution_options(synchronize_session=False)
        )
        if current is None or result.rowcount != 1:
            db.session.rollback()
            raise ConflictError(agreement_of(case))
        agreement = current
        agreement.version = base_version + 1  # what the row now holds
        for name, value in values.items():
            setattr(agreement, name, value)
    agreement.updated_at, agreement.updated_by_id = utcnow(), actor.id
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("contact_agreement_saved", case, actor=actor, version=agreement.version)
    return agreement


def as_data(agreement: ContactAgreement | None) -> dict[str, Any]:
    """The agreement as plain data (the edit form's start); empty values when none."""
    if agreement is None:
        return {name: [] if name == "channels" else "" for name in FIELDS}
    return {name: getattr(agreement, name) for name in FIELDS}


def shown(agreement: ContactAgreement | None) -> dict[str, Any] | None:
    """The agreement as the case page and the family page show it (translated labels)."""
    if agreement is None:
        return None
    return {
        "channels": [str(CHANNELS[c][0]) for c in agreement.channels or [] if c in CHANNELS],
        "frequency": agreement.frequency,
        "coordinated_by": (
            str(COORDINATORS[agreement.coordinated_by][0])
            if agreement.coordinated_by in COORDINATORS
            else ""
        ),
        "best_times": agreement.best_times,
        "notes": agreement.notes,
    }

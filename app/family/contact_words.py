"""The contact agreement's choices and its names in the plans' Word context.

Pure (no database, no request): `app/word/plan.py` and the template builder import it.
Documents are Danish, so each choice has its Danish word for the plans beside its label.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

#: The ways of contact a family can choose (key: label on screen, Danish word for documents).
CHANNELS: dict[str, tuple[Any, str]] = {
    "phone": (_l("Telefon"), "telefon"),
    "sms": (_l("SMS"), "SMS"),
    "email": (_l("E-mail"), "e-mail"),
    "home_visit": (_l("Hjemmebesøg"), "hjemmebesøg"),
    "meeting": (_l("Møde hos kommunen"), "møde hos kommunen"),
    "digital_post": (_l("Digital Post"), "Digital Post"),
}
#: Who coordinates the contact with the core team.
COORDINATORS: dict[str, tuple[Any, str]] = {
    "family": (_l("Familien selv"), "Familien selv"),
    "adviser": (_l("Familiekoordinatoren"), "Familiekoordinatoren"),
}
#: The names a template of the family's plan may use under ``kontaktaftale``.
WORD_NAMES: dict[str, Any] = {
    "kontaktformer": None,
    "hyppighed": None,
    "koordineres_af": None,
    "bedste_tider": None,
    "noter": None,
}


def word_context(agreement: Any) -> dict[str, Any] | None:
    """The agreement in the plans' Danish names (documents are Danish); None when none."""
    if agreement is None:
        return None
    words = [CHANNELS[c][1] for c in agreement.channels or [] if c in CHANNELS]
    text = ", ".join(words)
    return {
        "kontaktformer": text[:1].upper() + text[1:] if text else None,
        "hyppighed": agreement.frequency or None,
        "koordineres_af": COORDINATORS.get(agreement.coordinated_by, (None, None))[1],
        "bedste_tider": agreement.best_times or None,
        "noter": agreement.notes or None,
    }


def sample_word_context() -> dict[str, Any]:
    """A sample agreement for the template check and the Flettefelter page."""
    return {
        "kontaktformer": "Telefon, SMS",
        "hyppighed": "Hver 14. dag, og når der er nyt",
        "koordineres_af": "Familiekoordinatoren",
        "bedste_tider": "Hverdage kl. 9–14",
        "noter": "Ring ikke, når Emma er hjemme.",
    }

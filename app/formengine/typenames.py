"""The field types in the words of the people who build forms: a Danish name and a one-line
explanation each (the designer's palette), and the likely meaning of a type people guessed
("dropdown", "checkbox") for the check's suggestion."""

from __future__ import annotations

import difflib
from typing import Any

from flask_babel import lazy_gettext as _l

from app.formengine.schema import FIELD_TYPES

TYPE_NAMES: dict[str, Any] = {
    "text": _l("Kort tekst"),
    "textarea": _l("Lang tekst"),
    "integer": _l("Heltal"),
    "decimal": _l("Decimaltal"),
    "money": _l("Beløb"),
    "percent": _l("Procent"),
    "date": _l("Dato"),
    "boolean": _l("Ja/nej"),
    "select": _l("Valgliste"),
    "multiselect": _l("Flere valg"),
    "scale": _l("Dialoglineal (1–10)"),
    "person": _l("Person fra kerneteamet"),
    "repeat": _l("Tabel med rækker"),
    "heading": _l("Overskrift"),
    "help": _l("Vejledende tekst"),
}

TYPE_EXPLANATIONS: dict[str, Any] = {
    "text": _l("Én linje tekst, fx et navn eller en overskrift på et mål."),
    "textarea": _l("Flere linjer tekst, fx en beskrivelse med barnets egne ord."),
    "integer": _l("Et helt tal, fx antal timer eller et årstal."),
    "decimal": _l("Et tal med op til to decimaler."),
    "money": _l("Et beløb i kroner med øre."),
    "percent": _l("En procentdel, normalt mellem 0 og 100."),
    "date": _l("En dato; kan kræves at ligge efter en anden dato."),
    "boolean": _l("Et spørgsmål, der besvares med ja eller nej."),
    "select": _l("Ét valg blandt faste muligheder eller fra en fælles liste."),
    "multiselect": _l("Et eller flere valg blandt mulighederne."),
    "scale": _l("Et tal fra 1 til 10 med en tekst i hver ende, til samtaler."),
    "person": _l("En af de personer, der er med i sagens kerneteam."),
    "repeat": _l("Rækker med de samme kolonner, fx mål, indsatser eller betalere."),
    "heading": _l("En overskrift mellem felterne; gemmer ingen værdi."),
    "help": _l("Et afsnit med vejledning til den, der udfylder; gemmer ingen værdi."),
}

# Words people from other form builders type for our types.
SYNONYMS = {
    "dropdown": "select",
    "radio": "select",
    "choice": "select",
    "enum": "select",
    "checkbox": "boolean",
    "checkboxes": "multiselect",
    "bool": "boolean",
    "yesno": "boolean",
    "number": "integer",
    "int": "integer",
    "float": "decimal",
    "amount": "money",
    "currency": "money",
    "string": "text",
    "str": "text",
    "textfield": "text",
    "multiline": "textarea",
    "memo": "textarea",
    "list": "repeat",
    "table": "repeat",
    "group": "repeat",
    "rating": "scale",
    "slider": "scale",
    "user": "person",
    "title": "heading",
    "note": "help",
}

assert set(TYPE_NAMES) == set(FIELD_TYPES) == set(TYPE_EXPLANATIONS)


def suggest_type(word: Any) -> str | None:
    """The field type someone most likely meant by ``word``, or None."""
    if not isinstance(word, str):
        return None
    key = word.strip().lower().replace("-", "").replace("_", "")
    if key in SYNONYMS:
        return SYNONYMS[key]
    close = difflib.get_close_matches(key, list(FIELD_TYPES) + list(SYNONYMS), n=1, cutoff=0.6)
    return SYNONYMS.get(close[0], close[0]) if close else None

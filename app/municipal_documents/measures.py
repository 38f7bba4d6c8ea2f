"""What a decision-plan row measures, and the sizes a grant is given in.

One vocabulary of measures is shared by funding lines, decision-plan rows and the lookup
(kr. a year, kr. one-off, hours a week or a month, days/nights a month, duration in months).
Hours a week and hours a month are converted with 52/12 weeks a month, and the answer says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.formatting import format_number

MEASURES = (
    "kr_per_year",
    "kr_one_off",
    "hours_per_week",
    "hours_per_month",
    "days_per_month",
    "months",
)
# Old names still understood: the lookup and the API called kr. a year "amount". The four units
# plans have stored so far (kr_per_year, hours_per_week, hours_per_month, months) are measures.
UNIT_ALIASES: dict[str, str] = {"amount": "kr_per_year"}
WEEKS_PER_MONTH = (Decimal(52), Decimal(12))  # 52 weeks a year / 12 months

# Lazy: the answer is worded in the language of the request that asks (Danish by default).
UNIT_LABEL = {
    "kr_per_year": _l("kr. om året"),
    "kr_one_off": _l("kr. som engangsbeløb"),
    "hours_per_week": _l("timer om ugen"),
    "hours_per_month": _l("timer om måneden"),
    "days_per_month": _l("døgn pr. måned"),
    "months": _l("varighed i måneder"),
}
# A size with its unit, as the limit is written: "20.000 kr. om året".
_LIMIT = {
    "kr_per_year": _l("%(number)s kr. om året"),
    "kr_one_off": _l("%(number)s kr. som engangsbeløb"),
    "hours_per_week": _l("%(number)s timer om ugen"),
    "hours_per_month": _l("%(number)s timer om måneden"),
    "days_per_month": _l("%(number)s døgn om måneden"),
    "months": _l("%(number)s måneder"),
}
# A given size, short, before "er inden for grænsen på …": "18.500 kr.".
_GIVEN = {
    "kr_per_year": _l("%(number)s kr."),
    "kr_one_off": _l("%(number)s kr."),
    "hours_per_week": _l("%(number)s timer om ugen"),
    "hours_per_month": _l("%(number)s timer om måneden"),
    "days_per_month": _l("%(number)s døgn om måneden"),
    "months": _l("%(number)s måneder"),
}


def unit_key(unit: object) -> str | None:
    """A row's stored unit as a measure key (old keys understood), or None if unknown."""
    if not isinstance(unit, str) or not unit:
        return None
    unit = UNIT_ALIASES.get(unit, unit)
    return unit if unit in MEASURES else None


def _locale() -> str:
    """The language of the request (numbers are written the way it reads them)."""
    return str(get_locale() or "da")


def number_text(value: Decimal) -> str:
    """A size as people read it: "18.500", "9,23" (two decimals at most)."""
    return format_number(value, places=2, locale=_locale())


def limit_text(unit: str, value: Decimal) -> str:
    """A size with its unit, as a limit is written: "20.000 kr. om året"."""
    return str(_LIMIT[unit]) % {"number": number_text(value)}


def given_text(unit: str, value: Decimal) -> str:
    """A given size, short: "18.500 kr.", "9 timer om måneden"."""
    return str(_GIVEN[unit]) % {"number": number_text(value)}


def clean_measures(measures: Mapping[str, object] | None) -> dict[str, Decimal]:
    """The measures that were given, as Decimals ≥ 0 under their keys (None and blanks
    dropped, unknown keys ignored, old keys read as the new ones)."""
    clean: dict[str, Decimal] = {}
    for key, value in (measures or {}).items():
        unit = unit_key(key)
        if unit is None or value is None or value == "":
            continue
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value))
        except (InvalidOperation, ValueError):
            continue
        if number.is_finite() and number >= 0:
            clean[unit] = number
    return clean


def measure_for(unit: str, given: Mapping[str, Decimal]) -> tuple[Decimal | None, str | None]:
    """(size in `unit`, conversion note) from the given measures.

    Hours a week and hours a month stand in for each other at 52/12 weeks a month; the note
    says what was converted. Multiplying before dividing keeps round sizes exact
    (6 hours a week is 26 hours a month, not 25.999…).
    """
    if given.get(unit) is not None:
        return given[unit], None
    weeks, months = WEEKS_PER_MONTH
    if unit == "hours_per_week" and given.get("hours_per_month") is not None:
        source, value = "hours_per_month", given["hours_per_month"] * months / weeks
    elif unit == "hours_per_month" and given.get("hours_per_week") is not None:
        source, value = "hours_per_week", given["hours_per_week"] * weeks / months
    else:
        return None, None
    note = _(
        "%(given)s svarer til %(converted)s (omregnet med 52/12 uger om måneden)",
        given=given_text(source, given[source]),
        converted=given_text(unit, value),
    )
    return value, note

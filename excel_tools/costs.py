"""How a funding line's cost is granted, and the rules its cost fields follow.

A line is granted as one of four kinds (``cost_kind``), with ``amount`` meaning:

* ``one_off``  – kr. once; booked in full in the start month (a 200,000 kr. home
  adaptation in June costs 200,000 kr. in June and nothing in any other month);
* ``monthly``  – kr. a month, in every month of the line's period;
* ``yearly``   – kr. a year, one twelfth in every month of the period (the only kind before
  cost kinds existed, so a line stored without ``cost_kind`` is yearly);
* ``hourly``   – kr. an hour; the line's ``quantity`` gives the hours, in hours a week or
  hours a month. Hours a week are converted with 52/12 weeks a month (52 weeks a year).

``quantity`` with ``quantity_unit`` is the size granted (hours a week, hours a month or days a
month). Hourly lines need it (it is what they cost); other kinds may carry it so that "who may
grant this?" can judge the size. The rules here are the one set that the web editor, the API
and the workbook reader all apply (:func:`check_cost`).
"""

from __future__ import annotations

from decimal import Decimal

from .messages import N_, Message

ONE_OFF, MONTHLY, YEARLY, HOURLY = "one_off", "monthly", "yearly", "hourly"
COST_KINDS = (ONE_OFF, MONTHLY, YEARLY, HOURLY)
HOURS_PER_WEEK = "hours_per_week"
HOURS_PER_MONTH = "hours_per_month"
DAYS_PER_MONTH = "days_per_month"
QUANTITY_UNITS = (HOURS_PER_WEEK, HOURS_PER_MONTH, DAYS_PER_MONTH)
HOUR_UNITS = (HOURS_PER_WEEK, HOURS_PER_MONTH)
WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = Decimal(12)

#: Labels (Danish source, translatable): the workbook's drop-downs and the editor's choices.
COST_KIND_LABELS: dict[str, Message] = {
    ONE_OFF: N_("Engangsbeløb"),
    MONTHLY: N_("Pr. måned"),
    YEARLY: N_("Pr. år"),
    HOURLY: N_("Pr. time"),
}
QUANTITY_UNIT_LABELS: dict[str, Message] = {
    HOURS_PER_WEEK: N_("timer pr. uge"),
    HOURS_PER_MONTH: N_("timer pr. måned"),
    DAYS_PER_MONTH: N_("dage pr. måned"),
}
#: The most a quantity can be in each unit (a week has 168 hours, a month at most 31 days).
MAX_QUANTITY = {
    HOURS_PER_WEEK: Decimal(168),
    HOURS_PER_MONTH: Decimal(744),
    DAYS_PER_MONTH: Decimal(31),
}


def hours_per_month(quantity: Decimal | None, unit: str | None) -> Decimal | None:
    """Hours a month of a quantity in hours (a week × 52/12), or None for other units."""
    if quantity is None:
        return None
    if unit == HOURS_PER_WEEK:
        return quantity * WEEKS_PER_YEAR / MONTHS_PER_YEAR
    if unit == HOURS_PER_MONTH:
        return quantity
    return None


def annual_cost(kind: str, amount: Decimal, quantity: Decimal | None, unit: str | None) -> Decimal:
    """What a line costs in a full year of its period (a one-off line: its amount).

    Hourly lines multiply whole numbers before dividing (rate × hours a week × 52), so a
    two-decimal rate and quantity give an exact annual cost.
    """
    if kind == MONTHLY:
        return amount * MONTHS_PER_YEAR
    if kind == HOURLY:
        if quantity is None or unit not in HOUR_UNITS:
            return Decimal(0)
        if unit == HOURS_PER_WEEK:
            return amount * quantity * WEEKS_PER_YEAR
        return amount * quantity * MONTHS_PER_YEAR
    return amount  # yearly, and one-off (booked once)


def check_cost(kind: str, quantity: Decimal | None, unit: str | None) -> list[tuple[str, Message]]:
    """Problems of a line's cost fields as (field, message); an empty list when they fit.

    ``kind`` and ``unit`` are already known values (the caller reports unknown text). The
    amount's own range is checked where it is parsed, like every other number.
    """
    problems: list[tuple[str, Message]] = []
    if quantity is not None and unit is None:
        problems.append(("quantity_unit", N_("Vælg, hvad omfanget er målt i.")))
    if unit is not None and quantity is None:
        problems.append(("quantity", N_("Skriv omfanget som et tal, eller fjern enheden.")))
    if kind == HOURLY:
        if quantity is None and unit is None:
            problems.append(
                ("quantity", N_("En timepris kræver antal timer (pr. uge eller pr. måned)."))
            )
        elif unit is not None and unit not in HOUR_UNITS:
            problems.append(
                (
                    "quantity_unit",
                    N_("En timepris skal have omfanget i timer pr. uge eller timer pr. måned."),
                )
            )
    if quantity is not None and unit in MAX_QUANTITY and quantity > MAX_QUANTITY[unit]:
        problems.append(
            (
                "quantity",
                N_(
                    "Omfanget kan højst være %(maximum)s %(unit)s.",
                    maximum=str(MAX_QUANTITY[unit]),
                    unit=QUANTITY_UNIT_LABELS[unit],
                ),
            )
        )
    return problems

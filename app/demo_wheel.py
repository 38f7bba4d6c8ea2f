"""The demo family's year wheel: a year of activities by month, as the model plans them.

*Sammen om familien* describes the wheel as 12 fields, one per month, filled with the
year's fixed activities of the case (follow-ups with the family, network meetings …) without
dates, handed to the parents [Socialstyrelsen, "Mere systematisk og hyppig opfølgning med
et årshjul"]. The demo's follow-ups come about every six weeks, the model's cadence for a
case with a child assessment or measures [*Sammen om familien*, "Opfølgningskadencerne er
faste"]. The wheel starts in the month of the last held status meeting, so the dated meetings
the meetings demo made (held and planned) show in their months.

Idempotent like the rest of the demo: made only when the case has no wheel. The demo's
users need nothing special for the calendar feed: each makes their own on /profil.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.extensions import db
from app.models import Case, User
from app.wheel import services as wheels
from app.wheel.months import first_of_month, window

#: (months after the first, kind, what and why, who takes part); no names, no dates.
ACTIVITIES = (
    (0, "follow_up", "Hvordan går det hjemme og i skolen?", "Forældrene, koordinator"),
    (1, "network", "Hvem i netværket kan hjælpe i weekenderne?", "Forældre, netværk"),
    (2, "follow_up", "Virker aftenrutinen og aflastningen?", "Forældrene, koordinator"),
    (3, "child_conversation", "Barnets egne ord om skolen og vennerne", "Barnet, koordinator"),
    (3, "status", "Hvor langt er vi med målene?", "Kerneteamet, forældrene"),
    (5, "follow_up", "Hvordan gik vinterferien?", "Forældrene, koordinator"),
    (6, "status", "Ny plan for foråret", "Kerneteamet, forældrene, skolen"),
    (7, "other", "Plan for sommerferien og aflastningen i ferien", "Forældrene, aflastningen"),
    (8, "follow_up", "Er alt klar til sommerferien?", "Forældrene, koordinator"),
    (9, "network", "Hvem hjælper ved skolestarten?", "Forældre, netværk, skolen"),
    (10, "follow_up", "Hvordan gik skolestarten?", "Forældrene, koordinator"),
    (11, "status", "Hvad har året givet, og hvad nu?", "Kerneteamet, forældrene"),
)


def seed_wheel(coordinator: User, case: Case, today: date | None = None) -> None:
    """The demo case's wheel from the month of the last status meeting (four weeks ago)."""
    if wheels.stored_wheel(case) is not None:
        return
    start = first_of_month((today or date.today()) - timedelta(days=28))
    months = window(start)
    rows = [
        {"month": str(months[offset].month), "kind": kind, "purpose": purpose, "who": who}
        for offset, kind, purpose, who in ACTIVITIES
    ]
    wheels.save_wheel(
        coordinator, case, {"start_month": f"{start:%Y-%m}", "activities": rows}, None
    )
    db.session.flush()

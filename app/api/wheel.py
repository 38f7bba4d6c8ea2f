"""The case's year wheel in the API: its meetings as an iCalendar file."""

from __future__ import annotations

from flask import Response

from app import audit
from app.api.openapi import NOT_FOUND, Binary, operation
from app.api.util import api_user
from app.authz import Action, get_case_for
from app.web.i18n import current_locale
from app.wheel import calendar, services
from app.word.filenames import content_disposition, download_names

ICS = "text/calendar"


@operation(
    "GET",
    "/cases/<int:case_id>/annual-wheel.ics",
    summary=(
        "Familiens år af møder som iCalendar: sagens møder med dato i årshjulets 12 måneder "
        "(mødetype og sagsnummer, tid i Europe/Copenhagen med VTIMEZONE, sted). Aktiviteter "
        "uden dato kommer ikke med"
    ),
    responses={
        200: Binary(
            "Kalenderfilen (RFC 5545); UID'erne er faste pr. møde",
            (ICS,),
            {
                "Content-Disposition": {
                    "description": "attachment med et sikkert filnavn",
                    "schema": {"type": "string"},
                }
            },
        ),
        403: "Rollen må ikke se familiens oplysninger (fx controller)",
        404: NOT_FOUND,
    },
    operation_id="getAnnualWheelCalendar",
)
def annual_wheel_ics(case_id: int):
    """The case's dated meetings in its wheel's window as an .ics file (audited export)."""
    case = get_case_for(api_user(), case_id, Action.VIEW_CONTENT)
    wheel = services.wheel_of(case)
    body = calendar.case_calendar(case, wheel.meetings, current_locale())
    audit.export(case, "annual_wheel", "ics", meeting_ids=[m.id for m in wheel.meetings])
    names = download_names("aarshjul", case.reference, wheel.start, "ics")
    response = Response(body, mimetype=ICS)
    response.headers["Content-Disposition"] = content_disposition(*names)
    return response

"""'Who may grant this?' in the API."""

from __future__ import annotations

from flask_babel import gettext as _

from app.api.openapi import operation
from app.api.schemas import DecisionAnswer, DecisionQuery
from app.api.util import answer, parse_query
from app.municipal_documents.decisions import who_may_grant


@operation(
    "GET",
    "/decision-authority",
    summary="Hvem må bevilge indsatsen? Svar efter planen i kraft på startdatoen",
    query=DecisionQuery,
    responses={
        200: ("Svaret", DecisionAnswer),
        422: "Ugyldige data; errors har beskeder pr. parameter",
    },
)
def decision_authority():
    """Which authority level may grant an intervention of a given size, and why."""
    query = parse_query(DecisionQuery, _("Forespørgslen kunne ikke godkendes."))
    found = who_may_grant(
        query.intervention, paragraph=query.paragraph, measures=query.measures(), on=query.on
    )
    return answer(DecisionAnswer, found.as_json())

"""'Who may grant this?' in the API."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import jsonify, request

from app.api import bp
from app.municipal_documents.decisions import who_may_grant
from app.web.errors import error_response

_NUMBERS = ("amount", "hours_per_week", "hours_per_month", "months")


@bp.get("/decision-authority")
def decision_authority():
    """Which authority level may grant an intervention of a given size, and why."""
    intervention = request.args.get("intervention", "").strip()
    errors: dict[str, list[str]] = {}
    if not intervention:
        errors["intervention"] = ["Angiv indsatsen (en nøgle fra listen interventions)."]
    values: dict[str, Decimal | None] = {}
    for name in _NUMBERS:
        text = request.args.get(name, "").strip().replace(",", ".")
        try:
            values[name] = Decimal(text) if text else None
        except InvalidOperation:
            values[name] = None
            errors[name] = ["Skal være et tal."]
        else:
            if values[name] is not None and (not values[name].is_finite() or values[name] < 0):
                errors[name] = ["Skal være et tal på 0 eller derover."]
    if errors:
        return error_response(422, "Forespørgslen kunne ikke godkendes.", errors=errors)
    answer = who_may_grant(intervention, **values)
    return jsonify(answer.as_json())

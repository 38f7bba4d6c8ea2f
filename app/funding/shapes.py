"""Funding lines as JSON: as stored in FundingVersion.lines and as the API answers them.

Decimals are stored as exact strings and answered as JSON numbers. A line stored before cost
kinds existed has no ``cost_kind``/``amount`` and reads back as a yearly line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.funding.numbers import TWO_PLACES
from excel_tools import FundingLine, costs


def to_stored(line: FundingLine) -> dict[str, Any]:
    """The line as stored in FundingVersion.lines (decimals as exact strings)."""
    return {
        "intervention": line.intervention,
        "paragraph": line.paragraph,
        "description": line.description,
        "annual_cost": str(line.annual_cost.quantize(TWO_PLACES)),
        "start": line.start.isoformat(),
        "end": line.end.isoformat() if line.end else None,
        "authority_level": line.authority_level,
        "shares": {dept: str(share.quantize(TWO_PLACES)) for dept, share in line.shares.items()},
        "notes": line.notes,
        "cost_kind": line.cost_kind,
        "amount": str((line.amount or Decimal(0)).quantize(TWO_PLACES)),
        "quantity": str(line.quantity.quantize(TWO_PLACES)) if line.quantity is not None else None,
        "quantity_unit": line.quantity_unit,
        "split_reason": line.split_reason,
    }


def from_stored(data: dict[str, Any]) -> FundingLine:
    """A stored line back as a FundingLine (a line stored before cost kinds is yearly)."""
    amount = data.get("amount")
    quantity = data.get("quantity")
    return FundingLine(
        intervention=data["intervention"],
        paragraph=data["paragraph"],
        description=data.get("description") or "",
        annual_cost=Decimal(data["annual_cost"]) if data.get("annual_cost") else None,
        start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(data["end"]) if data.get("end") else None,
        authority_level=data.get("authority_level") or None,
        shares={dept: Decimal(share) for dept, share in (data.get("shares") or {}).items()},
        notes=data.get("notes") or "",
        cost_kind=data.get("cost_kind") or costs.YEARLY,
        amount=Decimal(amount) if amount is not None else None,
        quantity=Decimal(quantity) if quantity is not None else None,
        quantity_unit=data.get("quantity_unit") or None,
        split_reason=data.get("split_reason") or "",
    )


def json_number(value: Decimal) -> int | float:
    """A decimal as a JSON number: whole numbers as integers."""
    return int(value) if value == value.to_integral_value() else float(value)


def to_api(line: FundingLine) -> dict[str, Any]:
    """The line as the API returns it (numbers as JSON numbers)."""
    return {
        "intervention": line.intervention,
        "paragraph": line.paragraph,
        "description": line.description,
        "annual_cost": json_number(line.annual_cost),
        "start": line.start.isoformat(),
        "end": line.end.isoformat() if line.end else None,
        "authority_level": line.authority_level,
        "shares": {dept: json_number(share) for dept, share in line.shares.items()},
        "notes": line.notes,
        "cost_kind": line.cost_kind,
        "amount": json_number(line.amount or Decimal(0)),
        "quantity": json_number(line.quantity) if line.quantity is not None else None,
        "quantity_unit": line.quantity_unit,
        "split_reason": line.split_reason,
    }

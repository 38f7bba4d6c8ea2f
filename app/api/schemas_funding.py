"""The bodies of the funding API as pydantic models (see ``app/api/schemas.py``).

Money and percentages are answered as JSON numbers: whole numbers as integers, others as
floats (``app.funding.lines.json_number``). A request may also send them as plain numeric
strings ("1234.50"); ``app.funding.lines`` checks lines with the same rules and Danish
messages as the workbook reader, so the request model carries the lines unchecked.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, SkipValidation, StrictInt, WithJsonSchema

from app.api.schemas import Answer, DateText, DateTimeText, Person, RequestBody

MAX_ANNUAL_COST = 999999999.99


def _number(minimum: float | None = None, maximum: float | None = None, text: bool = False):
    """A JSON number (int before float: 5 stays 5, not 5.0); ``text``: or a numeric string."""
    schema: dict[str, Any] = {"type": ["number", "string"] if text else "number"}
    if minimum is not None:
        schema |= {"minimum": minimum, "maximum": maximum}
    kinds = int | float | str if text else int | float
    return Annotated[kinds, WithJsonSchema(schema)]


Number = _number()


CostKind = Literal["one_off", "monthly", "yearly", "hourly"]
QuantityUnit = Literal["hours_per_week", "hours_per_month", "days_per_month"]
_AMOUNT = (
    "Beløbet i kr. efter cost_kind: one_off = kr. én gang (bogføres fuldt i startmåneden), "
    "monthly = kr. pr. måned, yearly = kr. pr. år, hourly = kr. pr. time; højst 2 decimaler"
)
_QUANTITY = (
    "Omfanget, der er bevilget, i quantity_unit; en timepris (hourly) kræver timer pr. uge "
    "eller pr. måned (timer pr. uge regnes om med 52/12 uger pr. måned)"
)


class FundingLine(Answer):
    """One intervention, what it costs as granted, and how the cost is split between departments."""

    intervention: str = Field(description="Værdi fra listen interventions")
    paragraph: str = Field(description="Værdi fra listen paragraphs")
    description: str = Field("", max_length=4000)
    cost_kind: CostKind = Field("yearly", description="Udgiftstype; udeladt = yearly")
    amount: _number(0, MAX_ANNUAL_COST) = Field(description=_AMOUNT)
    quantity: _number(0, 99999) | None = Field(None, description=_QUANTITY)
    quantity_unit: QuantityUnit | None = None
    annual_cost: Number = Field(
        description="Afledt: hvad et helt år af linjen koster (engangsbeløb: beløbet). En "
        "linje uden cost_kind og amount må sende sit årlige beløb her (yearly)."
    )
    start: DateText
    end: DateText | None = None
    authority_level: str | None = Field(
        None, description="Værdi fra listen authority_levels: hvem der bevilgede"
    )
    shares: dict[str, _number(0, 100)] = Field(
        description="Procent pr. afdeling (værdi fra listen departments); summen er 100 inden "
        "for 0,01. En andel på 0 er det samme som ingen andel."
    )
    notes: str = Field("", max_length=10000)
    split_reason: str = Field(
        "",
        max_length=4000,
        description="Hvorfor fordelingen er sådan: hvem bidrager, hvem får gavn",
    )


class FundingLineIn(FundingLine):
    """A line as a request may send it: numbers also as plain numeric strings ("1234.50")."""

    model_config = ConfigDict(extra="ignore")  # app.funding.lines ignores other keys

    amount: _number(0, MAX_ANNUAL_COST, text=True) | None = Field(  # type: ignore[assignment]
        None, description=_AMOUNT
    )
    quantity: _number(0, 99999, text=True) | None = Field(  # type: ignore[assignment]
        None, description=_QUANTITY
    )
    annual_cost: _number(0, MAX_ANNUAL_COST, text=True) | None = Field(  # type: ignore[assignment]
        None, description="Kun for en årlig linje uden amount: det årlige beløb i kr."
    )
    shares: dict[str, _number(0, 100, text=True)] = Field(  # type: ignore[assignment]
        description="Procent pr. afdeling (værdi fra listen departments); summen er 100 inden "
        "for 0,01. En andel på 0 er det samme som ingen andel."
    )


class FundingUpdate(RequestBody):
    """The body of PUT /cases/{case_id}/funding."""

    required_in_document = ("version", "lines")

    version: Annotated[StrictInt, Field(ge=0)] | None = Field(
        None, description="Den version, du har rettet i (null eller 0 før første gem)"
    )
    lines: SkipValidation[Annotated[list[FundingLineIn], Field(max_length=5000)]] = None  # type: ignore[assignment]
    review_date: SkipValidation[DateText | None] = Field(
        None, description="Valgfri: hvornår fordelingen skal revideres (udeladt = uændret)"
    )
    criteria_met: SkipValidation[list[str] | None] = Field(
        None,
        description="Valgfri: nøglerne på kommunens kriterier for fælles finansiering, som "
        "sagen opfylder (udeladt = uændret)",
    )

    messages: ClassVar[dict[str, Any]] = {
        "version": _l("Angiv den version, du har rettet i (null før første gem)."),
    }


class DepartmentTotal(Answer):
    """A department's share of the costs."""

    year: Number = Field(description="Kr. i året")
    period: Number = Field(description="Kr. i hele perioden")


class FundingTotals(Answer):
    """The costs per department (only departments with a share)."""

    year: int
    departments: dict[str, DepartmentTotal]


class FieldChange(Answer):
    """One changed field of a line."""

    field: str = Field(description="fx annual_cost, shares.ppr")
    old: Any
    new: Any


class FundingChange(Answer):
    """A line added, removed or changed compared to the previous version."""

    kind: Literal["added", "removed", "changed"]
    number: int = Field(description="Linjens nummer (1, 2, …)")
    line: FundingLine
    fields: list[FieldChange]


class Funding(Answer):
    """A case's funding lines with the totals per department."""

    case_id: int
    version: int | None = Field(description="null før første gem")
    updated_at: DateTimeText | None = None
    updated_by: Person | None = None
    source: Literal["web", "api", "excel"] | None = None
    review_date: DateText | None = Field(None, description="Hvornår fordelingen skal revideres")
    criteria_met: list[str] = Field(
        default_factory=list,
        description="Kommunens kriterier for fælles finansiering, som sagen opfylder (nøgler)",
    )
    lines: list[FundingLine]
    totals: FundingTotals


class FundingSaved(Funding):
    """The lines after a save, with what changed."""

    changes: list[FundingChange] = Field(description="Ændringerne i forhold til forrige version")


class FundingImported(FundingSaved):
    """The lines after a workbook import."""

    created: bool = Field(description="true: en ny version er gemt")


class YearQuery(RequestBody):
    """?year=N for the totals and the workbook (read leniently: a bad year is this year)."""

    year: int | None = Field(
        None, ge=1990, le=2100, description="År for totalerne og regnearket (standard: i år)"
    )


class WorkbookUpload(BaseModel):
    """The multipart body of a workbook import."""

    file: bytes = Field(json_schema_extra={"type": "string", "format": "binary"})
    version: int | None = Field(
        None, description="Valgfri: afvis med 409, hvis nogen har gemt efter denne version"
    )

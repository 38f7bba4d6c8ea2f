"""The bodies of /api/v1 as pydantic models: what the handlers parse and answer with.

The OpenAPI document is generated from these models (``app/api/openapi.py``), so the schema and
the answers cannot drift apart: every JSON answer is built by validating it with its model.
Answer models forbid unknown keys, so a key added to an answer without its model fails loudly.
Timestamps stay the text the services write (``isoformat()``), so their shape is unchanged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from flask_babel import lazy_gettext as _l
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    SkipValidation,
    StrictInt,
)

from app.municipal_documents.measures import MEASURES

DateTimeText = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
DateText = Annotated[str, Field(json_schema_extra={"format": "date"})]


class Answer(BaseModel):
    """A JSON answer: unknown keys are an error, so the model is the whole truth."""

    model_config = ConfigDict(extra="forbid")


def _document_required(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Mark ``required_in_document`` fields required, without their stand-in default."""
    names = getattr(model, "required_in_document", ())
    for name in names:
        schema["properties"][name].pop("default", None)
    required = schema.get("required", [])
    if names:
        schema["required"] = required + [n for n in names if n not in required]


class RequestBody(BaseModel):
    """A request body or query. ``messages`` holds our own text for a field's errors.

    Keys are ``field`` (any error there) or ``field:kind`` (one pydantic error type, e.g.
    ``version:missing``); ``app/api/util.py`` turns pydantic's errors into them.
    ``required_in_document`` names fields callers must send although the model lets them be
    absent (None), because a service checks them and answers in its own words.
    """

    model_config = ConfigDict(json_schema_extra=_document_required)

    messages: ClassVar[dict[str, Any]] = {}
    required_in_document: ClassVar[tuple[str, ...]] = ()


# Errors, people, cases -----------------------------------------------------------------------


class ImportProblem(Answer):
    """One problem in an uploaded workbook."""

    sheet: str | None = None
    cell: str | None = Field(None, description="fx F7")
    message: str


class Error(Answer):
    """Every error answer (made by ``app.web.errors.error_response``)."""

    error: str
    errors: dict[str, list[str]] | None = Field(
        None, description="Beskeder pr. feltsti, fx goals[0].title eller lines[0].shares"
    )
    current: Any = Field(None, description="Ved 409: det, der er gemt nu")
    problems: list[ImportProblem] | None = None


class ImportProblems(Error):
    """A refused workbook: every problem with its sheet and cell."""

    problems: list[ImportProblem]


class Person(Answer):
    """A user as the API names them."""

    id: int
    name: str


class FamilyMember(Answer):
    """A person in the family of a case (never a CPR number)."""

    id: int
    name: str
    relation: Literal["child", "mother", "father", "parent", "sibling", "other"]
    phone: str | None = None
    email: str | None = None
    notes: str | None = None


class CasePhase(Answer):
    """Where the case is in its case-flow template (pinned to one saved revision of it)."""

    key: str = Field(description="Fasens faste id i skabelonen")
    name: str = Field(description="Fasens navn i den udgave, sagen følger")
    since: DateTimeText
    flow_document_id: int = Field(
        description="Sagsforløbet (et dokument af formularen sagsforloeb)"
    )
    pinned_revision: int = Field(
        description="Den gemte udgave af sagsforløbet, sagen følger; senere rettelser flytter "
        "ikke sagen"
    )


class Case(Answer):
    """A case."""

    id: int
    reference: str
    title: str
    status: Literal["open", "closed", "handed_over"] = Field(
        description="handed_over: overdraget til voksenområdet"
    )
    neutral_title: str | None = Field(
        None, description="Titlen, controllere ser: den neutrale titel eller »Sag <sagsnummer>«"
    )
    coordinator: Person | None = None
    created_at: DateTimeText | None = None
    updated_at: DateTimeText | None = None
    next_follow_up: DateText | None = Field(
        description="Næste opfølgning efter kadencereglerne (null: ingen regel giver en dato)"
    )
    next_follow_up_rule: str | None = Field(
        None,
        description="Reglen, der gav datoen: sof_6_weeks, sof_3_months, bl95_first, "
        "bl95_decided eller local_status",
    )
    phase: CasePhase | None = Field(None, description="Null: sagsforløbet er ikke startet")
    family: list[FamilyMember] | None = Field(
        None,
        description="Barnet, forældre og søskende (kun ved GET af én sag, og kun til den, "
        "der må læse familiens oplysninger; ellers udeladt)",
    )


class CaseList(Answer):
    """The cases the caller may see."""

    cases: list[Case]


# The service checks reference and title (the same rules and messages as the web form), so
# the model carries them unchecked and describes them for the document.
class NewCase(RequestBody):
    """The body of POST /cases."""

    required_in_document = ("reference", "title")

    reference: SkipValidation[Annotated[str, Field(max_length=50)]] = None  # type: ignore[assignment]
    title: SkipValidation[Annotated[str, Field(max_length=200)]] = None  # type: ignore[assignment]


class Transition(Answer):
    """The month the child turns ``age`` (a transition to plan)."""

    age: int
    month: DateText = Field(description="Den første i måneden")


class CaseFacts(Answer):
    """A case's facts: numbers, titles, the case flow it follows, paragraphs, birth month."""

    id: int
    status: Literal["open", "closed", "handed_over"]
    reference: str
    title: str
    neutral_title: str = Field(description="Tom: controllere ser »Sag <sagsnummer>«")
    flow_document_id: int | None = Field(
        description="Kommunens sagsforløb (et dokument af formularen sagsforloeb)"
    )
    paragraphs: list[str] = Field(description="Værdier fra listen paragraphs")
    birth_month: int | None = Field(description="Barnets fødselsmåned, 1-12")
    birth_year: int | None
    transitions: list[Transition] = Field(description="Hvornår barnet fylder 16 og 18")
    referred_on: DateText = Field(description="Henvisningsdato (fra den regnes tid til plan)")


class PhaseMove(RequestBody):
    """The body of POST /cases/{case_id}/phase/next, /phase/start and /phase/repin."""

    from_phase: str | None = Field(
        None,
        max_length=40,
        description="Den fase, kalderen så sagen i; er sagen gået videre siden, svares 409",
    )
    note: str | None = Field(None, max_length=2000, description="Note til kerneteamet")


def _without_defaults(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """A PATCH body's fields have no default: a field left out is left unchanged."""
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


# The service checks every field (the same rules and messages as the web form); only the
# fields sent are changed, so the model carries them unchecked and describes them.
class CaseFactsPatch(RequestBody):
    """The body of PATCH /cases/{case_id}/facts: the facts to change, others left alone."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_without_defaults)

    reference: SkipValidation[Annotated[str, Field(max_length=50)]] = None  # type: ignore[assignment]
    title: SkipValidation[Annotated[str, Field(max_length=200)]] = None  # type: ignore[assignment]
    neutral_title: SkipValidation[Annotated[str, Field(max_length=200)]] = None  # type: ignore[assignment]
    flow_document_id: SkipValidation[int | None] = None
    paragraphs: SkipValidation[list[str]] = None  # type: ignore[assignment]
    birth_month: SkipValidation[Annotated[int, Field(ge=1, le=12)] | None] = None
    birth_year: SkipValidation[int | None] = None
    referred_on: SkipValidation[DateText] = None  # type: ignore[assignment]

    def changes(self) -> dict[str, Any]:
        """The fields the caller sent, with their values."""
        return {name: getattr(self, name) for name in self.model_fields_set}


# Forms, vocabularies, submissions --------------------------------------------------------------


class Choice(Answer):
    """A value with its label in the asked language."""

    value: str
    label: str


class VocabularyEntry(Choice):
    """An item of a shared list; a built-in law paragraph also says where it was checked."""

    source: str | None = Field(None, description="Link til kilden (lovparagraffer)")
    confirmed: bool | None = Field(
        None, description="Fundet i kilden? null, når punktet ikke er en indbygget lovparagraf"
    )
    retired: bool = Field(
        False, description="Kan ikke længere vælges; gemte værdier er stadig gyldige"
    )


class Vocabulary(RootModel[list[VocabularyEntry]]):
    """A shared vocabulary: the bare list of its items."""


class FormField(Answer):
    """A field of a form definition, flattened (a repeat has its columns in ``fields``)."""

    model_config = ConfigDict(extra="allow")  # per-type extras such as min, max, step

    name: str
    label: str
    type: Literal[
        "text",
        "textarea",
        "integer",
        "decimal",
        "money",
        "percent",
        "date",
        "boolean",
        "select",
        "multiselect",
        "scale",
        "person",
        "repeat",
    ]
    required: bool
    readonly: bool | None = None
    default: Any
    help: str | None = None
    choices: list[Choice] | None = None
    fields: list[FormField] | None = None


class FormSummary(Answer):
    """A form with its current version."""

    name: str
    version: int
    scope: Literal["case", "municipality"]
    title: str


class FormList(Answer):
    """Every form."""

    forms: list[FormSummary]


class FormDefinition(FormSummary):
    """A form definition; the per-form shape of a submission's ``data``."""

    description: str | None = None
    fields: list[FormField]


class SubmissionWrite(RequestBody):
    """The body that saves a case form or a municipal document."""

    version: StrictInt | None = Field(
        description="Den version, du har redigeret; null ved første gem"
    )
    status: Literal["draft", "final"] = "draft"
    data: dict[str, Any] = Field(
        description="Feltværdier efter feltnavn (felterne står i GET /forms/{form_name})"
    )

    messages: ClassVar[dict[str, Any]] = {
        "version:missing": _l("Angiv den version, du har redigeret (null for første gem)."),
        "version": _l("version skal være et heltal eller null."),
        "status": _l("status skal være »draft« eller »final«."),
        "data": _l("data skal være et objekt med felter."),
    }


class Submission(Answer):
    """A saved form (or, before the first save, its starting values with null ids)."""

    id: int | None = None
    version: int | None
    status: Literal["draft", "final"] | None
    title: str | None = None
    data: dict[str, Any]
    definition_version: int
    updated_at: DateTimeText | None
    updated_by: Person | None


class DocumentSummary(Answer):
    """A municipal document in a list."""

    id: int
    title: str | None
    status: str
    version: int
    updated_at: DateTimeText
    url: str


class DocumentList(Answer):
    """The municipality's documents of a form."""

    documents: list[DocumentSummary]


# Who may grant this? ---------------------------------------------------------------------------


def _number_text(value: Any) -> Any:
    """A query number as typed: blank is none, a decimal comma is a point."""
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
        return value or None
    return value


def _stripped(value: Any) -> Any:
    """Query text without surrounding blanks."""
    return value.strip() if isinstance(value, str) else value


def _blank_is_none(value: Any) -> Any:
    """Query text without surrounding blanks; a blank parameter is not given."""
    value = _stripped(value)
    return value or None


QueryNumber = Annotated[Annotated[Decimal, Field(ge=0)] | None, BeforeValidator(_number_text)]


SIZE_FIELDS = ("amount", *MEASURES)  # amount: kr. a year, the parameter's older name


class DecisionQuery(RequestBody):
    """The query of GET /decision-authority: the intervention, its size and start date."""

    intervention: Annotated[str, BeforeValidator(_stripped), Field(min_length=1)] = Field(
        description="Nøgle fra listen interventions"
    )
    paragraph: Annotated[str | None, BeforeValidator(_blank_is_none)] = Field(
        None, description="Nøgle fra listen paragraphs; rækker, der nævner den, går forud"
    )
    amount: QueryNumber = Field(None, description="Kr. om året (samme som kr_per_year)")
    kr_per_year: QueryNumber = Field(None, description="Kr. om året")
    kr_one_off: QueryNumber = Field(None, description="Kr. som engangsbeløb")
    hours_per_week: QueryNumber = Field(None, description="Timer om ugen")
    hours_per_month: QueryNumber = Field(None, description="Timer om måneden")
    days_per_month: QueryNumber = Field(None, description="Døgn pr. måned")
    months: QueryNumber = Field(None, description="Varighed i måneder")
    on: Annotated[date | None, BeforeValidator(_blank_is_none)] = Field(
        None, description="Bevillingens startdato (ÅÅÅÅ-MM-DD); standard: i dag"
    )

    messages: ClassVar[dict[str, Any]] = {
        "intervention": _l("Angiv indsatsen (en nøgle fra listen interventions)."),
        "on": _l("Skal være en dato (ÅÅÅÅ-MM-DD)."),
        **{
            f"{name}:{kind}": message
            for name in SIZE_FIELDS
            for kind, message in (
                ("decimal_parsing", _l("Skal være et tal.")),
                ("decimal_type", _l("Skal være et tal.")),
                ("finite_number", _l("Skal være et tal på 0 eller derover.")),
                ("greater_than_equal", _l("Skal være et tal på 0 eller derover.")),
            )
        },
    }

    def measures(self) -> dict[str, Decimal | None]:
        """The sizes asked about, under the measure keys (amount is kr. a year)."""
        return {
            "kr_per_year": self.kr_per_year if self.kr_per_year is not None else self.amount,
            "kr_one_off": self.kr_one_off,
            "hours_per_week": self.hours_per_week,
            "hours_per_month": self.hours_per_month,
            "days_per_month": self.days_per_month,
            "months": self.months,
        }


class AuthorityPlan(Answer):
    """The decision plan an answer comes from."""

    id: int
    title: str | None
    valid_from: DateText | None


class Threshold(Answer):
    """A row's threshold: the limit, what it measures, and both as text."""

    value: str = Field(description='Grænsen som decimaltal, fx "30000"')
    unit: Choice = Field(
        description="kr_per_year, kr_one_off, hours_per_week, hours_per_month, "
        "days_per_month eller months"
    )
    text: str = Field(description="Fx »30.000 kr. om året«")


class DecisionAnswer(Answer):
    """Which authority level may grant an intervention, and why."""

    covered: bool = Field(description="false: ikke dækket af planen")
    authority_level: Choice | None
    reason: str
    plan: AuthorityPlan | None
    row: int | None = Field(description="Rækkenummer i planen (fra 1)")
    definite: bool = Field(True, description="false: størrelsen, grænsen gælder, er ikke oplyst")
    on: DateText | None = Field(None, description="Datoen, planen er slået op for")
    threshold: Threshold | None = None
    rule: str | None = Field(None, description="Rækkens regel: hvem beslutter under og over")
    conditions: str | None = Field(None, description="Rækkens betingelser")
    appealable: bool | None = Field(None, description="null: planen siger det ikke")
    appeal_note: str | None = Field(None, description="Klagevejledning fra rækken")
    appeal: str | None = Field(None, description="Om og hvordan der kan klages, som sætning")
    default_payer: Choice | None = Field(
        None, description="Afdelingen, der betaler som udgangspunkt (listen departments)"
    )
    conversion: str | None = Field(
        None, description="Omregning mellem timer om ugen og om måneden (52/12 uger om måneden)"
    )
    paragraph_note: str | None = Field(
        None, description="Sat, når planens rækker for indsatsen ikke nævner paragraffen"
    )


# Query parameters that the handlers read leniently (an unknown value falls back to the
# default instead of an error), so these models only describe them.


class LangQuery(RequestBody):
    """?lang=en for English texts."""

    lang: Literal["da", "en"] = Field("da", description="Sprog for tekster")


class FormVersionQuery(LangQuery):
    """?version=N for an older version of a form definition."""

    version: int | None = None


class FormatQuery(RequestBody):
    """?format=pdf for a PDF made with LibreOffice where it is installed."""

    format: Literal["docx", "pdf"] = Field(
        "docx", description="pdf: en PDF-udgave lavet med LibreOffice (hvor det er installeret)"
    )

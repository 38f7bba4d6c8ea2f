"""Word documents of forms and of the two plans: gather the context, pick the template, render.

Plain data in, bytes out; nothing here touches the request. Reading only: no commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from io import BytesIO
from typing import Any

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from flask_babel import force_locale
from flask_babel import gettext as _
from PIL import Image as PillowImage
from sqlalchemy import select
from werkzeug.exceptions import Forbidden, NotFound

from app.admin.services import get_settings
from app.authz import Action, can, can_read_municipal_documents, get_case_for
from app.docgen import ImageSpec, TemplateRenderError, render_docx
from app.docgen.loopbounds import MAXIMAL_ROWS
from app.extensions import db
from app.family import contact
from app.family.contact_words import word_context as contact_words
from app.formengine import FormDefinition
from app.forms.definitions import current_version, definition_of, list_forms
from app.funding import services as funding  # only current_lines, funding_vocab, totals
from app.funding.lines import line_measures
from app.goals import progress as goal_progress
from app.goals import readings as goal_readings
from app.meetings import services as meetings
from app.models import Case, GoalReading, Meeting, Submission, SubmissionStatus, User
from app.municipal_documents.decisions import active_plan, final_plans, for_funding_line
from app.submissions.services import find_case_submission, people_for_case
from app.team.services import member_role_text, role_label
from app.vocabularies.services import load_vocabularies
from app.web.i18n import current_zone
from app.wheel import plan as wheel_plan
from app.word import minutes as meeting_minutes
from app.word import plan, store
from app.word.context import form_context, known_names, local_datetime
from app.word.filenames import download_names
from app.word.samples import SAMPLE_ROWS, sample_context, sample_data

# The internal plan keeps the joint plan's template name, so a municipality's uploaded joint
# plan (written for decisions and funding) goes on serving the plan that has them; the
# family's plan is new and starts from its own built-in template.
PLAN = "faelles_plan"  # the internal plan ("Intern plan")
FAMILY_PLAN = "familiens_plan"  # the family's plan ("Familiens plan")
PLAN_TITLES = {FAMILY_PLAN: "Familiens plan", PLAN: "Intern plan"}
PLAN_KIND = "plan"
MEETING_KIND = "meeting"  # the minutes of a meeting (template `moedereferat`)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
LOGO_HEIGHT_MM = 16.0
LOGO_MAX_WIDTH_MM = 70.0


def document_date() -> date:
    """The date documents are made on (one place, so tests can fix it)."""
    return date.today()


class DocumentError(Exception):
    """A document could not be made; `str()` is a Danish message for the user."""


@dataclass(frozen=True)
class RenderedDocument:
    """A finished download: bytes, both spellings of its name and its MIME type."""

    content: bytes
    ascii_name: str
    utf8_name: str
    mimetype: str


@dataclass(frozen=True)
class TemplateTarget:
    """Something a municipality can give its own Word template: a form or one of the plans."""

    name: str
    title: str
    kind: str  # "case" | "municipality" | "plan"
    definition: FormDefinition | None

    def known_names(self) -> dict[str, Any]:
        """The names a template for this target may use."""
        if self.kind == PLAN_KIND:
            if self.name == FAMILY_PLAN:
                return plan.family_known_names(goal_definition())
            return plan.plan_known_names(goal_definition())
        if self.kind == MEETING_KIND:
            return meeting_minutes.known_names()
        assert self.definition is not None
        return known_names(self.definition)

    def sample_context(self, *, maximal: bool = False) -> dict[str, Any]:
        """Sample data to test-render a template for this target with; `maximal`: the big
        case, with every list of data at loopbounds.MAXIMAL_ROWS rows."""
        rows = MAXIMAL_ROWS if maximal else SAMPLE_ROWS
        if self.kind == PLAN_KIND:
            family = self.name == FAMILY_PLAN
            make = plan.family_sample_context if family else plan.plan_sample_context
            return make(goal_definition(), load_vocabularies(), rows=rows)
        if self.kind == MEETING_KIND:
            return meeting_minutes.sample_context(rows=rows)
        assert self.definition is not None
        vocabularies = load_vocabularies()
        data = sample_data(self.definition, vocabularies, rows=rows)
        return sample_context(self.definition, vocabularies, data=data)


def goal_definition() -> FormDefinition | None:
    """The current definition of the SMARTE goal sheet (the plan's goals), if it exists."""
    version = current_version(plan.GOALS_FORM)
    return definition_of(version) if version is not None else None


def template_target(name: str) -> TemplateTarget | None:
    """The form (or the plan) called `name`, or None."""
    if name in PLAN_TITLES:
        return TemplateTarget(name, PLAN_TITLES[name], PLAN_KIND, None)
    if name == meeting_minutes.TEMPLATE:
        return TemplateTarget(name, meeting_minutes.TITLE, MEETING_KIND, None)
    version = current_version(name)
    if version is None:
        return None
    return TemplateTarget(name, version.title, version.scope, definition_of(version))


def template_targets() -> list[TemplateTarget]:
    """The family's plan, the internal plan, then every form by title."""
    targets = [TemplateTarget(name, title, PLAN_KIND, None) for name, title in PLAN_TITLES.items()]
    targets.append(
        TemplateTarget(meeting_minutes.TEMPLATE, meeting_minutes.TITLE, MEETING_KIND, None)
    )
    for form in list_forms():
        targets.append(
            TemplateTarget(
                form.name, form.current.title, form.current.scope, definition_of(form.current)
            )
        )
    return targets


# Access (the same checks as the form pages) -------------------------------------------------


def case_submission_for(user: User, case_id: int, form_name: str) -> tuple[Case, Submission]:
    """A case's saved form the user may read; NotFound/Forbidden like the form page."""
    case = get_case_for(user, case_id, Action.VIEW_CONTENT)
    submission = find_case_submission(case, form_name)
    if submission is None or submission.definition.scope != "case":
        raise NotFound(_("Formularen er ikke gemt på sagen endnu."))
    return case, submission


def municipal_submission_for(user: User, form_name: str, doc_id: int) -> Submission:
    """A municipal document the user may read; NotFound/Forbidden like the document page."""
    if not can_read_municipal_documents(user):
        raise Forbidden()
    submission = db.session.scalar(
        select(Submission).where(
            Submission.id == doc_id,
            Submission.case_id.is_(None),
            Submission.form_name == form_name,
        )
    )
    if submission is None or submission.definition.scope != "municipality":
        raise NotFound(_("Dokumentet findes ikke."))
    return submission


def meeting_for(user: User, case_id: int, meeting_id: int) -> tuple[Case, Meeting]:
    """A case's meeting the user may read the minutes of, or NotFound/Forbidden."""
    case = get_case_for(user, case_id, Action.VIEW_CONTENT)
    meeting = meetings.get_meeting(case, meeting_id)
    if meeting is None:
        raise NotFound()
    return case, meeting


def case_for_plan(user: User, case_id: int, internal: bool = False) -> Case:
    """A case whose family plan (or, ``internal``, whose internal plan) the user may read.

    The internal plan holds the funding split, so it needs the funding as well as the
    family's content: members of the core team from other departments never get it."""
    case = get_case_for(user, case_id, Action.VIEW_CONTENT)
    if internal and not can(user, Action.VIEW_FUNDING, case):
        raise Forbidden()
    return case


# Context parts ------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def logo_decodes(logo: bytes) -> bool:
    """True when the whole logo decodes as an image (uploads are checked since issue 12; a
    logo stored before may be truncated). Cached: the same logo goes into every document."""
    try:
        with PillowImage.open(BytesIO(logo)) as picture:
            picture.load()
    except Exception:  # noqa: BLE001 - any decoder failure means "no logo", never a 500
        return False
    return True


def logo_spec(logo: bytes | None) -> ImageSpec | None:
    """The municipality's logo sized for the letterhead (16 mm high, at most 70 mm wide)."""
    if not logo or not logo_decodes(logo):
        return None  # a broken logo (stored before uploads were decoded) must not stop documents
    try:
        image = Image.from_blob(logo)
    except (UnrecognizedImageError, ValueError, OSError):
        return None
    width_px, height_px = image.px_width, image.px_height
    if not height_px or width_px / height_px * LOGO_HEIGHT_MM <= LOGO_MAX_WIDTH_MM:
        return ImageSpec(logo, height_mm=LOGO_HEIGHT_MM)
    return ImageSpec(logo, width_mm=LOGO_MAX_WIDTH_MM)


def kommune_context() -> dict[str, Any]:
    """The municipality's name and logo (the other letterhead names are not stored yet)."""
    settings = get_settings()
    return {
        "navn": settings.name or "",
        "logo": logo_spec(settings.logo),
        "afdeling": None,
        "adresse": None,
        "telefon": None,
        "email": None,
    }


def _label(vocabulary: list[dict[str, Any]], value: str | None) -> str | None:
    """A vocabulary label for a stored key (the text itself when it is no key)."""
    if not value:
        return None
    return next((item["label"] for item in vocabulary if item["value"] == value), value)


def person_context(user: User, rolle: str, departments: list[dict[str, Any]]) -> dict[str, Any]:
    """A core-team member with contact details."""
    return {
        "navn": user.name,
        "rolle": rolle,
        "email": user.email,
        "telefon": user.phone or None,
        "afdeling": _label(departments, user.department),
    }


def case_context(case: Case) -> dict[str, Any]:
    """The case part: reference, title, status, coordinator and core team."""
    departments = load_vocabularies().get("departments", [])
    coordinator = (
        person_context(case.coordinator, "Familiekoordinator", departments)
        if case.coordinator
        else None
    )
    team = [coordinator] if coordinator else []
    for member in case.members:
        if member.user_id != case.coordinator_id:
            team.append(person_context(member.user, member_role_text(member), departments))
    # External partners (no login) are on the core team too; their organisation stands
    # where a member's department does.
    for partner in case.partners:
        team.append(
            {
                "navn": partner.name,
                "rolle": role_label(partner.role) if partner.role else "",
                "email": partner.email or None,
                "telefon": partner.phone or None,
                "afdeling": partner.organisation,
            }
        )
    return {
        "reference": case.reference,
        "titel": case.title,
        "status": "Åben" if case.status == "open" else "Lukket",
        "oprettet": (
            local_datetime(case.created_at, current_zone()).date() if case.created_at else None
        ),
        "koordinator": coordinator,
        "kerneteam": team,
        "naeste_opfoelgning": case.next_follow_up,
    }


def document_context(submission: Submission, definition: FormDefinition) -> dict[str, Any]:
    """The document part: title, status, version and who saved it when."""
    return {
        "titel": submission.title or definition.title.da,
        "formular": definition.title.da,
        "status": "Endelig" if submission.status == SubmissionStatus.FINAL else "Kladde",
        "version": submission.version,
        "gemt": local_datetime(submission.updated_at, current_zone()),
        "gemt_af": submission.updated_by.name if submission.updated_by else None,
        "formularversion": submission.definition.version,
    }


def submission_context(submission: Submission, case: Case | None) -> dict[str, Any]:
    """The whole Word context of a saved form."""
    definition = definition_of(submission.definition)
    context = form_context(
        definition,
        submission.data or {},
        vocabularies=load_vocabularies(),
        people=people_for_case(case),
        kommune=kommune_context(),
        sag=case_context(case) if case is not None else None,
        dokument=document_context(submission, definition),
        today=document_date(),
    )
    if case is not None and submission.form_name == plan.GOALS_FORM:
        context["fremskridt"] = goal_progress.word_progress(case)
    return context


# The two plans -------------------------------------------------------------------------------


def _plan_parts(case: Case, today: date, *, wheel_picture: bool = True) -> dict[str, Any]:
    """What both plans show: the case, the goal sheet and its dates (`family_plan_context`'s
    keyword arguments, without the grants' end dates); the year wheel's picture only where
    asked (the family's plan: the wheel is handed to the parents)."""
    vocabularies = load_vocabularies()
    sheet = find_case_submission(case, plan.GOALS_FORM)
    goals = definition_of(sheet.definition) if sheet else goal_definition()
    maal = plan.goal_values(
        goals, sheet.data if sheet else None, vocabularies, people_for_case(case)
    )
    meeting_parts, next_dates = _meeting_parts(case)
    return {
        "kommune": kommune_context(),
        "sag": case_context(case),
        "dokument": (
            document_context(sheet, goals) if sheet and goals else {"status": "Ikke udfyldt"}
        ),
        "maal": maal,
        "opfoelgning": sorted(
            plan.follow_ups(goals, maal, today) + next_dates + case_follow_up(case),
            key=lambda entry: entry["dato"],
        ),
        "today": today,
        "aarshjul": wheel_plan.plan_part(case, picture=wheel_picture),
        "kontaktaftale": contact_words(contact.agreement_of(case)),
        **meeting_parts,
    }


def _meeting_parts(case: Case) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the plans' `moedeaftaler` and `naeste_moede`, the next meeting as a coming date)."""
    zone = current_zone()
    vocabulary = load_vocabularies()["meeting_types"]
    agreements = meeting_minutes.plan_agreements(meetings.open_agreements(case), zone, vocabulary)
    coming = meeting_minutes.next_meeting(meetings.next_planned(case), zone, vocabulary)
    dates = []
    if coming and coming["dato"]:
        dates.append(
            {"dato": coming["dato"], "hvad": f"Næste møde: {coming['type']}", "ansvarlig": None}
        )
    return {"moedeaftaler": agreements, "naeste_moede": coming}, dates


def case_follow_up(case: Case) -> list[dict[str, Any]]:
    """The case's stored next follow-up as one of the plans' dates (kept when overdue: it is
    still the next one due)."""
    if case.next_follow_up is None:
        return []
    who = case.coordinator.name if case.coordinator else None
    return [{"dato": case.next_follow_up, "hvad": "Opfølgning på sagen", "ansvarlig": who}]


def plan_context(case: Case, today: date | None = None) -> dict[str, Any]:
    """The internal plan's context: the case, its goal sheet, decisions, funding and dates."""
    today = today or document_date()
    parts = _plan_parts(case, today, wheel_picture=False)
    decisions, funding, grant_ends = funding_parts(case, today)
    parts["opfoelgning"] += grant_ends
    return plan.plan_context(beslutninger=decisions, finansiering=funding, **parts)


def family_plan_context(case: Case, today: date | None = None) -> dict[str, Any]:
    """The family's plan's context: the case, its goal sheet and dates, the grants' end
    dates by intervention only (no amounts, no authority answer is even computed)."""
    today = today or document_date()
    parts = _plan_parts(case, today)
    vocab = funding.funding_vocab()
    for line in funding.current_lines(case):
        if line.end and line.end >= today:
            what = vocab.label("intervention", line.intervention)
            parts["opfoelgning"].append(
                {"dato": line.end, "hvad": f"Bevillingen udløber: {what}", "ansvarlig": None}
            )
    return plan.family_plan_context(**parts)


def funding_parts(case: Case, today: date) -> tuple[list[dict], dict[str, Any], list[dict]]:
    """(decisions, department totals, grants running out) from the case's funding split."""
    lines = funding.current_lines(case)
    vocab = funding.funding_vocab()
    decisions = []
    ends = []
    plans = final_plans()  # one query for all lines, not one per line
    for line in lines:
        # The same answer the funding page shows: the line's measures (cost, hours, døgn,
        # months). Word documents are Danish, whatever language the person's screen is in.
        with force_locale("da"):
            answer = for_funding_line(
                line.intervention,
                line.annual_cost,
                line.start,
                line.end,
                active_plan(line.start, plans),
                paragraph=line.paragraph or None,
                measures=line_measures(line),
            )
        # Only a definite answer can show a grant was made too low (an unknown size cannot).
        below = answer.below_plan(line.authority_level)
        row = plan.decision_row(line, vocab.label, answer, below=below)
        decisions.append(row)
        if line.end and line.end >= today:
            ends.append(
                {
                    "dato": line.end,
                    "hvad": f"Bevillingen udløber: {row['indsats']}",
                    "ansvarlig": None,
                }
            )
    totals = funding.department_totals(lines, vocab, today.year)
    return decisions, plan.funding_summary(totals), ends


# Rendering ----------------------------------------------------------------------------------


def render_with(name: str, context: dict[str, Any]) -> bytes:
    """Render the active template of `name` (the municipality's, else the default)."""
    template, municipal = store.template_for(name)
    try:
        return render_docx(template, context)
    except TemplateRenderError as exc:
        where = f" ({exc.location})" if exc.location else ""
        if municipal is not None:
            raise DocumentError(
                _(
                    "Kommunens skabelon (version %(version)s) kunne ikke udfyldes: "
                    "%(detail)s%(where)s. En leder eller administrator kan rette skabelonen "
                    "eller gå tilbage til standardskabelonen under Skabeloner.",
                    version=municipal.version,
                    detail=exc.message,
                    where=where,
                )
            ) from exc
        raise DocumentError(
            _("Dokumentet kunne ikke laves: %(detail)s%(where)s.", detail=exc.message, where=where)
        ) from exc


def form_document(submission: Submission, case: Case | None) -> RenderedDocument:
    """The Word document of a saved case form or municipal document."""
    content = render_with(submission.form_name, submission_context(submission, case))
    label = (
        case.reference if case is not None else (submission.title or f"dokument-{submission.id}")
    )
    ascii_name, utf8_name = download_names(submission.form_name, label, document_date(), "docx")
    return RenderedDocument(content, ascii_name, utf8_name, DOCX_MIME)


def plan_document(case: Case) -> RenderedDocument:
    """The internal plan of a case (the joint plan's URLs and API endpoints give this one)."""
    content = render_with(PLAN, plan_context(case))
    ascii_name, utf8_name = download_names("intern-plan", case.reference, document_date(), "docx")
    return RenderedDocument(content, ascii_name, utf8_name, DOCX_MIME)


def family_plan_document(case: Case) -> RenderedDocument:
    """The family's plan of a case."""
    content = render_with(FAMILY_PLAN, family_plan_context(case))
    names = download_names("familiens-plan", case.reference, document_date(), "docx")
    return RenderedDocument(content, *names, DOCX_MIME)


def minutes_context(case: Case, meeting: Meeting, today: date | None = None) -> dict[str, Any]:
    """The minutes' context: the municipality, the case, the meeting with its readings."""
    readings = []
    if meeting.reading_ids:
        readings = list(
            db.session.scalars(
                select(GoalReading)
                .where(GoalReading.id.in_(meeting.reading_ids))
                .order_by(GoalReading.id)
            )
        )
    titles = {goal.key: goal.title for goal in goal_readings.goals_of(case)}
    vocabulary = load_vocabularies()["meeting_types"]
    return {
        "kommune": kommune_context(),
        "sag": case_context(case),
        "dato": today or document_date(),
        "moede": meeting_minutes.meeting_context(
            meeting, readings, titles, current_zone(), vocabulary
        ),
    }


def minutes_document(case: Case, meeting: Meeting) -> RenderedDocument:
    """The minutes of a meeting in the municipality's template (else the built-in one)."""
    content = render_with(meeting_minutes.TEMPLATE, minutes_context(case, meeting))
    held = meeting.held_at or meeting.starts_at
    moment = local_datetime(held, current_zone())
    day = moment.date() if moment else document_date()
    names = download_names("moedereferat", case.reference, day, "docx")
    return RenderedDocument(content, *names, DOCX_MIME)

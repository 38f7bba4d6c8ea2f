"""Funding lines, the case workbook and the portfolio workbook in the API."""

from __future__ import annotations

import re
from io import BytesIO

from flask import request, send_file
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from app import audit
from app.api import bp
from app.api.openapi import NOT_FOUND, Binary, operation
from app.api.schemas import ImportProblems
from app.api.schemas_funding import (
    Funding,
    FundingImported,
    FundingSaved,
    FundingUpdate,
    WorkbookUpload,
    YearQuery,
)
from app.api.util import answer, api_user, conflict, invalid, parse_json
from app.authz import Action, get_case_for
from app.extensions import db
from app.formatting import format_number
from app.funding import services
from app.funding.diff import changes_as_json
from app.funding.display import stale_message
from app.funding.lines import LinesInvalid, to_api
from app.funding.portfolio import portfolio_case_ids, portfolio_file, portfolio_rows
from app.models import Case, FundingSource, FundingVersion
from app.web.downloads import stream_download
from app.web.errors import error_response
from app.web.i18n import current_locale, translate
from excel_tools import (
    CellProblem,
    WorkbookBuildError,
    WorkbookImportError,
    calc,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
_UPLOAD_ENDPOINT = "api.post_case_funding_xlsx"
FORBIDDEN = "Rollen må ikke ændre sagens finansiering"
CONFLICT = "Nogen har gemt i mellemtiden (feltet current har det gemte)"
WORKBOOK = Binary("Regnearket (.xlsx)", (XLSX,))


def _person(version: FundingVersion | None) -> dict | None:
    """Who saved a version."""
    user = version.saved_by if version else None
    return {"id": user.id, "name": user.name} if user else None


def _kr(amount) -> float:
    """An amount in kroner rounded to øre, as a JSON number."""
    return round(float(amount), 2)


def funding_json(case: Case, version: FundingVersion | None, year: int) -> dict:
    """A case's split as the API returns it, with the department totals for ``year``."""
    vocab = services.funding_vocab()
    lines = services.version_lines(version)
    departments = vocab.department_values()
    for_year = calc.totals_for_year(lines, departments, year)
    for_period = calc.totals_for_period(lines, departments, year)
    return {
        "case_id": case.id,
        "version": version.version if version else None,
        "updated_at": version.saved_at.isoformat() if version else None,
        "updated_by": _person(version),
        "source": version.source if version else None,
        "review_date": version.review_date.isoformat() if version and version.review_date else None,
        "criteria_met": list(version.criteria_met or []) if version else [],
        "lines": [to_api(line) for line in lines],
        "totals": {
            "year": year,
            "departments": {
                dept: {"year": _kr(for_year[dept]), "period": _kr(for_period[dept])}
                for dept in departments
                if for_year[dept] or for_period[dept]
            },
        },
    }


def _year() -> int:
    """The ``year`` query parameter, else the current year."""
    return services.valid_year(request.args.get("year"))


def _stale(case: Case, message: str | None = None):
    """The 409 answer to a save over a stale version: roll back, send what is stored now."""
    db.session.rollback()
    return conflict(funding_json(case, services.current_version(case), _year()), message)


def _not_built(error: WorkbookBuildError):
    """The 422 answer when a workbook cannot be made, with the builder's reasons."""
    reasons = [translate(m) for m in error.messages]
    return error_response(422, _("Regnearket kunne ikke laves."), errors={"": reasons})


@operation(
    "GET",
    "/cases/<int:case_id>/funding",
    summary="Sagens finansieringslinjer med andele pr. afdeling",
    query=YearQuery,
    responses={200: ("Linjerne og totaler pr. afdeling", Funding), 404: NOT_FOUND},
)
def get_case_funding(case_id: int):
    """The case's current funding lines."""
    case = get_case_for(api_user(), case_id, Action.VIEW_FUNDING)
    return answer(Funding, funding_json(case, services.current_version(case), _year()))


@operation(
    "PUT",
    "/cases/<int:case_id>/funding",
    summary="Gem sagens linjer som en ny version",
    query=YearQuery,
    body=FundingUpdate,
    responses={
        200: ("Gemt (eller uændret); changes siger hvad der ændrede sig", FundingSaved),
        400: "Ikke et JSON-objekt",
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
        422: "Ugyldige linjer; errors har beskeder pr. sti, fx lines[0].shares",
    },
)
def put_case_funding(case_id: int):
    """Replace the case's lines (409 on a stale version, 422 with errors by path)."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT_FUNDING)
    body = parse_json(FundingUpdate)
    given = body.model_fields_set
    try:
        result = services.save_raw(
            user,
            case,
            body.lines,
            base_version=body.version,
            source=FundingSource.API,
            review_date=body.review_date if "review_date" in given else services.KEEP,
            criteria_met=body.criteria_met if "criteria_met" in given else services.KEEP,
        )
    except LinesInvalid as error:
        db.session.rollback()
        return invalid(error.errors)
    except services.ConflictError:
        return _stale(case)
    db.session.commit()
    saved = funding_json(case, result.version, _year())
    return answer(FundingSaved, {**saved, "changes": changes_as_json(result.changes)})


@operation(
    "GET",
    "/cases/<int:case_id>/funding.xlsx",
    summary="Sagens regneark med formler, lister og lagkagediagram",
    query=YearQuery,
    responses={200: WORKBOOK, 404: NOT_FOUND, 422: "Regnearket kunne ikke laves"},
    operation_id="getCaseFundingWorkbook",
)
def get_case_funding_xlsx(case_id: int):
    """The case's funding workbook."""
    case = get_case_for(api_user(), case_id, Action.VIEW_FUNDING)
    try:
        data = services.case_workbook(case, _year())
    except WorkbookBuildError as error:
        return _not_built(error)
    audit.export(case, "funding", "xlsx")
    name = _UNSAFE_NAME.sub("-", case.reference).strip("-") or str(case.id)
    return send_file(
        BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=f"finansiering-{name}.xlsx"
    )


def _problems(problems: list[CellProblem]) -> list[dict]:
    """Import problems as JSON."""
    return [{"sheet": p.sheet, "cell": p.cell, "message": translate(p.message)} for p in problems]


def _refused(problems: list[CellProblem], status: int = 422):
    """The answer to a refused workbook: every problem with its sheet and cell."""
    return error_response(
        status, _("Regnearket blev ikke indlæst. Intet er gemt."), problems=_problems(problems)
    )


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error):
    """A request over MAX_CONTENT_LENGTH: a clear 413, for an upload with a problem list."""
    if request.endpoint != _UPLOAD_ENDPOINT:
        return error_response(413)
    megabytes = format_number(services.upload_limit() / 1024 / 1024, locale=current_locale())
    message = _(
        "Filen er for stor. Et regneark må højst fylde %(megabytes)s MB.", megabytes=megabytes
    )
    return _refused([CellProblem(None, None, message)], 413)


@operation(
    "POST",
    "/cases/<int:case_id>/funding.xlsx",
    summary="Indlæs et rettet regneark; intet gemmes ved fejl",
    query=YearQuery,
    body=WorkbookUpload,
    body_media="multipart/form-data",
    responses={
        200: ("Indlæst; changes siger hvad der ændrede sig", FundingImported),
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
        413: ("Filen er for stor", ImportProblems),
        422: ("Regnearket er afvist; alle problemer med ark og celle", ImportProblems),
    },
    operation_id="importCaseFundingWorkbook",
)
def post_case_funding_xlsx(case_id: int):
    """Import an edited workbook (multipart field ``file``); nothing is stored on any error."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT_FUNDING)
    sent = request.files.get("file")
    if sent is None:
        return _refused(
            [
                CellProblem(
                    None, None, _("Send regnearket i multipart-feltet »%(field)s«.", field="file")
                )
            ]
        )
    version = (request.form.get("version") or "").strip()
    if version and not version.isdigit():
        return error_response(
            422, _("Feltet »%(field)s« skal være et versionsnummer.", field="version")
        )
    try:
        result = services.import_workbook(
            user,
            case,
            sent.read(),
            filename=sent.filename or None,
            base_version=int(version) if version else None,
            max_bytes=services.upload_limit(),
        )
    except WorkbookImportError as error:
        db.session.rollback()
        return _refused(error.problems)
    except services.StaleWorkbookError as error:
        return _stale(case, stale_message(error))
    except services.ConflictError:
        return _stale(case, _("Nogen har gemt i mellemtiden. Hent et nyt regneark."))
    db.session.commit()
    imported = funding_json(case, result.version, _year())
    changes = changes_as_json(result.changes)
    return answer(FundingImported, {**imported, "changes": changes, "created": result.created})


@operation(
    "GET",
    "/funding/portfolio.xlsx",
    summary="Alle linjer i de sager, kalderen må se, med totaler pr. afdeling og år",
    responses={200: WORKBOOK, 422: "Regnearket kunne ikke laves"},
    operation_id="getFundingPortfolioWorkbook",
)
def get_funding_portfolio_xlsx():
    """Every funding line of every case the caller may see, per department and year."""
    rows = portfolio_rows(api_user())
    try:
        workbook = portfolio_file(rows, services.funding_vocab())
    except WorkbookBuildError as error:
        return _not_built(error)
    audit.export(None, "funding_portfolio", "xlsx", case_ids=portfolio_case_ids(rows))
    return stream_download(workbook, XLSX, "portefoelje.xlsx")

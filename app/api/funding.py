"""Funding lines, the case workbook and the portfolio workbook in the API."""

from __future__ import annotations

import re
from io import BytesIO

from flask import jsonify, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge

from app.api import bp
from app.api.util import api_user, json_body
from app.authz import Action, get_case_for
from app.extensions import db
from app.funding import services
from app.funding.diff import changes_as_json
from app.funding.lines import LinesInvalid, to_api
from app.funding.portfolio import portfolio_rows, portfolio_workbook
from app.models import Case, FundingSource, FundingVersion
from app.web.errors import error_response
from app.web.i18n import translate
from excel_tools import (
    CellProblem,
    WorkbookBuildError,
    WorkbookImportError,
    calc,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
_UPLOAD_ENDPOINT = "api.post_case_funding_xlsx"


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


def _base_version(value: object) -> int | None | bool:
    """The version a PUT edits: None/0 before the first save; False when not a number."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return False
    return value


@bp.get("/cases/<int:case_id>/funding")
def get_case_funding(case_id: int):
    """The case's current funding lines."""
    case = get_case_for(api_user(), case_id, Action.VIEW_FUNDING)
    return jsonify(funding_json(case, services.current_version(case), _year()))


@bp.put("/cases/<int:case_id>/funding")
def put_case_funding(case_id: int):
    """Replace the case's lines (409 on a stale version, 422 with errors by path)."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT_FUNDING)
    body = json_body()
    base = _base_version(body.get("version"))
    if base is False:
        return error_response(
            422,
            "Oplysningerne kunne ikke godkendes.",
            errors={"version": ["Angiv den version, du har rettet i (null før første gem)."]},
        )
    try:
        result = services.save_raw(
            user, case, body.get("lines"), base_version=base, source=FundingSource.API
        )
    except LinesInvalid as error:
        db.session.rollback()
        return error_response(422, "Oplysningerne kunne ikke godkendes.", errors=error.errors)
    except services.ConflictError:
        db.session.rollback()
        current = funding_json(case, services.current_version(case), _year())
        return error_response(
            409, "Nogen har gemt i mellemtiden. Hent den nyeste version.", current=current
        )
    db.session.commit()
    answer = funding_json(case, result.version, _year())
    answer["changes"] = changes_as_json(result.changes)
    return jsonify(answer)


@bp.get("/cases/<int:case_id>/funding.xlsx")
def get_case_funding_xlsx(case_id: int):
    """The case's funding workbook."""
    case = get_case_for(api_user(), case_id, Action.VIEW_FUNDING)
    try:
        data = services.case_workbook(case, _year())
    except WorkbookBuildError as error:
        return error_response(
            422, "Regnearket kunne ikke laves.", errors={"": [translate(m) for m in error.messages]}
        )
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
        status, "Regnearket blev ikke indlæst. Intet er gemt.", problems=_problems(problems)
    )


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error):
    """A request over MAX_CONTENT_LENGTH: a clear 413, for an upload with a problem list."""
    if request.endpoint != _UPLOAD_ENDPOINT:
        return error_response(413)
    megabytes = f"{services.upload_limit() / 1024 / 1024:g}".replace(".", ",")
    message = f"Filen er for stor. Et regneark må højst fylde {megabytes} MB."
    return _refused([CellProblem(None, None, message)], 413)


@bp.post("/cases/<int:case_id>/funding.xlsx")
def post_case_funding_xlsx(case_id: int):
    """Import an edited workbook (multipart field ``file``); nothing is stored on any error."""
    user = api_user()
    case = get_case_for(user, case_id, Action.EDIT_FUNDING)
    sent = request.files.get("file")
    if sent is None:
        return _refused([CellProblem(None, None, "Send regnearket i multipart-feltet »file«.")])
    version = (request.form.get("version") or "").strip()
    if version and not version.isdigit():
        return error_response(422, "Feltet »version« skal være et versionsnummer.")
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
    except services.ConflictError:
        db.session.rollback()
        current = funding_json(case, services.current_version(case), _year())
        return error_response(
            409, "Nogen har gemt i mellemtiden. Hent et nyt regneark.", current=current
        )
    db.session.commit()
    answer = funding_json(case, result.version, _year())
    answer["changes"] = changes_as_json(result.changes)
    answer["created"] = result.created
    return jsonify(answer)


@bp.get("/funding/portfolio.xlsx")
def get_funding_portfolio_xlsx():
    """Every funding line of every case the caller may see, per department and year."""
    try:
        data = portfolio_workbook(portfolio_rows(api_user()), services.funding_vocab())
    except WorkbookBuildError as error:
        return error_response(
            422, "Regnearket kunne ikke laves.", errors={"": [translate(m) for m in error.messages]}
        )
    return send_file(
        BytesIO(data), mimetype=XLSX, as_attachment=True, download_name="portefoelje.xlsx"
    )

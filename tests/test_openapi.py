"""The OpenAPI document is valid, describes exactly the real routes, and real answers fit it."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import jsonschema
from openapi_spec_validator import validate

from app.api.openapi import openapi_document, openapi_path

METHODS = {"get", "post", "put", "patch", "delete"}


def _documented(spec) -> set[tuple[str, str]]:
    """(method, path) pairs in the document."""
    return {(m.upper(), p) for p, item in spec["paths"].items() for m in item if m in METHODS}


def _routed(app) -> set[tuple[str, str]]:
    """(method, path) pairs of the API blueprint, in OpenAPI path syntax."""
    pairs = set()
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)[len("/api/v1") :]
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            pairs.add((method, path))
    return pairs


def test_document_is_valid_openapi(client):
    """The served document passes the OpenAPI validator."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.json)


def test_every_route_is_documented_and_every_documented_route_exists(app):
    """No undocumented endpoints, no documented ghosts."""
    spec = openapi_document()
    assert _documented(spec) == _routed(app)


def test_every_operation_is_described(app):
    """Summaries, unique operation ids, typed path parameters, a JSON schema per body."""
    spec = openapi_document()
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            named = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert named == set(re.findall(r"{(\w+)}", path)), f"{method} {path}"
            success = {"200", "201", "204"} & set(operation["responses"])
            assert success, f"{method} {path} documents no success"
            if "204" in success:  # "no content" carries none
                assert "content" not in operation["responses"]["204"], f"{method} {path}"
            if path != "/openapi.json":
                assert "401" in operation["responses"], f"{method} {path} omits 401"
    case_id = spec["paths"]["/cases/{case_id}"]["get"]["parameters"][0]
    assert case_id["schema"] == {"type": "integer"}
    put = spec["paths"]["/cases/{case_id}/funding"]["put"]
    assert put["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FundingUpdate"
    }


def _schema(spec, name):
    """A component schema with its $refs resolvable by jsonschema."""
    return {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}


def test_responses_match_their_schemas(api_as):
    """Real answers validate against the documented schemas."""
    spec = openapi_document()
    api = api_as("coordinator")
    created = api.post("/cases", json={"reference": "OA-1", "title": "Familien Spec"})
    jsonschema.validate(created.json, _schema(spec, "Case"))
    jsonschema.validate(api.get("/cases").json, _schema(spec, "CaseList"))
    jsonschema.validate(api.get(f"/cases/{created.json['id']}").json, _schema(spec, "Case"))
    error = api.post("/cases", json={})
    jsonschema.validate(error.json, _schema(spec, "Error"))


class Checked:
    """Calls the API and checks each answer against the document: the status must be
    documented for the operation, the media type too, and a JSON body must fit its schema."""

    def __init__(self, app, api):
        self.spec = openapi_document()
        self.adapter = app.url_map.bind("localhost")
        self.api = api
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, method: str, path: str, **kwargs):
        """Send the request, check the answer, return it."""
        response = getattr(self.api, method.lower())(path, **kwargs)
        rule, _args = self.adapter.match("/api/v1" + path.split("?")[0], method, return_rule=True)
        template = openapi_path(rule.rule)[len("/api/v1") :]
        operation = self.spec["paths"][template][method.lower()]
        status = str(response.status_code)
        where = f"{method} {path} → {status}"
        assert status in operation["responses"], f"undocumented answer: {where}"
        content = operation["responses"][status].get("content")
        if content is not None:
            assert response.mimetype in content, where
            if response.mimetype == "application/json":
                schema = {**content["application/json"]["schema"], **self.spec}
                jsonschema.validate(response.json, schema)
        self.seen.add((method.lower(), template))
        return response


def test_every_operation_answers_as_documented(app, api_as, make_case):
    """A tour of every operation: each answer (success and error) fits its documented schema."""
    call = Checked(app, api_as("coordinator"))
    as_leader = Checked(app, api_as("leader"))
    call("GET", "/openapi.json")
    case_id = call("POST", "/cases", json={"reference": "OA-2", "title": "Familien"}).json["id"]
    call("POST", "/cases", json={"reference": "OA-2", "title": "Igen"})
    call("POST", "/cases", json={"reference": 1})
    call("POST", "/cases", json=[1])
    call("GET", "/cases")
    call("GET", f"/cases/{case_id}")
    call("GET", "/cases/999999")
    call("GET", f"/cases/{case_id}/facts")
    call("PATCH", f"/cases/{case_id}/facts", json={"birth_month": 2, "birth_year": 2016})
    call("PATCH", f"/cases/{case_id}/facts", json={"title": "010203-1234"})
    call("PATCH", f"/cases/{case_id}/facts", json=[1])
    call("GET", "/cases/999999/facts")
    call("POST", f"/cases/{case_id}/phase/next", json={})  # the flow is not started: 422
    call("POST", f"/cases/{case_id}/phase/next", json=[1])
    call("POST", f"/cases/{case_id}/phase/start", json={})  # follows no case flow: 422
    call("POST", f"/cases/{case_id}/phase/repin", json={})  # not started: 422
    meetings = f"/cases/{case_id}/meetings"
    plan = {"kind": "status", "starts_at": "2027-03-01T09:30", "place": "Skolen"}
    meeting = call("POST", meetings, json=plan).json
    call("POST", meetings, json={"kind": "status", "starts_at": "snart"})
    call("GET", meetings)
    call("GET", f"{meetings}/{meeting['id']}")
    call("GET", f"{meetings}/999999")
    call("PUT", f"{meetings}/{meeting['id']}", json=plan | {"version": 1, "place": "Hjemme"})
    call("PUT", f"{meetings}/{meeting['id']}", json=plan | {"version": 1})  # stale: 409
    call("PUT", f"{meetings}/{meeting['id']}", json=plan)  # no version: 422
    call("DELETE", f"{meetings}/{meeting['id']}")
    call("GET", "/forms?lang=en")
    call("GET", "/forms/smarte_maal")
    call("GET", "/forms/nope")
    call("GET", "/vocabularies/departments")
    call("GET", "/vocabularies/nope")
    form = f"/cases/{case_id}/forms/smarte_maal"
    call("GET", form)
    call("PUT", form, json={"status": "later"})
    saved = call("PUT", form, json={"version": None, "data": {}})
    assert saved.status_code == 200, saved.json
    call("PUT", form, json={"version": None, "data": {}})
    call("GET", f"{form}/document")
    call("GET", f"{form}/document?format=odt")
    call("GET", f"{form}/document?format=pdf")
    call("GET", f"/cases/{case_id}/plan.docx")
    call("GET", f"/cases/{case_id}/plan.pdf")
    call("GET", f"/cases/{case_id}/family-plan.docx")
    call("GET", f"/cases/{case_id}/family-plan.pdf")
    call("GET", f"/cases/{case_id}/annual-wheel.ics")
    call("GET", "/cases/999999/annual-wheel.ics")
    call("GET", "/decision-authority?intervention=aflastning&amount=100")
    call("GET", "/decision-authority?amount=mange")
    funding = f"/cases/{case_id}/funding"
    call("GET", f"{funding}?year={date.today().year}")
    call("PUT", funding, json={"version": None, "lines": []})
    call("PUT", funding, json={"version": None, "lines": []})
    call("PUT", funding, json={"version": "x", "lines": []})
    call("PUT", funding, json={"version": 1, "lines": [{"annual_cost": "mange"}]})
    call("GET", f"{funding}.xlsx")
    workbook = call("GET", f"{funding}.xlsx").data
    call("POST", f"{funding}.xlsx", data={"file": (BytesIO(workbook), "f.xlsx"), "version": "1"})
    call("POST", f"{funding}.xlsx", data={"file": (BytesIO(b"not a workbook"), "f.xlsx")})
    call("GET", "/funding/portfolio.xlsx")
    call("GET", "/municipal/beslutningskompetence")
    call("POST", "/municipal/beslutningskompetence", json={"version": None, "data": {}})
    created = as_leader(
        "POST", "/municipal/beslutningskompetence", json={"version": None, "data": {}}
    )
    doc = f"/municipal/beslutningskompetence/{created.json['id']}"
    as_leader("GET", doc)
    assert as_leader("GET", "/municipal/beslutningskompetence").json["documents"]
    as_leader("PUT", doc, json={"version": 1, "data": {}})
    as_leader("PUT", doc, json={"version": 1, "data": {}})
    as_leader("GET", f"{doc}/document")
    as_leader("GET", "/municipal/nope")
    as_leader("GET", "/dashboard")
    call("GET", "/dashboard")  # a coordinator: 403
    assert created.status_code == 201
    documented = {(m, p) for p, item in call.spec["paths"].items() for m in item}
    assert documented - call.seen - as_leader.seen == set()

"""Request bodies parsed by their pydantic models; answers built through theirs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask_babel import force_locale
from pydantic import ValidationError

from app.api.schemas import Case, DecisionQuery, Person, RequestBody, SubmissionWrite
from app.api.schemas_funding import DepartmentTotal, FundingUpdate
from app.api.util import RequestInvalid, answer, dotted, parse


def _errors(model, data) -> dict[str, list[str]]:
    """The errors parse() raises for ``data``."""
    with pytest.raises(RequestInvalid) as caught:
        parse(model, data)
    return caught.value.errors


def test_a_bad_form_save_answers_with_the_same_messages(api_as, make_case):
    """The 422 of a bad body keeps its messages, field by field."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    url = f"/cases/{case.id}/forms/smarte_maal"
    missing = api.put(url, json={})
    assert missing.status_code == 422
    assert missing.json == {
        "error": "Oplysningerne kunne ikke godkendes.",
        "errors": {
            "version": ["Angiv den version, du har redigeret (null for første gem)."],
            "data": ["data skal være et objekt med felter."],
        },
    }
    wrong = api.put(url, json={"version": True, "status": "done", "data": []})
    assert wrong.json["errors"] == {
        "version": ["version skal være et heltal eller null."],
        "status": ["status skal være »draft« eller »final«."],
        "data": ["data skal være et objekt med felter."],
    }
    assert api.put(url, json={"version": 1.0, "data": {}}).json["errors"] == {
        "version": ["version skal være et heltal eller null."]
    }


def test_messages_follow_the_language(app):
    """The same errors in English when the UI is English."""
    with app.test_request_context(), force_locale("en"):
        assert _errors(SubmissionWrite, {"data": {}}) == {
            "version": ["Give the version you edited (null for the first save)."]
        }
        assert _errors(FundingUpdate, {"version": -1}) == {
            "version": ["Give the version you edited (null before the first save)."]
        }


def test_decision_query_reads_numbers_as_typed(app):
    """Blank is none, a decimal comma works; each bad number has its own message."""
    with app.test_request_context():
        query = parse(
            DecisionQuery, {"intervention": " aflastning ", "amount": "1,5", "months": ""}
        )
        assert (query.intervention, query.amount, query.months) == (
            "aflastning",
            Decimal("1.5"),
            None,
        )
        assert _errors(
            DecisionQuery,
            {"intervention": " ", "amount": "mange", "months": "-1", "hours_per_week": "NaN"},
        ) == {
            "intervention": ["Angiv indsatsen (en nøgle fra listen interventions)."],
            "amount": ["Skal være et tal."],
            "hours_per_week": ["Skal være et tal på 0 eller derover."],
            "months": ["Skal være et tal på 0 eller derover."],
        }


def test_funding_version_must_be_a_whole_number_or_null(app):
    """null and 0 are a first save; booleans, text, fractions and negatives are refused."""
    with app.test_request_context():
        assert parse(FundingUpdate, {}).version is None
        assert parse(FundingUpdate, {"version": 0, "lines": "as sent"}).lines == "as sent"
        for bad in (True, "1", 1.0, -1):
            assert list(_errors(FundingUpdate, {"version": bad})) == ["version"], bad


class _Nested(RequestBody):
    """A body with a list inside, for paths."""

    items: list[Person]


def test_errors_are_keyed_by_the_path_people_read(app):
    """Positions in brackets, keys with dots; a field without own text keeps the generic one."""
    assert dotted(("lines", 0, "shares", "ppr")) == "lines[0].shares.ppr"
    assert dotted(()) == ""
    with app.test_request_context():
        errors = _errors(_Nested, {"items": [{"id": 1, "name": "A"}, {"id": "x", "name": "B"}]})
    assert list(errors) == ["items[1].id"]
    assert errors["items[1].id"] == ["skal være et helt tal"]  # the generic text, in Danish


def test_answers_are_built_through_their_models(app):
    """Whole numbers stay integers, absent keys stay absent, unknown keys are an error."""
    with app.test_request_context():
        body, status = answer(DepartmentTotal, {"year": 5, "period": 2.5}, 201)
        assert status == 201 and body.get_data(as_text=True).strip() == '{"period":2.5,"year":5}'
        case = {"id": 1, "reference": "R", "title": "T", "status": "open", "next_follow_up": None}
        assert answer(Case, case)[0].json == case
        with pytest.raises(ValidationError):
            answer(Person, {"id": 1, "name": "A", "cpr": "010101-1234"})

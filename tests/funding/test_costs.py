"""Costs as they are granted, in the app: validation, measures, editor, API, portfolio."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.extensions import db
from app.funding import services
from app.funding.lines import LinesInvalid, line_measures, validate_lines
from app.models import FundingVersion
from app.municipal_documents.measures import MEASURES
from excel_tools import FundingLine
from tests.funding.support import api_lines, put

D = Decimal
ONE_OFF = {
    "intervention": "boligaendring",
    "paragraph": "sel_116",
    "description": "Rampe og badeværelse",
    "cost_kind": "one_off",
    "amount": 200000,
    "start": "2026-06-01",
    "end": "2026-06-30",
    "shares": {"boernehandicap": 70, "voksenhandicap": 30},
    "split_reason": "Boligen skal også passe til Emma som voksen",
}
HOURLY = {
    "intervention": "mentor",
    "paragraph": "bl_32",
    "start": "2026-03-01",
    "end": "2026-12-31",
    "cost_kind": "hourly",
    "quantity_unit": "hours_per_week",
    "quantity": "2",
    "amount": "350",
    "shares": {"jobcenter": 100},
}


def _errors(raw: list[dict]) -> dict[str, list[str]]:
    """The validation errors of raw API lines, by path."""
    with pytest.raises(LinesInvalid) as caught:
        validate_lines(raw, services.funding_vocab())
    return caught.value.errors


def test_api_lines_of_every_kind_validate(app):
    """One-off, hourly and monthly lines validate; old-style annual_cost lines are yearly."""
    monthly = {**HOURLY, "cost_kind": "monthly", "amount": "1550", "quantity": None}
    monthly["quantity_unit"] = None
    one_off, hourly, month, old = validate_lines(
        [ONE_OFF, HOURLY, monthly, api_lines()[0]], services.funding_vocab()
    )
    assert one_off.cost_kind == "one_off" and one_off.amount == one_off.annual_cost == 200000
    assert one_off.split_reason == "Boligen skal også passe til Emma som voksen"
    assert hourly.annual_cost == D(350) * 2 * 52 and hourly.quantity_unit == "hours_per_week"
    assert month.annual_cost == D(1550) * 12
    assert old.cost_kind == "yearly" and old.amount == old.annual_cost == 120000


def test_cost_rules_give_a_message_per_field(app):
    """Each broken cost field has its own path and a Danish sentence."""
    errors = _errors(
        [
            {**HOURLY, "quantity": None, "quantity_unit": None},
            {**HOURLY, "quantity_unit": "days_per_month"},
            {**HOURLY, "cost_kind": "weekly"},
            {**HOURLY, "quantity_unit": "minutes"},
            {**ONE_OFF, "amount": None},
            {**api_lines()[0], "cost_kind": "monthly"},
            {**HOURLY, "quantity": "mange"},
        ]
    )
    assert errors == {
        "lines[0].quantity": ["En timepris kræver antal timer (pr. uge eller pr. måned)."],
        "lines[1].quantity_unit": [
            "En timepris skal have omfanget i timer pr. uge eller timer pr. måned."
        ],
        "lines[2].cost_kind": ["Vælg engangsbeløb, pr. måned, pr. år eller pr. time."],
        "lines[3].quantity_unit": ["Vælg timer pr. uge, timer pr. måned eller dage pr. måned."],
        "lines[4].amount": ["Skriv beløbet i kr."],
        # annual_cost is the old name of a yearly line's amount only
        "lines[5].amount": ["Skriv beløbet i kr."],
        "lines[6].quantity": ["Omfanget skal være et tal."],
    }


def _line(**kw) -> FundingLine:
    """A line with the given cost fields."""
    base = dict(
        intervention="aflastning",
        paragraph="bl_90",
        description="",
        annual_cost=None,
        start=date(2026, 3, 1),
        end=date(2026, 8, 31),
        authority_level=None,
        shares={"ppr": D(100)},
    )
    return FundingLine(**{**base, **kw})


def test_line_measures_for_every_kind():
    """The sizes the decision lookup judges by; hours a week also as a month (52/12)."""
    weekly = line_measures(
        _line(cost_kind="hourly", amount=D(350), quantity=D(6), quantity_unit="hours_per_week")
    )
    assert weekly == {
        "kr_per_year": D(350) * 6 * 52,
        "kr_one_off": None,
        "hours_per_week": D(6),
        "hours_per_month": None,  # given a week; the lookup converts (52/12) and says so
        "days_per_month": None,
        "months": D(6),
    }
    monthly = line_measures(
        _line(cost_kind="monthly", amount=D(900), quantity=D(40), quantity_unit="hours_per_month")
    )
    assert monthly["hours_per_month"] == D(40) and monthly["hours_per_week"] is None
    assert monthly["kr_per_year"] == D(10800)
    days = line_measures(
        _line(amount=D(60000), quantity=D(4), quantity_unit="days_per_month", end=None)
    )
    assert days["days_per_month"] == D(4) and days["months"] is None
    assert days["kr_per_year"] == D(60000) and days["hours_per_month"] is None
    one_off = line_measures(_line(cost_kind="one_off", amount=D(200000)))
    # The same measures the decision plan's rows and the lookup use, no more, no fewer.
    assert tuple(one_off) == MEASURES
    assert one_off["kr_one_off"] == D(200000) and one_off["kr_per_year"] is None
    assert one_off["months"] is None


def test_api_books_a_one_off_in_its_year_and_keeps_review_and_criteria(api_as, make_case):
    """Totals: 200,000 kr. in 2026, nothing in 2027; review date and criteria round-trip."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    body = {
        "version": None,
        "lines": [ONE_OFF, HOURLY],
        "review_date": "2027-01-15",
        "criteria_met": ["two_sectors"],
    }
    response = api.put(f"/cases/{case.id}/funding?year=2026", json=body)
    assert response.status_code == 200, response.json
    got = api.get(f"/cases/{case.id}/funding?year=2026").json
    assert got["review_date"] == "2027-01-15" and got["criteria_met"] == ["two_sectors"]
    assert got["lines"][0]["cost_kind"] == "one_off" and got["lines"][0]["amount"] == 200000
    assert got["lines"][1]["quantity"] == 2 and got["lines"][1]["annual_cost"] == 36400
    departments = got["totals"]["departments"]
    assert departments["boernehandicap"] == {"year": 140000.0, "period": 140000.0}
    assert departments["jobcenter"]["year"] == pytest.approx(350 * 2 * 52 / 12 * 10)
    later = api.get(f"/cases/{case.id}/funding?year=2027").json["totals"]["departments"]
    assert later["boernehandicap"] == {"year": 0.0, "period": 140000.0}
    # A save that does not mention them keeps them (older clients, workbook imports).
    assert put(api, case.id, [ONE_OFF], version=1).status_code == 200
    kept = api.get(f"/cases/{case.id}/funding").json
    assert kept["review_date"] == "2027-01-15" and kept["criteria_met"] == ["two_sectors"]


def test_api_refuses_a_bad_review_date_and_unknown_criteria(api_as, make_case):
    """422 with a message per path; nothing saved."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    body = {"version": None, "lines": [ONE_OFF], "review_date": "15-01-2027"}
    body["criteria_met"] = ["ukendt"]
    response = api.put(f"/cases/{case.id}/funding", json=body)
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"review_date", "criteria_met"}
    assert services.current_version(case) is None


def _form_row(**values) -> dict:
    """One editor row as posted."""
    fields = {
        "intervention": "boligaendring",
        "paragraph": "sel_116",
        "cost_kind": "one_off",
        "amount": "200.000",
        "start": "2026-06-01",
        "split_reason": "Voksenhandicap får gavn af boligen senere",
        "share-boernehandicap": "70",
        "share-voksenhandicap": "30",
        **values,
    }
    return {f"lines-0-{key}": value for key, value in fields.items()}


def test_editor_books_a_one_off_in_full_in_its_month(login_as, make_case):
    """The editor's totals for 2026 show the whole 200,000 kr., 2027 none; all is saved."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    url = f"/sager/{case.id}/finansiering?year=2026"
    data = {
        "_version": "0",
        **_form_row(),
        "review_date": "2027-01-15",
        "criterion-two_sectors": "1",
        "_recalculate": "1",
    }
    html = web.post_form(url, data, page=url).get_data(as_text=True)
    assert 'data-total-year="boernehandicap">140.000,00<' in html
    assert 'data-total-year="voksenhandicap">60.000,00<' in html
    assert "16.666,67" not in html
    assert 'value="2027-01-15"' in html and 'name="criterion-two_sectors" value="1" checked' in html
    del data["_recalculate"]
    response = web.post_form(url, {**data, "_save": "1"}, page=url)
    assert response.status_code == 302
    (line,) = services.current_lines(case)
    assert line.cost_kind == "one_off" and line.amount == D(200000)
    assert line.split_reason == "Voksenhandicap får gavn af boligen senere"
    version = services.current_version(case)
    assert version.review_date == date(2027, 1, 15) and version.criteria_met == ["two_sectors"]
    case_page = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'data-testid="funding-review-date"' in case_page and "kr. én gang" in case_page
    later = web.get(f"/sager/{case.id}/finansiering?year=2027").get_data(as_text=True)
    assert 'data-total-year="boernehandicap">0,00<' in later  # nothing booked in 2027
    assert 'data-total-period="boernehandicap">140.000,00<' in later


def test_editor_hourly_line_needs_hours(login_as, make_case):
    """An hourly line without hours is refused at the quantity field, linked from the summary."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    url = f"/sager/{case.id}/finansiering?year=2026"
    row = _form_row(cost_kind="hourly", amount="350")
    response = web.post_form(url, {"_version": "0", **row, "_save": "1"}, page=url)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#lines-0-quantity"' in html
    assert "En timepris kræver antal timer (pr. uge eller pr. måned)." in html
    assert db.session.query(FundingVersion).filter_by(case_id=case.id).count() == 0


def test_admin_sets_criteria_and_the_case_shows_them(login_as, make_case):
    """The model's examples by default; the municipality's own line is labelled as such."""
    admin = login_as("admin")
    page = admin.get("/admin/kommune").get_data(as_text=True)
    assert "Familien er motiveret for at deltage i en tværgående løsning" in page
    assert "kerneelement 4" in page
    text = "Familien har samlet set sager på mindst to sektorområder\nBarnet er under 18 år"
    response = admin.post_form(
        "/admin/kommune/faelles-finansiering", {"criteria": text}, page="/admin/kommune"
    )
    assert response.status_code == 302
    coordinator = login_as("coordinator")
    case = make_case(coordinator=coordinator.user)
    html = coordinator.get(f"/sager/{case.id}/finansiering").get_data(as_text=True)
    assert "Barnet er under 18 år" in html and "Kommunens eget valg" in html
    assert "Familien er motiveret" not in html
    assert "Modelbeskrivelse Én familie – én indgang, kerneelement 4" in html


def test_refused_criteria_keep_what_was_typed(login_as):
    """A criterion that is too long: 422, the message beside the field, the text kept, nothing
    stored."""
    admin = login_as("admin")
    text = "Sager på mindst to sektorområder\n" + "x" * 1000
    response = admin.post_form(
        "/admin/kommune/faelles-finansiering", {"criteria": text}, page="/admin/kommune"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="criteria-error"' in html and "Et kriterium må højst have" in html
    assert "x" * 1000 in html
    assert "x" * 1000 not in admin.get("/admin/kommune").get_data(as_text=True)


def test_portfolio_page_books_one_offs_and_lists_review_dates(api_as, login_as, make_case):
    """The controller sees the one-off in its year and the split's review date."""
    api = api_as("controller")
    case = make_case(reference="REV-1")
    body = {"version": None, "lines": [ONE_OFF], "review_date": "2026-01-15"}
    assert api.put(f"/cases/{case.id}/funding", json=body).status_code == 200
    from app.funding.portfolio import portfolio_rows, portfolio_totals

    totals = portfolio_totals(portfolio_rows(api.user), services.funding_vocab(), 2026)
    amounts = next(a for key, _label, a in totals.rows if key == "boernehandicap")
    assert amounts[2026] == D(140000)
    web = login_as("controller")
    html = web.get("/okonomi").get_data(as_text=True)
    assert 'data-testid="portfolio-reviews"' in html and "REV-1" in html
    assert 'data-testid="review-overdue"' in html  # 15 January 2026 has passed


def test_word_plan_rows_state_the_cost_as_granted():
    """The Word plan's decision rows say what the amount is, not only a yearly figure."""
    from app.word.plan import cost_as_granted

    one_off = _line(cost_kind="one_off", amount=D(200000), split_reason="Gavn for voksen")
    hourly = _line(cost_kind="hourly", amount=D(350), quantity=D(2), quantity_unit="hours_per_week")
    assert cost_as_granted(one_off) == "200.000,00 kr. én gang"
    assert cost_as_granted(hourly) == "350,00 kr. pr. time, 2 timer pr. uge"
    assert cost_as_granted(_line(amount=D(1200))) == "1.200,00 kr. pr. år"

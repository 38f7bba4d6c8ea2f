"""The funding editor in the browser without JavaScript: rows, validation, conflicts, pages."""

from __future__ import annotations

import re
from decimal import Decimal

from app.extensions import db
from app.funding import services
from app.models import FundingVersion
from tests.funding.support import YEAR, api_lines, put

D = Decimal


def _url(case, suffix="", year=YEAR) -> str:
    """The editor (or one of its pages) of a case."""
    return f"/sager/{case.id}/finansiering{suffix}" + (f"?year={year}" if year else "")


def _row(n: int, **values) -> dict:
    """Form fields of one editor row; shares as share_<dept>=text."""
    fields = {
        "intervention": "aflastning",
        "paragraph": "bl_90",
        "description": "Aflastning i weekender",
        "cost_kind": "yearly",
        "amount": "120.000,00",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "authority_level": "teamleder",
        "notes": "",
    }
    shares = {"boernehandicap": "60", "ppr": "40"}
    for key, value in values.items():
        if key.startswith("share_"):
            shares[key[len("share_") :]] = value
        else:
            fields[key] = value
    data = {f"lines-{n}-{k}": v for k, v in fields.items()}
    data.update({f"lines-{n}-share-{k}": v for k, v in shares.items()})
    return data


def _post(web, case, data: dict, version=0):
    """Post the editor form as the page would."""
    url = _url(case)
    return web.post_form(url, {"_version": str(version), **data}, page=url)


def _versions(case) -> list[int]:
    """Saved version numbers of a case, oldest first."""
    db.session.expire_all()
    return sorted(v.version for v in db.session.query(FundingVersion).filter_by(case_id=case.id))


def test_empty_editor_then_add_a_row_without_javascript(login_as, make_case):
    """'Tilføj linje' is a submit button: the page comes back with a blank row, nothing saved."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = web.get(_url(case)).get_data(as_text=True)
    assert 'data-testid="no-lines"' in page and 'name="_add"' in page
    response = _post(web, case, {"_add": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="lines-0-intervention"' in html and 'name="lines-0-share-ppr"' in html
    assert _versions(case) == []


def test_fill_and_save_creates_version_one(login_as, make_case):
    """A saved row is stored exactly, and the editor shows it again."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    response = _post(web, case, {**_row(0), "_save": "1"})
    assert response.status_code == 302
    (line,) = services.current_lines(case)
    assert line.annual_cost == D(120000) and line.shares == {"boernehandicap": 60, "ppr": 40}
    assert line.authority_level == "teamleder"
    html = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "Finansieringen er gemt som version 1." in html
    assert 'value="120000,00"' in html and 'value="60"' in html
    assert _versions(case) == [1]


def test_remove_a_row_keeps_the_other_rows_as_typed(login_as, make_case):
    """'Fjern' removes one row; the other keeps what was typed, and nothing is saved yet."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    data = {**_row(0, description="Første"), **_row(3, description="Anden, ikke gemt")}
    html = _post(web, case, {**data, "_remove": "0"}).get_data(as_text=True)
    assert "Første" not in html and "Anden, ikke gemt" in html
    assert 'id="lines-3-description"' in html
    assert _versions(case) == []


def test_validation_errors_keep_everything_typed_and_link_to_fields(login_as, make_case):
    """DKFDS error summary with links; the typed values stay; nothing is stored."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    data = {
        **_row(0, amount="mange penge", share_ppr="60"),
        **_row(1, description="God linje"),
        "_save": "1",
    }
    response = _post(web, case, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'data-testid="error-summary"' in html
    assert 'href="#lines-0-amount"' in html and 'href="#lines-0-share-boern_familie"' in html
    assert "Andelene summerer til 120 %, skal være 100 %." in html
    assert 'value="mange penge"' in html and "God linje" in html
    assert 'aria-describedby="lines-0-amount-error"' in html
    assert _versions(case) == []


def test_saving_on_an_old_version_shows_the_conflict_and_keeps_the_input(
    login_as, api_as, make_case
):
    """Someone else saved in between: refused with 409, their change shown, mine kept."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    controller = api_as("controller")
    assert put(controller, case.id, api_lines()[:1]).status_code == 200
    web_page_version = 1
    changed = api_lines()[:1]
    changed[0]["shares"] = {"boernehandicap": 40, "ppr": 60}
    assert put(controller, case.id, changed, version=1).status_code == 200
    mine = {**_row(0, description="Min egen tekst", share_boernehandicap="50", share_ppr="50")}
    response = _post(web, case, {**mine, "_save": "1"}, version=web_page_version)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'data-testid="conflict"' in html
    assert "Andel for PPR (Pædagogisk Psykologisk Rådgivning) ændret fra 40 % til 60 %" in html
    assert "Min egen tekst" in html
    assert 'name="_version" value="2"' in html
    assert _versions(case) == [1, 2]
    # Saving again now deliberately puts my version on top.
    assert _post(web, case, {**mine, "_save": "1"}, version=2).status_code == 302
    assert _versions(case) == [1, 2, 3]


def test_editor_totals_are_computed_on_the_server(login_as, make_case, api_as):
    """Totals for the year and the whole period, the sum check and the pie with its legend."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    put(api_as(web.user), case.id, api_lines())
    html = web.get(_url(case)).get_data(as_text=True)
    totals = services.department_totals(
        services.current_lines(case), services.funding_vocab(), YEAR
    )
    by_key = {row.key: row for row in totals.rows}
    year_cell = re.search(r'data-total-year="boernehandicap">([^<]+)<', html).group(1)
    assert year_cell == f"{by_key['boernehandicap'].year_amount:,.2f}".replace(",", "X").replace(
        ".", ","
    ).replace("X", ".")
    assert html.count("enindgang-share-sum is-ok") == 3
    assert 'data-testid="pie"' in html and "<pattern" in html
    assert 'role="img"' in html and 'data-testid="pie-legend"' in html


def test_case_page_shows_the_split_and_what_changed(login_as, make_case, api_as):
    """The case page has the current lines, totals, and the recent changes as sentences."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    api = api_as(web.user)
    put(api, case.id, api_lines())
    changed = api_lines()[:2]
    changed[0]["shares"] = {"boernehandicap": 40, "ppr": 60}
    put(api, case.id, changed, version=1)
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'data-testid="funding-section"' in html
    assert "Version 2, gemt" in html and "(via API)" in html
    assert "Linje 3 fjernet" in html and "Praktisk hjælp i hjemmet" in html
    assert "Andel for Børnehandicap (specialområdet) ændret fra 60 % til 40 %" in html
    history = web.get(f"/sager/{case.id}/finansiering/historik").get_data(as_text=True)
    assert "Linje 1 tilføjet" in history and "Version 1, gemt" in history
    version = web.get(f"/sager/{case.id}/finansiering/versioner/1")
    assert version.status_code == 200 and "Weekendaflastning" in version.get_data(as_text=True)
    assert web.get(f"/sager/{case.id}/finansiering/versioner/9").status_code == 404


def test_controller_edits_funding_but_cannot_open_forms(login_as, make_case):
    """Controllers work with money on every case, never with the family's forms."""
    web = login_as("controller")
    case = make_case()
    assert web.get(_url(case)).status_code == 200
    assert _post(web, case, {**_row(0), "_save": "1"}).status_code == 302
    assert web.get(f"/sager/{case.id}/formularer/smarte_maal").status_code == 403
    assert "Økonomi" in web.get("/").get_data(as_text=True)


def test_coordinator_not_on_the_case_sees_nothing(login_as, make_case):
    """Every funding page of someone else's case is a 404."""
    web = login_as("coordinator")
    case = make_case()
    for suffix in ("", "/historik", "/versioner/1"):
        assert web.get(_url(case, suffix)).status_code == 404, suffix
    assert web.get(f"/sager/{case.id}/finansiering.xlsx").status_code == 404
    assert _post(web, case, {**_row(0), "_save": "1"}).status_code == 404
    assert "Økonomi</span>" not in web.get("/").get_data(as_text=True)


def test_portfolio_page_totals_per_department_and_year(login_as, make_case, api_as):
    """Controllers see every case's totals per year; coordinators only their own cases."""
    coordinator = login_as("coordinator")
    own, other = make_case(coordinator=coordinator.user), make_case()
    admin = api_as("admin")
    put(admin, own.id, api_lines()[:1])
    put(admin, other.id, api_lines()[2:])
    controller = login_as("controller")
    html = controller.get("/okonomi").get_data(as_text=True)
    assert "sager: 2, indsatser: 2" in html and 'data-department="voksenhandicap"' in html
    assert 'aria-current="page"><span>Økonomi' in html
    mine = coordinator.get("/okonomi").get_data(as_text=True)
    assert "sager: 1, indsatser: 1" in mine and 'data-department="voksenhandicap"' not in mine
    download = controller.get("/okonomi/portefoelje.xlsx")
    assert download.status_code == 200 and download.data[:2] == b"PK"


def test_a_large_split_saves_in_one_post(login_as, make_case):
    """150 lines with long notes (a 600 kB form, over the multipart field limits) save."""
    web = login_as("controller")
    case = make_case()
    data = {}
    for n in range(150):
        data.update(_row(n, description=f"Linje {n}", notes="Langt notat. " * 300))
    response = _post(web, case, {**data, "_save": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert len(services.current_lines(case)) == 150

"""The case workbook through the app: download, controller's edit back in, broken files."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime

import pytest

from tests.funding.support import YEAR, api_lines, book, put, saved, upload

# "Indsatser" columns with the ten built-in departments: shares I..R, row sum S.
SHARE = {"boern_familie": "M", "boernehandicap": "N", "ppr": "P", "fritid": "V"}
SUM_COL = "W"


@pytest.fixture
def funded(api_as, make_case):
    """(api client, case) with the three sample lines saved as version 1."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user, reference="WB-1/2026")
    assert put(api, case.id, api_lines()).status_code == 200
    return api, case


def _download(api, case) -> bytes:
    """The case's workbook bytes."""
    response = api.get(f"/cases/{case.id}/funding.xlsx?year={YEAR}")
    assert response.status_code == 200
    return response.data


def _edited(data: bytes, change) -> bytes:
    """Edit a workbook with openpyxl, as a controller's script would."""
    wb = book(data)
    change(wb)
    return saved(wb)


def _version(api, case) -> int | None:
    """The case's current funding version."""
    return api.get(f"/cases/{case.id}/funding").json["version"]


def test_download_is_a_real_workbook_for_the_case(funded):
    """Danish sheets, the case on the hidden meta sheet, one row per line, a safe filename."""
    api, case = funded
    response = api.get(f"/cases/{case.id}/funding.xlsx?year={YEAR}")
    assert "filename=finansiering-WB-1-2026.xlsx" in response.headers["Content-Disposition"]
    wb = book(response.data)
    assert wb.sheetnames[:4] == ["Vejledning", "Afdelinger", "Indsatser", "Fordeling"]
    meta = {row[0]: row[1] for row in wb["_meta"].iter_rows(values_only=True) if row[0]}
    assert meta["case_id"] == case.id and meta["year"] == YEAR
    lines = wb["Indsatser"]
    assert [lines[f"C{r}"].value for r in (3, 4, 5)] == [
        line["description"] for line in api_lines()
    ]
    assert lines["A3"].value == "Aflastning" and lines[f"{SHARE['ppr']}3"].value == 40
    assert lines[f"{SUM_COL}3"].value.startswith("=")


def test_controller_edit_with_openpyxl_imports_exactly(funded):
    """Change a share and add a row in the workbook: the import is a new version, exactly."""
    api, case = funded

    def change(wb):
        ws = wb["Indsatser"]
        ws[f"{SHARE['boernehandicap']}3"], ws[f"{SHARE['ppr']}3"] = 45.5, 54.5
        ws["A6"], ws["B6"] = (
            "Aflastning",
            "Barnets lov § 32 (tidl. SEL § 52, stk. 3) – støttende indsatser",
        )
        ws["C6"], ws["E6"] = "Ny indsats fra Excel", 24000
        ws["H6"], ws["I6"] = datetime(2026, 9, 1), date(2027, 8, 31)
        ws["J6"] = "Teamleder"
        ws[f"{SHARE['boern_familie']}6"], ws[f"{SHARE['fritid']}6"] = 25, 75

    response = upload(api, case.id, _edited(_download(api, case), change))
    assert response.status_code == 200, response.json
    assert response.json["version"] == 2 and response.json["created"] is True
    kinds = [(c["kind"], c["number"]) for c in response.json["changes"]]
    assert kinds == [("changed", 1), ("added", 4)]
    assert response.json["changes"][0]["fields"] == [
        {"field": "shares.boernehandicap", "old": 60, "new": 45.5},
        {"field": "shares.ppr", "old": 40, "new": 54.5},
    ]
    expected = api_lines()
    expected[0]["shares"] = {"boernehandicap": 45.5, "ppr": 54.5}
    expected[1].update(annual_cost=50000.5, authority_level=None, notes="")
    expected[2].update(authority_level=None, notes="")
    expected.append(
        {
            "intervention": "aflastning",
            "paragraph": "bl_32",
            "description": "Ny indsats fra Excel",
            "annual_cost": 24000,
            "start": "2026-09-01",
            "end": "2027-08-31",
            "authority_level": "teamleder",
            "shares": {"boern_familie": 25, "fritid": 75},
            "notes": "",
        }
    )
    for line in expected:  # the cost fields the lines gained: all yearly
        cost = float(line["annual_cost"])
        line.update(
            annual_cost=int(cost) if cost.is_integer() else cost,
            cost_kind="yearly",
            amount=int(cost) if cost.is_integer() else cost,
            quantity=None,
            quantity_unit=None,
            split_reason="",
        )
    assert api.get(f"/cases/{case.id}/funding").json["lines"] == expected
    assert api.get(f"/cases/{case.id}/funding").json["source"] == "excel"


def _cell(address: str, value):
    """A change writing one value on 'Indsatser'."""
    return lambda wb: wb["Indsatser"].__setitem__(address, value)


def _drop_sheet(name: str):
    """A change deleting a sheet."""
    return lambda wb: wb.remove(wb[name])


BROKEN = [
    ("shares", _cell(f"{SHARE['ppr']}3", 60), "Indsatser", f"{SUM_COL}3", "summerer til 120 %"),
    ("text in number", _cell("E4", "mange penge"), "Indsatser", "E4", "er tekst, ikke et tal"),
    ("unknown intervention", _cell("A5", "Rumrejse"), "Indsatser", "A5", "ikke en kendt indsats"),
    ("end before start", _cell("I3", datetime(2025, 1, 1)), "Indsatser", "I3", "før startdatoen"),
    ("deleted sheet", _drop_sheet("Indsatser"), None, None, "Indsatser"),
]


@pytest.mark.parametrize(
    "change, sheet, cell, words", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_workbook_names_the_cell_and_stores_nothing(funded, change, sheet, cell, words):
    """Every refusal is a 422 with sheet, cell and message; the split stays as it was."""
    api, case = funded
    response = upload(api, case.id, _edited(_download(api, case), change))
    assert response.status_code == 422
    problems = response.json["problems"]
    assert any(
        words in p["message"] and (sheet is None or (p["sheet"], p["cell"]) == (sheet, cell))
        for p in problems
    ), problems
    assert _version(api, case) == 1


def _xlsm(data: bytes) -> bytes:
    """The workbook with a VBA project added, as Excel saves a macro workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really vba")
    return out.getvalue()


@pytest.mark.parametrize(
    "make, name, words",
    [
        (lambda data: b"\x00garbage" * 100, "f.xlsx", "Filen er ikke et Excel-regneark"),
        (lambda data: data, "finansiering.xlsm", "makroer"),
        (_xlsm, "finansiering.xlsx", "makroer"),
        (lambda data: data[: len(data) // 2], "f.xlsx", "Excel"),
        (lambda data: b"", "f.xlsx", "tom"),
    ],
    ids=["garbage", "xlsm-name", "vba-inside", "truncated", "empty"],
)
def test_files_that_are_not_safe_workbooks_are_refused(funded, make, name, words):
    """Garbage, macro files, cut-off files: a clear problem, never a 500, nothing stored."""
    api, case = funded
    response = upload(api, case.id, make(_download(api, case)), name)
    assert response.status_code == 422, response.data[:300]
    assert any(words in p["message"] for p in response.json["problems"]), response.json
    assert _version(api, case) == 1


def test_workbook_of_another_case_is_refused(funded, make_case):
    """The hidden case id must match the case it is uploaded to."""
    api, case = funded
    other = make_case(coordinator=api.user)
    response = upload(api, other.id, _download(api, case))
    assert response.status_code == 422
    (problem,) = response.json["problems"]
    assert problem["sheet"] == "_meta" and "anden sag" in problem["message"]
    assert _version(api, other) is None


def test_too_big_upload_is_413_with_a_clear_message(funded, app):
    """Over the app's request limit: 413 with the limit in words, never a 500."""
    api, case = funded
    app.config["MAX_CONTENT_LENGTH"] = 20_000
    response = upload(api, case.id, b"PK" + b"\x00" * 30_000)
    assert response.status_code == 413
    assert "højst fylde" in response.json["problems"][0]["message"]
    assert api.get(f"/cases/{case.id}/funding").status_code == 200


def test_missing_file_and_stale_version(funded):
    """No file field is a 422; a stale version or a workbook made from an older version than
    the current one is a 409 (even when the caller names the current version: applying it
    would undo the newer save); a fresh workbook is applied."""
    api, case = funded
    response = api.post(f"/cases/{case.id}/funding.xlsx", data={})
    assert response.status_code == 422 and "file" in response.json["problems"][0]["message"]
    data = _edited(_download(api, case), _cell(f"{SHARE['ppr']}3", 40))
    put(api, case.id, api_lines()[:1], version=1)
    assert upload(api, case.id, data, version="1").status_code == 409
    stale = upload(api, case.id, data, version="2")
    assert stale.status_code == 409
    assert "hentet fra version 1" in stale.json["error"] and "version 2" in stale.json["error"]
    assert stale.json["current"]["version"] == 2
    fresh = _edited(_download(api, case), _cell(f"{SHARE['ppr']}3", 40))
    assert upload(api, case.id, fresh, version="2").status_code == 200
    put(api, case.id, api_lines(), version=_version(api, case))  # someone saves again
    assert upload(api, case.id, fresh).status_code == 409  # made from 2; a newer one is saved


def test_web_upload_shows_cell_problems_or_the_changes(login_as, make_case, api_as):
    """The editor's upload form: every problem with its cell, or what changed."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    api = api_as(web.user)
    put(api, case.id, api_lines())
    data = _download(api, case)
    page = f"/sager/{case.id}/finansiering"

    def send(content: bytes, version="1"):
        form = {"file": (io.BytesIO(content), "f.xlsx"), "_version": version}
        return web.post_form(f"{page}/regneark", form, page=page)

    bad = send(_edited(data, _cell(f"{SHARE['ppr']}3", 70)))
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert f"Indsatser!{SUM_COL}3" in html and "summerer til 130 %" in html
    good = send(_edited(data, _cell(f"{SHARE['ppr']}3", 40.5)))
    assert good.status_code == 422  # 60 + 40.5 is not 100 either
    fixed = _edited(
        data,
        lambda wb: (
            _cell(f"{SHARE['ppr']}3", 50)(wb),
            _cell(f"{SHARE['boernehandicap']}3", 50)(wb),
        ),
    )
    done = send(fixed)
    assert done.status_code == 200
    html = done.get_data(as_text=True)
    assert "indlæst som version 2" in html
    assert "Andel for PPR (Pædagogisk Psykologisk Rådgivning) ændret fra 40 % til 50 %" in html
    assert send(fixed, version="1").status_code == 409
    unchanged = send(fixed, version="2")
    assert unchanged.status_code == 200 and 'data-testid="import-unchanged"' in unchanged.get_data(
        as_text=True
    )


def test_web_upload_too_big_is_a_page_not_a_500(login_as, make_case, app):
    """The editor's upload over the limit: the upload page with the limit, status 413."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = f"/sager/{case.id}/finansiering"
    token = web.csrf_token(page)
    app.config["MAX_CONTENT_LENGTH"] = 20_000
    response = web.post(
        f"{page}/regneark",
        data={"file": (io.BytesIO(b"PK" + b"\x00" * 30_000), "f.xlsx"), "csrf_token": token},
        headers={"Referer": "https://localhost" + page},
    )
    assert response.status_code == 413
    assert "Et regneark må højst fylde" in response.get_data(as_text=True)


def test_damaged_bytes_never_make_a_500(funded):
    """Random damage to a real workbook: always an answer with problems (or a clean import)."""
    api, case = funded
    data = _download(api, case)
    rng = random.Random(11)
    for _ in range(15):
        damaged = bytearray(data)
        for _flip in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        response = upload(api, case.id, bytes(damaged[: rng.randint(100, len(damaged))]))
        assert response.status_code in (200, 422), response.status_code
        if response.status_code == 422:
            assert response.json["problems"]


def test_a_stale_workbook_never_undoes_a_newer_change(login_as, make_user, make_case, api_as):
    """The workbook records the version it was made from. A controller downloads it (v1), a
    leader changes a cost in the browser (v2), the controller uploads the old file: refused
    with 409, the reason, a link to what changed and a fresh download; v2 stays. The meta
    sheet carries the version; a fresh workbook is applied."""
    controller = login_as("controller")
    case = make_case()
    leader = api_as(make_user("leader"))
    put(leader, case.id, api_lines())
    old = _download(leader, case)
    meta = {row[0].value: row[1].value for row in book(old)["_meta"].iter_rows(max_col=2)}
    assert meta["funding_version"] == 1
    changed = [dict(line) for line in api_lines()]
    changed[0]["annual_cost"] = 99000
    put(leader, case.id, changed, version=1)
    page = f"/sager/{case.id}/finansiering"
    edited = _edited(old, _cell("E4", 12345))

    def send(content: bytes):
        form = {"file": (io.BytesIO(content), "f.xlsx")}
        return controller.post_form(f"{page}/regneark", form, page=page)

    refused = send(edited)
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert 'data-testid="import-stale"' in html and "hentet fra version 1" in html
    assert f"/sager/{case.id}/finansiering/historik" in html
    assert _version(leader, case) == 2
    fresh = _edited(_download(leader, case), _cell("E4", 12345))
    applied = send(fresh)
    assert applied.status_code == 200 and "indlæst som version 3" in applied.get_data(as_text=True)

"""Broken workbooks: each is refused with its expected, cell-addressed Danish message."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from excel_tools import WorkbookImportError, build_blank_workbook
from tests.excel_tools.support import (
    DEPARTMENTS,
    INTERVENTIONS,
    MADE_AT,
    PARAGRAPHS,
    YEAR,
    build,
    edit,
    problems,
    read,
    sample_lines,
)


def _cell(sheet: str, address: str, value):
    """An edit that sets one cell."""
    return lambda wb: wb[sheet].__setitem__(address, value)


def _rezip(
    data: bytes, *, add: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> bytes:
    """Copy the archive, replacing or adding members."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def _general_number(address: str, value: int):
    """A number in a cell whose date format was lost (e.g. pasted from elsewhere)."""

    def change(wb):
        cell = wb["Indsatser"][address]
        cell.value = value
        cell.number_format = "General"

    return change


def _delete_sheet(name: str):
    """An edit that deletes a sheet."""
    return lambda wb: wb.remove(wb[name])


CELL_CASES = {
    "shares not 100": (
        _cell("Indsatser", "M3", 80),
        "Indsatser!P3: andelene summerer til 120 %, skal være 100 %",
    ),
    "shares not 100 with decimals": (
        _cell("Indsatser", "N4", 33.31),  # 99.99 would be within the 0.01 tolerance
        "Indsatser!P4: andelene summerer til 99,98 %, skal være 100 %",
    ),
    "text in a number cell": (
        _cell("Indsatser", "E3", "mange penge"),
        "Indsatser!E3: »mange penge« er tekst, ikke et tal; skriv kun tallet",
    ),
    "number typed as text in a share": (
        _cell("Indsatser", "N3", "40"),
        "Indsatser!N3: »40« er tekst, ikke et tal; skriv kun tallet",
    ),
    "share above 100": (
        _cell("Indsatser", "M5", 150),
        "Indsatser!M5: 150 % skal ligge mellem 0 % og 100 %",
    ),
    "too many decimals": (
        _cell("Indsatser", "E3", 1000.125),
        "Indsatser!E3: 1.000,125 har for mange decimaler; højst 2",
    ),
    "negative cost": (
        _cell("Indsatser", "E3", -5),
        "Indsatser!E3: -5 skal ligge mellem 0 og 999.999.999,99",
    ),
    "unknown intervention": (
        _cell("Indsatser", "A3", "Ridefysioterapi"),
        "Indsatser!A3: »Ridefysioterapi« er ikke en kendt indsats; vælg en fra listen",
    ),
    "unknown paragraph": (
        _cell("Indsatser", "B4", "§ 999"),
        "Indsatser!B4: »§ 999« er ikke en kendt paragraf; vælg en fra listen",
    ),
    "missing intervention": (
        _cell("Indsatser", "A3", None),
        "Indsatser!A3: vælg en indsats fra listen",
    ),
    "end before start": (
        _cell("Indsatser", "I3", datetime(2024, 1, 31)),
        "Indsatser!I3: slutdatoen 31-01-2024 ligger før startdatoen 15-03-2024",
    ),
    "text that looks like a date": (
        _cell("Indsatser", "H4", "01-07-2025"),
        "Indsatser!H4: »01-07-2025« er tekst, ikke en dato; skriv datoen igen som dd-mm-åååå i "
        "cellen, så den bliver gemt som en dato",
    ),
    "number in a date cell": (
        _general_number("H4", 45000),
        "Indsatser!H4: »45000« er ikke en dato; skriv dd-mm-åååå",
    ),
    "missing start": (
        _cell("Indsatser", "H4", None),
        "Indsatser!H4: udfyld startdatoen (dd-mm-åååå)",
    ),
    "date out of range": (
        _cell("Indsatser", "I4", datetime(2150, 1, 1)),
        "Indsatser!I4: datoen 01-01-2150 skal ligge mellem 01-01-1990 og 31-12-2100",
    ),
    "formula typed into an input cell": (
        _cell("Indsatser", "E3", "=1000*12"),
        "Indsatser!E3: cellen indeholder en formel (=1000*12); skriv selve værdien",
    ),
    "share in a column without department": (
        _cell("Indsatser", "M3", "x"),  # text is reported at the cell, not just the sum
        "Indsatser!M3: »x« er tekst, ikke et tal; skriv kun tallet",
    ),
    "unknown department header": (
        _cell("Indsatser", "N2", "Skoleforvaltningen"),
        "Indsatser!N2: »Skoleforvaltningen« er ikke en kendt afdeling (kendte: Børn og unge, "
        "Voksenhandicap, Jobcenter).",
    ),
    "moved column": (
        _cell("Indsatser", "C2", "Tekst"),
        "Indsatser!C2: kolonnen skulle hedde »Beskrivelse«, men hedder »Tekst«. Kolonner må "
        "ikke flyttes eller slettes.",
    ),
    "wrong format version": (
        _cell("_meta", "B2", 99),
        "_meta!B2: regnearket har formatversion 99, men enindgang læser version 2. Hent et nyt "
        "regneark fra sagen og overfør dine ændringer.",
    ),
    "deleted lines sheet": (
        _delete_sheet("Indsatser"),
        "Indsatser: arket »Indsatser« mangler. Regnearket er ikke lavet af enindgang eller er "
        "blevet ændret; hent et nyt fra sagen.",
    ),
    "deleted meta sheet": (
        _delete_sheet("_meta"),
        "_meta: arket »_meta« mangler. Regnearket er ikke lavet af enindgang eller er blevet "
        "ændret; hent et nyt fra sagen.",
    ),
}


@pytest.mark.parametrize("change,expected", CELL_CASES.values(), ids=CELL_CASES.keys())
def test_broken_workbook_names_the_cell(change, expected):
    """One broken thing → exactly one problem, with sheet, cell and a Danish message."""
    assert problems(edit(build(), change)) == [expected]


def test_wrong_case():
    """A workbook of case 7 uploaded to case 8 is refused."""
    assert problems(build(), expected_case_id=8) == [
        "_meta!B4: regnearket hører til en anden sag (S-2025-007, id 7), ikke til sag id 8. "
        "Indlæs det på den sag, det er hentet fra."
    ]


def test_blank_template_into_a_case():
    """The municipal blank tool is not a case's workbook."""
    data = build_blank_workbook(DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, year=YEAR, made_at=MADE_AT)
    assert problems(data) == [
        "_meta!B4: regnearket er kommunens tomme skabelon og hører ikke til en sag. Hent "
        "sagens eget regneark og udfyld det."
    ]


def test_all_problems_are_reported_at_once():
    """Several broken cells in several rows are all listed, in sheet order."""

    def change(wb):
        ws = wb["Indsatser"]
        ws["A3"] = "Ukendt"
        ws["E3"] = "tusind"
        ws["O4"] = 1  # was 33.34
        ws["I7"] = datetime(2025, 12, 1)  # line 5 starts 31-12-2025

    assert problems(edit(build(), change)) == [
        "Indsatser!A3: »Ukendt« er ikke en kendt indsats; vælg en fra listen",
        "Indsatser!E3: »tusind« er tekst, ikke et tal; skriv kun tallet",
        "Indsatser!P4: andelene summerer til 67,66 %, skal være 100 %",
        "Indsatser!I7: slutdatoen 01-12-2025 ligger før startdatoen 31-12-2025",
    ]


def test_too_many_rows():
    """More lines than allowed is refused, naming the first row over the limit."""
    assert problems(build(), max_rows=3) == [
        "Indsatser!A6: regnearket har mere end 3 rækker med indsatser; del det op eller kontakt "
        "en administrator."
    ]


def test_default_limit_is_5000_rows():
    """5,001 lines are refused with the default limit."""
    line = sample_lines()[0]
    data = build([line] * 5001, room_rows=0)
    assert problems(data) == [
        "Indsatser!A5003: regnearket har mere end 5.000 rækker med indsatser; del det op eller "
        "kontakt en administrator."
    ]


NOT_XLSX = (
    "Filen er ikke et Excel-regneark (.xlsx). Gem regnearket som »Excel-projektmappe "
    "(.xlsx)« og prøv igen."
)
MACRO = (
    "Filen indeholder makroer (.xlsm). Af sikkerhedshensyn modtager enindgang kun regneark "
    "uden makroer: gem som »Excel-projektmappe (.xlsx)« og prøv igen."
)
BOMB = (
    "Filen fylder urimeligt meget, når den pakkes ud, og bliver afvist (mulig zip-bombe). "
    "Hent et nyt regneark og overfør dine ændringer."
)
UNREADABLE = (
    "Filen kunne ikke læses som et Excel-regneark. Gem den igen som "
    "»Excel-projektmappe (.xlsx)«, eller hent et nyt regneark og overfør dine ændringer."
)


def _docx_like() -> bytes:
    """A zip that is an Office file, but not a spreadsheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            "/></Types>",
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _bomb() -> bytes:
    """A small zip whose worksheet unpacks to 50 MB of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (50 * 1024 * 1024))
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


FILE_CASES = {
    "garbage bytes": (lambda: b"this is not a spreadsheet at all", {}, NOT_XLSX),
    "empty upload": (lambda: b"", {}, "Filen er tom."),
    "csv renamed": (lambda: b"Indsats;Paragraf\nAflastning;32\n", {}, NOT_XLSX),
    "word document": (_docx_like, {}, NOT_XLSX),
    "old xls or encrypted": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        {},
        "Filen er i det gamle .xls-format eller beskyttet med en adgangskode. "
        "Gem den som »Excel-projektmappe (.xlsx)« uden adgangskode og prøv "
        "igen.",
    ),
    "macro file name": (build, {"filename": "fordeling.xlsm"}, MACRO),
    "vbaProject.bin inside": (
        lambda: _rezip(build(), add={"xl/vbaProject.bin": b"\0" * 64}),
        {},
        MACRO,
    ),
    "macro content type": (
        lambda: _rezip(
            build(),
            replace={
                "[Content_Types].xml": zipfile.ZipFile(io.BytesIO(build()))
                .read("[Content_Types].xml")
                .replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
            },
        ),
        {},
        MACRO,
    ),
    "excel 4 macro sheet": (
        lambda: _rezip(build(), add={"xl/macrosheets/sheet1.xml": b"<x/>"}),
        {},
        MACRO,
    ),
    "zip bomb by ratio": (_bomb, {}, BOMB),
    "zip bomb by total size": (build, {"max_unpacked_bytes": 10_000}, BOMB),
    "oversized": (
        lambda: b"PK\x03\x04" + b"\0" * 2044,
        {"max_bytes": 1024},
        "Filen er for stor (2 kB); den må højst fylde 1 kB.",
    ),
    "broken workbook part": (
        lambda: _rezip(build(), replace={"xl/workbook.xml": b"<workbook><sheets>"}),
        {},
        UNREADABLE,
    ),
    "truncated file": (lambda: build()[:4000], {}, NOT_XLSX),
    "xml entity expansion": (
        lambda: _rezip(build(), replace={"xl/worksheets/sheet3.xml": BILLION_LAUGHS}),
        {},
        "Filen indeholder XML-definitioner (DOCTYPE/ENTITY), som Excel aldrig selv skriver, og "
        "bliver afvist. Gem regnearket igen som »Excel-projektmappe (.xlsx)«.",
    ),
}


@pytest.mark.parametrize("make,kwargs,expected", FILE_CASES.values(), ids=FILE_CASES.keys())
def test_broken_file_is_refused_as_a_whole(make, kwargs, expected):
    """File-level problems carry no cell and never escape as another exception."""
    assert problems(make(), **kwargs) == [expected]


def test_oversized_message_names_sizes():
    """The size message says how big the file is and what is allowed."""
    assert problems(b"PK\x03\x04" + b"\0" * (3 * 1024 * 1024), max_bytes=2 * 1024 * 1024) == [
        "Filen er for stor (3 MB); den må højst fylde 2 MB."
    ]


_VALID = build()


@settings(max_examples=60, deadline=None)
@given(
    flips=st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(1, len(_VALID))),
)
def test_damaged_bytes_never_escape_as_another_exception(flips, cut):
    """Random byte damage gives lines or a WorkbookImportError, never a crash."""
    data = bytearray(_VALID)
    for position, value in flips:
        data[position] = value
    try:
        read(bytes(data[:cut]))
    except WorkbookImportError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)


@settings(max_examples=40, deadline=None)
@given(xml=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_damaged_sheet_xml_is_refused_cleanly(xml):
    """Garbage in place of the lines sheet's XML is refused with a message."""
    with pytest.raises(WorkbookImportError):
        read(_rezip(_VALID, replace={"xl/worksheets/sheet3.xml": xml}))

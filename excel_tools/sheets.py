"""The smaller sheets of the funding workbook: guide, departments, split, lists and meta."""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.chart import PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.formatting import format_datetime

from . import styles as st
from .cells import put_text
from .costs import COST_KIND_LABELS, QUANTITY_UNIT_LABELS
from .layout import (
    FIRST_DATA_ROW,
    FORMAT_NAME,
    MADE_AT_PATTERN,
    MAX_YEAR,
    META_CASE_ID,
    META_CASE_REFERENCE,
    META_FORMAT,
    META_FUNDING_VERSION,
    META_KIND,
    META_MADE_AT,
    META_VERSION,
    META_YEAR,
    MIN_YEAR,
    NAME_AUTHORITY,
    NAME_COST_KINDS,
    NAME_DEPARTMENTS,
    NAME_INTERVENTIONS,
    NAME_PARAGRAPHS,
    NAME_QUANTITY_UNITS,
    NAME_YEAR,
    SHEET_DEPARTMENTS,
    SHEET_LINES,
    SHEET_SPLIT,
    SUM_HEADER,
    LinesLayout,
    col,
)
from .model import FORMAT_VERSION
from .prepare import Prepared

SPLIT_HEADER_ROW = 5  # "Fordeling": department rows start right below
KIND_CASE, KIND_BLANK = "sag", "skabelon"


def protect(ws: Worksheet) -> None:
    """Protect a sheet without password (a guard against slips); column widths stay free."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _define(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    """Add a workbook-level defined name; the sheet name is always quoted."""
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!{ref}")


def department_header(cell: Cell, prepared: Prepared, slot: int) -> None:
    """A department's name: literal in a case workbook, following "Afdelinger" in the blank.

    Literal text keeps the case workbook readable by viewers that do not recalculate; the
    blank tool uses a formula so a renamed department renames every column and total.
    """
    if prepared.case is not None:
        put_text(cell, prepared.departments[slot - 1].label)
    else:
        cell.value = f"=T(INDEX({NAME_DEPARTMENTS},{slot}))"


def write_departments(wb: Workbook, ws: Worksheet, prepared: Prepared) -> None:
    """ "Afdelinger": key and name of each department slot."""
    blank = prepared.case is None
    for index, header in enumerate(("Nøgle", "Afdeling"), start=1):
        st.apply(ws.cell(1, index, header), st.HEADER)
    for slot in range(prepared.slots):
        row = 2 + slot
        dept = prepared.departments[slot] if slot < len(prepared.departments) else None
        for index, text in enumerate((dept.value, dept.label) if dept else ("", ""), start=1):
            cell = ws.cell(row, index)
            st.apply(cell, st.INPUT_TEXT if blank else st.CALC_TEXT)
            put_text(cell, text)
    note = (
        "Ret eller tilføj kommunens afdelinger her (gule celler). Overskrifter og totaler på "
        f"{SHEET_LINES} og {SHEET_SPLIT} følger med. Nøglen bruges, når arket indlæses i "
        "enindgang; lad den stå, hvis du kun retter navnet."
        if blank
        else "Afdelingerne kommer fra enindgang og kan kun ændres dér (under kommunens lister)."
    )
    st.apply(ws.cell(1, 4, note), st.BODY)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["D"].width = 60
    _define(wb, NAME_DEPARTMENTS, SHEET_DEPARTMENTS, f"$B$2:$B${1 + prepared.slots}")
    protect(ws)


def write_lists(wb: Workbook, ws: Worksheet, prepared: Prepared) -> None:
    """Hidden vocabulary lists behind the drop-downs."""
    lists = [
        (NAME_INTERVENTIONS, prepared.interventions),
        (NAME_PARAGRAPHS, prepared.paragraphs),
        (NAME_COST_KINDS, [str(label) for label in COST_KIND_LABELS.values()]),
        (NAME_QUANTITY_UNITS, [str(label) for label in QUANTITY_UNIT_LABELS.values()]),
    ]
    if prepared.authority_levels is not None:
        lists.append((NAME_AUTHORITY, prepared.authority_levels))
    for index, (name, labels) in enumerate(lists, start=1):
        letter = col(index)
        for row, label in enumerate(labels, start=1):
            put_text(ws.cell(row, index), label)
        _define(wb, name, ws.title, f"${letter}$1:${letter}${max(len(labels), 1)}")
    ws.sheet_state = "hidden"
    protect(ws)


def write_meta(ws: Worksheet, prepared: Prepared) -> None:
    """Very hidden sheet telling the reader what this workbook is and which case it is for."""
    case = prepared.case
    rows = [
        (META_FORMAT, FORMAT_NAME),
        (META_VERSION, FORMAT_VERSION),
        (META_KIND, KIND_CASE if case else KIND_BLANK),
        (META_CASE_ID, case.case_id if case else None),
        (META_CASE_REFERENCE, prepared.reference),
        (META_MADE_AT, prepared.made_at.isoformat()),
        (META_YEAR, prepared.year),
        (META_FUNDING_VERSION, case.funding_version if case else None),
    ]
    for row, (key, value) in enumerate(rows, start=1):
        ws.cell(row, 1, key)
        if isinstance(value, str):
            put_text(ws.cell(row, 2), value)
        else:
            ws.cell(row, 2, value)
    ws.sheet_state = "veryHidden"
    protect(ws)


def write_split(
    wb: Workbook, ws: Worksheet, prepared: Prepared, layout: LinesLayout, last_row: int
) -> None:
    """ "Fordeling": totals per department for the year and whole period, and a pie chart."""
    st.apply(ws.cell(1, 1, "Fordeling af udgifter pr. afdeling"), st.TITLE)
    st.apply(ws.cell(2, 1, "År"), st.HEADING)
    year = ws.cell(2, 2, prepared.year)
    st.apply(year, st.INPUT_YEAR)
    _define(wb, NAME_YEAR, SHEET_SPLIT, "$B$2")
    year_dv = DataValidation(
        type="whole",
        operator="between",
        formula1=str(MIN_YEAR),
        formula2=str(MAX_YEAR),
        showErrorMessage=True,
        errorTitle="Ugyldigt år",
        error="Skriv et årstal, fx 2025.",
    )
    year_dv.add("B2")
    ws.add_data_validation(year_dv)
    ws.cell(
        3,
        1,
        "Beløb regnes i hele måneder fra startmåned til og med slutmåned. Et engangsbeløb "
        "tælles fuldt i startmåneden. En indsats uden slutdato medregnes til og med "
        "december i det valgte år – også i »hele perioden«.",
    ).style = st.BODY
    ws.merge_cells("A3:E3")
    ws.row_dimensions[3].height = 32

    headers = ("Afdeling", "Beløb i året (kr.)", "Andel af året (%)", "Beløb i hele perioden (kr.)")
    for index, header in enumerate(headers, start=1):
        st.apply(ws.cell(SPLIT_HEADER_ROW, index, header), st.HEADER)
    first, last = FIRST_DATA_ROW, last_row
    total_row = SPLIT_HEADER_ROW + prepared.slots + 1
    for slot in range(1, prepared.slots + 1):
        row = SPLIT_HEADER_ROW + slot
        name = ws.cell(row, 1)
        st.apply(name, st.CALC_TEXT)
        department_header(name, prepared, slot)
        amount = col(layout.first_amount + slot - 1)
        share = col(layout.first_share + slot - 1)
        period = col(layout.cost_period_col)
        cells = (
            (2, f"=SUM('{SHEET_LINES}'!{amount}{first}:{amount}{last})", st.CALC_MONEY),
            # Guarded division: an empty workbook must show 0, not #DIV/0!.
            (3, f"=IF($B${total_row}=0,0,B{row}/$B${total_row}*100)", st.CALC_SHARE_SUM),
            # SUMPRODUCT over plain ranges treats text and blanks as 0 instead of #VALUE!.
            (
                4,
                f"=SUMPRODUCT('{SHEET_LINES}'!${period}${first}:${period}${last},"
                f"'{SHEET_LINES}'!{share}{first}:{share}{last})/100",
                st.CALC_MONEY,
            ),
        )
        for index, formula, style in cells:
            cell = ws.cell(row, index, formula)
            st.apply(cell, style)
    st.apply(ws.cell(total_row, 1, "I alt"), st.HEADING)
    for index, style in ((2, st.CALC_MONEY), (3, st.CALC_SHARE_SUM), (4, st.CALC_MONEY)):
        letter = col(index)
        ws.cell(
            total_row, index, f"=SUM({letter}{SPLIT_HEADER_ROW + 1}:{letter}{total_row - 1})"
        ).style = style
    for letter, width in (("A", 32), ("B", 20), ("C", 18), ("D", 24)):
        ws.column_dimensions[letter].width = width
    _add_pie(ws, prepared.slots)
    protect(ws)


def _add_pie(ws: Worksheet, slots: int) -> None:
    """Pie of the year totals; labels carry name and percent so colour is not needed."""
    pie = PieChart()
    pie.title = "Fordeling i det valgte år"
    data = Reference(ws, min_col=2, min_row=SPLIT_HEADER_ROW, max_row=SPLIT_HEADER_ROW + slots)
    labels = Reference(
        ws, min_col=1, min_row=SPLIT_HEADER_ROW + 1, max_row=SPLIT_HEADER_ROW + slots
    )
    pie.add_data(data, titles_from_data=True)
    pie.set_categories(labels)
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showPercent = True
    pie.dataLabels.showCatName = True
    pie.height, pie.width = 9, 14
    ws.add_chart(pie, "F2")


def write_guide(ws: Worksheet, prepared: Prepared, last_row: int) -> None:
    """ "Vejledning": how to use the workbook, what may be edited, how to send it back."""
    case = prepared.case
    made = prepared.made_at
    free_rows = last_row - FIRST_DATA_ROW + 1 - len(prepared.lines)
    example_cell = f"{SHEET_LINES}!{col(LinesLayout(prepared.slots).sum_col)}7"
    if case is not None:
        about = f"Sag: {prepared.reference} – {prepared.title}"
    else:
        about = "Tom skabelon til kommunen – ikke knyttet til en sag."
    paragraphs: list[tuple[str, str]] = [
        (st.TITLE, "Fordeling af finansiering"),
        (st.BODY, about),
        (
            st.BODY,
            f"Lavet {format_datetime(made, MADE_AT_PATTERN, zone=prepared.zone)} af enindgang · "
            f"formatversion {FORMAT_VERSION}",
        ),
        (st.HEADING, "Sådan bruger du regnearket"),
        (
            st.BODY,
            f"På arket »{SHEET_LINES}« er der én række pr. indsats. Udfyld eller ret de gule "
            "celler: indsats og paragraf (vælg fra listen), beskrivelse, udgiftstype og "
            "beløb, omfang, start- og slutdato, hvem der har bevilget indsatsen, hvorfor "
            "udgiften er fordelt sådan, noter og hver afdelings andel i procent.",
        ),
        (
            st.BODY,
            "Udgiftstypen siger, hvad beløbet er: »Engangsbeløb« (kr. én gang, fx en "
            "boligændring – tælles fuldt i startmåneden), »Pr. måned«, »Pr. år« (tom celle "
            "= pr. år) eller »Pr. time« (timepris; skriv antal timer i »Omfang« og vælg "
            "timer pr. uge eller timer pr. måned). Timer pr. uge regnes om med 52/12 uger "
            "pr. måned.",
        ),
        (
            st.BODY,
            f"Andelene i en række skal give 100 % (højst to decimaler). Kolonnen "
            f"»{SUM_HEADER}« bliver rød, når rækken ikke giver 100 %.",
        ),
        (
            st.BODY,
            f"Der er plads til {free_rows} nye indsatser i de tomme, gule rækker. En helt "
            "tom række springes over; en indsats fjernes ved at tømme alle dens celler.",
        ),
        (
            st.BODY,
            "Skriv datoer som dd-mm-åååå, fx 01-03-2025. Lad slutdatoen stå tom, hvis "
            "indsatsen er løbende. Beløb og andele skrives som tal, ikke som tekst.",
        ),
        (
            st.BODY,
            "Beløb regnes i hele måneder: en indsats tæller med i hver måned fra "
            "startmåneden til og med slutmåneden, uanset dag i måneden; et engangsbeløb "
            "tæller kun i startmåneden. En løbende indsats tæller med til og med december "
            "i det valgte år, også i »hele perioden«.",
        ),
        (
            st.BODY,
            f"Arket »{SHEET_SPLIT}« viser hver afdelings beløb i året og i hele perioden "
            "og et lagkagediagram. Skift år i den gule celle ved »År«.",
        ),
        (st.HEADING, "Hvad må ændres"),
        (
            st.BODY,
            "Kun de gule celler kan ændres. Overskrifter, formler og de skjulte ark må "
            "ikke ændres – ellers bliver regnearket afvist, når det sendes tilbage.",
        ),
    ]
    if case is None:
        paragraphs.append(
            (
                st.BODY,
                f"I den tomme skabelon retter kommunen selv listen på arket "
                f"»{SHEET_DEPARTMENTS}« (plads til {prepared.slots} afdelinger); "
                "overskrifter og totaler følger med af sig selv.",
            )
        )
    paragraphs += [
        (
            st.BODY,
            "Arkene er beskyttet uden adgangskode. Det er et værn mod at komme til at "
            "overskrive formler ved et uheld – ikke en sikkerhedsforanstaltning. "
            "Beskyttelsen kan fjernes under Gennemse › Fjern arkbeskyttelse.",
        ),
        (st.HEADING, "Sådan sender du regnearket tilbage"),
        (
            st.BODY,
            "Gem som Excel-projektmappe (.xlsx) – ikke .xlsm, .xls eller .csv – og indlæs "
            "filen i enindgang på sagens side om finansiering. Send kun regnearket til "
            "den sag, det er hentet fra; arket kender sit sagsnummer.",
        ),
        (
            st.BODY,
            "enindgang kontrollerer alle rækker og viser alle fejl på én gang med ark og "
            f"celle, fx »{example_cell}: andelene summerer til 120 %, skal være "
            "100 %«. Intet gemmes, før alle fejl er rettet. Når filen er godkendt, "
            "gemmes fordelingen som en ny version, og du ser forskellen fra den forrige.",
        ),
        (st.BODY, "Regnearket indeholder ingen makroer; filer med makroer (.xlsm) afvises."),
    ]
    for row, (style, text) in enumerate(paragraphs, start=1):
        cell = ws.cell(row, 1)
        st.apply(cell, style)
        put_text(cell, text)
    ws.column_dimensions["A"].width = 110
    protect(ws)

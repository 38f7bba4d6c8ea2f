"""Build → read gives the same lines, and a controller's openpyxl edit imports exactly."""

from __future__ import annotations

import string
from datetime import date, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from excel_tools import (
    Department,
    FundingLine,
    VocabItem,
    build_blank_workbook,
    build_case_workbook,
)
from tests.excel_tools.support import (
    CASE,
    DEPARTMENTS,
    INTERVENTIONS,
    MADE_AT,
    PARAGRAPHS,
    SHARE_COLS,
    YEAR,
    build,
    edit,
    open_book,
    read,
    sample_lines,
)

D = Decimal


def test_build_then_read_gives_identical_lines():
    """Every field of every line survives the workbook unchanged."""
    assert read(build()) == sample_lines()


def test_empty_case_round_trips():
    """A case without lines gives a workbook that reads back as no lines."""
    assert read(build([])) == []


def test_controller_changes_a_share_and_adds_a_row():
    """Edits made with openpyxl in the input cells come back exactly."""
    lines = sample_lines()
    new_row = 3 + len(lines)  # first free, pre-formatted row

    def change(wb):
        ws = wb["Indsatser"]
        ws["M3"], ws["N3"] = 55.5, 44.5  # line 1 split moves
        ws[f"A{new_row}"] = "Familiebehandling"  # labels, as the drop-down offers them
        ws[f"B{new_row}"] = "Barnets lov § 32"
        ws[f"C{new_row}"] = "Ny indsats tilføjet i Excel"
        ws[f"E{new_row}"] = 24000
        ws[f"H{new_row}"] = datetime(2025, 9, 1)
        ws[f"I{new_row}"] = date(2026, 8, 31)
        ws[f"J{new_row}"] = "Teamleder"
        ws[f"{SHARE_COLS[0]}{new_row}"] = 25
        ws[f"{SHARE_COLS[2]}{new_row}"] = 75

    expected = sample_lines()
    expected[0].shares = {"boern": D("55.5"), "voksen": D("44.5")}
    expected.append(
        FundingLine(
            "familiebehandling",
            "bl32",
            "Ny indsats tilføjet i Excel",
            D("24000"),
            date(2025, 9, 1),
            date(2026, 8, 31),
            "Teamleder",
            {"boern": D("25"), "job": D("75")},
            "",
        )
    )
    assert read(edit(build(), change)) == expected


def test_controller_empties_a_row_to_remove_a_line():
    """A row with every input cell emptied is skipped, so the line is removed."""

    def change(wb):
        ws = wb["Indsatser"]
        for column in "ABCDEFGHIJKLMNO":
            ws[f"{column}4"] = None

    expected = sample_lines()
    del expected[1]
    assert read(edit(build(), change)) == expected


def test_values_typed_instead_of_labels_are_accepted():
    """A vocabulary value (what the API uses) is as good as its label."""
    assert (
        read(edit(build(), lambda wb: wb["Indsatser"].__setitem__("A3", "kontaktperson")))[
            0
        ].intervention
        == "kontaktperson"
    )


def test_authority_levels_vocabulary_round_trips():
    """With an authority vocabulary, the label is shown and the value comes back."""
    levels = [VocabItem("teamleder", "Teamleder"), VocabItem("visitation", "Visitationsudvalg")]
    lines = sample_lines()
    lines[0].authority_level = "visitation"
    data = build(lines, authority_levels=levels)
    assert read(data, authority_levels=levels) == lines


def test_blank_tool_follows_renamed_departments():
    """In the blank tool, a department renamed on "Afdelinger" still maps by its key."""
    data = build_blank_workbook(DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, year=YEAR, made_at=MADE_AT)

    def change(wb):
        wb["Afdelinger"]["B3"] = "Voksen- og handicapafdelingen"  # renamed, key kept
        ws = wb["Indsatser"]
        ws["A3"], ws["B3"], ws["E3"], ws["H3"] = (
            "Aflastning",
            "Barnets lov § 32",
            1200,
            date(2025, 1, 1),
        )
        ws["M3"], ws["N3"] = 30, 70

    lines = read(edit(data, change), expected_case_id=None)
    assert lines == [
        FundingLine(
            "aflastning",
            "bl32",
            "",
            D("1200"),
            date(2025, 1, 1),
            None,
            None,
            {"boern": D("30"), "voksen": D("70")},
            "",
        )
    ]


# --- property: any valid line survives the round trip -----------------------------------

_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(["\t", "\n", "\r", "=", "+", "-", "@", *string.punctuation]),
    ),
    max_size=60,
)


@st.composite
def _shares(draw) -> dict[str, Decimal]:
    """Hundredths of a percent split over a random subset of departments, summing to 100."""
    depts = draw(
        st.lists(
            st.sampled_from([d.value for d in DEPARTMENTS]), min_size=1, max_size=3, unique=True
        )
    )
    cuts = sorted(
        draw(st.lists(st.integers(0, 10000), min_size=len(depts) - 1, max_size=len(depts) - 1))
    )
    bounds = [0, *cuts, 10000]
    return {dept: D(bounds[i + 1] - bounds[i]) / 100 for i, dept in enumerate(depts)}


@st.composite
def _line(draw) -> FundingLine:
    """A valid funding line."""
    start = draw(st.dates(date(1990, 1, 1), date(2100, 12, 31)))
    end = draw(st.one_of(st.none(), st.dates(start, date(2100, 12, 31))))
    return FundingLine(
        intervention=draw(st.sampled_from([i.value for i in INTERVENTIONS])),
        paragraph=draw(st.sampled_from([p.value for p in PARAGRAPHS])),
        description=draw(_text),
        annual_cost=D(draw(st.integers(0, 99_999_999_999))) / 100,
        start=start,
        end=end,
        authority_level=draw(st.one_of(st.none(), _text.filter(str.strip))),
        shares=draw(_shares()),
        notes=draw(_text),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_line(), max_size=6))
def test_any_valid_lines_round_trip(lines):
    """Random texts (formula-like ones included), amounts, dates and splits come back equal."""
    data = build_case_workbook(
        CASE, DEPARTMENTS, INTERVENTIONS, PARAGRAPHS, lines, year=YEAR, made_at=MADE_AT, room_rows=5
    )
    assert read(data) == lines


def test_ambiguous_labels_are_shown_with_their_value_and_round_trip():
    """Two items with the same label, or a label equal to another item's value, stay apart."""
    interventions = [
        VocabItem("afl1", "Aflastning"),
        VocabItem("afl2", "Aflastning"),
        VocabItem("x", "afl1"),
    ]
    departments = [Department("a", "Familie"), Department("b", "Familie"), Department("c", "Job")]
    lines = [
        FundingLine(
            "afl2", "bl32", "", D("100"), date(2025, 1, 1), None, None, {"b": D("100")}, ""
        ),
        FundingLine(
            "x",
            "bl32",
            "",
            D("100"),
            date(2025, 1, 1),
            None,
            None,
            {"a": D("50"), "c": D("50")},
            "",
        ),
    ]
    data = build_case_workbook(
        CASE, departments, interventions, PARAGRAPHS, lines, year=YEAR, made_at=MADE_AT
    )
    book = open_book(data)
    assert [c.value for c in book["_lister"]["A"] if c.value is not None] == [
        "Aflastning (afl1)",
        "Aflastning (afl2)",
        "afl1 (x)",
    ]
    assert [book["Indsatser"].cell(2, c).value for c in (13, 14, 15)] == [
        "Familie (a)",
        "Familie (b)",
        "Job",
    ]
    assert read(data, departments=departments, interventions=interventions) == lines

"""Law as checkable data: every default paragraph is sourced, docs/law.md is its table, and the
corrections of issue 9 are pinned to their sources there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from app.formengine import DEFAULT_VOCABULARIES
from app.formengine.fieldbase import Context
from app.formengine.law import BY_KEY, LAW_PARAGRAPHS, LawParagraph
from app.formengine.loader import load_definition
from app.formengine.vocabularies import offered_items
from app.funding.vocab import FundingVocab
from app.vocabularies.services import KEY_RE, MAX_LABEL

ROOT = Path(__file__).parents[2]
LAW_MD = (ROOT / "docs" / "law.md").read_text(encoding="utf-8")
PLAN_YAML = (ROOT / "forms" / "beslutningskompetence.yaml").read_text(encoding="utf-8")
PARAGRAPHS = {item.value: item for item in DEFAULT_VOCABULARIES["paragraphs"]}
# The keys the default list had before issue 9: stored data uses them, so they must resolve.
KEYS_BEFORE_ISSUE_9 = (
    "bl_20 bl_30 bl_32 bl_35 bl_35_4 bl_81 bl_82_84 bl_85 bl_86 bl_87_88 bl_89 bl_90 bl_91 "
    "bl_95 bl_108 bl_122_123 sel_112 sel_113 sel_114 sel_116 sel_49a"
).split()


# The table in docs/law.md, generated here from the data -----------------------------------

TABLE_HEADER = (
    "| key | law | number | label | former SEL | source | confirmed? |",
    "|---|---|---|---|---|---|---|",
)


def table_row(p: LawParagraph) -> str:
    """One row of the docs/law.md table; an unconfirmed or retired entry says so and why."""
    status = "yes" if p.confirmed else f"**unconfirmed**: {p.basis}"
    if p.confirmed:
        status += f" ({p.basis})"
    if p.retired:
        status += f" **Retired** (no longer offered): {p.retired}"
    if p.superseded_by:
        status += " Use " + ", ".join(f"`{k}`" for k in p.superseded_by) + "."
    cells = (
        f"`{p.key}`",
        p.law,
        p.number,
        p.label,
        p.former_sel or "–",
        f"<{p.source}>",
        status,
    )
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def table_lines() -> list[str]:
    """The whole table, header first, in list order."""
    return [*TABLE_HEADER, *(table_row(p) for p in LAW_PARAGRAPHS)]


def _documented_rows() -> list[str]:
    """The table lines between the markers in docs/law.md."""
    block = LAW_MD.split("<!-- law-table:start -->")[1].split("<!-- law-table:end -->")[0]
    return [line for line in block.strip().splitlines() if line.strip()]


def _row_of(key: str) -> str:
    """The docs/law.md row of one key."""
    return next(line for line in _documented_rows() if line.startswith(f"| `{key}` |"))


def test_docs_law_md_is_the_table_of_the_data():
    """docs/law.md has exactly the rows the data gives, in order (regenerate both together)."""
    assert _documented_rows() == table_lines()


def test_every_default_paragraph_comes_from_the_law_data():
    """The list and the data are the same entries; every label is generated from its parts."""
    assert list(PARAGRAPHS) == [p.key for p in LAW_PARAGRAPHS]
    for p in LAW_PARAGRAPHS:
        item = PARAGRAPHS[p.key]
        assert item.label == p.display_label
        assert item.label.startswith(f"{p.law} {p.number}")
        if p.former_sel:
            assert f"(tidl. SEL {p.former_sel})" in item.label
        assert KEY_RE.match(p.key) and len(item.label) <= MAX_LABEL


@pytest.mark.parametrize("paragraph", LAW_PARAGRAPHS, ids=lambda p: p.key)
def test_every_entry_has_a_source_and_says_what_confirms_it(paragraph: LawParagraph):
    """No default entry without a link and a reason; data, list and docs agree on the flag."""
    assert re.fullmatch(r"https?://\S+", paragraph.source)
    assert paragraph.basis.strip()
    item, row = PARAGRAPHS[paragraph.key], _row_of(paragraph.key)
    assert item.source == paragraph.source and f"<{paragraph.source}>" in row
    assert item.confirmed is paragraph.confirmed
    if paragraph.confirmed:
        assert "**unconfirmed**" not in row
    else:
        assert item.note and "Ubekræftet" in item.note and paragraph.basis in item.note
        assert f"**unconfirmed**: {paragraph.basis}" in row


def test_keys_stored_before_still_resolve():
    """Every key the list had keeps its entry (a wrong one is retired, not removed)."""
    for key in KEYS_BEFORE_ISSUE_9:
        assert key in PARAGRAPHS, key
    for p in LAW_PARAGRAPHS:
        for successor in p.superseded_by:
            assert successor in BY_KEY and not BY_KEY[successor].retired
        if p.superseded_by:
            assert p.retired


def test_placement_is_46_with_and_47_without_consent():
    """§ 46 (with consent) and § 47 (without, børne- og ungeudvalget), sourced on lovguiden."""
    p46, p47 = BY_KEY["bl_46"], BY_KEY["bl_47"]
    assert (p46.law, p46.number, p46.confirmed) == ("Barnets lov", "§ 46", True)
    assert "med samtykke" in p46.label
    assert p46.source.endswith("/bekendtgørelse-af-barnets-lov/46")
    assert (p47.number, p47.confirmed) == ("§ 47", True)
    assert "uden samtykke" in p47.label and "børne- og ungeudvalget" in p47.label
    assert p47.source.endswith("/bekendtgørelse-af-barnets-lov/47")
    assert "| § 46 | anbringelse uden for hjemmet med samtykke |" in _row_of("bl_46")
    assert p47.source in _row_of("bl_47")


def test_the_placement_rows_of_the_default_decision_plan():
    """The default plan tags placement §§ 46/47, never § 32, and § 47 goes to the committee."""
    rows = yaml.safe_load(PLAN_YAML)["sections"][1]["fields"][0]["default"]
    placement = [r for r in rows if r["intervention"] == "anbringelse"]
    assert {tuple(r["paragraphs"]): r["authority_level"] for r in placement} == {
        ("bl_46",): "visitationsudvalg",
        ("bl_47",): "politisk_udvalg",
    }
    levels = {i.value: i.label for i in DEFAULT_VOCABULARIES["authority_levels"]}
    assert levels["politisk_udvalg"].startswith("Børne- og ungeudvalget")
    assert "`bl_46` (visitationsudvalget)" in LAW_MD and "`bl_47` (børne- og" in LAW_MD
    every_paragraph = {key for r in rows for key in r.get("paragraphs") or []}
    assert every_paragraph <= set(PARAGRAPHS)
    assert not any(PARAGRAPHS[key].retired for key in every_paragraph)


def test_35_stk_4_names_nr_1_and_nr_4():
    """The § 35 stk. 4 label covers support with § 32 measures (nr. 1) and avoiding placement."""
    p = BY_KEY["bl_35_4"]
    assert (p.number, p.former_sel, p.confirmed) == ("§ 35, stk. 4", "§ 52 a", True)
    assert "§ 32 (nr. 1)" in p.label and "undgå anbringelse (nr. 4)" in p.label
    assert p.source.endswith("/bekendtgørelse-af-barnets-lov/35")
    assert p.label in _row_of("bl_35_4")


def test_86_is_kompensationsydelse_after_l_201():
    """Since 1 September 2025 the § 86 benefit is called kompensationsydelse (L 201)."""
    p = BY_KEY["bl_86"]
    assert p.label.startswith("kompensationsydelse") and "l201" in p.source
    assert "L 201" in p.basis and p.source in _row_of("bl_86")
    assert "kompensationsydelse" in PARAGRAPHS["bl_86"].label


def test_49_a_is_no_longer_offered_but_stored_values_still_show():
    """SEL § 49 a is not a basis for an intervention: gone from the pickers, kept as a label."""
    p, item = BY_KEY["sel_49a"], PARAGRAPHS["sel_49a"]
    assert p.retired and item.retired and "**Retired**" in _row_of("sel_49a")
    definition = load_definition(PLAN_YAML)
    spec = next(f for f in definition.input_fields() if f.name == "rows").fields[1]
    ctx = Context(DEFAULT_VOCABULARIES)
    offered = [value for value, _label in ctx.offered(spec)]
    assert "sel_49a" not in offered and "bl_46" in offered
    assert "sel_49a" in [value for value, _label in ctx.offered(spec, ["sel_49a"])]
    assert ctx.label_of(spec, "sel_49a") == item.label  # a stored value still renders
    as_dicts = [
        {"value": i.value, "label": i.label, "retired": i.retired} for i in PARAGRAPHS.values()
    ]
    funding = FundingVocab([], [], as_dicts, [])
    assert "sel_49a" not in [i["value"] for i in funding.offered("paragraph")]
    assert "sel_49a" in [i["value"] for i in funding.offered("paragraph", "sel_49a")]
    assert "sel_49a" in funding.values("paragraph")  # an old line still validates
    assert "sel_49a" not in [i.value for i in funding.excel_items("paragraph", keep=())]


def test_offered_items_keep_what_is_chosen():
    """A picker drops retired items except the ones already chosen (one value or a list)."""
    items = [{"value": "a", "label": "A"}, {"value": "b", "label": "B", "retired": "old"}]
    assert [i["value"] for i in offered_items(items)] == ["a"]
    assert [i["value"] for i in offered_items(items, "b")] == ["a", "b"]
    assert [i["value"] for i in offered_items(items, ["b"])] == ["a", "b"]


def test_other_sectors_have_their_own_sourced_paragraphs():
    """A joint plan spans school, STU, employment and adult services: each has sourced entries."""
    sectors = {p.sector for p in LAW_PARAGRAPHS if p.confirmed}
    assert {"school", "stu", "employment", "adults", "procedure"} <= sectors
    assert BY_KEY["lab_167"].label == "mentorstøtte"
    assert BY_KEY["fvl_19"].label == "partshøring"
    for key, number in (("bl_18", "§ 18"), ("bl_19", "§ 19"), ("bl_110", "§ 110")):
        assert BY_KEY[key].number == number and BY_KEY[key].confirmed

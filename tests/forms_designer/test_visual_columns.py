"""A repeat's columns in the visual editor: chosen by path (``goals.title``), edited in the
same properties panel, added from the palette, moved and removed, nested repeats too."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from app.formengine import load_definition
from app.formengine.loader import read_yaml
from app.forms import columns, properties, visual
from app.forms import roundtrip as rt
from tests.forms_designer.test_visual_model import VOCABULARIES
from tests.forms_designer.test_visual_web import URL, _post, _source

FORMS = Path(__file__).resolve().parents[2] / "forms"
SMARTE = (FORMS / "smarte_maal.yaml").read_text(encoding="utf-8")
AUTHORITY = (FORMS / "beslutningskompetence.yaml").read_text(encoding="utf-8")


def _run(source: str, posted: dict) -> visual.Outcome:
    return visual.apply(source, posted, VOCABULARIES)


def _apply(source: str, path: str, posted: dict) -> str:
    return _run(source, {"selected": f"f:{path}", "p_for": path, "_apply": "1", **posted}).source


def _hunks(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line.startswith("@@")]


def test_every_path_walks_columns_and_nested_columns():
    found = columns.every_path(read_yaml(SMARTE))
    assert found.index("goals") < found.index("goals.title") < found.index("goals.subgoals")
    assert "goals.subgoals.status" in found and "goals.status" in found
    assert columns.spec_in(read_yaml(SMARTE), "goals.subgoals.text")["type"] == "text"
    assert columns.spec_in(read_yaml(SMARTE), "goals.nothing") is None
    assert columns.spec_in(read_yaml(SMARTE), "child_wishes.x") is None


def test_a_columns_label_changes_in_one_hunk_with_the_comments_kept():
    changed = _apply(
        SMARTE, "goals.subgoals.text", {"p_label_da": "Delmålet", "p_label_en": "Sub-goal"}
    )
    assert len(_hunks(SMARTE, changed)) == 1
    assert "{name: text, type: text, label: {da: Delmålet, en: Sub-goal}" in changed
    assert "# A stable key per goal, set when the goal is first saved" in changed
    definition = load_definition(changed)
    assert definition.repeat_at(["goals", "subgoals"])[-1].column("text").label.da == "Delmålet"


def test_new_properties_of_a_column_are_written_on_the_column():
    changed = _apply(
        SMARTE,
        "goals.baseline",
        {"p_low_label_da": "Slet ikke", "p_low_label_en": "Not at all",
         "p_high_label_da": "Fuldt ud", "p_high_label_en": "Completely", "p_default": "3"},
    )  # fmt: skip
    column = load_definition(changed).field("goals").column("baseline")
    assert column.high_label.da == "Fuldt ud" and column.default == 3
    assert len(_hunks(SMARTE, changed)) == 1


def test_the_panel_of_a_column_offers_its_fellow_columns_for_show_if():
    panel = properties.panel(read_yaml(AUTHORITY), "rows.threshold", VOCABULARIES, {}, "da")
    assert panel.path == "rows.threshold" and panel.is_column and panel.name == "threshold"
    names = [name for name, _label in panel.targets]
    assert "threshold_unit" in names and "threshold" not in names
    assert "unit" not in names  # a top-level field is not a column of the row
    assert panel.show_field == "threshold_unit" and panel.show_test == "not_empty"
    # One value of the sibling select, written on the column.
    changed = _apply(
        AUTHORITY,
        "rows.threshold",
        {"p_show_field": "threshold_unit", "p_show_test": "one_of",
         "p_show_values": ["kr_per_year", "kr_one_off"]},
    )  # fmt: skip
    assert "show_if: {field: threshold_unit, one_of: [kr_per_year, kr_one_off]}" in changed
    load_definition(changed)
    outline = visual.outline(read_yaml(changed))
    row = outline.field("rows.threshold")
    assert row.condition == "Vises kun, hvis »Grænse målt i« er kr. om året / kr. som engangsbeløb"


def test_a_new_column_comes_from_the_palette_after_the_selected_column():
    added = _run(SMARTE, {"selected": "f:goals.title", "_add": "integer"})
    assert added.selected == "f:goals.heltal" and added.focus == "properties"
    names = [c["name"] for c in columns.spec_in(read_yaml(added.source), "goals")["fields"]]
    assert names[names.index("title") + 1] == "heltal"
    # The table itself selected: last among its columns; its name is the label's once set.
    last = _run(SMARTE, {"selected": "f:goals.subgoals", "_add": "text"})
    assert last.selected == "f:goals.subgoals.kort_tekst"
    named = _apply(last.source, "goals.subgoals.kort_tekst", {"p_label_da": "Hvem hjælper"})
    subgoals = columns.spec_in(read_yaml(named), "goals.subgoals")
    assert subgoals["fields"][-1]["name"] == "hvem_hjaelper"
    load_definition(named)


@pytest.mark.parametrize(
    ("selected", "kind"), [("goals.subgoals.text", "repeat"), ("goals.title", "heading")]
)
def test_a_type_a_column_cannot_have_is_refused_in_words(selected, kind):
    refused = _run(SMARTE, {"selected": f"f:{selected}", "_add": kind})
    assert refused.source == SMARTE and "kan ikke være en kolonne" in refused.message
    assert kind not in columns.allowed_kinds(read_yaml(SMARTE), selected)


def test_columns_move_within_their_table_and_back_byte_for_byte():
    down = _run(SMARTE, {"_down": "f:goals.subgoals.text"})
    subgoals = columns.spec_in(read_yaml(down.source), "goals.subgoals")
    assert [c["name"] for c in subgoals["fields"]] == ["deadline", "text", "status"]
    assert _run(down.source, {"_up": "f:goals.subgoals.text"}).source == SMARTE
    edge = _run(SMARTE, {"_up": "f:goals.area"})
    assert edge.source == SMARTE and edge.message == "Den kan ikke flyttes længere."


def test_a_dropped_column_lands_where_it_was_dropped_in_its_own_table_only():
    # The last column dropped before the first row (index 0), then back below the last row
    # (index 3 of the rows as shown, itself included): the text as it was.
    first = _run(SMARTE, {"_place": "goals.subgoals.status", "_place_to": "goals.subgoals:0"})
    subgoals = columns.spec_in(read_yaml(first.source), "goals.subgoals")
    assert [c["name"] for c in subgoals["fields"]] == ["status", "text", "deadline"]
    assert first.selected == "f:goals.subgoals.status"
    assert len(_hunks(SMARTE, first.source)) == 2  # the line removed, and put in
    back = _run(first.source, {"_place": "goals.subgoals.status", "_place_to": "goals.subgoals:3"})
    assert back.source == SMARTE
    same = _run(SMARTE, {"_place": "goals.subgoals.text", "_place_to": "goals.subgoals:1"})
    assert same.source == SMARTE  # dropped on its own place (just below itself): no change
    last = _run(SMARTE, {"_place": "goals.title", "_place_to": "goals:99"})  # past the end: last
    assert [c["name"] for c in columns.spec_in(read_yaml(last.source), "goals")["fields"]][-1] == (
        "title"
    )
    # Another table (or the section) is refused: a column's data belongs to its table.
    for elsewhere in ("goals:0", "goals_section:0", "other_plans:0"):
        with pytest.raises(rt.EditError):
            _run(SMARTE, {"_place": "goals.subgoals.text", "_place_to": elsewhere})


FORM_WITH_TABLE = """\
name: table_form
title: Tabel
scope: case
sections:
  - name: main
    title: Indhold
    fields:
      - name: rows
        type: repeat
        label: Rækker
        layout: cards
        fields:
          - {name: what, type: text, label: Hvad}
          - {name: when, type: date, label: Hvornår}
"""


def _groups(source: str, repeat: str = "goals") -> list[tuple[str, list[str]]]:
    spec = columns.spec_in(read_yaml(source), repeat)
    return [(g["label"]["da"], g["fields"]) for g in spec.get("groups") or []]


def test_a_column_moves_to_another_group_in_the_tables_order_and_back_byte_for_byte():
    moved = _apply(SMARTE, "goals.title", {"p_group": "1"})
    found = _groups(moved)
    assert found[0][1] == ["area", "specific"]
    assert found[1][1] == ["title", "indicator", "baseline", "target", "target_number"]
    assert _hunks(SMARTE, moved) == ["@@ -72 +72 @@", "@@ -74 +74 @@"]  # the two fields lines
    assert load_definition(moved).repeat_at(["goals"])[-1].groups[1].fields[0] == "title"
    assert _apply(moved, "goals.title", {"p_group": "0"}) == SMARTE
    assert _apply(SMARTE, "goals.title", {"p_group": "0"}) == SMARTE  # where it is: unchanged


def test_a_column_leaves_its_group_or_starts_a_new_one_and_an_empty_group_goes():
    alone = _apply(SMARTE, "goals.key", {"p_group": ""})
    assert _groups(alone)[4][1] == ["responsible", "department", "status"]
    assert _apply(alone, "goals.key", {"p_group": "4"}) == SMARTE
    table = FORM_WITH_TABLE
    grouped = _apply(table, "rows.what", {"p_group": "new", "p_group_new_da": "Om rækken",
                                          "p_group_new_en": "About the row"})  # fmt: skip
    assert grouped.index("groups:") < grouped.index("fields:", grouped.index("name: rows"))
    repeat = load_definition(grouped).field("rows")
    assert repeat.groups[0].label.en == "About the row" and repeat.groups[0].fields == ["what"]
    assert _apply(grouped, "rows.what", {"p_group": ""}) == table  # the last column out: gone
    assert _apply(table, "rows.what", {"p_group": "new", "p_group_new_da": ""}) == table
    with pytest.raises(rt.EditError):
        columns.set_group(rt.load(SMARTE), "goals.title", 9)
    document = rt.load(grouped)
    columns.set_group(document, "rows.what", 0)  # its own group, as its only column: kept
    assert rt.dump(document) == grouped


def test_a_groups_label_is_renamed_on_the_tables_panel():
    renamed = _apply(SMARTE, "goals", {"p_group_label_0_da": "Selve målet",
                                       "p_group_label_0_en": "The goal itself"})  # fmt: skip
    assert len(_hunks(SMARTE, renamed)) == 1
    assert "- label: {da: Selve målet, en: The goal itself}" in renamed
    assert _apply(SMARTE, "goals", {"p_group_label_0_da": ""}) == SMARTE  # a group needs one


def test_the_panels_offer_the_groups(admin, goals_form):
    """A column's panel: its group chosen among the table's, and "Ny gruppe …"; the table's
    panel: each group's label in both languages."""
    _, column = _post(admin, {"_select": "f:goals.status"}, SMARTE)
    part = column.split('data-testid="column-group"', 1)[1].split("</fieldset>", 1)[0]
    assert '<option value="4" selected>Ansvar og status</option>' in part
    assert '<option value="new">Ny gruppe …</option>' in part
    _, table = _post(admin, {"_select": "f:goals"}, SMARTE)
    labels = table.split('data-testid="group-labels"', 1)[1].split("</fieldset>", 1)[0]
    assert 'name="p_group_label_0_da" type="text" value="Målet"' in labels
    assert 'name="p_group_label_4_en" type="text" value="Responsibility and status"' in labels


def test_removing_a_column_removes_it_from_the_groups_and_never_the_last():
    removed = _run(SMARTE, {"_remove": "f:goals.indicator"})
    assert removed.selected == "f:goals"
    definition = load_definition(removed.source)  # the groups no longer name it
    goals = definition.field("goals")
    assert goals.column("indicator") is None
    assert all("indicator" not in g.fields for g in goals.groups)
    one = "name: f\ntitle: F\nscope: case\nsections:\n  - name: s\n    title: S\n    fields:\n"
    one += "      - name: r\n        type: repeat\n        label: R\n        fields:\n"
    one += "          - {name: a, type: text, label: A}\n"
    kept = _run(one, {"_remove": "f:r.a"})
    assert kept.source == one and kept.message == "En tabel skal have mindst én kolonne."


def test_renaming_a_column_renames_it_where_its_table_names_it():
    renamed = _apply(SMARTE, "goals.deadline", {"p_name": "due"})
    goals = load_definition(renamed).field("goals")
    assert goals.column("due") is not None and goals.column("evaluation_date").not_after == "due"
    assert "due" in goals.groups[3].fields
    # A name a fellow column has is refused; the same name in another table is fine.
    assert _apply(SMARTE, "goals.deadline", {"p_name": "status"}) == SMARTE
    renamed = _apply(SMARTE, "goals.subgoals.deadline", {"p_name": "frist"})
    assert "{name: frist, type: date" in renamed


def test_problems_stand_on_the_column_they_concern():
    broken = SMARTE.replace("            max_length: 300\n", "            max_length: -3\n", 1)
    try:
        load_definition(broken)
    except Exception as error:  # noqa: BLE001 - DefinitionError carries the problems
        problems = error.problems
    outline = visual.outline(read_yaml(broken), problems)
    assert outline.field("goals.title").problems
    assert not outline.field("goals").problems


def test_a_path_that_points_at_nothing_is_an_edit_error_not_a_crash():
    with pytest.raises(rt.EditError):
        columns.locate(rt.load(SMARTE), "goals.nothing")
    assert properties.panel(read_yaml(SMARTE), "goals.nothing", {}, {}) is None
    assert _apply(SMARTE, "goals.nothing", {"p_label_da": "X"}) == SMARTE


# --- through the web client --------------------------------------------------------------


def test_a_column_is_chosen_edited_and_added_over_plain_posts(admin, goals_form):
    source = goals_form.source
    _, page = _post(admin, {"_select": "f:goals.deadline"}, source)
    assert 'name="p_for" value="goals.deadline"' in page
    assert 'data-testid="column-hint"' in page
    row = page.split('data-testid="field-goals.deadline"')[1].split("</li>")[0]
    assert 'aria-pressed="true"' in row and 'Flyt op<span class="sr-only"> Frist i Mål' in row
    _, page = _post(
        admin,
        {"p_for": "goals.deadline", "_apply": "1", "p_label_da": "Senest", "p_required_shown": "1",
         "p_required": "1"},
        source,
        "f:goals.deadline",
    )  # fmt: skip
    changed = _source(page)
    assert "- {name: deadline, type: date, label: Senest, required: true}" in changed
    assert 'data-testid="palette-column-target"' in page  # a column selected: adds a column
    assert '<button class="designer-palette-item" type="submit" name="_add" value="heading"' in page
    assert 'value="heading" aria-describedby="palette-heading" disabled' in page
    _, page = _post(admin, {"_add": "boolean"}, changed, "f:goals.deadline")
    assert 'name="p_for" value="goals.ja_nej"' in page


@pytest.mark.parametrize(
    "posted",
    [{"_select": "f:goals.nothing"}, {"_up": "f:goals.nothing"}, {"_remove": "f:nothing.x"},
     {"_add": "text", "selected": "f:goals.nothing"},
     {"_place": "goals.deadline", "_place_to": "goals_section:0"},
     {"_place": "goals.deadline", "_place_to": "goals:x"}],
)  # fmt: skip
def test_a_column_path_that_points_at_nothing_answers_in_words(admin, goals_form, posted):
    response, page = _post(admin, posted, goals_form.source)
    assert response.status_code == 200
    assert _source(page) == goals_form.source
    assert 'data-testid="properties"' not in page
    assert 'data-testid="designer-message"' in page


def test_the_outline_lists_nested_columns(admin):
    page = admin.get("/formularer/smarte_maal/visuel").get_data(as_text=True)
    for path in ("goals.title", "goals.subgoals", "goals.subgoals.text", "other_plans.plan"):
        assert f'data-testid="field-{path}"' in page, path
    assert URL  # the shared helpers post to the test form


def test_a_new_section_with_a_column_selected_comes_after_its_tables_section():
    added = _run(SMARTE, {"selected": "f:goals.title", "_add_section": "1", "new_section": "Ny"})
    names = [s["name"] for s in read_yaml(added.source)["sections"]]
    assert names[names.index("goals_section") + 1] == "ny"

"""The editable-rows pattern shared by form repeats, funding lines and vocabulary rows."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from app.formengine.rows import (
    PostedRow,
    RowButton,
    next_number,
    posted_rows,
    pressed_button,
    remove_row,
    row_name,
    row_numbers,
)


def test_rows_are_read_by_number_with_every_value_and_nothing_else():
    posted = MultiDict(
        [
            ("lines-3-cost", "100"),
            ("lines-0-tags", "a"),
            ("lines-0-tags", "b"),
            ("lines-x-cost", "no number"),
            ("lines_1-cost", "other prefix"),
            ("lines-12345-cost", "too many digits"),
            ("lines-0-share-ppr", "50"),
            ("_add", "1"),
        ]
    )
    assert posted_rows(posted, "lines") == [
        PostedRow(0, [("tags", "a"), ("tags", "b"), ("share-ppr", "50")]),
        PostedRow(3, [("cost", "100")]),
    ]
    assert posted_rows(posted, "lines", digits=5)[-1] == PostedRow(
        12345, [("cost", "too many digits")]
    )
    assert row_numbers(posted, "lines") == [0, 3]
    assert posted_rows(posted, "lines")[0].get("tags") == "a"
    assert posted_rows(posted, "lines")[0].get("missing", "-") == "-"


def test_nested_prefixes_and_plain_dicts():
    posted = {"goals-0-subgoals-1-text": "x", "goals-0-title": "t", "goals-1-title": "u"}
    assert row_numbers(posted, "goals") == [0, 1]
    assert row_numbers(posted, "goals-0-subgoals") == [1]
    assert posted_rows(posted, "goals")[0].pairs == [("subgoals-1-text", "x"), ("title", "t")]
    assert row_name("goals-0-subgoals", 1, "text") == "goals-0-subgoals-1-text"


def test_a_tampered_form_cannot_make_more_rows_than_allowed_and_a_button_is_skipped():
    posted = MultiDict([(f"rows-{n}-value", str(n)) for n in range(10)] + [("rows-0-x", "b")])
    assert [r.number for r in posted_rows(posted, "rows", max_rows=3)] == [0, 1, 2]
    assert posted_rows(posted, "rows", skip=["rows-0-x"])[0].pairs == [("value", "0")]


def test_the_pressed_button_of_one_table_or_of_several():
    assert pressed_button(MultiDict([("a", "1"), ("_add", "1")])) == RowButton("_add", "add")
    assert pressed_button({"_remove": " 2 "}) == RowButton("_remove", "remove", row=2)
    assert pressed_button({"_remove": "x"}) == RowButton("_remove", "remove", row=None)
    assert pressed_button({"_save": "1"}) is None
    tables = r"[a-z]+(?:-[0-9]+-[a-z]+)?"
    assert pressed_button({"_add__goals-0-subgoals": ""}, tables) == RowButton(
        "_add__goals-0-subgoals", "add", "goals-0-subgoals"
    )
    assert pressed_button({"_remove__goals__1": ""}, tables) == RowButton(
        "_remove__goals__1", "remove", "goals", 1
    )
    assert pressed_button({"_add": "1", "_remove__Goals__1": ""}, tables) is None


def test_rows_are_removed_by_position_or_by_their_own_number():
    assert remove_row(["a", "b", "c"], 1) == ["a", "c"]
    assert remove_row(["a", "b"], 5) == ["a", "b"]
    assert remove_row(["a", "b"], None) == ["a", "b"]
    numbered = [PostedRow(0), PostedRow(4), PostedRow(7)]
    kept = remove_row(numbered, 4, number_of=lambda row: row.number)
    assert [row.number for row in kept] == [0, 7]
    assert next_number(row.number for row in kept) == 8
    assert next_number([]) == 0


def _row_numbers_by_definition(names, prefix: str, digits: int = 4) -> list[int]:
    """What row_numbers means, the slow way: every name that is ``prefix-<n>-<rest>``."""
    import re

    pattern = re.compile(re.escape(prefix) + rf"-([0-9]{{1,{digits}}})-(.+)", re.DOTALL)
    return sorted({int(m.group(1)) for name in names if (m := pattern.fullmatch(name))})


def test_row_numbers_agree_with_their_definition_for_any_names():
    """The one-pass index gives what the plain pattern gives, for every prefix."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    part = st.sampled_from(["goals", "subgoals", "a-b", "", "x"])
    number = st.sampled_from(["0", "1", "12", "0007", "12345", "-", "x"])
    name = st.lists(st.one_of(part, number), min_size=1, max_size=6).map("-".join)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(name, max_size=12), st.sampled_from(["goals", "goals-0-subgoals", "a-b", ""]))
    def check(names, prefix):
        data = MultiDict([(n, "v") for n in names])
        assert row_numbers(data, prefix) == _row_numbers_by_definition(names, prefix)
        assert row_numbers(dict.fromkeys(names, "v"), prefix) == _row_numbers_by_definition(
            names, prefix
        )

    check()


def test_row_numbers_follow_a_change_of_the_same_posted_data():
    """The index of the last posted data is kept; adding a row to that data is seen."""
    data = MultiDict([("goals-0-title", "A"), ("goals-0-subgoals-1-text", "x")])
    assert row_numbers(data, "goals") == [0]
    assert row_numbers(data, "goals-0-subgoals") == [1]
    data.add("goals-3-title", "B")
    assert row_numbers(data, "goals") == [0, 3]
    numbers = row_numbers(data, "goals")
    numbers.append(99)  # the caller's own list
    assert row_numbers(data, "goals") == [0, 3]

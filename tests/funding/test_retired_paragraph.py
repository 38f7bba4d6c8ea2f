"""SEL § 49 a is not a basis for a funded intervention: the editor offers it only where stored."""

from __future__ import annotations

import io

import lxml.html
import openpyxl

from app.formengine import DEFAULT_VOCABULARIES
from app.funding import services
from tests.funding.support import YEAR
from tests.funding.test_web import _post, _row, _url


def _options(html: str, select_id: str) -> list[str]:
    """The option values of one <select> on the page."""
    select = lxml.html.fromstring(html).get_element_by_id(select_id)
    return [option.get("value") for option in select.iter("option")]


def test_editor_offers_a_retired_paragraph_only_on_the_line_that_has_it(login_as, make_case):
    """An old line keeps § 49 a (it still saves and shows); a new line cannot choose it."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    response = _post(web, case, {**_row(0, paragraph="sel_49a"), **_row(1), "_save": "1"})
    assert response.status_code == 302
    assert [line.paragraph for line in services.current_lines(case)] == ["sel_49a", "bl_90"]
    html = web.get(_url(case)).get_data(as_text=True)
    assert "sel_49a" in _options(html, "lines-0-paragraph")
    assert "sel_49a" not in _options(html, "lines-1-paragraph")
    assert "bl_46" in _options(html, "lines-1-paragraph")
    assert "Serviceloven § 49 a – udveksling af oplysninger" in html


def _texts(data: bytes) -> set[str]:
    """Every text cell of a workbook, hidden sheets included."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        c
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    }


def test_workbooks_list_a_retired_paragraph_only_for_a_case_that_uses_it(login_as, make_case):
    """The case's workbook can show and read back its § 49 a line; the blank tool leaves it out."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    assert _post(web, case, {**_row(0, paragraph="sel_49a"), "_save": "1"}).status_code == 302
    label = next(i.label for i in DEFAULT_VOCABULARIES["paragraphs"] if i.value == "sel_49a")
    assert label in _texts(services.case_workbook(case, YEAR))
    assert label not in _texts(services.blank_workbook(YEAR))

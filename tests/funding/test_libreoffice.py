"""LibreOffice recalculates the downloaded workbook: its totals are the editor page's totals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.excel_tools.conftest import recalc, soffice_profile  # noqa: F401  (fixtures)
from tests.excel_tools.test_libreoffice import _error_cells
from tests.funding.support import YEAR, api_lines, book, put

pytestmark = pytest.mark.libreoffice


def _page_totals(html: str, kind: str) -> dict[str, Decimal]:
    """Department → amount as the editor page shows it (Danish number format)."""
    found = re.findall(rf'data-total-{kind}="(\w+)">([^<]+)<', html)
    return {key: Decimal(text.replace(".", "").replace(",", ".")) for key, text in found}


@pytest.mark.parametrize("year", [YEAR, YEAR + 1])
def test_recalculated_workbook_shows_the_editor_page_totals(
    login_as,
    api_as,
    make_case,
    recalc,  # noqa: F811  (the imported LibreOffice fixture)
    year,
):
    """Same department totals for the year and the whole period, and no error values."""
    web = login_as("controller")
    case = make_case()
    put(api_as(web.user), case.id, api_lines())
    html = web.get(f"/sager/{case.id}/finansiering?year={year}").get_data(as_text=True)
    for_year, for_period = _page_totals(html, "year"), _page_totals(html, "period")
    assert sum(for_year.values()) > 0

    download = web.get(f"/sager/{case.id}/finansiering.xlsx?year={year}")
    wb = book(recalc(download.data), data_only=True)
    assert _error_cells(wb) == []
    keys = {row[1]: row[0] for row in wb["Afdelinger"].iter_rows(min_row=2, values_only=True)}
    split = wb["Fordeling"]
    seen = set()
    for label, amount_year, _share, amount_period in split.iter_rows(
        min_row=6, max_col=4, values_only=True
    ):
        if label not in keys:
            continue
        key = keys[label]
        seen.add(key)
        assert round(Decimal(str(amount_year)), 2) == for_year[key], key
        assert round(Decimal(str(amount_period)), 2) == for_period[key], key
    assert seen == set(for_year)

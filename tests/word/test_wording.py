"""Wording the issue found wrong, pinned where it lives: the model's name, the core team's
confirmation, where a funding version was saved, the months unit of a decision row, and the
dates of the family's plan (the label of a column put in front of another field)."""

from __future__ import annotations

from tests.word.conftest import DECISION_ROWS
from tests.word.helpers import open_docx, table_starting
from tests.word.test_family_plan import all_text, demo_case, demo_coordinator


def test_the_model_is_named_en_familie_tankestreg_en_indgang(login_as):
    """Every page's heading: "Én familie – én indgang"."""
    html = login_as("coordinator").get("/").get_data(as_text=True)
    assert "Én familie – én indgang" in html and "Én familie, én indgang" not in html


def test_demo_case_page_words_removal_and_where_funding_was_saved(app, login_as):
    """The removal asks "Fjerne … fra kerneteamet?"; a version saved on the funding page
    says so, not "(i browseren)"; both plans are named as on the buttons."""
    case = demo_case()
    html = login_as(demo_coordinator()).get(f"/sager/{case.id}").get_data(as_text=True)
    assert "Fjerne Per PPR fra kerneteamet?" in html and "Tage " not in html
    assert "(på finansieringssiden)" in html and "i browseren" not in html
    for name in ("Familiens plan", "Intern plan", "Hent familiens plan (Word)"):
        assert name in html
    # The case-flow template's phase of that name (the model's own term, shown by the phase
    # indicator and the history since issue 10) is a phase, not a plan's name.
    html = html.replace("Fælles plan med SMARTE-mål", "")
    assert "Fælles plan" not in html and "fælles plan" not in html


def test_demo_family_plan_names_its_dates_in_plain_words(app, login_as):
    """Dates read "Aftale: Søvndagbog", "Målet evalueres: …", never "Hvornår: …"."""
    case = demo_case()
    web = login_as(demo_coordinator())
    text = all_text(open_docx(web.get(f"/sager/{case.id}/familiens-plan.docx").data))
    assert "Aftale: Søvndagbog" in text and "Hvornår:" not in text
    assert "Frist for delmålet: Fast aftenrutine" in text
    assert "inden for grænsen" not in text


def test_a_months_threshold_reads_as_months(save_form, make_user, api_as):
    """A decision row limited by duration prints "6 måneders varighed"."""
    row = dict(DECISION_ROWS[0], threshold_unit="months", threshold=6)
    leader = make_user("leader")
    header = {"title": "Plan", "unit": "Børn", "valid_from": "2026-01-01", "approved_by": "X"}
    doc = save_form(leader, "beslutningskompetence", dict(header, rows=[row]))
    response = api_as("coordinator").get(f"/municipal/beslutningskompetence/{doc.id}/document")
    table = table_starting(open_docx(response.data), "Indsats")
    assert table[1][3] == "6 måneders varighed"

"""The visual editor through the web client: every button is a plain POST of the whole YAML."""

from __future__ import annotations

import html
import re

from app.extensions import db
from app.forms import definitions
from app.models import Submission
from app.submissions import services as submissions

URL = "/formularer/test_goals/visuel"
_SOURCE = re.compile(r'<input type="hidden" name="source" value="([^"]*)"', re.S)


def _source(page: str) -> str:
    match = _SOURCE.search(page)
    assert match, "no YAML in the visual editor"
    return html.unescape(match.group(1))


def _post(client, data: dict, source: str, selected: str = ""):
    response = client.post_form(
        URL, {"source": source, "base": "1", "selected": selected, **data}, page=URL
    )
    return response, response.get_data(as_text=True)


def _add(client, source: str, kind: str, after: str, new_name: str, props: dict):
    """Add a field from the palette after ``after``, then apply its properties."""
    _, page = _post(client, {"_add": kind}, source, after)
    assert f'value="f:{new_name}" aria-pressed="true"' in page
    _, page = _post(
        client, {"p_for": new_name, "_apply": "1", **props}, _source(page), f"f:{new_name}"
    )
    return _source(page), page


def test_the_editor_lists_sections_fields_and_the_palette(admin, goals_form):
    response = admin.get(URL)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-testid="field-wishes"' in page and 'data-testid="field-goals"' in page
    assert "Valgliste" in page and "Ét valg blandt faste muligheder" in page
    assert _source(page) == goals_form.source
    assert 'data-testid="preview"' in page
    goals = page.split('data-testid="field-goals"')[1].split("</li>")[0]
    assert "Kolonner: Mål, Frist" in goals


def test_builds_barnets_egne_ord_without_javascript_and_publishes(
    admin, goals_form, make_user, make_case
):
    coordinator = make_user("coordinator")
    submissions.save(
        coordinator,
        form_name="test_goals",
        data={"wishes": "Ro"},
        status="draft",
        base_version=None,
        case=make_case(coordinator=coordinator),
    )
    db.session.commit()
    source = _source(admin.get(URL).get_data(as_text=True))
    _, page = _post(admin, {"_add_section": "1", "new_section": "Barnets egne ord"}, source)
    source, page = _add(admin, _source(page), "textarea", "s:barnets_egne_ord", "lang_tekst", {
        "p_label_da": "Med barnets egne ord",
        "p_label_en": "In the child's own words",
        "p_name": "own_words",
    })  # fmt: skip
    assert 'data-testid="properties"' in page
    source, page = _add(admin, source, "select", "f:own_words", "valgliste", {
        "p_label_da": "Hvem talte barnet med?",
        "p_name": "talked_with",
        "p_required_shown": "1",
        "p_required": "1",
        "p_choices_mode": "list",
        "p_choices_from": "roles",
    })  # fmt: skip
    source, page = _add(admin, source, "text", "f:talked_with", "kort_tekst", {
        "p_label_da": "Hvilken?",
        "p_show_field": "talked_with",
        "p_show_test": "equals",
        "p_show_value": "",
    })  # fmt: skip
    assert "Vises kun, hvis »Hvem talte barnet med?« er" in page
    # The impact before publishing, in plain words.
    assert "1 udfyldt formular bruger den gældende version 1" in page
    assert "Nyt felt »Med barnets egne ord«" in page
    # Nothing the admin did not touch changed: the old text is still there byte for byte.
    assert source.startswith(goals_form.source.rstrip("\n").rsplit("\n", 1)[0])
    response, page = _post(admin, {"_publish": "1", "note": "Barnets stemme"}, source)
    assert response.status_code == 302, page
    current = definitions.definition_of(definitions.current_version("test_goals"))
    assert current.sections[-1].title.da == "Barnets egne ord"
    assert current.field("talked_with").required and current.field("talked_with").choices_from
    # A new field is named after its label unless the admin typed a name.
    shown_if = current.field("hvilken").show_if
    assert shown_if.field == "talked_with" and shown_if.equals


def test_move_buttons_are_posts_and_keep_everything_else(admin, goals_form):
    source = goals_form.source
    _, page = _post(admin, {"_down": "f:wishes"}, source)
    moved = _source(page)
    names = re.findall(r"- name: (\w+)", moved)
    assert names.index("department") < names.index("wishes")
    _, page = _post(admin, {"_up": "f:wishes"}, moved)
    assert _source(page) == source  # back where it was, byte for byte


def test_problems_stand_on_the_field_with_a_suggestion(admin, goals_form):
    broken = goals_form.source.replace("type: textarea", "type: dropdown")
    response, page = _post(admin, {"_check": "1"}, broken)
    assert response.status_code == 422
    row = page.split('data-testid="field-wishes"')[1].split("</li>")[0]
    assert "ukendt felttype &#39;dropdown&#39; — mente du &#39;select&#39; (Valgliste)?" in row


def test_duplicate_labels_are_a_warning_not_a_stop(admin, goals_form):
    twice = goals_form.source.replace("label: Ansvarlig afdeling", "label: Familiens ønsker")
    response, page = _post(admin, {"_check": "1"}, twice)
    assert response.status_code == 200
    assert 'data-testid="warnings"' in page
    row = page.split('data-testid="field-department"')[1].split("</li>")[0]
    assert "bruges også af feltet" in row


def test_only_form_adapters_reach_the_editor(login_as, goals_form):
    assert login_as("coordinator").get(URL).status_code == 403


def test_posting_without_csrf_is_refused(admin, goals_form):
    response = admin.post(URL, data={"source": goals_form.source, "_check": "1"})
    assert response.status_code in (400, 422)
    assert db.session.query(Submission).count() == 0


def test_both_views_show_the_same_check_results(admin, goals_form):
    """The YAML tab shows the warnings and the impact the visual editor shows."""
    changed = goals_form.source.replace("label: Ansvarlig afdeling", "label: Familiens ønsker")
    yaml_page = admin.post_form(
        "/formularer/test_goals/rediger", {"source": changed, "base": "1", "_check": "1"}, page=URL
    ).get_data(as_text=True)
    _, visual_page = _post(admin, {"_check": "1"}, changed)
    for page in (yaml_page, visual_page):
        assert 'data-testid="warnings"' in page
        assert "ledeteksten »Familiens ønsker« bruges også af feltet &#39;wishes&#39;" in page
        assert 'data-testid="impact"' in page
        assert "0 udfyldte formularer bruger den gældende version 1" in page


def test_the_yaml_tab_and_the_visual_editor_hand_the_text_over(admin, goals_form):
    typed = goals_form.source.replace("label: Mål\n", "label: Mål  # kept\n", 1)
    page = admin.post_form(
        "/formularer/test_goals/rediger",
        {"source": typed, "base": "1", "_check": "1"},
        page=URL,
    ).get_data(as_text=True)
    assert 'formaction="/formularer/test_goals/visuel"' in page
    _, page = _post(admin, {"_check": "1"}, typed)
    assert _source(page) == typed
    assert 'formaction="/formularer/test_goals/rediger"' in page


def test_the_english_ui_speaks_english(admin, goals_form):
    admin.post_form("/sprog", {"lang": "en", "next": URL}, page=URL)
    broken = goals_form.source.replace("type: textarea", "type: dropdown")
    _, page = _post(admin, {"_check": "1", "selected": "f:wishes"}, broken)
    row = page.split('data-testid="field-wishes"')[1].split("</li>")[0]
    assert (
        "unknown field type &#39;dropdown&#39; — did you mean &#39;select&#39; (Choice list)?"
        in row
    )
    assert "Sections and fields" in page and "One choice among fixed options" in page

"""A new form starts in the visual editor, and the live preview endpoint draws the unsaved
state (the posted YAML with the typed properties) while the leader types."""

from __future__ import annotations

from app.formengine.loader import read_yaml
from app.forms import definitions, services
from tests.forms_designer.test_visual_web import URL, _source

START = "/formularer/ny"
PREVIEW = "/formularer/forhaandsvisning"


def test_a_new_form_starts_in_the_visual_editor_with_an_empty_first_section(admin):
    index = admin.get("/formularer").get_data(as_text=True)
    assert f'href="{START}"' in index and 'href="/formularer/opret-ny"' in index
    assert admin.get(START).status_code == 200
    response = admin.post_form(
        START, {"title": "Samtale med barnet", "name": "", "scope": "case"}, page=START
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    source = _source(page)
    data = read_yaml(source)
    assert data["name"] == "samtale_med_barnet" and data["title"] == "Samtale med barnet"
    assert data["sections"] == [
        {"name": services.FIRST_SECTION, "title": "Første afsnit", "fields": []}
    ]
    assert 'action="/formularer/ny/visuel"' in page
    assert 'formaction="/formularer/opret-ny"' in page  # the YAML tab stays available
    assert "afsnittet har endnu ingen felter" in page
    # Build on: a field from the palette, then publish: a new form exists.
    page = admin.post_form(
        "/formularer/ny/visuel",
        {"source": source, "base": "", "selected": f"s:{services.FIRST_SECTION}", "_add": "text"},
        page=START,
    ).get_data(as_text=True)
    source = _source(page)
    assert "type: text" in source
    response = admin.post_form(
        "/formularer/ny/visuel",
        {"source": source, "base": "", "selected": "", "_publish": "1", "note": "Første"},
        page=START,
    )
    assert response.status_code == 302
    assert definitions.current_version("samtale_med_barnet").version == 1


def test_the_start_page_refuses_a_taken_or_bad_name(admin, goals_form):
    for name, message in (("test_goals", "findes allerede"), ("Ikke godt", "små bogstaver")):
        response = admin.post_form(
            START, {"title": "Mål", "name": name, "scope": "case"}, page=START
        )
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    assert admin.post_form(START, {"title": "", "scope": "case"}, page=START).status_code == 422


def test_the_yaml_editor_of_a_new_form_hands_over_to_the_visual_editor(admin):
    page = admin.get("/formularer/opret-ny").get_data(as_text=True)
    assert 'formaction="/formularer/ny/visuel"' in page
    response = admin.post_form(
        "/formularer/ny/visuel",
        {"source": services.STARTER_YAML, "base": "", "_check": "1"},
        page="/formularer/opret-ny",
    )
    assert response.status_code == 200
    assert 'data-testid="field-notes"' in response.get_data(as_text=True)


def test_the_live_preview_draws_the_unsaved_properties(admin, goals_form):
    posted = {
        "source": goals_form.source,
        "base": "1",
        "selected": "f:wishes",
        "p_for": "wishes",
        "p_label_da": "Hvad ønsker familien sig?",
        "p_label_en": "",
    }
    response = admin.post_form(PREVIEW, posted, page=URL)
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Hvad ønsker familien sig?" in fragment and "<html" not in fragment
    assert "Familiens ønsker" not in fragment
    # A button in the post does nothing here: only what was typed counts.
    removed = admin.post_form(PREVIEW, {**posted, "_remove": "f:wishes"}, page=URL)
    assert "Hvad ønsker familien sig?" in removed.get_data(as_text=True)
    broken = admin.post_form(PREVIEW, {**posted, "source": "name: [unclosed"}, page=URL)
    assert broken.status_code == 200
    assert 'data-testid="preview-unreadable"' in broken.get_data(as_text=True)


def test_the_live_preview_needs_csrf_and_an_adapter(admin, login_as, goals_form):
    assert admin.post(PREVIEW, data={"source": goals_form.source}).status_code == 400
    coordinator = login_as("coordinator")
    posted = {"source": goals_form.source}
    assert coordinator.post_form(PREVIEW, posted, page="/").status_code == 403

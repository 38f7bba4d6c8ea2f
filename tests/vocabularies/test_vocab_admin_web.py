"""The shared lists editor through the web client, without JavaScript."""

from __future__ import annotations

import lxml.html
import pytest

from app.extensions import db
from app.formengine.law import BY_KEY
from app.forms import definitions as definitions
from app.submissions import services as submissions
from app.vocabularies.services import get_vocabulary, is_customised, save_vocabulary
from tests.forms.conftest import GOALS_V1

URL = "/lister/departments"


@pytest.fixture
def admin(login_as):
    """A logged-in administrator's web client."""
    return login_as("admin")


def _fields(page: str, url: str = URL) -> dict[str, str]:
    """The editor form's values as a browser would post them (buttons left out)."""
    doc = lxml.html.fromstring(page)
    return dict(next(f for f in doc.forms if (f.action or "").endswith(url)).form_values())


def _input(page: str, name: str):
    """The <input> element with the given name."""
    return lxml.html.fromstring(page).get_element_by_id(name)


def test_list_of_lists_shows_size_and_origin(admin):
    """Every list is shown with its size; untouched lists are the default."""
    page = admin.get("/lister").get_data(as_text=True)
    for name in ("departments", "roles", "paragraphs", "interventions", "authority_levels"):
        assert f'data-testid="vocabulary-{name}"' in page
    row = page.split('data-testid="vocabulary-departments"')[1].split("</tr>")[0]
    assert "Afdelinger" in row and "Standardlisten" in row
    assert f"<td>{len(get_vocabulary('departments'))}</td>" in row


def test_add_and_remove_rows_without_javascript_keep_typed_values(admin):
    """Tilføj række and Fjern re-show the table with everything typed, nothing saved."""
    page = admin.get(URL).get_data(as_text=True)
    count = len(get_vocabulary("departments"))
    assert _input(page, "rows-0-value").get("readonly") is not None
    data = _fields(page)
    data["rows-1-label"] = "Børnehandicap – ændret tekst"

    added = admin.post_form(URL, {**data, "_add": "1"}, page=URL)
    assert added.status_code == 200
    page = added.get_data(as_text=True)
    assert 'data-testid="unsaved"' in page
    assert _input(page, "rows-1-label").value == "Børnehandicap – ændret tekst"
    new_key = _input(page, f"rows-{count}-value")
    assert new_key.get("readonly") is None and new_key.get("autofocus") is not None

    data = _fields(page)
    data[f"rows-{count}-value"] = "familiehuset"
    data[f"rows-{count}-label"] = "Familiehuset"
    removed = admin.post_form(URL, {**data, "_remove": "0"}, page=URL)
    page = removed.get_data(as_text=True)
    assert _input(page, "rows-0-value").value == "boernehandicap"
    assert _input(page, "rows-0-label").value == "Børnehandicap – ændret tekst"
    assert _input(page, f"rows-{count - 1}-value").value == "familiehuset"
    assert _input(page, f"rows-{count - 1}-value").get("readonly") is None
    assert not is_customised("departments")

    saved = admin.post_form(URL, {**_fields(page), "_save": "1"}, page=URL)
    assert saved.status_code == 302
    values = [item["value"] for item in get_vocabulary("departments")]
    assert values[0] == "boernehandicap" and values[-1] == "familiehuset"
    assert "boern_familie" not in values
    assert is_customised("departments")
    assert "Kommunens egen" in admin.get("/lister").get_data(as_text=True)


def test_invalid_key_is_shown_next_to_its_field(admin):
    """A bad new key gets its message beside the input and a link in the summary."""
    page = admin.get(URL).get_data(as_text=True)
    page = admin.post_form(URL, {**_fields(page), "_add": "1"}, page=URL).get_data(as_text=True)
    data = _fields(page)
    new = len(get_vocabulary("departments"))
    data[f"rows-{new}-value"] = "Ny Afdeling!"
    data[f"rows-{new}-label"] = "Ny afdeling"
    data["rows-2-label"] = ""
    response = admin.post_form(URL, {**data, "_save": "1"}, page=URL)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    doc = lxml.html.fromstring(page)
    error = doc.get_element_by_id(f"rows-{new}-value-error").text_content()
    assert "Nøglen skal være 1–50 tegn" in error
    assert _input(page, f"rows-{new}-value").value == "Ny Afdeling!"
    assert _input(page, f"rows-{new}-label").value == "Ny afdeling"
    assert "Skriv en tekst." in doc.get_element_by_id("rows-2-label-error").text_content()
    summary = page.split('data-testid="error-summary"')[1].split("</ul>")[0]
    assert f'href="#rows-{new}-value"' in summary and 'href="#rows-2-label"' in summary
    assert not is_customised("departments")


def test_removing_a_key_in_use_is_refused_naming_the_place(admin, make_user, make_case):
    """A department chosen on a case cannot be removed; the row comes back with where."""
    definitions.publish(make_user("admin"), GOALS_V1)
    coordinator = make_user("coordinator")
    case = make_case(coordinator=coordinator, reference="SAG-4711")
    submissions.save(
        coordinator,
        form_name="test_goals",
        data={"wishes": "Ro", "department": "ppr"},
        status="draft",
        base_version=None,
        case=case,
    )
    db.session.commit()
    page = admin.get(URL).get_data(as_text=True)
    index = [item["value"] for item in get_vocabulary("departments")].index("ppr")
    page = admin.post_form(URL, {**_fields(page), "_remove": str(index)}, page=URL)
    response = admin.post_form(
        URL, {**_fields(page.get_data(as_text=True)), "_save": "1"}, page=URL
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = page.split('data-testid="error-summary"')[1].split("</ul>")[0]
    assert "»ppr« kan ikke fjernes" in summary
    assert "sag SAG-4711" in summary and "Ansvarlig afdeling" in summary
    values = [v for k, v in _fields(page).items() if k.endswith("-value")]
    assert "ppr" in values  # the row is back, next to its message
    assert "ppr" in {item["value"] for item in get_vocabulary("departments")}
    assert not is_customised("departments")


def test_reset_to_the_default_list_after_confirming(admin, make_user):
    """Gendan standardlisten shows what goes and comes back, then resets."""
    items = get_vocabulary("departments")[1:] + [{"value": "familiehuset", "label": "Familiehuset"}]
    save_vocabulary(make_user("admin"), "departments", items)
    db.session.commit()
    assert "Gendan standardlisten" in admin.get(URL).get_data(as_text=True)
    confirm = admin.get(URL + "/gendan").get_data(as_text=True)
    assert "familiehuset" in confirm.split('data-testid="reset-gone"')[1].split("</ul>")[0]
    assert "boern_familie" in confirm.split('data-testid="reset-back"')[1].split("</ul>")[0]
    response = admin.post_form(URL + "/gendan", page=URL + "/gendan")
    assert response.status_code == 302
    db.session.expire_all()
    assert not is_customised("departments")
    assert get_vocabulary("departments")[0]["value"] == "boern_familie"


def test_paragraph_notes_are_shown_and_kept(admin):
    """Paragraphs carry an editable note; other lists keep notes they have without showing."""
    page = admin.get("/lister/paragraphs").get_data(as_text=True)
    stored = get_vocabulary("paragraphs")
    with_note = next(i for i, item in enumerate(stored) if item["note"])
    assert _input(page, f"rows-{with_note}-note").value == stored[with_note]["note"]
    response = admin.post_form(
        "/lister/paragraphs", {**_fields(page, "/lister/paragraphs"), "_save": "1"}, page=URL
    )
    assert response.status_code == 302
    assert get_vocabulary("paragraphs")[with_note]["note"] == stored[with_note]["note"]


@pytest.mark.parametrize("role", ["coordinator", "controller"])
def test_only_admins_and_leaders_edit_lists(login_as, role):
    """Everyone else gets 403, for pages and for posts."""
    web = login_as(role)
    for url in ("/lister", URL, URL + "/gendan"):
        assert web.get(url).status_code == 403, url
    response = web.post_form(URL, {"rows-0-value": "x", "rows-0-label": "X"}, page="/")
    assert response.status_code == 403
    assert not is_customised("departments")
    assert web.get("/lister/unknown").status_code == 403


def test_unknown_list_is_404_for_admins(admin):
    """Only the shared lists exist."""
    assert admin.get("/lister/unknown").status_code == 404


def _testid(element, within: str, testid: str) -> list:
    """Elements with data-testid ``testid`` inside the element with data-testid ``within``."""
    return element.xpath(f'.//*[@data-testid="{within}"]//*[@data-testid="{testid}"]')


def test_unconfirmed_paragraphs_are_marked_with_their_reason(admin):
    """Administrators see which law entries are unconfirmed and why, and each one's source."""
    unconfirmed = [p for p in BY_KEY.values() if not p.confirmed]
    index = lxml.html.fromstring(admin.get("/lister").get_data(as_text=True))
    count = _testid(index, "vocabulary-paragraphs", "unconfirmed-count")
    assert count and count[0].text_content().strip() == f"Ubekræftede: {len(unconfirmed)}"
    assert not _testid(index, "vocabulary-departments", "unconfirmed-count")
    page = lxml.html.fromstring(admin.get("/lister/paragraphs").get_data(as_text=True))
    rows = page.xpath('//*[@data-testid="vocabulary-rows"]/tbody/tr')
    assert len(rows) == len(BY_KEY)
    for number, row in enumerate(rows):
        fact = BY_KEY[row.get_element_by_id(f"rows-{number}-value").value]
        assert row.xpath('.//*[@data-testid="law-source"]')[0].get("href") == fact.source
        marker = row.xpath('.//*[@data-testid="law-unconfirmed"]')
        assert bool(marker) is (not fact.confirmed), fact.key
        if marker:
            assert fact.basis in row.text_content()
        assert bool(row.xpath('.//*[@data-testid="law-retired"]')) is bool(fact.retired)

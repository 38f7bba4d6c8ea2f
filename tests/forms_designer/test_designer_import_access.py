"""Importing YAML files, and who may use the designer."""

from __future__ import annotations

import io

import pytest

from app.forms import definitions as definitions
from tests.forms.conftest import GOALS_V1, GOALS_V2
from tests.forms_designer.conftest import editor_text

IMPORT_URL = "/formularer/importer-fil"


def _upload(web, content: bytes, filename: str = "test_goals.yaml"):
    """Post a file to the import page."""
    return web.post_form(
        IMPORT_URL,
        {"file": (io.BytesIO(content), filename)},
        page=IMPORT_URL,
        content_type="multipart/form-data",
    )


def test_import_checks_the_file_then_publishes_it(admin, goals_form):
    """An imported file is checked first and shown in the editor, then published."""
    response = _upload(admin, ("\ufeff" + GOALS_V2).encode("utf-8"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "ny version af »Mål for familien«" in page.split('data-testid="check-result"')[1]
    assert editor_text(page) == GOALS_V2  # the byte-order mark is not part of the YAML
    assert "Importeret fra test_goals.yaml" in page
    assert len(definitions.versions_of("test_goals")) == 1

    response = admin.post_form(
        "/formularer/opret-ny",
        {"source": editor_text(page), "note": "Importeret fra test_goals.yaml", "_publish": "1"},
        page=IMPORT_URL,
    )
    assert response.status_code == 302
    current = definitions.current_version("test_goals")
    assert (current.version, current.source, current.note) == (
        2,
        GOALS_V2,
        "Importeret fra test_goals.yaml",
    )


def test_import_of_a_broken_file_shows_its_problems(admin):
    """A file with problems is shown with every problem and its line."""
    response = _upload(admin, GOALS_V1.replace("type: textarea", "type: txt").encode())
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Linje " in page.split('data-testid="problems"')[1]
    assert "txt" in editor_text(page)


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (GOALS_V1.encode(), "goals.txt", "skal være en YAML-fil"),
        ("name: æøå".encode("latin-1"), "goals.yaml", "kunne ikke læses som UTF-8"),
        (b"# " + b"x" * (300 * 1024), "goals.yml", "Filen er for stor"),
        (b"", "goals.yaml", "Filen er tom"),
    ],
)
def test_import_refuses_files_it_cannot_read(admin, content, filename, message):
    """Wrong type, wrong encoding, too large or empty: a clear message by the field."""
    response = _upload(admin, content, filename)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page.split('class="form-error-message"')[1]
    assert 'data-testid="error-summary"' in page


def test_import_without_a_file_asks_for_one(admin):
    """Submitting the import form with no file says so."""
    response = admin.post_form(IMPORT_URL, {}, page=IMPORT_URL)
    assert response.status_code == 422
    assert "Vælg en fil." in response.get_data(as_text=True)


DESIGNER_PAGES = [
    "/formularer",
    "/formularer/opret-ny",
    "/formularer/importer-fil",
    "/formularer/test_goals",
    "/formularer/test_goals/rediger",
    "/formularer/test_goals/version/1",
    "/formularer/test_goals/version/1.yaml",
    "/formularer/test_goals/forskel",
    "/formularer/test_goals/version/1/gaeldende",
]


@pytest.mark.parametrize("role", ["coordinator", "controller"])
def test_only_admins_and_leaders_may_adapt_forms(login_as, goals_form, role):
    """Coordinators and controllers get 403 on every page and every POST."""
    web = login_as(role)
    for url in DESIGNER_PAGES:
        assert web.get(url).status_code == 403, url
    for url in ("/formularer/test_goals/rediger", "/formularer/test_goals/version/1/gaeldende"):
        response = web.post_form(url, {"source": GOALS_V2, "_publish": "1"}, page="/")
        assert response.status_code == 403, url
    assert definitions.current_version("test_goals").version == 1
    assert "/formularer" not in web.get("/").get_data(as_text=True)


def test_leader_may_adapt_forms_and_sees_the_menu(login_as, goals_form):
    """Leaders have the designer and the lists in the main menu."""
    web = login_as("leader")
    home = web.get("/").get_data(as_text=True)
    assert 'href="/formularer"' in home and 'href="/lister"' in home
    page = web.get("/formularer")
    assert page.status_code == 200
    assert 'class="active"><a class="nav-link" href="/formularer" aria-current="page"' in (
        page.get_data(as_text=True)
    )


def test_anonymous_visitors_are_sent_to_login(client):
    """Logging in comes first."""
    response = client.get("/formularer")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_posts_without_csrf_token_are_refused(admin, goals_form):
    """Every POST needs the form's security token."""
    response = admin.post(
        "/formularer/test_goals/rediger",
        data={"source": GOALS_V2, "_publish": "1"},
        headers={"Referer": "https://localhost/formularer"},
    )
    assert response.status_code == 400
    assert definitions.current_version("test_goals").version == 1

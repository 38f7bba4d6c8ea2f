"""The form designer through the web client: edit, check, preview, publish, versions."""

from __future__ import annotations

from app.extensions import db
from app.forms import definitions as definitions
from app.models import Submission
from app.submissions import services as submissions
from tests.forms.conftest import GOALS_V1, MUNICIPAL
from tests.forms_designer.conftest import editor_text

OWN_WORDS = "      - name: own_words\n        type: textarea\n        label: Barnets egne ord\n"
EDIT_URL = "/formularer/test_goals/rediger"


def _add_own_words(source: str) -> str:
    """What the admin types: a new field before the department field."""
    return source.replace("      - name: department", OWN_WORDS + "      - name: department")


def test_admin_adds_barnets_egne_ord_and_older_submission_keeps_version_1(
    admin, goals_form, make_user, make_case
):
    """The issue's scenario: edit in the browser, publish, version 2 is current; a submission
    saved before keeps version 1, and a new one stores the new field."""
    coordinator = make_user("coordinator")
    before = submissions.save(
        coordinator,
        form_name="test_goals",
        data={"wishes": "Ro om morgenen"},
        status="draft",
        base_version=None,
        case=make_case(coordinator=coordinator),
    )
    db.session.commit()

    page = admin.get(EDIT_URL)
    assert page.status_code == 200
    typed = _add_own_words(editor_text(page.get_data(as_text=True)))
    response = admin.post_form(
        EDIT_URL,
        {"source": typed.replace("\n", "\r\n"), "note": "Barnets stemme", "_publish": "1"},
        page=EDIT_URL,
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/formularer/test_goals")

    shown = admin.get("/formularer/test_goals").get_data(as_text=True)
    assert "Version 2 af »Mål for familien« er udgivet" in shown
    row_v2 = shown.split('data-testid="version-2"')[1].split("</tr>")[0]
    assert 'data-testid="current-marker"' in row_v2 and "Barnets stemme" in row_v2
    assert 'data-testid="current-marker"' not in shown.split('data-testid="version-1"')[1]

    db.session.expire_all()
    current = definitions.current_version("test_goals")
    assert current.version == 2 and current.origin == "local"
    assert current.source == typed  # stored as typed, browser line endings made plain
    assert definitions.definition_of(current).field("own_words").label.da == "Barnets egne ord"
    assert db.session.get(Submission, before.id).definition.version == 1

    after = submissions.save(
        coordinator,
        form_name="test_goals",
        data={"wishes": "Mere leg", "own_words": "Jeg vil gerne cykle selv"},
        status="final",
        base_version=None,
        case=make_case(coordinator=coordinator),
    )
    db.session.commit()
    assert after.definition.version == 2
    assert after.data["own_words"] == "Jeg vil gerne cykle selv"


def test_check_lists_problems_with_lines_and_keeps_the_yaml_exactly(admin, goals_form):
    """Tjek reports every problem with its line; the editor shows the YAML exactly as typed."""
    typed = "# Min kommentar  \n" + GOALS_V1.replace("type: textarea", "type: txt").replace(
        "choices_from: departments", "choices_from: afdelinger"
    )
    response = admin.post_form(EDIT_URL, {"source": typed, "_check": "1"}, page=EDIT_URL)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = page.split('data-testid="problems"')[1].split("</ul>")[0]
    txt_line = typed.splitlines().index("        type: txt") + 1
    vocab_line = typed.splitlines().index("        choices_from: afdelinger") + 1
    assert f"Linje {txt_line}:" in summary and "txt" in summary
    assert f"Linje {vocab_line}:" in summary and "afdelinger" in summary
    assert 'href="#designer-source"' in summary
    assert editor_text(page) == typed
    assert len(definitions.versions_of("test_goals")) == 1


def test_yaml_syntax_error_and_publish_of_broken_yaml_store_nothing(admin, goals_form):
    """A syntax error names its line; Udgiv with problems publishes nothing."""
    typed = GOALS_V1.replace("scope: case", "scope: case\n  bad: [indent")
    response = admin.post_form(EDIT_URL, {"source": typed, "_publish": "1"}, page=EDIT_URL)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Linje " in page.split('data-testid="problems"')[1]
    assert editor_text(page) == typed
    assert len(definitions.versions_of("test_goals")) == 1


def test_check_without_problems_says_what_publishing_does(admin, goals_form):
    """A clean check names the form and the version it would become; nothing is stored."""
    response = admin.post_form(
        EDIT_URL, {"source": _add_own_words(GOALS_V1), "_check": "1"}, page=EDIT_URL
    )
    assert response.status_code == 200
    result = response.get_data(as_text=True).split('data-testid="check-result"')[1]
    assert "Ingen problemer fundet" in result and "ny version af »Mål for familien«" in result
    unchanged = admin.post_form(EDIT_URL, {"source": GOALS_V1, "_publish": "1"}, page=EDIT_URL)
    assert "intet nyt at udgive" in unchanged.get_data(as_text=True)
    assert len(definitions.versions_of("test_goals")) == 1


def test_renaming_a_form_in_its_editor_is_a_problem(admin, goals_form):
    """The editor of a form keeps its name; a new name belongs in "Opret ny formular"."""
    typed = GOALS_V1.replace("name: test_goals", "name: other_goals")
    response = admin.post_form(EDIT_URL, {"source": typed, "_publish": "1"}, page=EDIT_URL)
    assert response.status_code == 422
    assert "navnet skal forblive &#39;test_goals&#39;" in response.get_data(as_text=True)
    assert definitions.current_version("other_goals") is None


def test_preview_renders_the_fields_with_the_engine(admin, goals_form):
    """Forhåndsvis shows the labels of the typed definition and stores nothing."""
    response = admin.post_form(
        EDIT_URL, {"source": _add_own_words(GOALS_V1), "_preview": "1"}, page=EDIT_URL
    )
    assert response.status_code == 200
    preview = response.get_data(as_text=True).split('data-testid="preview"')[1]
    for label in ("Familiens ønsker", "Barnets egne ord", "Ansvarlig afdeling", "Frist"):
        assert label in preview
    assert 'name="own_words"' in preview and "<fieldset disabled>" in preview
    assert "Børn og Familie" in preview  # the department choices come from the shared list
    assert len(definitions.versions_of("test_goals")) == 1


def test_new_form_is_published_from_the_new_form_editor(admin):
    """A brand-new form name makes a new form, listed with its title and scope."""
    start = editor_text(admin.get("/formularer/opret-ny").get_data(as_text=True))
    assert "name: ny_formular" in start
    response = admin.post_form(
        "/formularer/opret-ny", {"source": MUNICIPAL, "_publish": "1"}, page="/formularer"
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/formularer/test_flow")
    listing = admin.get("/formularer").get_data(as_text=True)
    row = listing.split("<code>test_flow</code>")[0].rsplit("<tr>", 1)[1]
    assert "Sagsforløb" in row
    assert "Kommune" in listing.split("<code>test_flow</code>")[1].split("</tr>")[0]


def test_form_list_shows_built_in_forms(admin):
    """The built-in forms are listed as built-in, with their current version."""
    page = admin.get("/formularer").get_data(as_text=True)
    row = page.split("<code>sagsforloeb</code>")[1].split("</tr>")[0]
    assert "Indbygget" in row and "Kommune" in row


def test_export_returns_the_stored_yaml_as_a_download(admin, goals_form):
    """Hent YAML gives the exact stored text with a sensible file name."""
    response = admin.get("/formularer/test_goals/version/1.yaml")
    assert response.status_code == 200
    assert response.data == GOALS_V1.encode("utf-8")
    assert response.headers["Content-Disposition"] == "attachment; filename=test_goals-v1.yaml"
    assert admin.get("/formularer/test_goals/version/9.yaml").status_code == 404


def test_diff_shows_the_added_lines_with_a_plus(admin, goals_form, publish):
    """The diff marks added lines with + (not only with colour)."""
    publish(_add_own_words(GOALS_V1))
    page = admin.get("/formularer/test_goals/forskel?fra=1&til=2").get_data(as_text=True)
    diff = page.split('data-testid="diff"')[1].split("</pre>")[0]
    assert '<ins class="designer-diff-add">+      - name: own_words</ins>' in diff
    assert '<ins class="designer-diff-add">+        label: Barnets egne ord</ins>' in diff
    back = admin.get("/formularer/test_goals/forskel?fra=2&til=1").get_data(as_text=True)
    assert '<del class="designer-diff-remove">−      - name: own_words</del>' in back
    same = admin.get("/formularer/test_goals/forskel?fra=1&til=1").get_data(as_text=True)
    assert 'data-testid="no-diff"' in same


def test_make_version_1_current_again_after_confirming(admin, goals_form, publish):
    """Gør gældende asks first (showing what changes), then moves the pointer."""
    publish(_add_own_words(GOALS_V1))
    url = "/formularer/test_goals/version/1/gaeldende"
    confirm = admin.get(url).get_data(as_text=True)
    assert "Gør version 1 gældende?" in confirm
    assert "−      - name: own_words" in confirm
    assert definitions.current_version("test_goals").version == 2
    response = admin.post_form(url, page=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert definitions.current_version("test_goals").version == 1
    shown = admin.get("/formularer/test_goals").get_data(as_text=True)
    assert 'data-testid="current-marker"' in shown.split('data-testid="version-1"')[1]


def test_version_page_shows_the_yaml(admin, goals_form):
    """Each version can be read in the browser."""
    page = admin.get("/formularer/test_goals/version/1").get_data(as_text=True)
    assert "name: test_goals" in page.split('data-testid="version-source"')[1]
    assert admin.get("/formularer/unknown_form").status_code == 404


def test_too_long_note_is_refused_and_keeps_the_yaml(admin, goals_form):
    """A note over 500 characters is an error by the field; nothing is published."""
    typed = _add_own_words(GOALS_V1)
    response = admin.post_form(
        EDIT_URL, {"source": typed, "note": "x" * 501, "_publish": "1"}, page=EDIT_URL
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Noten må højst have 500 tegn." in page.split('data-testid="error-summary"')[1]
    assert editor_text(page) == typed
    assert len(definitions.versions_of("test_goals")) == 1


def test_publishing_over_someone_elses_new_version_asks_first(admin, goals_form, publish):
    """If a version was published while editing, Udgiv stops once, keeping the text."""
    page = admin.get(EDIT_URL).get_data(as_text=True)
    assert 'name="base" type="hidden" value="1"' in page
    publish(_add_own_words(GOALS_V1))  # a colleague publishes version 2 meanwhile
    mine = GOALS_V1.replace("label: Familiens ønsker", "label: Familiens egne ønsker")
    response = admin.post_form(
        EDIT_URL, {"source": mine, "base": "1", "_publish": "1"}, page=EDIT_URL
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    conflict = page.split('data-testid="conflict"')[1].split("</div>")[0]
    assert "Version 2 er nu gældende" in conflict
    assert "/formularer/test_goals/forskel?fra=1&amp;til=2" in conflict
    assert editor_text(page) == mine
    assert 'name="base" type="hidden" value="2"' in page
    assert len(definitions.versions_of("test_goals")) == 2

    again = admin.post_form(EDIT_URL, {"source": mine, "base": "2", "_publish": "1"}, page=EDIT_URL)
    assert again.status_code == 302
    assert definitions.current_version("test_goals").version == 3


def test_designer_speaks_english_on_request(admin, goals_form):
    """The designer's texts are translated."""
    admin.post_form("/sprog", {"lang": "en", "next": "/formularer"}, page="/formularer")
    page = admin.get(EDIT_URL).get_data(as_text=True)
    assert "YAML definition" in page and ">Check</button>" in page and ">Publish</button>" in page

"""Municipal templates: upload with checks and repairs, versions, revert, the CLI check."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.models import DocumentTemplate
from app.word import store
from tests.docgen.helpers import make_docx
from tests.word.helpers import open_docx, paragraphs

PAGE = "/skabeloner/beslutningskompetence"
GOOD = make_docx(
    "Vores plan: {{ title }}",
    "Enhed: {{ unit }} · gælder fra {{ valid_from|dato }}",
    table=[["{%tr for r in rows %}"], ["{{ r.vis.intervention }}"], ["{%tr endfor %}"]],
)
SPLIT = make_docx(["Plan: {{ ti", "tle }}"], "Enhed: {{ unit }}")
MRO = make_docx("{{ ''.__class__.__mro__ }}")
GLOBALS = make_docx("{{ cycler.__init__.__globals__ }}")
TYPO = make_docx("Plan: {{ titel }}")


def upload(web, data: bytes, filename: str = "skabelon.docx", page: str = PAGE):
    """Post a file to a template page, the body encoded in memory.

    (Werkzeug's test client spools large bodies to a temporary file it never closes.)
    """
    fields = {"csrf_token": web.csrf_token(page), "file": FileStorage(io.BytesIO(data), filename)}
    boundary, body = encode_multipart(fields)
    return web.post(
        page,
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers={"Referer": "https://localhost" + page},
    )


def document_texts(web, doc) -> list[str]:
    """The body paragraphs of the decision plan's Word document."""
    response = web.get(f"/dokumenter/beslutningskompetence/{doc.id}/dokument.docx")
    assert response.status_code == 200, response.status_code
    return paragraphs(open_docx(response.data))


def stored_versions() -> list[tuple[int, bool]]:
    """(version, active) of the stored templates, oldest first."""
    rows = db.session.scalars(select(DocumentTemplate).order_by(DocumentTemplate.version))
    return [(t.version, t.active) for t in rows]


def test_good_template_is_accepted_and_used(login_as, decision_doc):
    """A clean template becomes version 1 and the document is made with it."""
    web = login_as("admin")
    response = upload(web, GOOD)
    assert response.status_code == 302
    page = web.get(PAGE).get_data(as_text=True)
    assert "version 1 og bruges nu" in page and "I brug: kommunens version 1" in page
    texts = document_texts(web, decision_doc)
    assert texts[:2] == [
        "Vores plan: Beslutningskompetenceplan 2026",
        "Enhed: Børn og Familie · gælder fra 1. januar 2026",
    ]
    overview = web.get("/skabeloner").get_data(as_text=True)
    assert "Kommunens version 1" in overview


def test_split_tags_are_repaired_and_the_user_is_told(login_as, decision_doc):
    """A tag split over Word runs is merged; the stored template is the repaired one."""
    web = login_as("leader")
    response = upload(web, SPLIT)
    assert response.status_code == 302
    page = web.get(PAGE).get_data(as_text=True)
    assert "Rettet automatisk" in page
    assert document_texts(web, decision_doc)[0] == "Plan: Beslutningskompetenceplan 2026"
    stored = db.session.scalar(select(DocumentTemplate))
    assert stored.content != SPLIT


@pytest.mark.parametrize("template", [MRO, GLOBALS], ids=["mro", "globals"])
def test_templates_reaching_for_python_internals_are_refused(login_as, template):
    """Sandbox escapes are refused at upload; nothing is stored."""
    web = login_as("admin")
    response = upload(web, template)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Skabelonen er ikke taget i brug" in html and "ikke er tilladt" in html
    assert stored_versions() == []


def test_unknown_field_gets_did_you_mean_with_its_location(login_as):
    """A misspelt name is refused with a suggestion and the paragraph it is in."""
    response = upload(login_as("admin"), TYPO)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "titel" in html and "Mente du »title«" in html
    assert "afsnit 1" in html


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"not a zip at all", "skabelon.docx", "ikke et Word-dokument"),
        (GOOD, "skabelon.docm", "makroer"),
        (b"x" * (store.MAX_TEMPLATE_BYTES + 10), "stor.docx", "højst fylde 5 MB"),
    ],
    ids=["not-docx", "docm-name", "too-large"],
)
def test_files_that_are_no_plain_docx_are_refused(login_as, data, filename, message):
    """Not a zip, a macro file or too large: a clear message, nothing stored."""
    response = upload(login_as("admin"), data, filename)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored_versions() == []


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of a .docx with one more part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(name, content)
    return out.getvalue()


def test_macro_parts_are_refused_whatever_the_file_is_called(login_as):
    """A vbaProject inside a file named .docx is still a macro document."""
    response = upload(login_as("admin"), with_part(GOOD, "word/vbaProject.bin", b"\0" * 10))
    assert response.status_code == 422 and "makroer" in response.get_data(as_text=True)


def test_versions_can_be_made_active_again_and_default_restored(login_as, decision_doc):
    """Upload two versions, go back to the first, then to the built-in template."""
    web = login_as("admin")
    upload(web, GOOD)
    upload(web, SPLIT)
    assert stored_versions() == [(1, False), (2, True)]
    assert document_texts(web, decision_doc)[0] == "Plan: Beslutningskompetenceplan 2026"
    response = web.post_form(f"{PAGE}/versioner/1/aktiver", page=PAGE)
    assert response.status_code == 302
    assert stored_versions() == [(1, True), (2, False)]
    assert document_texts(web, decision_doc)[0] == "Vores plan: Beslutningskompetenceplan 2026"
    web.post_form(f"{PAGE}/standard", page=PAGE)
    assert stored_versions() == [(1, False), (2, False)]
    assert document_texts(web, decision_doc)[0] == "Beslutningskompetenceplan"  # the default
    assert web.post_form(f"{PAGE}/versioner/9/aktiver", page=PAGE).status_code == 404
    versions = web.get(f"{PAGE}/versioner/1.docx")
    assert versions.status_code == 200 and open_docx(versions.data)


def test_only_leaders_and_admins_manage_templates(login_as, make_user):
    """Coordinators and controllers get 403 on every template page."""
    for role in ("coordinator", "controller"):
        web = login_as(role)
        for url in ("/skabeloner", PAGE, f"{PAGE}/flettefelter", f"{PAGE}/standard.docx"):
            assert web.get(url).status_code == 403, (role, url)
        assert upload(web, GOOD).status_code == 403
    assert stored_versions() == []
    assert login_as("leader").get("/skabeloner/findes_ikke").status_code == 404


def test_template_menu_entry_for_leaders_only(login_as):
    """The menu shows Skabeloner to leaders and admins."""
    assert 'href="/skabeloner"' in login_as("leader").get("/").get_data(as_text=True)
    assert 'href="/skabeloner"' not in login_as("coordinator").get("/").get_data(as_text=True)


def test_default_template_download_is_the_starting_point(login_as):
    """The built-in template is offered for download, and it passes its own check."""
    response = login_as("admin").get(f"{PAGE}/standard.docx")
    assert response.status_code == 200
    assert "beslutningskompetence_standard.docx" in response.headers["Content-Disposition"]
    assert response.data == store.default_template("beslutningskompetence")


def test_a_stored_template_that_fails_with_real_data_gives_a_clear_message(
    login_as, api_as, decision_doc
):
    """A template accepted earlier that cannot render now: a message, never a 500."""
    db.session.add(
        DocumentTemplate(
            form_name="beslutningskompetence",
            version=1,
            filename="gammel.docx",
            content=make_docx("{{ title|kr }}"),
        )
    )
    db.session.commit()
    web = login_as("admin")
    url = f"/dokumenter/beslutningskompetence/{decision_doc.id}/dokument.docx"
    response = web.get(url)
    assert response.status_code == 302
    page = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kommunens skabelon (version 1) kunne ikke udfyldes" in page
    api = api_as("admin")
    answer = api.get(f"/municipal/beslutningskompetence/{decision_doc.id}/document")
    assert answer.status_code == 422 and "kunne ikke udfyldes" in answer.json["error"]


@pytest.mark.parametrize(
    ("template", "code", "expected"),
    [
        (GOOD, 0, "godkendt"),
        (SPLIT, 0, "Rettet automatisk"),
        (MRO, 1, "ikke er tilladt"),
        (GLOBALS, 1, "ikke er tilladt"),
        (TYPO, 1, "Mente du »title«"),
    ],
    ids=["good", "split", "mro", "globals", "typo"],
)
def test_cli_check_reports_like_the_upload(runner, tmp_path, template, code, expected):
    """`enindgang templates check DOCX --form NAME` prints the report; exit 1 on errors."""
    path = tmp_path / "skabelon.docx"
    path.write_bytes(template)
    result = runner.invoke(
        args=["templates", "check", str(path), "--form", "beslutningskompetence"]
    )
    assert result.exit_code == code, result.output
    assert expected in result.output


def test_cli_check_unknown_form(runner, tmp_path):
    """An unknown form name is a clear error."""
    path = tmp_path / "skabelon.docx"
    path.write_bytes(GOOD)
    result = runner.invoke(args=["templates", "check", str(path), "--form", "findes_ikke"])
    assert result.exit_code != 0 and "findes_ikke" in result.output


FAMILY_PAGE = "/skabeloner/familiens_plan"


def test_both_plans_are_listed_and_adapted_separately(login_as, family, goal_sheet):
    """/skabeloner lists "Familiens plan" and "Intern plan"; a template uploaded for the
    family's plan is used for it alone."""
    web = login_as("leader")
    listing = web.get("/skabeloner").get_data(as_text=True)
    assert listing.index("Familiens plan") < listing.index("Intern plan")
    assert 'data-testid="family-plan-hint"' in web.get(FAMILY_PAGE).get_data(as_text=True)
    own = make_docx("Vores plan for {{ sag.titel }}", "Ring til {{ sag.koordinator.telefon }}")
    assert upload(web, own, page=FAMILY_PAGE).status_code == 302
    family_doc = web.get(f"/sager/{family.id}/familiens-plan.docx")
    assert paragraphs(open_docx(family_doc.data))[:2] == [
        "Vores plan for Familien Hansen",
        "Ring til 11 22 33 44",
    ]
    internal = paragraphs(open_docx(web.get(f"/sager/{family.id}/intern-plan.docx").data))
    assert internal[0] == "Intern plan"


def test_a_family_plan_template_cannot_reach_the_money(login_as):
    """Names of the internal plan are unknown in the family's plan: the upload is refused."""
    web = login_as("leader")
    reaching = make_docx(
        "{{ finansiering.aar_total|kr }}",
        table=[["{%tr for b in beslutninger %}"], ["{{ b.efter_planen }}"], ["{%tr endfor %}"]],
    )
    response = upload(web, reaching, page=FAMILY_PAGE)
    assert response.status_code == 422
    assert store.active_template("familiens_plan") is None
    internal_default = store.default_template("faelles_plan")
    assert upload(web, internal_default, page=FAMILY_PAGE).status_code == 422

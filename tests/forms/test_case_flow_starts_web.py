"""A leader starts a new case-flow template from either built-in model, in the browser."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.formengine import form_data_from_submission
from app.forms.definitions import current_version, definition_of
from app.models import Submission
from app.municipal_documents import starts
from app.vocabularies.services import load_vocabularies

NEW = "/dokumenter/sagsforloeb/ny"


def test_documents_page_offers_both_models(login_as):
    """Leaders see one start button per model, with what each model is."""
    html = login_as("leader").get("/dokumenter").get_data(as_text=True)
    assert 'data-testid="starts-sagsforloeb"' in html
    for key, title in (
        ("een_familie_een_indgang", "Én familie – én indgang"),
        ("sammen_om_familien", "Sammen om familien"),
    ):
        assert f"{NEW}?udgangspunkt={key}" in html
        assert f"Start med {title}" in html
    assert "udgangspunkt=" not in html.split('data-testid="starts-sagsforloeb"')[0]
    coordinator = login_as("coordinator").get("/dokumenter").get_data(as_text=True)
    assert "Start med" not in coordinator


def test_new_document_from_sammen_om_familien_is_prefilled_and_saves(login_as):
    """The page holds the model's phases; saving what it shows stores a final template."""
    leader = login_as("leader")
    page = f"{NEW}?udgangspunkt=sammen_om_familien"
    html = leader.get(page).get_data(as_text=True)
    assert 'value="Sagsforløb – Sammen om familien"' in html
    assert 'value="Familiens årshjul"' in html and 'value="opfoelgning_6_uger"' in html
    assert "Dokumentet begynder med udgangspunktet »Sammen om familien«" in html
    version = current_version("sagsforloeb")
    start = starts.find_start("sagsforloeb", "sammen_om_familien")
    data, _dropped = starts.starting_data(definition_of(version), start, load_vocabularies())
    form = form_data_from_submission(definition_of(version), data)
    form.add("_version", "")
    form.add("_save_final", "1")
    form.add("csrf_token", leader.csrf_token(page))
    response = leader.post(NEW, data=form, headers={"Referer": "https://localhost" + page})
    assert response.status_code == 302, response.get_data(as_text=True)
    saved = db.session.scalar(select(Submission).where(Submission.form_name == "sagsforloeb"))
    assert saved.status == "final" and saved.title == "Sagsforløb – Sammen om familien"
    assert saved.data["model"] == "sammen_om_familien"
    assert [p["key"] for p in saved.data["phases"]] == [p["key"] for p in data["phases"]]


def test_default_start_and_refusals(login_as):
    """Without a start the form's own flow shows; an unknown start is 404, a reader 403."""
    leader = login_as("leader")
    html = leader.get(NEW).get_data(as_text=True)
    assert 'value="tvaerfaglig_udredning"' in html and "udgangspunktet" not in html
    assert leader.get(f"{NEW}?udgangspunkt=ukendt").status_code == 404
    assert login_as("coordinator").get(f"{NEW}?udgangspunkt=sammen_om_familien").status_code == 403

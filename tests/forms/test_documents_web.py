"""Municipal documents (scope municipality) in the browser."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Submission
from tests.forms.conftest import MUNICIPAL


def test_leader_creates_several_documents_prefilled_from_the_form(publish, login_as):
    """A new document starts with the form's prefilled rows; each gets its own title."""
    publish(MUNICIPAL)
    leader = login_as("leader")
    html = leader.get("/dokumenter/test_flow/ny").get_data(as_text=True)
    assert 'value="Henvendelse"' in html and 'value="Forberedelse"' in html
    for title in ("Sagsforløb 0–6 år", "Sagsforløb 7–17 år"):
        response = leader.post_form(
            "/dokumenter/test_flow/ny",
            {
                "_version": "",
                "_save_draft": "1",
                "title": title,
                "phases-0-_row": "1",
                "phases-0-name": "Henvendelse",
            },
            page="/dokumenter/test_flow/ny",
        )
        assert response.status_code == 302
    overview = leader.get("/dokumenter").get_data(as_text=True)
    assert "Sagsforløb 0–6 år" in overview and "Sagsforløb 7–17 år" in overview
    doc = db.session.scalar(select(Submission).where(Submission.title == "Sagsforløb 0–6 år"))
    page = leader.get(f"/dokumenter/test_flow/{doc.id}").get_data(as_text=True)
    assert "Sagsforløb 0–6 år" in page and "Historik" in page


def test_coordinators_read_but_do_not_edit_municipal_documents(publish, login_as, make_user):
    """Everyone reads the municipality's documents; leaders and admins change them."""
    from app.submissions import services

    publish(MUNICIPAL)
    doc = services.save(
        make_user("leader"),
        form_name="test_flow",
        data={"title": "Forløb"},
        status="draft",
        base_version=None,
    )
    db.session.commit()
    coordinator = login_as("coordinator")
    html = coordinator.get(f"/dokumenter/test_flow/{doc.id}").get_data(as_text=True)
    assert "Du kan læse, men ikke ændre denne formular." in html
    assert coordinator.get("/dokumenter/test_flow/ny").status_code == 403
    response = coordinator.post_form(
        f"/dokumenter/test_flow/{doc.id}", {"_version": "1", "title": "Ændret"}, page="/dokumenter"
    )
    assert response.status_code == 403


def test_case_forms_are_not_municipal_documents(goals_form, login_as):
    """A case-scope form cannot be opened as a municipal document."""
    leader = login_as("leader")
    assert leader.get("/dokumenter/test_goals/ny").status_code == 404
    assert leader.get("/dokumenter/test_flow/999").status_code == 404

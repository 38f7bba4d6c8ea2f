"""Both built-in case-flow templates as Word documents: every phase, its deadline and source."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.forms.definitions import current_version, definition_of
from app.municipal_documents import starts
from app.submissions import services as submissions
from app.vocabularies.services import load_vocabularies
from tests.word.helpers import headings, key_values, open_docx, table_starting

pytestmark = pytest.mark.usefixtures("plan_day")
MODELS = {
    "een_familie_een_indgang": "Én familie – én indgang",
    "sammen_om_familien": "Sammen om familien",
}


@pytest.mark.parametrize("model", sorted(MODELS))
def test_built_in_template_renders_each_phase_with_its_source(model, make_user, login_as):
    """Saved as final from its starting point, each template's Word document lists every
    phase in order, each deadline beside its source, and names the model."""
    leader = make_user("leader")
    version = current_version("sagsforloeb")
    start = starts.find_start("sagsforloeb", model)
    data, _dropped = starts.starting_data(definition_of(version), start, load_vocabularies())
    doc_row = submissions.save(
        leader, form_name="sagsforloeb", data=data, status="final", base_version=None
    )
    db.session.commit()
    response = login_as("coordinator").get(f"/dokumenter/sagsforloeb/{doc_row.id}/dokument.docx")
    assert response.status_code == 200
    doc = open_docx(response.data)
    assert key_values(doc, "Model")["Model"] == MODELS[model]
    phases = data["phases"]
    overview = table_starting(doc, "Nr.")[1:]
    assert [row[1] for row in overview] == [p["name"] for p in phases]
    for row, phase in zip(overview, phases, strict=True):
        assert row[3:5] == [phase.get("timing") or "", phase.get("timing_source") or ""]
        assert not row[3] or row[4], f"{phase['key']}: a deadline without a source"
    sources = {row[4] for row in overview}
    assert "Kommunens eget valg" in sources
    assert "Barnets lov § 81, stk. 4" in sources
    assert f"1. {phases[0]['name']}" in headings(doc, 2)
    details = [key_values(doc, "Fase-id", i) for i in range(len(phases))]
    assert [d["Fase-id"] for d in details] == [p["key"] for p in phases]
    assert all(d["Grundlag"] for d in details)


def test_sammen_om_familien_document_shows_its_cadences(make_user, login_as):
    """The model's fixed follow-up cadences appear with the model description and pages."""
    leader = make_user("leader")
    version = current_version("sagsforloeb")
    start = starts.find_start("sagsforloeb", "sammen_om_familien")
    data, _dropped = starts.starting_data(definition_of(version), start, load_vocabularies())
    saved = submissions.save(
        leader, form_name="sagsforloeb", data=data, status="final", base_version=None
    )
    db.session.commit()
    doc = open_docx(
        login_as("leader").get(f"/dokumenter/sagsforloeb/{saved.id}/dokument.docx").data
    )
    rows = {row[1]: row for row in table_starting(doc, "Nr.")[1:]}
    source = "Sammen om familien, modelbeskrivelse 2021, s. 9 og 21"
    assert rows["Opfølgning i sager med kompensation og støtte"][3:5] == ["Hver 3. måned", source]
    assert rows["Opfølgning i sager med børnefaglig undersøgelse og indsatser"][3:5] == [
        "Hver 6. uge",
        source,
    ]
    for name in ("Netværksmøder", "Familiens årshjul", "Makkerskab på komplekse sager"):
        assert name in rows

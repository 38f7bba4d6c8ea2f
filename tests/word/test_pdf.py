"""PDF copies through LibreOffice: real conversions where it is installed (always in CI), and
clear messages, never a 500, when it is missing, fails or hangs."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from app.extensions import db
from tests.tools import require_soffice


def fake_soffice(folder: Path, body: str) -> str:
    """An executable standing in for soffice."""
    path = folder / "soffice"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def assert_pdf(response, name_start: str) -> None:
    """A real PDF download with a .pdf name."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and len(response.data) > 2000
    disposition = response.headers["Content-Disposition"]
    assert f'filename="{name_start}' in disposition and '.pdf"' in disposition


@pytest.mark.libreoffice
def test_every_default_document_converts_to_pdf(
    app, family, goal_sheet, decision_doc, flow_doc, funding_lines, municipality, login_as, api_as
):
    """The plan, the goal sheet and both municipal documents, rendered with rich data."""
    app.config["ENINDGANG_SOFFICE"] = require_soffice()
    web = login_as(family.coordinator)
    case_page = web.get(f"/sager/{family.id}").get_data(as_text=True)
    assert "intern-plan.pdf" in case_page and "familiens-plan.pdf" in case_page
    assert_pdf(web.get(f"/sager/{family.id}/faelles-plan.pdf"), "intern-plan_SAG-2026-0042_")
    assert_pdf(web.get(f"/sager/{family.id}/familiens-plan.pdf"), "familiens-plan_SAG-2026-0042_")
    assert_pdf(
        web.get(f"/sager/{family.id}/formularer/smarte_maal/dokument.pdf"), "smarte-maal_SAG"
    )
    assert_pdf(web.get(f"/dokumenter/sagsforloeb/{flow_doc.id}/dokument.pdf"), "sagsforloeb_")
    api = api_as(family.coordinator)
    assert_pdf(api.get(f"/cases/{family.id}/plan.pdf"), "intern-plan_")
    assert_pdf(api.get(f"/cases/{family.id}/family-plan.pdf"), "familiens-plan_")
    assert_pdf(
        api.get(f"/municipal/beslutningskompetence/{decision_doc.id}/document?format=pdf"),
        "beslutningskompetence_",
    )


def test_a_repeated_download_of_an_unchanged_plan_skips_the_conversion(
    app, family, goal_sheet, save_form, login_as, api_as, tmp_path
):
    """The same document converts once (app/docgen/pdfcache.py): a second download, also by
    another route, gets the kept PDF; a change to the plan converts again; each download is
    still rendered after the access check and audited; PDF_CACHE_MB=0 turns it off."""
    from sqlalchemy import func, select

    from app.models import AuditEvent

    runs = tmp_path / "runs"
    # Arguments as docx_to_pdf passes them: ${10} is the output folder.
    body = f'echo run >> {runs}; printf "%%PDF-1.4 stand-in" > "${{10}}/dokument.pdf"'
    app.config["ENINDGANG_SOFFICE"] = fake_soffice(tmp_path, body)
    app.config["ENINDGANG_PDF_WARM"] = False

    def conversions() -> int:
        return len(runs.read_text().splitlines()) if runs.exists() else 0

    def exports() -> int:
        return db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "content_exported")
        )

    web = login_as(family.coordinator)
    before = exports()
    first = web.get(f"/sager/{family.id}/faelles-plan.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    assert web.get(f"/sager/{family.id}/faelles-plan.pdf").data == first.data
    assert api_as(family.coordinator).get(f"/cases/{family.id}/plan.pdf").status_code == 200
    assert conversions() == 1 and exports() == before + 3
    other = login_as("coordinator")  # may not see the case: no PDF from the cache either
    assert other.get(f"/sager/{family.id}/faelles-plan.pdf").status_code in (403, 404)

    save_form(family.coordinator, "smarte_maal", {"long_term_goal": "Nyt mål"}, case=family,
              submission=goal_sheet)  # fmt: skip
    assert web.get(f"/sager/{family.id}/faelles-plan.pdf").status_code == 200
    assert conversions() == 2

    app.config["PDF_CACHE_MB"] = 0
    app.extensions.pop("enindgang_pdf_cache", None)
    web.get(f"/sager/{family.id}/faelles-plan.pdf")
    web.get(f"/sager/{family.id}/faelles-plan.pdf")
    assert conversions() == 4


def test_failed_conversion_is_a_clear_message(app, family, goal_sheet, login_as, api_as, tmp_path):
    """LibreOffice failing: back to the page with the reason (web), 503 (API)."""
    app.config["ENINDGANG_SOFFICE"] = fake_soffice(tmp_path, "echo broken >&2; exit 1")
    web = login_as(family.coordinator)
    response = web.get(f"/sager/{family.id}/faelles-plan.pdf")
    assert response.status_code == 302
    page = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "LibreOffice kunne ikke lave en PDF af dokumentet" in page
    answer = api_as(family.coordinator).get(
        f"/cases/{family.id}/forms/smarte_maal/document?format=pdf"
    )
    assert answer.status_code == 503 and "Hent Word-udgaven" in answer.json["error"]


def test_hanging_conversion_is_stopped(app, family, api_as, tmp_path):
    """A conversion that takes too long is killed and answered with a message."""
    app.config["ENINDGANG_SOFFICE"] = fake_soffice(tmp_path, "sleep 30")
    app.config["ENINDGANG_PDF_TIMEOUT"] = 1
    started = time.monotonic()
    answer = api_as(family.coordinator).get(f"/cases/{family.id}/plan.pdf")
    assert answer.status_code == 503 and "tog for lang tid" in answer.json["error"]
    assert time.monotonic() - started < 15


def test_without_libreoffice_no_pdf_is_offered(app, family, goal_sheet, login_as, api_as, tmp_path):
    """No soffice: no PDF buttons, and asking anyway gets a clear answer."""
    app.config["ENINDGANG_SOFFICE"] = str(tmp_path / "missing" / "soffice")
    web = login_as(family.coordinator)
    assert "plan.pdf" not in web.get(f"/sager/{family.id}").get_data(as_text=True)
    form_page = web.get(f"/sager/{family.id}/formularer/smarte_maal").get_data(as_text=True)
    assert "dokument.docx" in form_page and "dokument.pdf" not in form_page
    answer = api_as(family.coordinator).get(f"/cases/{family.id}/plan.pdf")
    assert answer.status_code == 503 and "LibreOffice ikke er installeret" in answer.json["error"]


def _require_network_namespaces() -> None:
    """The documented offline converter needs unprivileged network namespaces (unshare)."""
    import subprocess

    from tests.tools import missing

    unshare = "/usr/bin/unshare"
    probe = subprocess.run([unshare, "--net", "--map-current-user", "true"], capture_output=True)
    if probe.returncode != 0:
        missing(f"unshare --net not permitted here: {probe.stderr.decode()[:200]}")


@pytest.mark.libreoffice
def test_the_documented_offline_converter_makes_pdfs_and_has_no_network(
    app, family, login_as, tmp_path
):
    """README's recipe: ENINDGANG_SOFFICE points at a wrapper that starts LibreOffice in an
    empty network namespace. The plan converts through it; a connection from inside the
    same wrapper, to a server listening on this host, fails."""
    import socket
    import subprocess
    import sys

    _require_network_namespaces()
    wrapper = fake_soffice(
        tmp_path, f'exec /usr/bin/unshare --net --map-current-user {require_soffice()} "$@"'
    )
    app.config["ENINDGANG_SOFFICE"] = wrapper
    web = login_as(family.coordinator)
    assert_pdf(web.get(f"/sager/{family.id}/faelles-plan.pdf"), "intern-plan_SAG-2026-0042_")

    listening = socket.create_server(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    try:
        probe = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)"
        outside = subprocess.run([sys.executable, "-c", probe], capture_output=True)
        inside = subprocess.run(
            ["/usr/bin/unshare", "--net", "--map-current-user", sys.executable, "-c", probe],
            capture_output=True,
        )
    finally:
        listening.close()
    assert outside.returncode == 0
    assert inside.returncode != 0 and b"unreachable" in inside.stderr.lower()

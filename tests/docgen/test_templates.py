"""The generated default templates: reproducible, accepted by the lint, render rich data."""

from __future__ import annotations

import io
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest

from app.docgen.lint import lint_template
from app.docgen.render import ImageSpec, render_docx
from tests.docgen.helpers import ROOT, load_builder, open_docx, png_bytes
from tests.tools import require_soffice

builder = load_builder()
document_bytes = builder.document_bytes  # scripts/docx_building.py, build-time only
TEMPLATE_DIR = ROOT / "doc_templates"


def rich_context() -> dict:
    """The example's sample data plus a logo, hostile text and a third goal."""
    context = builder.eksempel_sample()
    context["kommune"]["logo"] = ImageSpec(png_bytes(), width_mm=30)
    context["sag"]["bemaerkning"] = "Brug <b>ikke</b> {{ 7*7 }} & {% if %} 😀"
    context["maal"].append(
        {
            "omraade": "Familie og netværk",
            "titel": "Netværksmøde",
            "maalbart": "1 møde",
            "frist": "2027-09-15",
            "status": "Nået",
            "ansvarlig": "Familiekoordinator",
            "delmaal": [{"tekst": "Invitationer sendt"}],
        }
    )
    return context


@pytest.mark.parametrize("name", sorted(builder.TEMPLATES))
def test_shipped_template_matches_builder(name: str) -> None:
    """doc_templates/ holds exactly what the builder makes (rerun the script after changes)."""
    built = document_bytes(builder.TEMPLATES[name].build())
    assert built == document_bytes(builder.TEMPLATES[name].build()), "builder not reproducible"
    shipped = (TEMPLATE_DIR / f"{name}.docx").read_bytes()
    # Compare unpacked entries: another zlib may compress the same bytes differently.
    assert zip_entries(shipped) == zip_entries(built), "run: python scripts/build_doc_templates.py"


def zip_entries(data: bytes) -> dict[str, bytes]:
    """Name -> uncompressed content of every entry of a .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("name", sorted(builder.TEMPLATES))
def test_shipped_template_passes_lint(name: str) -> None:
    """Every default template is accepted by the same check municipal uploads get."""
    spec = builder.TEMPLATES[name]
    report = lint_template(
        (TEMPLATE_DIR / f"{name}.docx").read_bytes(),
        known_names=spec.known_names,
        sample_context=spec.sample_context(),
    )
    assert report.ok and not report.warnings and not report.repairs, str(report)


def test_example_renders_every_value_in_place() -> None:
    """Rich data: each value is found in the paragraph or table cell meant for it."""
    out = render_docx((TEMPLATE_DIR / "_eksempel.docx").read_bytes(), rich_context())
    doc = open_docx(out)
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == [
        "Eksempel på dokumentskabelon",
        "Dato: 23. november 2026   ·   Sagsnr.: SAG-2026-0042",
    ]
    assert "Emma vil gerne i skole hver dag.\nForældrene ønsker ro om aftenen." in texts
    assert "Bemærkning: Brug <b>ikke</b> {{ 7*7 }} & {% if %} 😀" in texts
    goal_headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert goal_headings == [
        "Familiens ønsker",
        "Mål 1: Emma går i skole",
        "Mål 2: Ro om aftenen",
        "Mål 3: Netværksmøde",
    ]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Morgenrutine på plads", "Fast kontaktperson", "Invitationer sendt"]
    assert "Frist: 1. juni 2027 · Ansvarlig: " in texts  # None renders empty
    facts, goals, funding = ([[c.text for c in r.cells] for r in t.rows] for t in doc.tables)
    assert facts == [
        ["Sag", "Familien Jensen"],
        ["Familie", "Mor, far, Emma (9 år) og Noah (4 år)"],
        ["Timer pr. uge", "7,5"],
        ["Kan påklages", "Ja"],
    ]
    assert goals == [
        ["Område", "Mål", "Frist", "Status"],
        ["Barnets udvikling", "Emma går i skole", "01.03.2027", "I gang"],
        ["Forældrekompetencer", "Ro om aftenen", "01.06.2027", "Ikke startet"],
        ["Familie og netværk", "Netværksmøde", "15.09.2027", "Nået"],
    ]
    assert funding == [
        ["Indsats", "Beløb pr. år", "Andel"],
        ["Familiebehandling", "120.000,00 kr.", "60 %"],
        ["Mentor", "80.000,50 kr.", "40 %"],
        ["I alt", "200.000,50 kr.", ""],
    ]
    header = doc.sections[0].header.tables[0].rows[0].cells
    assert header[0].paragraphs[0]._p.xpath(".//pic:pic"), "logo missing"
    assert [p.text for p in header[1].paragraphs] == [
        "Eksempel Kommune",
        "Børn og Familie",
        "Rådhuspladsen 1, 1234 Eksempelby",
    ]
    footer = [p.text for p in doc.sections[0].footer.paragraphs]
    assert footer[0] == "Eksempel Kommune · Tlf. 12 34 56 78 · boern@eksempel.dk"
    assert footer[1].startswith("Side ")
    footer_xml = doc.sections[0].footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml


def test_municipal_document_without_case_or_logo() -> None:
    """Without a case reference and logo the letterhead leaves no stray labels."""
    context = builder.eksempel_sample()
    context["sag"]["reference"] = None
    doc = open_docx(render_docx((TEMPLATE_DIR / "_eksempel.docx").read_bytes(), context))
    assert doc.paragraphs[1].text == "Dato: 23. november 2026"


def test_builder_script_writes_and_checks(tmp_path: Path) -> None:
    """The script's main() writes every template and reports them accepted."""
    assert builder.main(["--out", str(tmp_path)]) == 0
    assert sorted(p.stem for p in tmp_path.glob("*.docx")) == sorted(builder.TEMPLATES)


@pytest.mark.libreoffice
def test_libreoffice_converts_rendered_example_to_pdf(tmp_path: Path) -> None:
    """LibreOffice opens the rendered document and exports a PDF."""
    soffice = require_soffice()
    docx = tmp_path / "eksempel.docx"
    docx.write_bytes(render_docx((TEMPLATE_DIR / "_eksempel.docx").read_bytes(), rich_context()))
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "eksempel.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")

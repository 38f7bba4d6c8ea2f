"""lint_template: located syntax errors, repairs, unknown names, refusals, test render."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.docgen.lint import LintReport, lint_template, merge_known_names, repair_template
from app.docgen.render import render_docx
from tests.docgen.helpers import body_texts, make_docx, open_docx, to_bytes

KNOWN = {
    "navn": None,
    "sag": {"reference": None, "titel": None, "status": None},
    "goals": [{"title": None, "deadline": None, "subgoals": [{"text": None}]}],
}
SAMPLE = {
    "navn": "Emma",
    "sag": {"reference": "S-1", "titel": "Familien", "status": "aktiv"},
    "goals": [{"title": "Skole", "deadline": "2027-03-01", "subgoals": [{"text": "Morgen"}]}],
}


def lint(template: bytes) -> LintReport:
    """Lint against the test names and sample data."""
    return lint_template(template, known_names=KNOWN, sample_context=SAMPLE)


def codes(problems: list) -> list[str]:
    """The codes of a list of problems."""
    return [p.code for p in problems]


def test_clean_template_is_ok() -> None:
    """A correct template passes without repairs."""
    report = lint(
        make_docx(
            "Sag {{ sag.reference }}: {{ sag.titel }}",
            "{%p for g in goals %}",
            "{{ loop.index }}. {{ g.title }} ({{ g.deadline|dato }})",
            "{%p for s in g.subgoals %}",
            "– {{ s.text }}",
            "{%p endfor %}",
            "{%p endfor %}",
            table=[["{%tr for g in goals %}"], ["{{ g.title }}"], ["{%tr endfor %}"]],
        )
    )
    assert report.ok, str(report)
    assert (report.errors, report.warnings, report.repairs) == ([], [], [])
    assert report.repaired_template is None
    assert str(report) == "Skabelonen er godkendt."


def test_syntax_error_located_by_paragraph_number_and_text() -> None:
    """The error names the paragraph number and shows its text."""
    report = lint(make_docx("Indledning", "Kære {{ navn }}", "Mål: {{ sag.titel | }}"))
    assert not report.ok
    assert codes(report.errors) == ["syntax"]
    assert report.errors[0].location == "afsnit 3 »Mål: {{ sag.titel | }}«"


def test_syntax_error_located_in_table_cell() -> None:
    """Inside a table the location is table, row and cell."""
    report = lint(make_docx("Før", table=[["Mål", "Status"], ["{{ navn }}", "{% if %}"]]))
    assert [(p.code, p.location) for p in report.errors] == [
        ("syntax", "tabel 1, række 2, celle 2 »{% if %}«")
    ]


def test_unclosed_block_points_at_its_opening_tag() -> None:
    """A for without endfor is reported where the for is, not at the end of the document."""
    report = lint(make_docx("a", "{% for g in goals %}", "{{ g.title }}", "slut"))
    assert report.errors[0].location == "afsnit 2 »{% for g in goals %}«"
    assert "{% endfor %}" in report.errors[0].message


def test_stray_end_tag() -> None:
    """An endif without if is reported at the endif."""
    report = lint(make_docx("a", "b {% endif %}"))
    assert report.errors[0].location.startswith("afsnit 2")
    assert "ingen åben blok" in report.errors[0].message


def test_tag_not_closed_in_its_paragraph() -> None:
    """A tag must begin and end in one paragraph."""
    report = lint(make_docx("{{ sag.titel", "}}"))
    assert codes(report.errors) == ["unclosed-tag"]
    assert report.errors[0].location == "afsnit 1 »{{ sag.titel«"


def test_split_runs_are_merged_and_reported() -> None:
    """A tag spread over differently formatted runs is merged into the first run."""
    template = make_docx(["Kære {", "{ na", "vn }}", " og ", "{{ sag.", "titel }}"])
    report = lint(template)
    assert report.ok, str(report)
    assert len(report.repairs) == 2
    assert report.repairs[0].location == "afsnit 1 »Kære {{ navn }} og {{ sag.titel }}«"
    assert "delt over 3 tekststykker" in report.repairs[0].message
    fixed = open_docx(report.repaired_template).paragraphs[0]
    assert [r.text for r in fixed.runs] == ["Kære {{ navn }}", " og ", "{{ sag.titel }}"]
    assert [r.bold for r in fixed.runs] == [False, True, False]  # a tag keeps its first look
    assert body_texts(render_docx(report.repaired_template, SAMPLE))[0] == "Kære Emma og Familien"


def test_split_runs_with_proofing_marks_between() -> None:
    """Word's spelling marks and bookmarks between the runs do not stop the repair."""
    doc = Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("{{ sag.ref")
    paragraph._p.append(_element("w:proofErr", **{"w:type": "spellStart"}))
    paragraph._p.append(_element("w:bookmarkStart", **{"w:id": "0", "w:name": "_GoBack"}))
    paragraph.add_run("erence }}").italic = True
    new_bytes, repairs = repair_template(to_bytes(doc))
    assert len(repairs) == 1 and repairs[0].startswith("afsnit 1")
    fixed = open_docx(new_bytes).paragraphs[0]
    assert [r.text for r in fixed.runs] == ["{{ sag.reference }}"]
    assert not fixed._p.xpath(".//w:proofErr") and fixed._p.xpath(".//w:bookmarkStart")


def test_split_over_a_tab_cannot_be_repaired() -> None:
    """A tag that contains a tab (or image, field) is an error the user must fix."""
    doc = Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("{{ sag.")
    paragraph.add_run().add_tab()
    paragraph.add_run("titel }}")
    report = lint(to_bytes(doc))
    assert "split-tag" in codes(report.errors)


def test_curly_quotes_in_tags_are_straightened() -> None:
    """Word's AutoFormat quotes (including Danish „…“ and »…«) become straight quotes."""
    template = make_docx(
        "{% if sag.status == „aktiv“ %}Aktiv{% endif %}",
        "{{ navn|default(»ukendt«) }} – “tekst uden for tags” står urørt",
    )
    report = lint(template)
    assert report.ok, str(report)
    assert codes(report.repairs) == ["repaired", "repaired"]
    texts = body_texts(report.repaired_template)
    assert texts == [
        '{% if sag.status == "aktiv" %}Aktiv{% endif %}',
        '{{ navn|default("ukendt") }} – “tekst uden for tags” står urørt',
    ]
    assert body_texts(render_docx(report.repaired_template, SAMPLE))[:2] == [
        "Aktiv",
        "Emma – “tekst uden for tags” står urørt",
    ]


def test_unknown_names_get_did_you_mean() -> None:
    """Unknown names are errors with the closest known name suggested."""
    report = lint(
        make_docx(
            "{{ sag.refrence }}",
            "{{ nav }}",
            "{% for g in goals %}{{ g.titel }}{% for s in g.subgoals %}{{ s.txt }}{% endfor %}"
            "{% endfor %}",
            "{{ goals.title }}",
        )
    )
    messages = [(p.location.split(" »")[0], p.message) for p in report.errors]
    assert ("afsnit 1", "Ukendt flettefelt »sag.refrence«. Mente du »sag.reference«?") in messages
    assert ("afsnit 2", "Ukendt flettefelt »nav«. Mente du »navn«?") in messages
    assert any("»g.titel«" in m and "»g.title«" in m for _, m in messages)
    assert any("»s.txt«" in m and "»s.text«" in m for _, m in messages)
    assert any("»goals« er en liste" in m for _, m in messages)


def test_set_with_and_loop_names_are_known() -> None:
    """Names the template defines itself are not reported."""
    report = lint(
        make_docx(
            "{% set antal = goals|length %}{{ antal }}",
            "{% for g in goals %}{{ loop.index }}/{{ loop.length }} {{ g.title|upper }}{% endfor %}",
            "{% with t = sag.titel %}{{ t }}{% endwith %}",
            "{{ range(3)|join(',') }}",
        )
    )
    assert report.ok, str(report)


@pytest.mark.parametrize(
    ("tag", "what"),
    [
        ("{{ ''.__class__.__mro__ }}", "__mro__"),
        ("{{ cycler.__init__.__globals__ }}", "__globals__"),
        ("{{ navn|attr('__class__') }}", "attr"),
        ("{{ joiner() }}", "joiner"),
        ("{{ lipsum() }}", "lipsum"),
        ("{% set ns = namespace(a=1) %}", "namespace"),
        ("{{ self }}", "self"),
        ("{{ config.SECRET_KEY }}", "config"),
        ("{{ request.environ }}", "request"),
        ("{{ goals|map(attribute='__class__')|list }}", "__class__"),
        ("{{ '{0.__class__}'.format(navn) }}", "{0.__class__}"),
        ("{{ navn['__doc__'] }}", "__doc__"),
        ("{% include 'x.docx' %}", "andre skabeloner"),
        ("{% for _x in goals %}{% endfor %}", "_x"),
    ],
)
def test_python_internals_are_refused_statically(tag: str, what: str) -> None:
    """The AST check refuses every way of reaching for internals, with a Danish message."""
    report = lint(make_docx("Hej", tag))
    forbidden = [p for p in report.errors if p.code == "forbidden"]
    assert forbidden, str(report)
    assert forbidden[0].location.startswith("afsnit 2")
    assert f"»{what}«" in forbidden[0].message
    assert not report.ok


def test_internals_hidden_in_word_fields_are_found() -> None:
    """docxtpl renders the whole XML, so tags hidden in a field code are checked too."""
    doc = Document()
    paragraph = doc.add_paragraph("Synlig tekst")
    run = paragraph.add_run()
    instr = _element("w:instrText")
    instr.text = "{{ navn.__class__ }}"
    run._r.append(instr)
    report = lint(to_bytes(doc))
    assert codes(report.errors) == ["forbidden"]
    assert report.errors[0].location.startswith("dokumentet, i Word-koden")


def test_document_properties_are_checked() -> None:
    """docxtpl also renders the title and subject; they are linted like the text."""
    doc = Document()
    doc.add_paragraph("x")
    doc.core_properties.title = "{{ cycler.__init__.__globals__ }}"
    report = lint(to_bytes(doc))
    assert [(p.code, p.location) for p in report.errors] == [
        ("forbidden", "dokumentegenskaben »titel«")
    ]


def test_header_and_footer_locations() -> None:
    """Problems in the header or footer say so."""
    report = lint(make_docx("x", header=["{{ kommune.navn }}"], footer=["ok", "{{ sag.nr }}"]))
    assert [p.location for p in report.errors] == [
        "sidehoved 1, afsnit 1 »{{ kommune.navn }}«",
        "sidefod 1, afsnit 2 »{{ sag.nr }}«",
    ]


def test_docxtpl_tags_in_wrong_place() -> None:
    """{%tr%} outside a table is an error; text beside {%p%} is a warning (it disappears)."""
    report = lint(
        make_docx(
            "{%tr for g in goals %}", "{%tr endfor %}", "Tekst {%p if navn %}", "{%p endif %}"
        )
    )
    assert codes(report.errors) == ["docx-tag", "docx-tag"]
    assert [p.location for p in report.warnings] == ["afsnit 3 »Tekst {%p if navn %}«"]


def test_stray_closing_braces_warn() -> None:
    """A tag missing its first brace is shown as text; the lint warns about it."""
    report = lint(make_docx("Kære { navn }}"))
    assert report.ok
    assert [(p.code, p.location) for p in report.warnings] == [
        ("stray-close", "afsnit 1 »Kære { navn }}«")
    ]


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part larger than the limit once unpacked is refused before parsing."""
    monkeypatch.setattr("app.docgen.docxparts.MAX_PART_BYTES", 1000)
    report = lint(make_docx("x" * 2000))
    assert codes(report.errors) == ["invalid-file"]
    assert "for stor" in report.errors[0].message


def test_failing_test_render_is_not_ok() -> None:
    """Statically fine, but the sample data breaks a filter: the template is refused."""
    report = lint(make_docx("Titel", "Beløb: {{ sag.titel|kr }}"))
    assert codes(report.errors) == ["render"]
    assert "kr: »Familien« er ikke et tal" in report.errors[0].message
    assert "Beløb: {{ sag.titel|kr }}" in report.errors[0].location


def test_unknown_filter_did_you_mean() -> None:
    """A misspelt filter is found statically."""
    report = lint(make_docx("{{ sag.titel|datto }}"))
    assert report.errors[0].code == "unknown-filter"
    assert "Mente du »dato«" in report.errors[0].message


def test_not_a_docx() -> None:
    """A file that is not a .docx is refused with one clear error."""
    report = lint(b"hello")
    assert codes(report.errors) == ["invalid-file"]


def test_report_text_lists_everything() -> None:
    """The CLI text has sections for errors, warnings and repairs."""
    report = lint(make_docx(["{{ na", "vn }}"], "{{ ukendt }}", "x {%p if navn %}", "{%p endif %}"))
    text = str(report)
    assert text.startswith("Skabelonen er afvist: 1 fejl.")
    for section in ("Fejl:", "Advarsler:", "Rettet automatisk:", "Ukendt flettefelt »ukendt«"):
        assert section in text


def test_merge_known_names_is_deep() -> None:
    """Letterhead names and form names combine per object."""
    merged = merge_known_names({"sag": {"reference": None}}, {"sag": {"titel": None}, "x": None})
    assert merged == {"sag": {"reference": None, "titel": None}, "x": None}


def _element(tag: str, **attrs: str):  # noqa: ANN202 - an lxml element
    """An OOXML element with attributes."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


def test_repaired_template_bytes_reopen() -> None:
    """Repair writes a valid package that python-docx and docxtpl accept."""
    new_bytes, _ = repair_template(make_docx(["{{ sag.", "titel }}"]))
    assert Document(io.BytesIO(new_bytes)).paragraphs[0].text == "{{ sag.titel }}"

"""render_docx: values land in the right place, hostile text stays text, the sandbox holds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.docgen.render import (
    ImageSpec,
    TemplateRenderError,
    TemplateSecurityError,
    context_sanitize,
    render_docx,
)
from app.text import clean_text
from tests.docgen.helpers import body_texts, make_docx, open_docx, part_xml, png_bytes, table_texts

HOSTILE = [
    "{{ 7*7 }}",
    "{% if %}",
    "{%p endfor %}",
    "<w:p>",
    "</w:t></w:r></w:p><w:p><w:r><w:t>",
    "&",
    "&amp; &lt;",
    "<b>fed</b>",
    "\"quoted\" and 'single'",
    "{_{ x }_} {_% y %_}",
    "emoji 😀👨‍👩‍👧 æøå ÆØÅ",
    "]]><!--",
]


def test_values_land_in_paragraphs_and_cells() -> None:
    """Each value appears in its own paragraph or table cell."""
    template = make_docx(
        "Navn: {{ navn }}",
        "Dato: {{ d|dato }} · Beløb: {{ beloeb|kr }}",
        table=[
            ["Mål", "Frist"],
            ["{%tr for g in goals %}", ""],
            ["{{ g.titel }}", "{{ g.frist|kort_dato }}"],
            ["{%tr endfor %}", ""],
        ],
    )
    out = render_docx(
        template,
        {
            "navn": "Emma",
            "d": date(2026, 11, 23),
            "beloeb": 1234.5,
            "goals": [
                {"titel": "Skole", "frist": date(2027, 3, 1)},
                {"titel": "Ro", "frist": "2027-06-01"},
            ],
        },
    )
    assert body_texts(out)[:2] == ["Navn: Emma", "Dato: 23. november 2026 · Beløb: 1.234,50 kr."]
    assert table_texts(out) == [["Mål", "Frist"], ["Skole", "01.03.2027"], ["Ro", "01.06.2027"]]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_appears_literally(value: str) -> None:
    """Template syntax and XML in user text are data: printed as typed, file stays valid."""
    template = make_docx("Før {{ v }} efter", table=[["{{ v }}"]])
    out = render_docx(template, {"v": value})
    assert body_texts(out)[0] == f"Før {value} efter"
    assert table_texts(out) == [[value]]


def test_control_characters_are_dropped_but_tabs_and_newlines_kept() -> None:
    """XML-illegal controls vanish; \\t becomes a tab and \\n a line break."""
    out = render_docx(make_docx("{{ v }}"), {"v": "a\x01b\x0bc\x00d\x1fe\tf\r\ng\x07h\x0ci"})
    assert body_texts(out)[0] == "abcde\tf\nghi"
    xml = part_xml(out)
    assert "<w:tab/>" in xml and "<w:br/>" in xml


def test_multiline_text_becomes_line_breaks_in_one_paragraph() -> None:
    """Lines typed by a coordinator stay in one paragraph, separated by <w:br/>."""
    out = render_docx(make_docx("Ønsker: {{ v }}"), {"v": "Linje 1\nLinje 2\n\nLinje 4"})
    texts = body_texts(out)
    assert texts[0] == "Ønsker: Linje 1\nLinje 2\n\nLinje 4"
    assert part_xml(out).count("<w:br/>") == 3


def test_very_long_text() -> None:
    """A long text renders whole."""
    value = "Lang tekst med æøå. " * 5000
    out = render_docx(make_docx("{{ v }}"), {"v": value})
    assert body_texts(out)[0] == value


def test_none_and_missing_render_empty() -> None:
    """None, missing names and missing attributes render as nothing, never 'None'."""
    out = render_docx(
        make_docx("[{{ a }}][{{ b.c }}][{{ missing }}][{{ missing.x.y }}][{{ a|kr }}]"),
        {"a": None, "b": {"c": None}},
    )
    assert body_texts(out)[0] == "[][][][][]"


def test_headers_and_footers_render_with_logo() -> None:
    """The letterhead in the header renders, including an image from ImageSpec."""
    template = make_docx(
        "Brev", header=["{{ kommune.logo }}", "{{ kommune.navn }}"], footer=["Sagsnr. {{ sag }}"]
    )
    out = render_docx(
        template,
        {
            "kommune": {"navn": "Eksempel Kommune", "logo": ImageSpec(png_bytes(), width_mm=30)},
            "sag": "S-1",
        },
    )
    doc = open_docx(out)
    header = doc.sections[0].header
    assert [p.text for p in header.paragraphs] == ["", "Eksempel Kommune"]
    assert header.paragraphs[0]._p.xpath(".//pic:pic")
    assert doc.sections[0].footer.paragraphs[0].text == "Sagsnr. S-1"


def test_invalid_image_is_a_render_error() -> None:
    """Bytes that are not an image give a Danish error, not a broken document."""
    with pytest.raises(TemplateRenderError, match="ikke et gyldigt billede"):
        render_docx(make_docx("{{ logo }}"), {"logo": ImageSpec(b"not an image")})


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ foo|attr('__class__') }}",
        "{{ navn['__class__'] }}",
        "{{ navn.__class__.__base__.__subclasses__() }}",
        "{{ goals|map(attribute='__class__')|list }}",
        "{{ '{0.__class__}'.format(navn) }}",
        "{{ 'x' * 10000000 }}",
        "{% for i in range(10000000) %}{% endfor %}",
    ],
)
def test_sandbox_refuses_internals_at_render(tag: str) -> None:
    """Even without the lint, rendering refuses templates that reach for internals."""
    with pytest.raises(TemplateSecurityError, match="ikke er tilladt|over grænsen"):
        render_docx(make_docx("x", tag), {"navn": "n", "goals": [1]})


def test_removed_globals_are_not_callable() -> None:
    """cycler, joiner, lipsum and namespace are not available to templates."""
    for name in ("cycler", "joiner", "lipsum", "namespace"):
        with pytest.raises(TemplateRenderError):
            render_docx(make_docx(f"{{{{ {name}() }}}}"), {})


def test_syntax_error_is_located() -> None:
    """A syntax error names the paragraph text it is in."""
    with pytest.raises(TemplateRenderError) as info:
        render_docx(make_docx("fint", "Her: {{ navn | }}"), {"navn": "x"})
    assert "Syntaksfejl" in info.value.message
    assert info.value.location == "dokumentet, ved teksten »Her: {{ navn | }}«"


def test_filter_error_names_filter() -> None:
    """A filter used on the wrong field fails with the filter's Danish message."""
    with pytest.raises(TemplateRenderError, match="kr: »tekst« er ikke et tal"):
        render_docx(make_docx("{{ v|kr }}"), {"v": "tekst"})


def test_not_a_docx() -> None:
    """Random bytes are reported as not a Word document."""
    with pytest.raises(TemplateRenderError, match="ikke et gyldigt Word-dokument"):
        render_docx(b"PK\x03\x04 not really", {})


def test_context_sanitize_cleans_nested_strings_and_keeps_types() -> None:
    """Strings at any depth are cleaned; dates, numbers and None are left for the filters."""
    day = date(2026, 1, 2)
    ctx = {"a\x01": ["x\x02", ("y\x0b", 3)], "d": day, "n": None, "f": 1.5, "s": {"k": "\x1f"}}
    assert context_sanitize(ctx) == {
        "a": ["x", ("y", 3)],
        "d": day,
        "n": None,
        "f": 1.5,
        "s": {"k": ""},
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_renders_literally(value: str) -> None:
    """Whatever a user types comes out as typed (minus XML-illegal characters)."""
    out = render_docx(TEMPLATE_ONE_FIELD, {"v": value})
    expected = clean_text(value, unify_newlines=True).replace("\x07", "").replace("\x0c", "")
    assert "\n".join(p.text for p in open_docx(out).paragraphs)[2:-2] == expected


TEMPLATE_ONE_FIELD = make_docx("[[{{ v }}]]")

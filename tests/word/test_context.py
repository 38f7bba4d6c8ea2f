"""The Word context of a form: raw values for filters, display text, names for the lint."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.docgen import lint_template
from app.formengine import DEFAULT_VOCABULARIES, load_definition, load_file
from app.word.context import form_context, known_names
from app.word.filenames import ascii_slug, content_disposition, download_names, utf8_slug
from app.word.samples import sample_context
from tests.docgen.helpers import ROOT, make_docx

FORM = load_definition(
    """
name: proeve
title: Prøve
scope: case
sections:
  - name: main
    title: Alt
    fields:
      - {name: day, type: date, label: Dag}
      - {name: amount, type: money, label: Beløb}
      - {name: share, type: percent, label: Andel}
      - {name: count, type: integer, label: Antal}
      - {name: ok, type: boolean, label: Ok}
      - {name: dept, type: select, label: Afdeling, choices_from: departments}
      - {name: dato, type: text, label: Et felt med et fast navn}
      - name: goals
        type: repeat
        label: Mål
        fields:
          - {name: title, type: text, label: Mål}
          - {name: level, type: scale, label: Niveau}
          - name: subgoals
            type: repeat
            label: Delmål
            fields:
              - {name: text, type: text, label: Delmål}
              - {name: due, type: date, label: Frist}
""",
    "proeve",
)
DATA = {
    "day": "2026-11-23",
    "amount": 1234.5,
    "share": 12.5,
    "count": 3,
    "ok": False,
    "dept": "ppr",
    "dato": "mit eget felt",
    "goals": [
        {"title": "Skole", "level": 7, "subgoals": [{"text": "Rutine", "due": "2027-01-15"}]}
    ],
}


def context() -> dict:
    """The proof form's context with plain case and document parts."""
    return form_context(
        FORM,
        DATA,
        vocabularies=DEFAULT_VOCABULARIES,
        people=[],
        kommune={"navn": "K"},
        sag={"reference": "S-1"},
        dokument={"titel": "T"},
        today=date(2026, 11, 23),
    )


def test_raw_values_have_types_the_filters_understand():
    """Dates are dates, amounts Decimals, yes/no booleans, choices their keys."""
    ctx = context()
    assert ctx["day"] == date(2026, 11, 23)
    assert ctx["amount"] == Decimal("1234.5") and isinstance(ctx["amount"], Decimal)
    assert ctx["share"] == Decimal("12.5") and ctx["count"] == 3 and ctx["ok"] is False
    assert ctx["dept"] == "ppr"
    assert ctx["goals"][0]["subgoals"][0]["due"] == date(2027, 1, 15)


def test_display_values_are_danish_text():
    """vis.<field> is what people read; rows carry their own vis."""
    shown = context()["vis"]
    assert shown["day"] == "23. november 2026" and shown["amount"] == "1.234,50 kr."
    assert shown["share"] == "12,5 %" and shown["ok"] == "Nej"
    assert shown["dept"] == "PPR (Pædagogisk Psykologisk Rådgivning)"
    goal = context()["goals"][0]
    assert goal["vis"]["level"] == "7 / 10"
    assert goal["subgoals"][0]["vis"]["due"] == "15. januar 2027"
    assert shown["goals"][0]["subgoals"][0]["text"] == "Rutine"


def test_a_field_named_like_a_fixed_part_is_in_felter():
    """`dato` stays today's date; the form's field called dato is felter.dato."""
    ctx = context()
    assert ctx["dato"] == date(2026, 11, 23) and ctx["felter"]["dato"] == "mit eget felt"
    assert ctx["etiketter"]["goals"]["subgoals"]["due"] == "Frist"
    assert ctx["etiketter"]["goals"]["etiket"] == "Mål"


def test_known_names_give_did_you_mean_for_unknown_fields():
    """The lint knows every field, nested column and fixed part; a typo gets a suggestion."""
    names = known_names(FORM)
    good = make_docx(
        "{{ sag.koordinator.navn }} {{ amount|kr }} {{ vis.dept }} {{ felter.dato }}",
        table=[
            ["{%tr for g in goals %}"],
            ["{{ g.vis.level }} {% for s in g.subgoals %}{{ s.due|dato }}{% endfor %}"],
            ["{%tr endfor %}"],
        ],
    )
    sample = sample_context(FORM, DEFAULT_VOCABULARIES)
    report = lint_template(good, known_names=names, sample_context=sample)
    assert report.ok, str(report)
    typo = make_docx("{{ amuont|kr }}", "{% for g in goals %}{{ g.titel }}{% endfor %}")
    report = lint_template(typo, known_names=names, sample_context=sample)
    messages = " ".join(str(p) for p in report.errors)
    assert "Mente du »amount«" in messages and "Mente du »g.title«" in messages


def test_every_builtin_form_has_a_sample_that_renders_its_default_template():
    """Each built-in form's default template passes the upload check with generated data."""
    from app.word import store

    for path in sorted((ROOT / "forms").glob("*.yaml")):
        definition = load_file(path)
        report = lint_template(
            store.default_template(definition.name),
            known_names=known_names(definition),
            sample_context=sample_context(definition, DEFAULT_VOCABULARIES),
        )
        assert report.ok and not report.warnings, f"{path.name}: {report}"


@pytest.mark.parametrize(
    ("text", "ascii_name", "utf8_name"),
    [
        ("SAG-2026-0042", "SAG-2026-0042", "SAG-2026-0042"),
        ("Sagsforløb 0–6 år", "Sagsforloeb-0-6-aar", "Sagsforløb-0–6-år"),
        ("../../etc/passwd", "etc-passwd", "etc-passwd"),
        ('a\\b:c*d?"e<f>g|h\x00i', "a-b-c-d-e-f-g-h-i", "a-b-c-d-e-f-g-h-i"),
        ("..", "", ""),
        ("Ærø 😀 Café", "Aeroe-Cafe", "Ærø-😀-Café"),
    ],
)
def test_slugs_are_safe(text, ascii_name, utf8_name):
    """No path characters, no control characters, no leading dots; Danish letters spelt out."""
    assert ascii_slug(text) == ascii_name
    assert utf8_slug(text) == utf8_name


def test_download_names_and_header():
    """Both spellings in Content-Disposition; an empty label still gives a name."""
    ascii_name, utf8_name = download_names("faelles-plan", "Sag/Ærø", date(2026, 11, 23), "docx")
    assert ascii_name == "faelles-plan_Sag-Aeroe_2026-11-23.docx"
    assert utf8_name == "faelles-plan_Sag-Ærø_2026-11-23.docx"
    assert content_disposition(ascii_name, utf8_name) == (
        'attachment; filename="faelles-plan_Sag-Aeroe_2026-11-23.docx"; '
        "filename*=UTF-8''faelles-plan_Sag-%C3%86r%C3%B8_2026-11-23.docx"
    )
    assert download_names("smarte_maal", "..", date(2026, 1, 2), "pdf")[0] == (
        "smarte-maal_uden-navn_2026-01-02.pdf"
    )


def test_every_builtin_form_and_the_plan_has_its_own_default_template():
    """No built-in form falls back to the generic template; the builder makes them all."""
    from app.word import store
    from tests.docgen.helpers import load_builder

    builder = load_builder()
    names = [load_file(path).name for path in sorted((ROOT / "forms").glob("*.yaml"))]
    for name in [*names, "faelles_plan"]:
        assert store.has_own_default(name), name
        assert name in builder.TEMPLATES, name
    assert not store.has_own_default("findes_ikke")
    assert store.default_template("findes_ikke") == store.default_template("formular")

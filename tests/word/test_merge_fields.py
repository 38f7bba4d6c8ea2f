"""The Flettefelter page: every variable and loop, with examples and copyable snippets."""

from __future__ import annotations

import html


def page(web, name: str) -> str:
    """The Flettefelter page of a form, unescaped."""
    response = web.get(f"/skabeloner/{name}/flettefelter")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_goal_sheet_fields_loops_and_examples(login_as):
    """Fields, the goals loop with its nested loops, display alternatives and examples."""
    text = page(login_as("leader"), "smarte_maal")
    for snippet in (
        "{{ sag.reference }}",
        "{{ sag.koordinator.telefon }}",
        "{%tr for k in sag.kerneteam %}",
        "{{ child_wishes }}",
        "{{ vis.how_heard }}",
        "{%tr for g in goals %}",
        "{{ g.title }}",
        "{{ g.deadline|dato }}",
        "{{ g.vis.responsible }}",
        "{%p for s in g.subgoals %}",
        "{{ s.text }}",
        "{%p for a in g.agreements %}",
        "{{ a.by_when|dato }}",
        "{%tr endfor %}",
        "{{ dato|dato }}",
        "{{ dokument.gemt|dato }}",
    ):
        assert snippet in text, snippet
    assert "T – Tidsbestemt, frist" in text and "23. november 2026" in text
    assert "SAG-2026-0042" in text and "(billede)" in text
    assert "/skabeloner/smarte_maal/standard.docx" in text


def test_municipal_form_page_has_no_case_names(login_as):
    """A municipal document has no case: the Sagen group is left out."""
    text = page(login_as("admin"), "sagsforloeb")
    assert "{%tr for p in phases %}" in text and "{{ p.vis.responsible_role }}" in text
    assert "Henvendelse" in text  # the models' first phase is the example
    assert "{{ sag.koordinator.navn }}" not in text


def test_joint_plan_page_lists_goals_decisions_funding_and_dates(login_as):
    """The plan's own names: goal sheet under maal, decisions, funding, follow-ups."""
    text = page(login_as("leader"), "faelles_plan")
    for snippet in (
        "{%tr for g in maal.goals %}",
        "{{ g.vis.status }}",
        "{%tr for b in beslutninger %}",
        "{{ b.aarlig_udgift|kr }}",
        "{{ b.efter_planen }}",
        "{%p for a in b.andele %}",
        "{{ finansiering.aar_total|kr }}",
        "{%tr for a in finansiering.afdelinger %}",
        "{%tr for o in opfoelgning %}",
        "{{ naeste_opfoelgning.dato|dato }}",
    ):
        assert snippet in text, snippet
    assert "Hvem må bevilge efter beslutningskompetenceplanen" in text


def test_templates_overview_lists_every_form_and_the_plan(login_as):
    """The overview has the plan and each built-in form, with the template in use."""
    text = page(login_as("admin"), "faelles_plan")  # warm the forms
    overview = login_as("admin").get("/skabeloner").get_data(as_text=True)
    for name in ("faelles_plan", "smarte_maal", "sagsforloeb", "beslutningskompetence"):
        assert f"/skabeloner/{name}/flettefelter" in overview
    assert overview.count("Standardskabelonen") >= 4 and text


def test_page_in_english_describes_in_english_and_keeps_the_danish_names(login_as):
    """Descriptions, group titles and the form's labels follow the UI; names are code."""
    web = login_as("leader")
    web.post_form("/sprog", {"lang": "en", "next": "/"}, page="/")
    text = page(web, "smarte_maal")
    assert "{{ sag.koordinator.telefon }}" in text and "{{ g.deadline|dato }}" in text
    for english in (
        "The family coordinator's phone",
        "The municipality",
        "The form's fields",
        "T – Time-bound, deadline",
        "(picture)",
        "rows in the example",
    ):
        assert english in text, english
    for danish in ("Familiekoordinatorens telefon", "T – Tidsbestemt, frist", "(billede)"):
        assert danish not in text, danish


def test_family_plan_page_has_the_family_names_and_no_internal_ones(login_as):
    """The family's plan's own Flettefelter: goals, team and dates; no decisions, no money."""
    text = page(login_as("leader"), "familiens_plan")
    for snippet in ("{%tr for g in maal.goals %}", "{{ sag.koordinator.telefon }}"):
        assert snippet in text, snippet
    assert "{{ naeste_opfoelgning.hvad }}" in text
    for internal in ("beslutninger", "finansiering", "Beslutninger og bevillinger"):
        assert internal not in text, internal

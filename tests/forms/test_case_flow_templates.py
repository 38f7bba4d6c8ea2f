"""The two built-in case-flow templates: they load, check, and every deadline has a source.

Én familie – én indgang is the form's default (forms/sagsforloeb.yaml); Sammen om familien is
a starting point (forms/starts/). Deadlines come only from Barnets lov or a model description,
each naming it; anything else is labelled "Kommunens eget valg" (docs/domain/law.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.formengine import DEFAULT_VOCABULARIES, builtin_forms_dir, load_file
from app.forms.definitions import current_version, definition_of
from app.municipal_documents import starts
from app.submissions import services as submissions

ROOT = Path(__file__).resolve().parents[2]
LAW_NOTES = (ROOT / "docs" / "domain" / "law.md").read_text(encoding="utf-8")
LOCAL = "Kommunens eget valg"
SOF = "Sammen om familien, modelbeskrivelse 2021, s. 9 og 21"
# A source names a paragraph of Barnets lov or a model description with its page.
SOURCE = re.compile(
    r"^Barnets lov §§? \d+|^(Én familie – én indgang|Sammen om familien), "
    r"modelbeskrivelse (2019|2021|2022), s\. \d+"
)
# Deadlines the reading found presented as the models' though neither models nor law give them.
INVENTED = ("samme uge", "inden 2 uger", "inden 4 uger", "hurtigst muligt efter planen")


def _flows() -> dict[str, list[dict]]:
    """Each built-in starting point's phases, fitted to the built-in form (no database)."""
    definition = load_file(builtin_forms_dir() / "sagsforloeb.yaml")
    flows = {}
    for start in starts.starting_points("sagsforloeb"):
        data, dropped = starts.starting_data(definition, start, DEFAULT_VOCABULARIES)
        assert dropped == [], (start.key, dropped)
        flows[start.key] = data["phases"]
    return flows


FLOWS = _flows()


def test_both_models_are_built_in():
    """The case-flow form offers exactly the two models as starting points."""
    assert list(FLOWS) == ["een_familie_een_indgang", "sammen_om_familien"]
    titles = [s.title.da for s in starts.starting_points("sagsforloeb")]
    assert titles == ["Én familie – én indgang", "Sammen om familien"]
    assert starts.starting_points("smarte_maal") == []


@pytest.mark.parametrize("model", sorted(FLOWS))
def test_every_deadline_names_its_source_or_is_marked_local(model):
    """A timing without a source, or with a source that is neither law, model nor the local
    label, fails here; so does a source without a timing."""
    for phase in FLOWS[model]:
        timing, source = phase.get("timing") or "", phase.get("timing_source") or ""
        if not timing:
            assert not source, (model, phase["key"])
            continue
        assert source == LOCAL or SOURCE.match(source), (model, phase["key"], source)
        assert not any(bad in timing.lower() for bad in INVENTED), (model, phase["key"])


@pytest.mark.parametrize("model", sorted(FLOWS))
def test_every_cadence_in_weeks_or_months_is_the_laws_or_the_models(model):
    """'hver 6. uge' and 'hver 3. måned' are Sammen om familien's; no local cadence wears them."""
    for phase in FLOWS[model]:
        if re.search(r"hver \d+\. (uge|måned)", phase.get("timing") or "", re.IGNORECASE):
            assert phase["timing_source"] == SOF, phase["key"]
            assert model == "sammen_om_familien"


@pytest.mark.parametrize("model", sorted(FLOWS))
def test_phase_ids_are_stable_keys(model):
    """Every phase has a unique lower-case id that cases can refer to."""
    keys = [p["key"] for p in FLOWS[model]]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys)
    assert len(keys) == len(set(keys))


def test_law_steps_are_pinned_to_their_paragraphs():
    """Screening (§ 18), afdækning (§ 19) and family guidance within 3 months (§ 81, stk. 4)
    are steps in both models; the child assessment's 4 months is § 20, stk. 3."""
    for model, phases in FLOWS.items():
        by_key = {p["key"]: p for p in phases}
        assert by_key["screening"]["law"] == ["bl_18"], model
        assert "§ 19" in by_key["screening"]["activities"], model
        guidance = by_key["familievejledning"]
        assert guidance["law"] == ["bl_81"]
        assert guidance["timing_source"] == "Barnets lov § 81, stk. 4"
        assert "3 måneder" in guidance["timing"]
        assert by_key["barnets_plan"]["timing_source"].startswith("Barnets lov § 91, stk. 1")
        assert by_key["overgang_voksenliv"]["timing_source"] == "Barnets lov § 123, stk. 3"
    assessment = {p["key"]: p for p in FLOWS["een_familie_een_indgang"]}["tvaerfaglig_udredning"]
    assert assessment["law"] == ["bl_19", "bl_20"]
    assert assessment["timing_source"] == "Barnets lov § 20, stk. 3"
    assert "4 måneder" in assessment["timing"]
    vocabulary = {i.value: i.label for i in DEFAULT_VOCABULARIES["paragraphs"]}
    assert vocabulary["bl_18"].startswith("Barnets lov § 18 ")
    assert vocabulary["bl_19"].startswith("Barnets lov § 19 ")


def test_sammen_om_familien_cadences_are_pinned_to_the_model():
    """Every 3 months with compensation and support only, every 6 weeks with a child
    assessment and measures: SOF-2021 p. 9 and 21, as docs/domain/law.md records them."""
    phases = {p["key"]: p for p in FLOWS["sammen_om_familien"]}
    three = phases["opfoelgning_3_maaneder"]
    six = phases["opfoelgning_6_uger"]
    assert (three["timing"], three["timing_source"]) == ("Hver 3. måned", SOF)
    assert (six["timing"], six["timing_source"]) == ("Hver 6. uge", SOF)
    assert set(three["law"]) == {"bl_86", "bl_87_88", "bl_90"}
    assert {"bl_20", "bl_32"} <= set(six["law"])
    assert "Sammen om familien, 3 months" in LAW_NOTES
    assert "Sammen om familien, 6 weeks" in LAW_NOTES
    assert LAW_NOTES.count("[SOF-2021, p. 9 and 21]") >= 2
    for key in ("makkerskab", "netvaerksmoeder", "aarshjul", "opstartssamtale"):
        assert phases[key]["basis"].startswith("Sammen om familien, modelbeskrivelse 2021, s.")
    assert "primær" in phases["opstartssamtale"]["activities"]


def test_every_law_source_is_in_the_law_notes():
    """Each paragraph a deadline cites is one docs/domain/law.md describes."""
    cited = {
        re.match(r"Barnets lov (§§? [\d–]+)", p["timing_source"]).group(1)
        for phases in FLOWS.values()
        for p in phases
        if (p.get("timing_source") or "").startswith("Barnets lov")
    }
    assert cited == {"§ 81", "§ 20", "§ 91", "§ 95", "§ 123"}
    for paragraph in ("§ 18", "§ 19", "§ 20", "§ 81", "§ 91", "§ 95", "§§ 122–123"):
        assert f"BL {paragraph}" in LAW_NOTES or f"**BL {paragraph}" in LAW_NOTES, paragraph


@pytest.mark.parametrize("model", sorted(FLOWS))
def test_both_templates_pass_the_form_checks_as_final(app, model):
    """Each starting point, with a title, validates as a final document of the installed form."""
    version = current_version("sagsforloeb")
    start = starts.find_start("sagsforloeb", model)
    data, dropped = starts.starting_data(definition_of(version), start, DEFAULT_VOCABULARIES)
    assert dropped == []
    result = submissions.validate(version, data, final=True, case=None)
    assert result.ok, result.errors
    assert data["model"] == model


def _errors(index: int, *, final: bool = True, **changes: str) -> dict[str, list[str]]:
    """The errors of the default template (titled) with phase `index` changed."""
    version = current_version("sagsforloeb")
    data = submissions.new_form_data(version) | {"title": "Forløb"}
    data["phases"][index] = dict(data["phases"][index], **changes)
    return submissions.validate(version, data, final=final, case=None).errors


def test_a_final_template_refuses_a_deadline_without_a_source(app):
    """The source is required once a timing is written; a draft may leave it for later."""
    assert _errors(0, timing="Samme uge", timing_source="") == {
        "phases[0].timing_source": [
            "Skriv, hvor fristen kommer fra – en paragraf, en modelbeskrivelse eller "
            "»Kommunens eget valg«."
        ]
    }
    assert _errors(0, final=False, timing="Samme uge", timing_source="") == {}
    assert _errors(0, timing="Samme uge", timing_source=LOCAL) == {}


def test_a_phase_id_must_be_a_key(app):
    """An id with capitals or spaces is refused with the form's own words."""
    assert _errors(1, final=False, key="Min fase") == {
        "phases[1].key": ["Brug små bogstaver (a–z), tal og _, og begynd med et bogstav."]
    }


def test_two_phases_cannot_share_an_id_in_a_final_template(app):
    """Cases will point at a phase by its id, so a final template has each id once."""
    assert _errors(2, key="screening") == {
        "phases[2].key": [
            "»Fase-id« skal være forskellig i hver række; række 2 har allerede »screening«."
        ]
    }
    assert _errors(2, final=False, key="screening") == {}

"""Shared vocabularies: defaults, municipal lists, and refusing to remove keys in use."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.submissions import services as submissions
from app.vocabularies import services as vocabularies


def test_defaults_come_from_the_models_and_barnets_lov(app):
    """The built-in lists are there, paragraphs with Barnets lov and the old SEL number."""
    all_lists = vocabularies.load_vocabularies()
    assert set(all_lists) >= {
        "departments",
        "roles",
        "paragraphs",
        "interventions",
        "authority_levels",
    }
    labels = [i["label"] for i in all_lists["paragraphs"]]
    assert any("Barnets lov § 86" in label and "SEL § 41" in label for label in labels)


def test_municipality_replaces_a_list(app, make_user):
    """A saved list replaces the default and is audited."""
    admin = make_user("admin")
    items = [
        {"value": "familie", "label": "Familieafdelingen"},
        {"value": "skole", "label": "Skoleafdelingen", "label_en": "Schools"},
    ]
    vocabularies.save_vocabulary(admin, "departments", items)
    db.session.commit()
    assert [i["value"] for i in vocabularies.get_vocabulary("departments")] == ["familie", "skole"]
    assert vocabularies.is_customised("departments")
    vocabularies.reset_vocabulary(admin, "departments")
    db.session.commit()
    assert not vocabularies.is_customised("departments")


@pytest.mark.parametrize(
    ("items", "path"),
    [
        ([], "items"),
        ([{"value": "Ugyldig Nøgle", "label": "x"}], "items[0].value"),
        ([{"value": "a", "label": "A"}, {"value": "a", "label": "B"}], "items[1].value"),
        ([{"value": "a", "label": "  "}], "items[0].label"),
        (["not a dict"], "items[0]"),
    ],
)
def test_bad_lists_are_refused_by_row(app, make_user, items, path):
    """Every problem names its row."""
    with pytest.raises(vocabularies.VocabularyError) as caught:
        vocabularies.save_vocabulary(make_user("admin"), "departments", items)
    assert path in caught.value.errors


def test_removing_a_key_in_use_is_refused_with_where(goals_form, make_case, make_user):
    """A department chosen on a case cannot disappear from the list."""
    case = make_case(reference="BRUG-1")
    submissions.save(
        case.coordinator,
        form_name="test_goals",
        case=case,
        data={"department": "ppr"},
        status="draft",
        base_version=None,
    )
    db.session.commit()
    keep = [i for i in vocabularies.get_vocabulary("departments") if i["value"] != "ppr"]
    with pytest.raises(vocabularies.VocabularyError) as caught:
        vocabularies.save_vocabulary(make_user("admin"), "departments", keep)
    message = " ".join(caught.value.errors["removed.ppr"])
    assert "sag BRUG-1" in message and "Ansvarlig afdeling" in message
    # Renaming (same key, new label) is always allowed.
    renamed = [
        dict(i, label="PPR – ny tekst") if i["value"] == "ppr" else i
        for i in vocabularies.get_vocabulary("departments")
    ]
    vocabularies.save_vocabulary(make_user("admin"), "departments", renamed)

"""Saving filled forms: drafts and finals, locking, revisions, restore, upgrade."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.submissions import services as submissions
from tests.forms.conftest import GOALS_V2, MUNICIPAL


def _save(user, case, data, status="draft", base=None):
    """Save the test_goals form on a case and commit."""
    saved = submissions.save(
        user, form_name="test_goals", case=case, data=data, status=status, base_version=base
    )
    db.session.commit()
    return saved


def test_draft_may_be_incomplete_final_may_not(goals_form, make_case):
    """Required fields are only enforced when finalising."""
    case = make_case()
    draft = _save(case.coordinator, case, {"goals": [{"title": ""}]})
    assert (draft.status, draft.version) == ("draft", 1)
    with pytest.raises(submissions.SubmissionInvalid) as caught:
        _save(case.coordinator, case, {"goals": [{"title": ""}]}, "final", base=1)
    assert set(caught.value.errors) == {"wishes", "goals[0].title"}
    db.session.rollback()
    final = _save(
        case.coordinator,
        case,
        {"wishes": "Ro i hverdagen", "goals": [{"title": "Sove hele natten"}]},
        "final",
        1,
    )
    assert (final.status, final.version) == ("final", 2)


def test_saving_from_an_old_version_is_a_conflict(goals_form, make_case):
    """Optimistic locking: the second writer is told, nothing is overwritten."""
    case = make_case()
    _save(case.coordinator, case, {"wishes": "Første"})
    _save(case.coordinator, case, {"wishes": "Anden"}, base=1)
    with pytest.raises(submissions.ConflictError) as caught:
        _save(case.coordinator, case, {"wishes": "Tredje"}, base=1)
    assert caught.value.current.data["wishes"] == "Anden"
    with pytest.raises(submissions.ConflictError):
        _save(case.coordinator, case, {"wishes": "Ny"}, base=None)


def test_every_save_keeps_a_revision_and_restore_brings_one_back(goals_form, make_case):
    """Restoring makes an old revision the newest one, as a draft."""
    case = make_case()
    _save(case.coordinator, case, {"wishes": "Første"})
    current = _save(case.coordinator, case, {"wishes": "Anden"}, base=1)
    assert [r.version for r in current.revisions] == [2, 1]
    restored = submissions.restore(case.coordinator, current, 1, base_version=2)
    db.session.commit()
    assert (restored.version, restored.data["wishes"]) == (3, "Første")
    assert restored.revisions[0].note == "Gendannet fra version 1"


def test_submission_keeps_its_definition_version_and_upgrades_on_request(
    goals_form, publish, make_case
):
    """A newer form does not change saved data until the user updates it."""
    case = make_case()
    saved = _save(case.coordinator, case, {"wishes": "Ønske", "goals": [{"title": "Mål"}]})
    publish(
        GOALS_V2.replace(
            "      - name: department\n        type: select\n"
            "        label: Ansvarlig afdeling\n"
            "        choices_from: departments\n",
            "",
        )
    )
    assert saved.definition.version == 1
    newest, kept, dropped = submissions.upgrade_preview(saved)
    assert newest.version == 2 and kept["wishes"] == "Ønske" and dropped == []
    saved.data = {**saved.data, "department": "ppr"}
    db.session.commit()
    newest, kept, dropped = submissions.upgrade_preview(saved)
    assert dropped == ["department"]
    assert submissions.upgrade(case.coordinator, saved, base_version=1) == ["department"]
    db.session.commit()
    assert saved.definition.version == 2 and "department" not in saved.data


def test_municipal_documents_take_their_title_and_start_prefilled(publish, make_user):
    """Several municipal documents of one form, each titled from its data."""
    version = publish(MUNICIPAL)
    assert [p["name"] for p in submissions.new_form_data(version)["phases"]] == [
        "Henvendelse",
        "Forberedelse",
    ]
    leader = make_user("leader")
    for title in ("Sagsforløb 0–6 år", "Sagsforløb 7–17 år"):
        submissions.save(
            leader, form_name="test_flow", data={"title": title}, status="draft", base_version=None
        )
    db.session.commit()
    assert sorted(s.title for s in submissions.municipal_submissions("test_flow")) == [
        "Sagsforløb 0–6 år",
        "Sagsforløb 7–17 år",
    ]


def test_unknown_status_is_refused(goals_form, make_case):
    """Only draft and final exist."""
    case = make_case()
    with pytest.raises(submissions.SubmissionInvalid):
        _save(case.coordinator, case, {}, status="done")

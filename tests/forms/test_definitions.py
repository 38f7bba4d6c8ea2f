"""The definition registry: publishing versions, the current version, revert, diff."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.forms import definitions as definitions
from tests.forms.conftest import GOALS_V1, GOALS_V2


def test_publish_creates_numbered_immutable_versions(publish, make_user):
    """Each publish adds a version and makes it current; identical YAML adds nothing."""
    first = publish(GOALS_V1)
    second = publish(GOALS_V2)
    again = publish(GOALS_V2)
    assert (first.version, second.version, again.id) == (1, 2, second.id)
    assert definitions.current_version("test_goals").id == second.id
    assert [v.version for v in definitions.versions_of("test_goals")] == [2, 1]
    assert definitions.definition_of(first).field("own_words") is None
    assert definitions.definition_of(second).field("own_words") is not None


def test_make_older_version_current_again(publish, make_user):
    """Reverting moves the pointer; no version is changed or removed."""
    publish(GOALS_V1)
    publish(GOALS_V2)
    definitions.make_current(make_user("admin"), "test_goals", 1)
    db.session.commit()
    assert definitions.current_version("test_goals").version == 1
    assert len(definitions.versions_of("test_goals")) == 2


def test_diff_of_two_versions(publish):
    """The diff shows the added field."""
    first, second = publish(GOALS_V1), publish(GOALS_V2)
    diff = "\n".join(definitions.diff_versions(first, second))
    assert "+      - name: own_words" in diff
    assert "test_goals version 1" in diff and "test_goals version 2" in diff


def test_broken_yaml_is_refused_with_every_problem(app, make_user):
    """Publishing never stores a broken definition."""
    with pytest.raises(definitions.PublishError) as caught:
        definitions.publish(make_user("admin"), GOALS_V1.replace("type: textarea", "type: txt"))
    assert any("txt" in str(p) for p in caught.value.problems)
    assert definitions.current_version("test_goals") is None


def test_scope_and_name_cannot_change_under_saved_submissions(publish, make_user):
    """A form keeps its scope; the designer's edit keeps its name."""
    publish(GOALS_V1)
    admin = make_user("admin")
    with pytest.raises(definitions.PublishError, match="scope"):
        definitions.publish(admin, GOALS_V1.replace("scope: case", "scope: municipality"))
    with pytest.raises(definitions.PublishError, match="name"):
        definitions.publish(
            admin, GOALS_V1.replace("name: test_goals", "name: other"), expected_name="test_goals"
        )


def test_builtin_forms_sync_once_and_yield_to_local_versions(app, tmp_path, make_user):
    """Built-in YAML is stored as a version; a local version then takes its place, and an
    updated built-in file does not push the local version aside."""
    (tmp_path / "test_goals.yaml").write_text(GOALS_V1, encoding="utf-8")
    definitions._builtin_sources.cache_clear()
    try:
        assert definitions.sync_builtin_forms(tmp_path) == 1
        assert definitions.sync_builtin_forms(tmp_path) == 0
        builtin = definitions.get_version("test_goals", 1)
        assert builtin.origin == "builtin"
        local = definitions.publish(make_user("admin"), GOALS_V2)
        db.session.commit()
        (tmp_path / "test_goals.yaml").write_text(GOALS_V1 + "\n# updated\n", encoding="utf-8")
        definitions._builtin_sources.cache_clear()
        assert definitions.sync_builtin_forms(tmp_path) == 1
        db.session.expire_all()
        assert definitions.current_version("test_goals").id == local.id
    finally:
        definitions._builtin_sources.cache_clear()

"""Filling a case's form in the browser: drafts, finals, rows, conflicts, history, upgrade."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Submission
from tests.forms.conftest import GOALS_V1, GOALS_V2

FORM = "/sager/{case}/formularer/test_goals"


def _page(web, case):
    """GET the form page and return its HTML."""
    response = web.get(FORM.format(case=case.id))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def _post(web, case, data, **extra):
    """POST the form page with a CSRF token from it."""
    return web.post_form(
        FORM.format(case=case.id), {**data, **extra}, page=FORM.format(case=case.id)
    )


def _stored(case):
    """The case's stored submission."""
    db.session.expire_all()
    return db.session.scalar(select(Submission).where(Submission.case_id == case.id))


def test_case_page_lists_case_forms(goals_form, login_as, make_case):
    """The case page links to each case form with its status."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert "Mål for familien" in html and "Ikke påbegyndt" in html
    assert FORM.format(case=case.id) in html


def test_save_draft_then_final(goals_form, login_as, make_case):
    """A draft saves with empty required fields; final needs them and says which."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    assert "Familiens ønsker" in _page(web, case)
    response = _post(
        web,
        case,
        {
            "_version": "",
            "_save_draft": "1",
            "wishes": "",
            "goals-0-_row": "1",
            "goals-0-title": "Sove",
        },
    )
    assert response.status_code == 302
    assert _stored(case).data["goals"] == [{"title": "Sove", "deadline": None}]
    response = _post(
        web,
        case,
        {
            "_version": "1",
            "_save_final": "1",
            "wishes": "",
            "goals-0-_row": "1",
            "goals-0-title": "Sove bedre",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Feltet skal udfyldes." in html and 'href="#wishes"' in html
    assert 'value="Sove bedre"' in html  # nothing typed is lost
    # Issue 13: the failed final save kept the text as the draft (version 2), and the page
    # goes on from that version.
    stored = _stored(case)
    assert (stored.status, stored.version) == ("draft", 2)
    assert stored.data["goals"][0]["title"] == "Sove bedre"
    assert 'name="_version" value="2"' in html and 'data-testid="kept-draft"' in html
    response = _post(
        web,
        case,
        {
            "_version": "2",
            "_save_final": "1",
            "wishes": "Ro om aftenen",
            "goals-0-_row": "1",
            "goals-0-title": "Sove bedre",
        },
    )
    assert response.status_code == 302
    stored = _stored(case)
    assert (stored.status, stored.version, stored.data["wishes"]) == ("final", 3, "Ro om aftenen")


def test_rows_are_added_and_removed_without_javascript(goals_form, login_as, make_case):
    """The add and remove buttons re-render with every typed value and save nothing."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    typed = {
        "_version": "",
        "wishes": "Skrevet, ikke gemt",
        "goals-0-_row": "1",
        "goals-0-title": "Første",
    }
    html = _post(web, case, typed, _add__goals="1").get_data(as_text=True)
    assert 'name="goals-1-title"' in html and "Skrevet, ikke gemt" in html
    html = _post(
        web, case, {**typed, "goals-1-_row": "1", "goals-1-title": "Anden"}, _remove__goals__0="1"
    ).get_data(as_text=True)
    assert 'value="Anden"' in html and 'value="Første"' not in html
    assert _stored(case) is None


def test_conflict_shows_both_versions_and_keeps_my_text(goals_form, login_as, make_user, make_case):
    """Two people edit from version 1; the second sees the first's save and their own text."""
    first = login_as("coordinator")
    second = login_as(make_user("coordinator"))
    case = make_case(coordinator=first.user, team=[second.user])
    _post(first, case, {"_version": "", "_save_draft": "1", "wishes": "Start"})
    _post(first, case, {"_version": "1", "_save_draft": "1", "wishes": "Førstes tekst"})
    response = _post(
        second,
        case,
        {"_version": "1", "_save_draft": "1", "wishes": "Andens lange tekst\nmed to linjer"},
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Nogen har gemt formularen" in html
    theirs = html.split('data-testid="conflict-theirs"')[1].split("</details>")[0]
    mine = html.split('data-testid="conflict-mine"')[1].split("</details>")[0]
    assert "Førstes tekst" in theirs and "Andens lange tekst\nmed to linjer" in mine
    assert 'name="_version" value="2"' in html  # saving again now overwrites deliberately
    assert _stored(case).data["wishes"] == "Førstes tekst"


def test_history_and_restore(goals_form, login_as, make_case):
    """Every save is a version; an old one can be viewed and restored."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    _post(web, case, {"_version": "", "_save_draft": "1", "wishes": "Version et"})
    _post(web, case, {"_version": "1", "_save_draft": "1", "wishes": "Version to"})
    history = web.get(FORM.format(case=case.id) + "/historik").get_data(as_text=True)
    assert history.count("<tr>") >= 3
    old = web.get(FORM.format(case=case.id) + "/historik/1").get_data(as_text=True)
    assert "Version et" in old
    response = web.post_form(
        FORM.format(case=case.id) + "/historik/1/gendan",
        {"_version": "2"},
        page=FORM.format(case=case.id) + "/historik",
    )
    assert response.status_code == 302
    stored = _stored(case)
    assert (stored.version, stored.data["wishes"]) == (3, "Version et")


def test_admin_adds_field_in_new_version_and_old_submission_keeps_its_version(
    publish, login_as, make_case, make_user
):
    """The issue's scenario: a new field after publishing; older submissions still open."""
    publish(GOALS_V1)
    web = login_as("coordinator")
    old_case = make_case(coordinator=web.user)
    _post(web, old_case, {"_version": "", "_save_draft": "1", "wishes": "Før ændringen"})
    publish(GOALS_V2)
    new_case = make_case(coordinator=web.user)
    assert "Barnets egne ord" in _page(web, new_case)
    response = _post(
        web,
        new_case,
        {
            "_version": "",
            "_save_draft": "1",
            "wishes": "x",
            "own_words": "Jeg vil gerne sove hjemme",
        },
    )
    assert response.status_code == 302
    assert _stored(new_case).data["own_words"] == "Jeg vil gerne sove hjemme"
    assert _stored(new_case).definition.version == 2
    html = _page(web, old_case)
    assert "Barnets egne ord" not in html and "Før ændringen" in html
    assert "Der findes en nyere version af formularen" in html
    preview = web.get(FORM.format(case=old_case.id) + "/opdater").get_data(as_text=True)
    assert "Alle udfyldte oplysninger kommer med." in preview
    web.post_form(
        FORM.format(case=old_case.id) + "/opdater",
        {"_version": "1"},
        page=FORM.format(case=old_case.id) + "/opdater",
    )
    assert _stored(old_case).definition.version == 2
    assert _stored(old_case).data["wishes"] == "Før ændringen"


def test_access_rules_on_case_forms(goals_form, login_as, make_case):
    """Strangers get 404; controllers may not open family content at all."""
    case = make_case()
    stranger = login_as("coordinator")
    assert stranger.get(FORM.format(case=case.id)).status_code == 404
    controller = login_as("controller")
    assert controller.get(FORM.format(case=case.id)).status_code == 403
    assert _post(
        controller,
        make_case(coordinator=controller.user) if False else case,
        {"_version": "", "wishes": "x"},
    ).status_code in (400, 403)


def test_unknown_form_and_wrong_scope_are_404(publish, login_as, make_case):
    """Only case-scope forms open on a case."""
    from tests.forms.conftest import MUNICIPAL

    publish(MUNICIPAL)
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    assert web.get(f"/sager/{case.id}/formularer/nope").status_code == 404
    assert web.get(f"/sager/{case.id}/formularer/test_flow").status_code == 404


def test_hostile_values_are_stored_as_text_and_escaped(goals_form, login_as, make_case):
    """Markup and template syntax in answers stay plain text."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    evil = "<script>alert(1)</script> {{ 7*7 }} {% if %}"
    _post(web, case, {"_version": "", "_save_draft": "1", "wishes": evil})
    html = _page(web, case)
    assert "<script>alert(1)</script>" not in html
    assert re.search(r"&lt;script&gt;alert\(1\)&lt;/script&gt; \{\{ 7\*7 \}\}", html)
    assert _stored(case).data["wishes"] == evil


def test_history_shows_nested_rows_as_text(login_as, make_case):
    """A saved SMARTE plan's revision page writes sub-goals out, not as Python lists."""
    from app.submissions import services as submissions

    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    submissions.save(
        web.user,
        form_name="smarte_maal",
        case=case,
        status="draft",
        base_version=None,
        data={
            "goals": [
                {
                    "title": "Sove hele natten",
                    "subgoals": [{"text": "Fast aftenrutine", "deadline": "2026-12-15"}],
                    "agreements": [{"what": "Søvndagbog", "who": "Mor"}],
                }
            ]
        },
    )
    db.session.commit()
    html = web.get(f"/sager/{case.id}/formularer/smarte_maal/historik/1").get_data(as_text=True)
    assert "Fast aftenrutine, 15. december 2026" in html
    assert "Søvndagbog, Mor" in html
    assert "[{" not in html and "&#39;text&#39;" not in html

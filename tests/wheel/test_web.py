"""The wheel's page and case-page section: saving, typed input kept on errors (422) and on a
lost race (409), who may see and edit it, audited reads."""

from __future__ import annotations

from datetime import datetime

import lxml.html
from sqlalchemy import select, update

from app.extensions import db
from app.models import AuditEvent, CaseWheel, WheelActivity
from tests.wheel.support import CPH, meeting_at, save


def _rows(activities):
    """Activities as the browser posts them."""
    posted = {}
    for index, row in enumerate(activities):
        for name, value in row.items():
            posted[f"activities-{index}-{name}"] = value
    return posted


def _month_items(html: str, month: str) -> str:
    """The text of one month in the list beside the picture."""
    page = lxml.html.document_fromstring(html)
    found = page.xpath(f'//ol[@data-testid="wheel-list"]/li[@data-month="{month}"]')
    assert found, f"no {month} in the list"
    return found[0].text_content()


def test_the_coordinator_fills_the_wheel_and_sees_it_by_month(login_as, make_case):
    """Saved from the page; the picture and the list show the activities in their month."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page = web.get(f"/sager/{case.id}/aarshjul")
    assert page.status_code == 200
    answer = web.post_form(
        f"/sager/{case.id}/aarshjul",
        {
            "start_month": "2026-11",
            "version": "0",
            **_rows(
                [
                    {
                        "month": "1",
                        "kind": "network",
                        "purpose": "Netværksmøde om skolen",
                        "who": "PPR",
                    },
                    {"month": "11", "kind": "other", "purpose": "Juleplan", "who": ""},
                    {"month": "", "kind": "follow_up", "purpose": "", "who": ""},
                ]
            ),
        },  # fmt: skip
        page=f"/sager/{case.id}/aarshjul",
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)[:3000]
    stored = db.session.get(CaseWheel, case.id)
    assert stored.version == 1 and [a.purpose for a in stored.activities] == [
        "Netværksmøde om skolen",
        "Juleplan",
    ]
    html = web.get(f"/sager/{case.id}/aarshjul").get_data(as_text=True)
    assert "Netværksmøde om skolen" in _month_items(html, "2027-01")
    assert "Juleplan" in _month_items(html, "2026-11")
    assert f"/sager/{case.id}/moeder/ny?type=network" in html  # "Planlæg som møde"
    assert 'role="img"' in html and "/annual-wheel.ics" in html
    case_page = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'id="aarshjul"' in case_page and "Netværksmøde om skolen" in case_page


def test_a_dated_meeting_shows_in_its_month(login_as, make_case):
    """A planned meeting in February shows in February with its day and time."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    save(case)
    meeting_at(case, datetime(2027, 2, 9, 13, 15, tzinfo=CPH), kind="network")
    html = web.get(f"/sager/{case.id}/aarshjul").get_data(as_text=True)
    february = _month_items(html, "2027-02")
    assert "Netværksmøde" in february and "13:15" in february and "9. februar" in february


def test_a_form_that_fails_keeps_what_was_typed(login_as, make_case):
    """A row without its purpose and a bad first month: 422, every cell typed still there."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    answer = web.post_form(
        f"/sager/{case.id}/aarshjul",
        {"start_month": "november", "version": "0",
         **_rows([{"month": "3", "kind": "status", "purpose": "", "who": "Skolelærer Jensen"},
                  {"month": "4", "kind": "network", "purpose": "Behold mig", "who": ""}])},
        page=f"/sager/{case.id}/aarshjul",
    )  # fmt: skip
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Skolelærer Jensen" in html and "Behold mig" in html and 'value="november"' in html
    assert "Skriv kort, hvad aktiviteten går ud på." in html
    assert db.session.get(CaseWheel, case.id) is None


def test_a_lost_race_answers_409_and_keeps_the_text(login_as, make_case):
    """Someone saved after the page was opened: 409, nothing overwritten, text kept."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    save(case)
    db.session.execute(update(CaseWheel).where(CaseWheel.case_id == case.id).values(version=2))
    db.session.commit()
    answer = web.post_form(
        f"/sager/{case.id}/aarshjul",
        {"start_month": "2026-11", "version": "1",
         **_rows([{"month": "5", "kind": "status", "purpose": "Min nye tekst", "who": ""}])},
        page=f"/sager/{case.id}/aarshjul",
    )  # fmt: skip
    html = answer.get_data(as_text=True)
    assert answer.status_code == 409 and 'data-testid="conflict"' in html
    assert "Min nye tekst" in html and 'name="version" type="hidden" value="2"' in html
    db.session.expire_all()
    purposes = db.session.scalars(
        select(WheelActivity.purpose).where(WheelActivity.case_id == case.id)
    )
    assert "Min nye tekst" not in list(purposes)
    saved_again = web.post_form(
        f"/sager/{case.id}/aarshjul",
        {"start_month": "2026-11", "version": "2",
         **_rows([{"month": "5", "kind": "status", "purpose": "Min nye tekst", "who": ""}])},
        page=f"/sager/{case.id}/aarshjul",
    )  # fmt: skip
    assert saved_again.status_code == 302


def test_who_may_see_and_edit_the_wheel(login_as, make_case, make_user):
    """Another coordinator: 404 on the page and the .ics; a controller: 403; a team member
    without the case's content rights is not a thing (they may edit)."""
    case = make_case()
    save(case)
    stranger = login_as("coordinator")
    assert stranger.get(f"/sager/{case.id}/aarshjul").status_code == 404
    assert stranger.get(f"/api/v1/cases/{case.id}/annual-wheel.ics").status_code == 404
    controller = login_as("controller")
    assert controller.get(f"/sager/{case.id}/aarshjul").status_code == 403
    assert controller.get(f"/api/v1/cases/{case.id}/annual-wheel.ics").status_code == 403
    assert "aarshjul" not in controller.get(f"/sager/{case.id}").get_data(as_text=True)


def test_reading_the_wheel_is_audited(login_as, make_case):
    """Opening the wheel page records a content read of the case."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    save(case)
    web.get(f"/sager/{case.id}/aarshjul")
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "content_read", AuditEvent.object_id == case.id
        )
    )
    assert "annual_wheel" in [e.details.get("what") for e in events]


def test_a_meeting_type_in_a_wheel_is_named_where_it_is_used(make_case):
    """The list of meeting types may not lose a key a wheel uses; the usage names the case."""
    from app.wheel.services import vocabulary_usages

    case = make_case(reference="SAG-HJUL")
    save(case)
    assert list(vocabulary_usages("meeting_types", "network")) == [
        "årshjulet i sag SAG-HJUL: 1 aktivitet"
    ]
    assert list(vocabulary_usages("meeting_types", "analysis")) == []
    assert list(vocabulary_usages("departments", "network")) == []

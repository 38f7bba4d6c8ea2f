"""The meeting pages: plan, record, typed input kept on errors (422), a lost race (409),
rights, audited reads and the Word minutes."""

from __future__ import annotations

import io

from docx import Document
from sqlalchemy import select, update

from app.extensions import db
from app.meetings import services as meetings
from app.models import AuditEvent, Meeting
from tests.meetings.support import case_with_family, in_a_month, plan, record_data, yesterday


def _events(case, action="content_read"):
    """The audit events of an action on the case, oldest first."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == action, AuditEvent.object_id == case.id)
            .order_by(AuditEvent.id)
        )
    )


def _form(data: dict) -> dict:
    """Service data as the browser posts it (rows as name-index-field)."""
    posted = {}
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for index, row in enumerate(value):
                for name, cell in row.items():
                    if cell is True:
                        posted[f"{key}-{index}-{name}"] = "y"
                    elif cell not in (False, None):
                        posted[f"{key}-{index}-{name}"] = cell
        elif value is True:
            posted[key] = "y"
        elif value not in (False, None, []):
            posted[key] = value
    return posted


def test_plan_a_meeting_from_the_case_page(login_as, make_case):
    """The section offers planning; the plan is stored with its participants."""
    web = login_as("coordinator")
    case, mother = case_with_family(make_case, web.user, goals=False)
    page = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'id="moeder"' in page and f"/sager/{case.id}/moeder/ny" in page
    form = web.get(f"/sager/{case.id}/moeder/ny")
    assert form.status_code == 200
    answer = web.post_form(
        f"/sager/{case.id}/moeder/ny",
        {
            "kind": "network",
            "starts_on": in_a_month().isoformat(),
            "starts_time": "14:00",
            "place": "Skolen",
            "team": [str(web.user.id)],
            "family": [f"familie-{mother.id}"],
            "externals-0-name": "Lise Lærer",
            "externals-0-organisation": "Skolen",
            "agenda": "Skoledagen",
            "agenda_by_family": "y",
        },
        page=f"/sager/{case.id}/moeder/ny",
    )
    assert answer.status_code == 302
    meeting = db.session.scalar(select(Meeting).where(Meeting.case_id == case.id))
    assert (meeting.kind, meeting.place, meeting.agenda_by_family) == ("network", "Skolen", True)
    assert [(p.group, p.name) for p in meeting.participants] == [
        ("team", web.user.name),
        ("family", "Sofie"),
        ("external", "Lise Lærer"),
    ]
    # 14:00 in Copenhagen is stored as UTC (13:00 in winter, 12:00 in summer).
    assert meeting.starts_at.hour in (12, 13)
    html = web.get(f"/sager/{case.id}").get_data(as_text=True)
    assert 'data-testid="planned-meetings"' in html and "Netværksmøde" in html


def test_bad_input_keeps_everything_typed(login_as, make_case):
    """A bad date and a CPR number answer 422 with the messages and every typed value."""
    web = login_as("coordinator")
    case, _mother = case_with_family(make_case, web.user, goals=False)
    answer = web.post_form(
        f"/sager/{case.id}/moeder/ny",
        {"kind": "status", "starts_on": "31-02-2027", "place": "Hjemme hos 0102031234",
         "agenda": "Min egen dagsorden", "externals-0-name": "Lise Lærer"},
        page=f"/sager/{case.id}/moeder/ny",
    )  # fmt: skip
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Skriv datoen som åååå-mm-dd" in html and "Skriv ikke CPR-numre her" in html
    assert 'value="31-02-2027"' in html and "Min egen dagsorden" in html
    assert 'value="Lise Lærer"' in html
    assert db.session.scalar(select(Meeting).where(Meeting.case_id == case.id)) is None


def test_record_the_minutes_with_a_reading_and_see_them(login_as, make_case):
    """Minutes, minute-taker, agreement, a goal reading and the next meeting, via the page."""
    web = login_as("coordinator")
    case, _mother = case_with_family(make_case, web.user)
    meeting = plan(case)
    url = f"/sager/{case.id}/moeder/{meeting.id}/rediger"
    page = web.get(url).get_data(as_text=True)
    assert 'name="readings-0-value"' in page and 'name="version" type="hidden" value="1"' in page
    goal_key = page.split('name="readings-0-goal_key" type="hidden" value="')[1].split('"')[0]
    data = record_data(case, meeting) | {"version": "1"}
    data["readings"] = [
        {"goal_key": goal_key, "value": "6", "who": str(web.user.id), "note": "Bedre"}
    ]
    answer = web.post_form(url, _form(data), page=url)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:3000]
    shown = web.get(f"/sager/{case.id}/moeder/{meeting.id}").get_data(as_text=True)
    assert "Emma er kommet i skole fire dage om ugen." in shown
    assert "Bestille aflastning" in shown and 'data-testid="meeting-readings"' in shown
    assert 'data-testid="next-meeting"' in shown
    reads = [e for e in _events(case) if e.details.get("what") == "meeting"]
    assert reads and reads[-1].details["meeting_id"] == meeting.id
    db.session.expire_all()
    planned, held = meetings.list_meetings(case)
    assert [m.id for m in held] == [meeting.id] and len(planned) == 1


def test_a_lost_race_answers_409_and_keeps_the_users_text(login_as, make_case):
    """Someone saved meanwhile: nothing is overwritten, the typed minutes stay, theirs show."""
    web = login_as("coordinator")
    case, _mother = case_with_family(make_case, web.user, goals=False)
    meeting = plan(case)
    url = f"/sager/{case.id}/moeder/{meeting.id}/rediger"
    web.get(url)
    # The colleague's save: minutes stored, version bumped.
    db.session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id)
        .values(version=2, minutes="Kollegaens referat")
    )
    db.session.commit()
    data = record_data(case, meeting, minutes="Mit eget referat", next_on="") | {"version": "1"}
    answer = web.post_form(url, _form(data), page=url)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "Mit eget referat" in html and "Kollegaens referat" in html
    assert 'data-testid="conflict"' in html
    assert 'name="version" type="hidden" value="2"' in html  # saving again is deliberate
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).minutes == "Kollegaens referat"
    # Saving again from the conflict page (it carries the new version) goes through.
    data["version"] = "2"
    assert web.post_form(url, _form(data), page=url).status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).minutes == "Mit eget referat"


def test_rights_controllers_and_strangers(login_as, make_case):
    """Controllers get 403 (family content), a coordinator off the case 404."""
    case, _mother = case_with_family(make_case, goals=False)
    meeting = plan(case)
    controller = login_as("controller")
    assert controller.get(f"/sager/{case.id}/moeder/{meeting.id}").status_code == 403
    assert "moeder" not in controller.get(f"/sager/{case.id}").get_data(as_text=True)
    stranger = login_as("coordinator")
    assert stranger.get(f"/sager/{case.id}/moeder/{meeting.id}").status_code == 404
    assert stranger.get(f"/sager/{case.id}/moeder/{meeting.id}/referat.docx").status_code == 404


def _held_meeting(login_as, make_case):
    """(logged-in coordinator, their case, a status meeting held yesterday with minutes)."""
    web = login_as("coordinator")
    case, _mother = case_with_family(make_case, web.user, goals=False)
    meeting = plan(case)
    meetings.save_meeting(web.user, case, meeting, record_data(case, meeting), 1)
    db.session.commit()
    return web, case, meeting


def _docx(web, url: str):
    """A downloaded Word document, opened with python-docx."""
    answer = web.get(url)
    assert answer.status_code == 200
    return Document(io.BytesIO(answer.data))


def test_minutes_download_as_word_is_audited(login_as, make_case):
    """The minutes open with python-docx and hold the meeting; the export is in the trail."""
    web, case, meeting = _held_meeting(login_as, make_case)
    doc = _docx(web, f"/sager/{case.id}/moeder/{meeting.id}/referat.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Referat: Statusmøde" in text
    assert "Emma er kommet i skole fire dage om ugen." in text
    assert "Aflastningen fortsætter." in text
    assert "Bestille aflastning" in cells and "Sofie" in cells
    assert yesterday().strftime("%Y") in " ".join(cells)
    exports = _events(case, "content_exported")
    assert exports[-1].details["what"] == "meeting_minutes"
    assert exports[-1].details["meeting_id"] == meeting.id


def test_agreements_are_in_the_family_plan_document(login_as, make_case):
    """The Word family's plan lists the meeting's open agreement under its own heading."""
    web, case, _meeting = _held_meeting(login_as, make_case)
    doc = _docx(web, f"/sager/{case.id}/familiens-plan.docx")
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Bestille aflastning" in cells
    assert any(p.text.startswith("Næste møde: Statusmøde") for p in doc.paragraphs)


def test_the_municipality_can_replace_the_minutes_template(login_as):
    """/skabeloner lists the minutes; its merge fields page names the meeting's fields."""
    web = login_as("leader")
    assert "/skabeloner/moedereferat" in web.get("/skabeloner").get_data(as_text=True)
    page = web.get("/skabeloner/moedereferat/flettefelter")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "moede.referat" in html and "moede.aftaler" in html and "moede.referent" in html
    assert web.get("/skabeloner/moedereferat/standard.docx").status_code == 200

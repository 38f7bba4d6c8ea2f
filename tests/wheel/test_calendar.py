"""annual-wheel.ics and the personal calendar feed, parsed with icalendar: every planned
meeting with its zone (across the DST change), VTIMEZONE, stable UIDs; the feed holds the
user's own meetings only, no names or content, and answers 404 when it should not answer."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import time_machine
from icalendar import Calendar
from sqlalchemy import select

from app.auth import services as auth
from app.database import utcnow
from app.extensions import db, limiter
from app.family import services as family
from app.models import AuditEvent, CalendarFeed, CaseMember
from app.wheel import feeds
from tests.wheel.support import CPH, meeting_at, save


def _events(body: bytes) -> list:
    """The VEVENTs of a calendar file (parsing it proves it is one)."""
    return Calendar.from_ical(body).walk("VEVENT")


def test_the_annual_wheel_holds_every_planned_meeting_in_its_zone(api_as, make_case):
    """Three meetings, one on the day summer time starts: each in Europe/Copenhagen at its
    local hour, with a VTIMEZONE; a meeting outside the 12 months is left out."""
    api = api_as("coordinator")
    case = make_case(coordinator=api.user, reference="SAG-ICS-1")
    save(case)  # November 2026 to October 2027
    winter = meeting_at(case, datetime(2026, 12, 1, 9, 0, tzinfo=CPH))
    dst_day = meeting_at(case, datetime(2027, 3, 28, 10, 0, tzinfo=CPH), kind="network")
    summer = meeting_at(case, datetime(2027, 6, 15, 14, 30, tzinfo=CPH), place="Skolen")
    meeting_at(case, datetime(2027, 11, 2, 9, 0, tzinfo=CPH))  # after the wheel's year
    answer = api.get(f"/cases/{case.id}/annual-wheel.ics")
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    assert "aarshjul_SAG-ICS-1" in answer.headers["Content-Disposition"]
    calendar = Calendar.from_ical(answer.data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"meeting-{m.id}@enindgang" for m in (winter, dst_day, summer)}
    for meeting, hour, offset in ((winter, 9, 1), (dst_day, 10, 2), (summer, 14, 2)):
        start = events[f"meeting-{meeting.id}@enindgang"]["DTSTART"].dt
        assert str(start.tzinfo) == "Europe/Copenhagen" and start.hour == hour
        assert start.utcoffset() == timedelta(hours=offset)
        assert start == meeting.starts_at
    assert str(events[f"meeting-{dst_day.id}@enindgang"]["SUMMARY"]) == "Netværksmøde – SAG-ICS-1"
    assert str(events[f"meeting-{summer.id}@enindgang"]["LOCATION"]) == "Skolen"
    assert b"TZID=Europe/Copenhagen" in answer.data
    again = api.get(f"/cases/{case.id}/annual-wheel.ics")
    assert again.data == answer.data  # stable: same UIDs and stamps every time
    exported = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "content_exported")
    ).all()
    assert [e.details["format"] for e in exported] == ["ics", "ics"]


def _feed_world(make_case, make_user):
    """A coordinator with a case of their own, a colleague's case where they sit on the core
    team in one meeting, and a meeting of a third case they have nothing to do with."""
    me = make_user("coordinator", name="Karen Koordinator")
    today = date.today()  # relative to the test clock: the feed shows from 3 months back

    def at(days: int, hour: int) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour), tzinfo=CPH)

    colleague = make_user("coordinator", name="Kollega")
    own = make_case(coordinator=me, reference="SAG-EGEN")
    family.add_member(me, own, {"name": "Sofie Hemmelig", "relation": "mother"})
    db.session.commit()
    mine = meeting_at(
        own,
        at(10, 9),
        agenda="Tale om Emmas skolegang",
        family=[f"familie-{m.id}" for m in family.list_members(own)],
    )
    theirs = make_case(coordinator=colleague, reference="SAG-KOLLEGA", team=[me])
    with_me = meeting_at(theirs, at(40, 13), kind="network")
    with_me.participants[0].user_id = me.id  # I take part as core team
    without_me = meeting_at(theirs, at(48, 13))
    other = make_case(coordinator=colleague, reference="SAG-ANDEN")
    meeting_at(other, at(33, 9))
    db.session.commit()
    return me, mine, with_me, without_me, theirs


def _make_feed(login_as, user) -> tuple[object, str]:
    """Make a feed on the profile page; the client and the URL path shown once."""
    web = login_as(user)
    assert "/profil/kalender" in web.get("/profil").get_data(as_text=True)
    page = web.post_form("/profil/kalender", page="/profil")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    url = html.split('data-testid="feed-url"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert "/kalender/cal_" in url
    return web, "/kalender/" + url.split("/kalender/")[1]


def test_the_feed_holds_own_meetings_without_names_or_content(
    client, login_as, make_case, make_user
):
    """Without a session: the meetings the user coordinates or takes part in, type, time,
    place and case number only; no family name, agenda or case title; no cookie set."""
    me, mine, with_me, without_me, _theirs = _feed_world(make_case, make_user)
    _web, path = _make_feed(login_as, me)
    answer = client.get(path)
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    assert "Set-Cookie" not in answer.headers
    assert answer.headers["Cache-Control"] == "no-store"
    uids = {str(e["UID"]) for e in _events(answer.data)}
    assert uids == {f"meeting-{mine.id}@enindgang", f"meeting-{with_me.id}@enindgang"}
    text = answer.data.decode()
    for secret in ("Sofie Hemmelig", "Emmas skolegang", "Familien Hansen", "Karen Koordinator"):
        assert secret not in text
    assert "Netværksmøde – SAG-KOLLEGA" in text and "Rådhuset" in text
    stored = db.session.scalars(select(CalendarFeed)).one()
    assert path.rsplit("/", 1)[1].removesuffix(".ics") not in (stored.token_hash, stored.prefix)
    read = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "calendar_feed_read")
    ).one()
    assert read.actor_id == me.id and sorted(read.details["meeting_ids"]) == sorted(
        [mine.id, with_me.id]
    )


def test_losing_access_to_a_case_drops_its_meetings(client, login_as, make_case, make_user):
    """Taken off the colleague's core team: that case's meetings leave the feed at once."""
    me, mine, _with_me, _without_me, theirs = _feed_world(make_case, make_user)
    _web, path = _make_feed(login_as, me)
    db.session.execute(
        CaseMember.__table__.delete().where(
            CaseMember.case_id == theirs.id, CaseMember.user_id == me.id
        )
    )
    db.session.commit()
    uids = {str(e["UID"]) for e in _events(client.get(path).data)}
    assert uids == {f"meeting-{mine.id}@enindgang"}


def test_revoked_expired_unknown_and_deactivated_feeds_answer_404(
    client, login_as, make_case, make_user
):
    """Each way a feed stops: revoked on the profile page, a new one made (the old one
    stops), past its expiry, its user deactivated, a token nobody was given."""
    me, *_rest = _feed_world(make_case, make_user)
    web, path = _make_feed(login_as, me)
    assert client.get(path).status_code == 200
    assert client.get("/kalender/cal_ukendt.ics").status_code == 404
    assert client.get("/kalender/nothing.ics").status_code == 404
    web.post_form("/profil/kalender/tilbagekald", page="/profil")
    assert client.get(path).status_code == 404
    _web, second = _make_feed(login_as, me)
    _web, third = _make_feed(login_as, me)
    assert client.get(second).status_code == 404 and client.get(third).status_code == 200
    feed = feeds.active_feeds(me)[0]
    assert feed.expires_at - feed.created_at == timedelta(days=365)
    with time_machine.travel(feed.expires_at + timedelta(minutes=1)):
        assert client.get(third).status_code == 404
    assert client.get(third).status_code == 200
    auth.set_active(me, False)
    db.session.commit()
    assert client.get(third).status_code == 404


def test_the_profile_page_shows_the_active_feed_and_never_its_token(login_as, make_user):
    """After making a feed, the profile names its prefix and offers to revoke it; the full
    address is not on the page again."""
    me = make_user("coordinator")
    web, path = _make_feed(login_as, me)
    html = web.get("/profil").get_data(as_text=True)
    assert 'data-testid="feed-active"' in html and 'data-testid="feed-revoke"' in html
    assert path.rsplit("/", 1)[1].removesuffix(".ics") not in html
    assert feeds.feed_for(path.rsplit("/", 1)[1].removesuffix(".ics"), utcnow()) is not None


def test_guessing_feed_addresses_is_rate_limited(app, client, login_as, make_case, make_user):
    """Unknown addresses count per client address and end in 429; a working feed's polls do
    not count (a calendar app polling all day is never refused)."""
    me, *_rest = _feed_world(make_case, make_user)
    _web, path = _make_feed(login_as, me)
    limiter.reset()
    app.config["CALENDAR_FEED_RATE_LIMIT"] = "3 per minute"
    try:
        for _ in range(5):
            assert client.get(path).status_code == 200
        seen = [client.get(f"/kalender/cal_gaet{n}.ics").status_code for n in range(4)]
        assert seen == [404, 404, 404, 429]
    finally:
        app.config["CALENDAR_FEED_RATE_LIMIT"] = "20 per minute"
        limiter.reset()

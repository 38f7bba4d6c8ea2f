"""Each user's personal calendar feed: a secret URL of their own meetings.

The URL's token is the credential (calendar apps cannot log in), so only its SHA-256 is
stored, as for API tokens, and it is shown once when created. A feed stops answering (404)
when it is revoked, when it expires, when its user is deactivated, or for an unknown token.
Each entry holds the meeting type, the time, the place and the case number only: no names,
no titles, no agenda or minutes. Access is checked when the feed is read, so a user who
leaves a case's core team stops getting its meetings.

How long a feed lives is a product default (``FEED_DAYS``), not a rule of either model; a
municipality may choose another (``ENINDGANG_CALENDAR_FEED_DAYS``).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import or_, select

from app.authz import Action, can
from app.database import utcnow
from app.extensions import db
from app.models import CalendarFeed, Case, Meeting, MeetingParticipant, User
from app.models.user import hash_secret

FEED_PREFIX = "cal_"  # noqa: S105 (a marker that makes a leaked feed token greppable)
FEED_DAYS = 365  # product default: a year, then the user makes a new one
PAST_DAYS = 92  # held meetings of the last three months stay in the calendar


def feed_days() -> int:
    """How many days a new feed lives (the configured number, else the product default)."""
    if has_app_context():
        return int(current_app.config.get("CALENDAR_FEED_DAYS") or FEED_DAYS)
    return FEED_DAYS


def active_feeds(user: User, now: datetime | None = None) -> list[CalendarFeed]:
    """The user's feeds that still answer, newest first."""
    now = now or utcnow()
    rows = db.session.scalars(
        select(CalendarFeed)
        .where(CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None))
        .order_by(CalendarFeed.created_at.desc(), CalendarFeed.id.desc())
    )
    return [feed for feed in rows if feed.expires_at > now]


def create_feed(user: User) -> str:
    """A new feed for the user (an older one is revoked: one URL at a time); the raw token,
    returned once."""
    revoke_feeds(user)
    raw = FEED_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        CalendarFeed(
            user_id=user.id,
            token_hash=hash_secret(raw),
            prefix=raw[:12],
            created_at=now,
            expires_at=now + timedelta(days=feed_days()),
        )
    )
    db.session.flush()
    return raw


def revoke_feeds(user: User) -> int:
    """Revoke every feed of the user; how many were still active."""
    now = utcnow()
    count = 0
    for feed in db.session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None)
        )
    ):
        feed.revoked_at = now
        count += 1
    db.session.flush()
    return count


def feed_for(raw: str, now: datetime | None = None) -> CalendarFeed | None:
    """The feed of a raw token if it still answers: known, not revoked, not expired, of an
    active user. Reads only."""
    if not raw or not raw.startswith(FEED_PREFIX):
        return None
    feed = db.session.scalar(
        select(CalendarFeed).where(CalendarFeed.token_hash == hash_secret(raw))
    )
    if feed is None or feed.revoked_at is not None or not feed.user.active:
        return None
    return feed if feed.expires_at > (now or utcnow()) else None


def own_meetings(user: User, now: datetime | None = None) -> list[Meeting]:
    """The user's meetings from three months back: those they take part in as core team,
    and those of the cases they coordinate; only cases they may still read."""
    since = (now or utcnow()) - timedelta(days=PAST_DAYS)
    takes_part = select(MeetingParticipant.meeting_id).where(MeetingParticipant.user_id == user.id)
    rows = db.session.scalars(
        select(Meeting)
        .join(Case, Case.id == Meeting.case_id)
        .where(
            Meeting.starts_at >= since,
            or_(Meeting.id.in_(takes_part), Case.coordinator_id == user.id),
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [meeting for meeting in rows if can(user, Action.VIEW_CONTENT, meeting.case)]

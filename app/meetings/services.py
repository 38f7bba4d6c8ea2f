"""A case's meetings: plan, record, list; plain data in, models out (flush, caller commits).

Saving a meeting bumps its ``version`` with a conditional UPDATE (``WHERE version = the
version the user edited``): when someone else saved in between, no row matches and
ConflictError is raised, so nobody's minutes are silently overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from flask import has_app_context
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from app import audit
from app.database import claim_version, utcnow
from app.extensions import db
from app.family import services as family
from app.followup.services import last_held_follow_up, refresh_next_follow_up
from app.formengine.vocabularies import item_retired, item_value
from app.goals import readings as goal_readings
from app.meetings.checks import (
    DEFAULT_ZONE,
    MeetingError,
    Problems,
    check_plan,
    check_record,
    local,
)
from app.models import (
    Case,
    Meeting,
    MeetingAgreement,
    MeetingParticipant,
    ReadingSource,
    User,
)
from app.vocabularies.services import case_usages, load_vocabularies
from app.web.i18n import current_zone

#: The kinds that count as a held follow-up for the cadence (SHARED-10: follow_up and status;
#: the model allows status and follow-up meetings to be one meeting [Én familie – én indgang,
#: modelbeskrivelse]).

__all__ = ["ConflictError", "MeetingError", "last_held_follow_up"]


class ConflictError(Exception):
    """Someone else saved the meeting after the user opened it."""

    def __init__(self, meeting: Meeting):
        super().__init__(meeting.id)
        self.meeting = meeting


def zone() -> str:
    """The municipality's time zone (``current_zone``); Europe/Copenhagen outside an app."""
    return current_zone() if has_app_context() else DEFAULT_ZONE


def kinds() -> set[str]:
    """The meeting types that may be chosen: the municipality's list, retired ones left out."""
    return {
        item_value(item) for item in load_vocabularies()["meeting_types"] if not item_retired(item)
    }


def vocabulary_usages(vocabulary: str, key: str, limit: int = 10) -> Iterator[str]:
    """Readable places where a meeting uses a meeting type (a key in use cannot be removed)."""
    if vocabulary != "meeting_types":
        return
    rows = case_usages(Meeting, Meeting.kind, key, limit)
    for reference, count in rows:
        yield ngettext(
            "sag %(reference)s: %(num)s møde",
            "sag %(reference)s: %(num)s møder",
            count,
            reference=reference,
        )


def get_meeting(case: Case, meeting_id: int) -> Meeting | None:
    """One meeting of the case (None when it is not this case's)."""
    meeting = db.session.get(Meeting, meeting_id)
    return meeting if meeting is not None and meeting.case_id == case.id else None


def list_meetings(case: Case) -> tuple[list[Meeting], list[Meeting]]:
    """(planned meetings soonest first, held meetings newest first)."""
    rows = list(db.session.scalars(select(Meeting).where(Meeting.case_id == case.id)))
    planned = sorted((m for m in rows if not m.held), key=lambda m: (m.starts_at, m.id))
    held = sorted((m for m in rows if m.held), key=lambda m: (m.held_at, m.id), reverse=True)
    return planned, held


def team_choices(case: Case) -> list[tuple[str, str]]:
    """(user id, name) of the coordinator and the core team."""
    people = [(str(case.coordinator.id), case.coordinator.name)] if case.coordinator else []
    people += [(str(m.user.id), m.user.name) for m in case.members]
    return people


def family_choices(case: Case) -> list[tuple[str, str]]:
    """(person value, name) of the case's family members."""
    return [(family.person_value(m), m.name) for m in family.list_members(case)]


def plan_meeting(actor: User, case: Case, data: Mapping[str, Any]) -> Meeting:
    """Plan a meeting; MeetingError with messages by field on bad data."""
    problems = Problems()
    values = check_plan(data, problems, zone(), kinds())
    participants = _participants(case, values, problems)
    if problems.errors:
        raise MeetingError(problems.errors)
    meeting = Meeting(case_id=case.id, version=1, updated_by_id=actor.id)
    _apply_plan(meeting, values, participants)
    db.session.add(meeting)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record("meeting_planned", case, actor=actor, meeting_id=meeting.id, kind=meeting.kind)
    return meeting


def save_meeting(
    actor: User, case: Case, meeting: Meeting, data: Mapping[str, Any], base_version: int | None
) -> Meeting:
    """Save the plan and the minutes of a meeting the user edited at ``base_version``.

    MeetingError on bad data (nothing stored); ConflictError when someone else saved since.
    Readings typed at the meeting go to the case's goals with source "meeting"; setting the
    next meeting's date plans a meeting of the same kind (or moves the one planned before).
    """
    problems = Problems()
    here = zone()
    values = check_plan(data, problems, here, kinds() | {meeting.kind})
    values.update(check_record(data, problems, here))
    participants = _participants(case, values, problems)
    taker = _minute_taker(values["minute_taker"], participants, problems)
    if problems.errors:
        raise MeetingError(problems.errors)
    _bump_version(meeting, base_version)
    _apply_plan(meeting, values, participants)
    meeting.held_at = values["held_at"]
    meeting.minutes = values["minutes"]
    meeting.minute_taker, meeting.minute_taker_name = taker
    meeting.decisions = values["decisions"]
    meeting.agreements = [
        MeetingAgreement(position=n, **row) for n, row in enumerate(values["agreements"])
    ]
    meeting.updated_at, meeting.updated_by_id = utcnow(), actor.id
    case.updated_at = utcnow()
    db.session.flush()
    _readings(actor, case, meeting, data.get("readings") or [])
    _next_meeting(actor, case, meeting, values["next_at"])
    db.session.flush()
    refresh_next_follow_up(case)  # a held follow-up or status meeting moves the next date
    audit.record(
        "meeting_saved",
        case,
        actor=actor,
        meeting_id=meeting.id,
        version=meeting.version,
        held=meeting.held,
    )
    return meeting


def _bump_version(meeting: Meeting, base_version: int | None) -> None:
    """The conditional update (``claim_version``): ConflictError with the stored meeting when
    someone saved since ``base_version``."""
    if not claim_version(meeting, base_version):
        db.session.rollback()
        fresh = db.session.get(Meeting, meeting.id)
        raise ConflictError(fresh or meeting)


def _participants(
    case: Case, values: Mapping[str, Any], problems: Problems
) -> list[MeetingParticipant]:
    """Participant rows from the chosen team and family members and the typed externals."""
    team = dict(team_choices(case))
    members = {family.person_value(m): m for m in family.list_members(case)}
    rows: list[MeetingParticipant] = []
    for value in values["team"]:
        if value not in team:
            problems.add("team", _("Vælg deltagere fra sagens kerneteam."))
            continue
        rows.append(MeetingParticipant(group="team", user_id=int(value), name=team[value]))
    if values["kind"] == "analysis" and values["family"]:
        # "mødet holdes uden familien" [Én familie – én indgang, modelbeskrivelse].
        problems.add("family", _("Analysemødet holdes uden familien. Fjern familien fra listen."))
    for value in values["family"]:
        member = members.get(value)
        if member is None:
            problems.add("family", _("Vælg deltagere fra sagens familie."))
            continue
        role = family.relation_label(member.relation)
        rows.append(
            MeetingParticipant(
                group="family", family_member_id=member.id, name=member.name, role=role
            )
        )
    for row in values["externals"]:
        rows.append(MeetingParticipant(group="external", **row))
    for position, row in enumerate(rows):
        row.position = position
    return rows


def participant_value(row: MeetingParticipant) -> str:
    """How a team or family participant is named as the minute-taker."""
    if row.user_id is not None:
        return str(row.user_id)
    if row.family_member_id is not None:
        return f"{family.PERSON_PREFIX}{row.family_member_id}"
    return f"ekstern-{row.position}"


def _minute_taker(
    value: str, participants: list[MeetingParticipant], problems: Problems
) -> tuple[str, str]:
    """(value, name) of the minute-taker, who must be one of the participants."""
    if not value:
        return "", ""
    for row in participants:
        if participant_value(row) == value:
            return value, row.name
    problems.add("minute_taker", _("Referenten skal være en af mødets deltagere."))
    return "", ""


def _apply_plan(
    meeting: Meeting, values: Mapping[str, Any], participants: list[MeetingParticipant]
) -> None:
    """Put the planning part on the meeting (participants replaced as a whole)."""
    meeting.kind = values["kind"]
    meeting.starts_at = values["starts_at"]
    meeting.place = values["place"]
    meeting.agenda = values["agenda"]
    meeting.agenda_by_family = values["agenda_by_family"]
    meeting.participants = participants


def _readings(actor: User, case: Case, meeting: Meeting, rows: list[Mapping[str, Any]]) -> None:
    """Add the goal readings typed at the meeting (rows with a value), dated the meeting's day.

    A bad reading raises MeetingError keyed "readings-<n>-<field>"; the caller rolls back.
    """
    taken = list(meeting.reading_ids or [])
    problems = Problems()
    for index, row in enumerate(rows):
        if row.get("value") in (None, ""):
            continue
        if meeting.held_at is None:
            problems.add(f"readings-{index}-value", _("Målinger tages på et holdt møde."))
            continue
        value = row.get("value")
        try:
            reading = goal_readings.add_reading(
                actor,
                case,
                str(row.get("goal_key") or ""),
                measured_on=local(meeting.held_at, zone()).date(),
                value=int(value) if str(value).isdigit() else value,
                note=row.get("note") or "",
                who=row.get("who") or "",
                source=ReadingSource.MEETING,
            )
        except goal_readings.ReadingError as error:
            for name, messages in error.errors.items():
                for message in messages:
                    problems.add(f"readings-{index}-{name}", message)
            continue
        taken.append(reading.id)
    if problems.errors:
        raise MeetingError(problems.errors)
    meeting.reading_ids = taken


def _next_meeting(actor: User, case: Case, meeting: Meeting, next_at: datetime | None) -> None:
    """Plan the next meeting of the same kind at ``next_at`` (move it if planned already)."""
    if next_at is None:
        return
    planned = meeting.next_meeting
    if planned is not None and not planned.held:
        planned.starts_at = next_at
        return
    follow = Meeting(
        case_id=case.id,
        kind=meeting.kind,
        starts_at=next_at,
        place=meeting.place,
        version=1,
        updated_by_id=actor.id,
        participants=[
            MeetingParticipant(
                group=p.group,
                user_id=p.user_id,
                family_member_id=p.family_member_id,
                name=p.name,
                organisation=p.organisation,
                role=p.role,
                position=p.position,
            )
            for p in meeting.participants
        ],
    )
    db.session.add(follow)
    db.session.flush()
    meeting.next_meeting_id = follow.id
    audit.record("meeting_planned", case, actor=actor, meeting_id=follow.id, kind=follow.kind)


def delete_meeting(actor: User, case: Case, meeting: Meeting) -> None:
    """Remove a planned meeting that will not be held (held meetings keep their minutes)."""
    if meeting.held:
        raise MeetingError({"meeting": [_("Et holdt møde kan ikke slettes.")]})
    meeting_id = meeting.id
    db.session.delete(meeting)
    db.session.flush()
    audit.record("meeting_deleted", case, actor=actor, meeting_id=meeting_id)


def next_planned(case: Case, now: datetime | None = None) -> Meeting | None:
    """The soonest meeting of the case that is planned and not yet held (from now on)."""
    return db.session.scalar(
        select(Meeting)
        .where(
            Meeting.case_id == case.id,
            Meeting.held_at.is_(None),
            Meeting.starts_at >= (now or utcnow()),
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )


def open_agreements(case: Case) -> list[MeetingAgreement]:
    """The agreements of the case's held meetings not marked done, soonest deadline first."""
    rows = db.session.scalars(
        select(MeetingAgreement)
        .join(Meeting)
        .where(
            Meeting.case_id == case.id,
            Meeting.held_at.is_not(None),
            MeetingAgreement.done.is_(False),
        )
    )
    return sorted(rows, key=lambda a: (a.by_when or date.max, a.meeting_id, a.position))

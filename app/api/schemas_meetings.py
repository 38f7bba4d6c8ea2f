"""The bodies of the meetings API as pydantic models (see ``app/api/schemas.py``).

Times are ISO 8601. A time sent without an offset is the municipality's local time
(Europe/Copenhagen unless configured otherwise); answers carry the local offset. The services
in ``app/meetings`` check the values with the same Danish messages as the meeting page, so
the request models carry texts and dates unchecked beyond their JSON types.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field, StrictInt

from app.api.schemas import Answer, DateText, DateTimeText, RequestBody

_LOCAL = "ISO 8601; uden tidszone: kommunens lokale tid"


class MeetingParticipant(Answer):
    """Who takes part: someone on the core team, a family member or an external partner."""

    group: Literal["team", "family", "external"]
    user_id: int | None = Field(None, description="Kerneteamets bruger (group team)")
    family_member_id: int | None = Field(None, description="Familiemedlemmet (group family)")
    name: str
    organisation: str = ""
    role: str = ""


class MeetingAgreement(Answer):
    """An agreement made at the meeting: what, who, by when; open until done."""

    what: str
    who: str = ""
    by_when: DateText | None = None
    done: bool = False


class Meeting(Answer):
    """A meeting of a case as planned and, once held, recorded."""

    id: int
    case_id: int
    kind: str = Field(description="Værdi fra listen meeting_types")
    kind_label: str
    starts_at: DateTimeText
    place: str
    agenda: str
    agenda_by_family: bool = Field(description="Familien har været med til at sætte dagsordenen")
    participants: list[MeetingParticipant]
    held_at: DateTimeText | None = Field(None, description="Hvornår mødet blev holdt")
    minutes: str
    minute_taker: str = Field(
        description="Referenten som deltager: bruger-id, familie-<id> eller tom"
    )
    minute_taker_name: str
    decisions: str
    agreements: list[MeetingAgreement]
    next_meeting_id: int | None = Field(None, description="Det næste møde, aftalt på dette")
    reading_ids: list[int] = Field(description="Målinger af målene taget på mødet")
    version: int
    updated_at: DateTimeText


class MeetingList(Answer):
    """A case's meetings: planned soonest first, held newest first."""

    planned: list[Meeting]
    held: list[Meeting]


class ExternalWrite(RequestBody):
    """An external partner at the meeting (no login)."""

    name: str = ""
    organisation: str = ""
    role: str = ""


class AgreementWrite(RequestBody):
    """An agreement as sent: what, who, by when (YYYY-MM-DD), done."""

    what: str = ""
    who: str = ""
    by_when: str | None = Field(None, json_schema_extra={"format": "date"})
    done: bool = False


class ReadingWrite(RequestBody):
    """A progress reading of one goal taken at the (held) meeting."""

    goal_key: str = Field(description="Målets faste nøgle i sagens SMARTE-plan")
    value: StrictInt = Field(ge=1, le=10, description="Hvor langt er vi: 1-10")
    note: str = ""
    who: str = Field("", description="Hvem gav målingen: bruger-id eller familie-<id>")


class MeetingPlan(RequestBody):
    """The body of POST /cases/{case_id}/meetings: plan a meeting."""

    kind: str | None = Field(None, description="Værdi fra listen meeting_types")
    starts_at: str | None = Field(
        None, description=_LOCAL, json_schema_extra={"format": "date-time"}
    )
    place: str = ""
    agenda: str = ""
    agenda_by_family: bool = False
    team: list[StrictInt] = Field([], description="Bruger-id'er fra sagens kerneteam")
    family: list[StrictInt] = Field([], description="Id'er på sagens familiemedlemmer")
    externals: list[ExternalWrite] = []

    required_in_document: ClassVar[tuple[str, ...]] = ("kind", "starts_at")


class MeetingWrite(MeetingPlan):
    """The body of PUT /cases/{case_id}/meetings/{meeting_id}: the whole meeting as edited.

    ``version`` is the version the caller read; 409 when someone saved in between. Readings
    are added to the goals (they are not replaced); the agreements and participants sent
    replace the stored ones.
    """

    version: StrictInt | None = None
    held_at: str | None = Field(None, description=_LOCAL, json_schema_extra={"format": "date-time"})
    minutes: str = ""
    minute_taker: str = Field("", description="En deltager: bruger-id eller familie-<id>")
    decisions: str = ""
    agreements: list[AgreementWrite] = []
    next_at: str | None = Field(
        None,
        description="Næste møde, aftalt på mødet (" + _LOCAL + ")",
        json_schema_extra={"format": "date-time"},
    )
    readings: list[ReadingWrite] = []

    required_in_document: ClassVar[tuple[str, ...]] = ("version", "kind", "starts_at")
    messages: ClassVar[dict] = {"version": _l("Send den version, du har læst (et heltal).")}

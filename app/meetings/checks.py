"""Checking a meeting's posted data: plain data in, (cleaned values, errors by field) out.

Errors are keyed by the form's field names ("starts_on", "agreements-0-what") so the page
can show each message beside what the user typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from app.cpr import looks_like_cpr
from app.formengine.vocabularies import MEETING_TYPES
from app.text import clean_text

PLACE_MAX, NAME_MAX, WHAT_MAX = 200, 200, 500
AGENDA_MAX, MINUTES_MAX, DECISIONS_MAX = 5000, 20000, 5000
KINDS = tuple(item.value for item in MEETING_TYPES)
DEFAULT_ZONE = "Europe/Copenhagen"


class MeetingError(ValueError):
    """A meeting that cannot be stored; messages by field name, shown to the user."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class Problems:
    """Collects messages by field name."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        """One more message for field ``name``."""
        self.errors.setdefault(name, []).append(message)

    def text(self, data: Mapping[str, Any], name: str, limit: int, *, lines: bool = False) -> str:
        """The cleaned text of ``name``; too long or CPR-looking text is a problem."""
        raw = data.get(name)
        value = clean_text(raw, unify_newlines=lines).strip() if isinstance(raw, str) else ""
        if len(value) > limit:
            self.add(name, _("Teksten må højst have %(max)s tegn.", max=limit))
        elif looks_like_cpr(value):
            self.add(name, _("Skriv ikke CPR-numre her. Fjern tallet, der ligner et CPR-nummer."))
        return value

    def day(self, data: Mapping[str, Any], name: str, *, required: bool) -> date | None:
        """A date typed as YYYY-MM-DD (the browser's date input), or None."""
        raw = data.get(name)
        if isinstance(raw, date):
            return raw
        text = raw.strip() if isinstance(raw, str) else ""
        if not text:
            if required:
                self.add(name, _("Skriv datoen."))
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.add(name, _("Skriv datoen som åååå-mm-dd, fx 2026-12-01."))
            return None

    def clock(self, data: Mapping[str, Any], name: str) -> time | None:
        """A time of day typed as HH:MM, or None when left empty."""
        raw = data.get(name)
        if isinstance(raw, time):
            return raw
        text = raw.strip() if isinstance(raw, str) else ""
        if not text:
            return None
        try:
            return time.fromisoformat(text)
        except ValueError:
            self.add(name, _("Skriv klokkeslættet som tt:mm, fx 09:30."))
            return None


def as_utc(day: date, clock: time | None, zone: str = DEFAULT_ZONE) -> datetime:
    """Local wall-clock time in ``zone`` (midnight when no time is given) as UTC."""
    local = datetime.combine(day, clock or time(0, 0), tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


def local(moment: datetime | None, zone: str = DEFAULT_ZONE) -> datetime | None:
    """A stored (UTC) time in ``zone``."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(zone))


def check_plan(
    data: Mapping[str, Any], problems: Problems, zone: str, kinds: Iterable[str] = KINDS
) -> dict[str, Any]:
    """The planning part: kind (one of ``kinds``, the municipality's list), start, place,
    externals, agenda."""
    kind = data.get("kind")
    if kind not in set(kinds):
        problems.add("kind", _("Vælg mødets type."))
    day = problems.day(data, "starts_on", required=True)
    clock = problems.clock(data, "starts_time")
    externals = []
    for index, row in enumerate(data.get("externals") or []):
        prefix = f"externals-{index}-"
        fields = {key: row.get(key) for key in ("name", "organisation", "role")}
        cleaned = {
            key: problems.text({prefix + key: fields[key]}, prefix + key, NAME_MAX)
            for key in fields
        }
        if not any(cleaned.values()):
            continue  # a blank row
        if not cleaned["name"]:
            problems.add(prefix + "name", _("Skriv deltagerens navn."))
        externals.append(cleaned)
    return {
        "kind": kind,
        "starts_at": as_utc(day, clock, zone) if day else None,
        "place": problems.text(data, "place", PLACE_MAX),
        "agenda": problems.text(data, "agenda", AGENDA_MAX, lines=True),
        "agenda_by_family": bool(data.get("agenda_by_family")),
        "team": [str(v) for v in data.get("team") or []],
        "family": [str(v) for v in data.get("family") or []],
        "externals": externals,
    }


def check_record(data: Mapping[str, Any], problems: Problems, zone: str) -> dict[str, Any]:
    """The minutes part: held when, minutes, minute-taker, decisions, agreements, next date."""
    held_on = problems.day(data, "held_on", required=False)
    held_time = problems.clock(data, "held_time")
    held_at = as_utc(held_on, held_time, zone) if held_on else None
    if held_on and held_on > datetime.now(ZoneInfo(zone)).date():
        problems.add("held_on", _("Et møde kan ikke være holdt i fremtiden."))
    minutes = problems.text(data, "minutes", MINUTES_MAX, lines=True)
    if (minutes or data.get("minute_taker")) and not held_on:
        problems.add("held_on", _("Skriv, hvornår mødet blev holdt, før referatet gemmes."))
    agreements = []
    for index, row in enumerate(data.get("agreements") or []):
        prefix = f"agreements-{index}-"
        what = problems.text({prefix + "what": row.get("what")}, prefix + "what", WHAT_MAX)
        who = problems.text({prefix + "who": row.get("who")}, prefix + "who", NAME_MAX)
        by_when = problems.day(
            {prefix + "by_when": row.get("by_when")}, prefix + "by_when", required=False
        )
        if not (what or who or by_when):
            continue
        if not what:
            problems.add(prefix + "what", _("Skriv, hvad der er aftalt."))
        agreements.append(
            {"what": what, "who": who, "by_when": by_when, "done": bool(row.get("done"))}
        )
    next_on = problems.day(data, "next_on", required=False)
    next_time = problems.clock(data, "next_time")
    next_at = as_utc(next_on, next_time, zone) if next_on else None
    if next_at and held_at and next_at <= held_at:
        problems.add("next_on", _("Næste møde skal ligge efter dette møde."))
    if next_at and not held_at:
        problems.add(
            "held_on", _("Næste møde aftales på et holdt møde: skriv, hvornår det blev holdt.")
        )
    return {
        "held_at": held_at,
        "minutes": minutes,
        "minute_taker": str(data.get("minute_taker") or ""),
        "decisions": problems.text(data, "decisions", DECISIONS_MAX, lines=True),
        "agreements": agreements,
        "next_at": next_at,
    }

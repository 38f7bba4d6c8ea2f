"""Between the wheel's data and its pages: the picture, the list beside it, the form.

No request objects here: the views hand in the case, the wheel and the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from markupsafe import Markup

from app.meetings.checks import KINDS
from app.models import Case
from app.web.i18n import current_locale
from app.wheel.forms import BLANK_ROWS, WheelForm
from app.wheel.months import WheelMonth, window
from app.wheel.services import Wheel, kind_choices, stored_wheel
from app.wheel.svg import wheel_svg


def item_lines(month: WheelMonth) -> list[dict[str, Any]]:
    """The month's items as the list shows them: number, what, purpose, who, and for a
    dated meeting its day and time."""
    lines = [
        {
            "number": number,
            "label": a.label,
            "kind": a.kind,
            "purpose": a.purpose,
            "who": a.who,
            "when": None,
            "meeting_id": None,
        }
        for number, a in month.activities
    ]
    lines += [
        {
            "number": number,
            "label": m.label,
            "kind": m.kind,
            "purpose": _("holdt") if m.held else "",
            "who": "",
            "when": format_datetime(m.starts, "d. MMMM 'kl.' HH:mm"),
            "meeting_id": m.meeting_id,
        }
        for number, m in month.meetings
    ]
    return lines


def picture(wheel: Wheel, case: Case, element_id: str = "aarshjul") -> Markup:
    """The wheel as inline SVG, with a title, a description and per-sector tooltips."""
    first, last = wheel.months[0], wheel.months[-1]
    period = _(
        "%(first)s til %(last)s",
        first=format_date(first.first, "MMMM yyyy"),
        last=format_date(last.first, "MMMM yyyy"),
    )
    count = sum(m.count for m in wheel.months)
    desc = _(
        "12 måneder fra %(period)s med %(count)d aktiviteter og møder. Cirkler er aktiviteter "
        "planlagt i måneden, firkanter er møder med dato. Numrene står i listen ved siden af.",
        period=period,
        count=count,
    )
    texts = [
        [
            f"{line['number']}. {line['label']}" + (f" ({line['when']})" if line["when"] else "")
            for line in item_lines(month)
        ]
        for month in wheel.months
    ]
    years = sorted({first.first.year, last.first.year})
    return wheel_svg(
        wheel.months,
        title=_("Årshjul for sag %(reference)s", reference=case.reference),
        desc=desc,
        centre_text="–".join(str(y) for y in years),
        now_text=_("nu"),
        item_texts=texts,
        element_id=element_id,
    )


def month_choices(wheel: Wheel) -> list[tuple[str, str]]:
    """(month number, name) in the wheel's order, from its first month."""
    return [("", _("Vælg"))] + [(str(m.first.month), m.name) for m in wheel.months]


def stored_values(case: Case, wheel: Wheel) -> dict[str, Any]:
    """The form's values from the stored wheel (plus blank rows to add to)."""
    row = stored_wheel(case)
    activities = [
        {"month": str(a.month), "kind": a.kind, "purpose": a.purpose, "who": a.who}
        for a in (row.activities if row is not None else [])
    ]
    activities.sort(key=lambda a: _order(wheel, int(a["month"])))
    blank = [{"month": "", "kind": "follow_up", "purpose": "", "who": ""}] * BLANK_ROWS
    return {
        "start_month": f"{wheel.start:%Y-%m}",
        "activities": [SimpleNamespace(**cells) for cells in activities + blank],
        "version": str(wheel.version),
    }


def _order(wheel: Wheel, month: int) -> int:
    """Where a month number comes in the wheel (0 for its first month)."""
    numbers = [first.month for first in window(wheel.start)]
    return numbers.index(month) if month in numbers else 12


def fill_choices(form: WheelForm, wheel: Wheel) -> None:
    """The months in wheel order and the kinds on every row (a stored retired kind kept)."""
    chosen = [entry.form.kind.data for entry in form.activities]
    kinds = kind_choices(current_locale(), chosen)
    months = month_choices(wheel)
    for entry in form.activities:
        entry.form.month.choices = months
        entry.form.kind.choices = kinds


def posted(form: WheelForm) -> dict[str, Any]:
    """The posted form as the service's plain data."""
    return {
        "start_month": form.start_month.data,
        "activities": [entry.data for entry in form.activities],
    }


def place_errors(form: WheelForm, errors: Mapping[str, list[str]]) -> None:
    """Show the service's messages beside their fields ("activities-0-purpose" in its row)."""
    for name, messages in errors.items():
        target = form.start_month
        parts = name.split("-")
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(form.activities):
            target = getattr(form.activities[int(parts[1])].form, parts[2], target)
        target.errors = list(target.errors) + list(messages)


def can_plan(kind: str) -> bool:
    """True when an activity's kind is a meeting type the planning page knows."""
    return kind in KINDS


def wheel_view(case: Case, wheel: Wheel) -> dict[str, Any]:
    """What the wheel's part of a page shows (the page and the case page's section)."""
    return {
        "svg": picture(wheel, case),
        "months": [(month, item_lines(month)) for month in wheel.months],
        "can_plan": can_plan,
    }

"""The Flask side formats through app.formatting in the UI language and the configured zone."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from flask import current_app, render_template_string
from flask_babel import force_locale

from app.funding import services as funding
from tests.excel_tools.support import made_at_line

SUMMER = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
WINTER = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
PAGE = "{{ t|datetimeformat('short') }}|{{ d|dateformat('long') }}|{{ m|money }}|{{ p|percent }}"


def _page(app, **values) -> str:
    """The filters' output in a request of the served app."""
    with app.test_request_context("/"):
        return render_template_string(PAGE, **values)


def test_pages_show_times_in_copenhagen_and_numbers_in_danish(app):
    """Stored UTC times are shown in local time, +2 in summer and +1 in winter."""
    values = {"d": SUMMER.date(), "m": Decimal("1234.5"), "p": Decimal("33.333")}
    assert _page(app, t=SUMMER, **values) == "01.07.2026 14.00|1. juli 2026|1.234,50|33,33"
    assert _page(app, t=WINTER, **values).startswith("15.01.2026 13.00|")


def test_pages_in_english_use_english_separators(app):
    """The UI language picks the separators; None amounts show as zero, as before."""
    with app.test_request_context("/"), force_locale("en"):
        out = render_template_string(PAGE, t=SUMMER, d=SUMMER.date(), m=None, p=Decimal("12.5"))
    assert out.endswith("|1 July 2026|0.00|12.5")


def test_the_configured_zone_is_used_by_pages_and_workbooks(app):
    """ENINDGANG_TIMEZONE reaches the page filters and the workbook's "made at" line."""
    app.config["BABEL_DEFAULT_TIMEZONE"] = "America/New_York"
    current_app.config["BABEL_DEFAULT_TIMEZONE"] = "America/New_York"
    assert _page(app, t=SUMMER, d=None, m=0, p=0) == "01.07.2026 08.00||0,00|0"
    data = funding.blank_workbook(2026, made_at=SUMMER)
    assert made_at_line(data).startswith("Lavet 01-07-2026 kl. 08:00 af")

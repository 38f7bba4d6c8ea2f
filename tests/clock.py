"""A fixed clock for every test, loaded as a pytest plugin by conftest.py.

Each test starts at the same instant, in Copenhagen's time zone, and the clock then ticks
on (time-machine patches `datetime`, `date.today()`, `time.time()`, `time.localtime()` and
the process's time zone, for the app, its libraries and the in-process browser server
alike). So no test can depend on the real date, a month end or a daylight-saving switch,
and `make test-clocks` runs the suite again from awkward instants:

    ENINDGANG_TEST_CLOCK=2026-11-23T15:49:00   local time in Europe/Copenhagen
    ENINDGANG_TEST_CLOCK=real                  the real clock (no travel)

Why time-machine rather than a clock function in the app: it also fixes the time that
libraries read (openpyxl's and python-docx's timestamps, itsdangerous' CSRF tokens,
Werkzeug's dates) and the process's local time zone, and nothing in the app has to
remember to call a seam. Monotonic clocks (timeouts, Playwright) are left alone, and
subprocesses (LibreOffice, a served app) and the browser itself keep the real clock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

ZONE = ZoneInfo("Europe/Copenhagen")
ENV = "ENINDGANG_TEST_CLOCK"
#: The default instant: an ordinary Monday morning, the day the Word tests date their
#: documents (tests/word/conftest.py PLAN_DAY), away from month ends and DST switches.
DEFAULT = "2026-11-23T10:00:00"

#: The instants `make test-clocks` runs the suite from (name → local time in ZONE).
AWKWARD = {
    # A document prints "kl. 15.49": the minute equals the number 49 a test may look for.
    "minute49": "2026-11-23T15:49:00",
    # The last minute of a year: "this year" and "today" flip while a test runs.
    "newyear": "2026-12-31T23:59:00",
    # One second before 02:00 on the spring DST switch: local time jumps to 03:00.
    "dst": "2027-03-28T01:59:59",
}


def clock_start(value: str | None = None) -> datetime | None:
    """Where tests start: `value` (else ENINDGANG_TEST_CLOCK, else DEFAULT); None = real clock.

    A name from AWKWARD or an ISO time; a time without an offset is local time in ZONE.
    """
    value = (value if value is not None else os.environ.get(ENV, "")).strip() or DEFAULT
    if value.lower() == "real":
        return None
    start = datetime.fromisoformat(AWKWARD.get(value, value))
    if start.tzinfo is None:
        start = start.replace(tzinfo=ZONE)
    return start.astimezone(ZONE)


def pytest_report_header(config) -> str:
    """Say in the report which clock the tests ran under."""
    start = clock_start()
    return f"clock: {start.isoformat() if start else 'real'} ({ENV})"


@pytest.fixture(autouse=True)
def clock() -> Iterator[time_machine.Traveller | None]:
    """The test's clock: starts at clock_start() and ticks; `clock.shift(seconds)` moves it.

    None under ENINDGANG_TEST_CLOCK=real.
    """
    start = clock_start()
    if start is None:
        yield None
        return
    with time_machine.travel(start, tick=True) as traveller:
        yield traveller

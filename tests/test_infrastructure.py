"""The test infrastructure itself: the fixed clock, the shared apps and their reset."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.forms.definitions import _builtin_sources
from app.models import FormVersion, User
from tests.clock import AWKWARD, DEFAULT, ZONE, clock_start


def test_clock_start_reads_names_local_times_offsets_and_real():
    """Named instants and naive times are Copenhagen time; "real" means no travel."""
    assert clock_start("dst") == datetime(2027, 3, 28, 1, 59, 59, tzinfo=ZONE)
    assert clock_start("2026-06-01T12:00:00") == datetime(2026, 6, 1, 12, tzinfo=ZONE)
    assert clock_start("2026-06-01T10:00:00+00:00").hour == 12
    assert clock_start("") == clock_start(DEFAULT)
    assert clock_start("real") is None
    assert set(AWKWARD) == {"minute49", "newyear", "dst"}


def test_every_test_starts_at_the_configured_instant(clock):
    """datetime, date.today() and time.time() all start at clock_start() and tick on."""
    start = clock_start()
    if start is None:
        pytest.skip("ENINDGANG_TEST_CLOCK=real")
    now = datetime.now(ZONE)
    assert timedelta(0) <= now - start < timedelta(seconds=30)
    assert abs(time.time() - start.timestamp()) < 30
    assert date.today() in {start.date(), start.date() + timedelta(days=1)}


def test_the_clock_crosses_the_daylight_saving_switch(clock):
    """Shifting from just before 02:00 on the spring switch lands at 03:00 local time."""
    if clock is None:
        pytest.skip("ENINDGANG_TEST_CLOCK=real")
    clock.move_to(clock_start("dst"))
    clock.shift(1.5)
    now = datetime.now(ZONE)
    assert (now.hour, now.utcoffset()) == (3, timedelta(hours=2))
    assert time.localtime().tm_hour == 3  # the process's local zone is Copenhagen's too


def test_reset_empties_the_database_but_keeps_the_built_in_forms(app, make_user, request):
    """After a test the database is as migrated: no users, the built-in forms stored."""
    make_user("admin")
    assert db.session.scalar(select(func.count()).select_from(User)) == 1
    db.session.remove()
    request.getfixturevalue("_session_apps").reset()
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    names = set(db.session.scalars(select(FormVersion.name)))
    assert names == set(_builtin_sources())


def test_restore_gives_the_apps_their_configuration_back(app, request):
    """A test may change app.config; the next test gets the configuration as built."""
    apps = request.getfixturevalue("_session_apps")
    app.config["MAX_CONTENT_LENGTH"] = 1
    app.config["SOMETHING_NEW"] = True
    apps.restore()
    assert app.config["MAX_CONTENT_LENGTH"] != 1
    assert "SOMETHING_NEW" not in app.config


def test_the_shared_app_refuses_new_routes_and_own_app_takes_them(app, own_app):
    """A route added to the session's app would leak into later tests; own_app is private."""
    with pytest.raises(AssertionError, match="can no longer be called"):
        app.add_url_rule("/leak", "leak", lambda: "leak")
    own_app.add_url_rule("/mine", "mine", lambda: "mine")
    assert own_app.test_client().get("/mine").get_data(as_text=True) == "mine"
    assert app.test_client().get("/mine").status_code == 404

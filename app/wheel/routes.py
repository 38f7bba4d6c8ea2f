"""The year wheel's page, and the personal calendar feed (create, revoke, read).

Thin views: the data comes from ``services``/``feeds``, the page parts from ``pages``.
The case's ``annual-wheel.ics`` is an API route (app/api/wheel.py) the page links to.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit
from app.authz import Action, can, get_case_for
from app.database import utcnow
from app.extensions import db, limit_refused_tokens
from app.models import Case
from app.wheel import calendar, feeds, pages, services
from app.wheel.forms import WheelForm

bp = Blueprint("wheel", __name__, template_folder="templates")


@bp.route("/sager/<int:case_id>/aarshjul", methods=["GET", "POST"])
@login_required
def wheel_page(case_id: int):
    """The wheel: the picture, the month-by-month list and (for editors) the form."""
    posting = request.method == "POST"
    action = Action.EDIT_CONTENT if posting else Action.VIEW_CONTENT
    case = get_case_for(current_user, case_id, action)
    wheel = services.wheel_of(case)
    may_edit = can(current_user, Action.EDIT_CONTENT, case)
    if not posting:
        form = WheelForm(data=pages.stored_values(case, wheel)) if may_edit else None
        if form is not None:
            pages.fill_choices(form, wheel)
        audit.read(case, "annual_wheel", meeting_ids=[m.id for m in wheel.meetings])
        return _page(case, wheel, form)
    form = WheelForm()
    pages.fill_choices(form, wheel)
    if not form.validate():
        return _page(case, wheel, form, 422)
    base = form.version.data or ""
    try:
        services.save_wheel(
            current_user, case, pages.posted(form), int(base) if base.isdigit() else None
        )
    except services.WheelError as error:
        db.session.rollback()
        pages.place_errors(form, error.errors)
        return _page(case, wheel, form, 422)
    except services.ConflictError:
        db.session.rollback()
        # The user's rows stay in the form; saving again now overwrites knowingly.
        fresh = services.wheel_of(case)
        form.version.data = str(fresh.version)
        return _page(case, fresh, form, 409, conflict=True)
    db.session.commit()
    flash(_("Årshjulet er gemt."), "success")
    return redirect(url_for("wheel.wheel_page", case_id=case.id))


def _page(case: Case, wheel: services.Wheel, form: WheelForm | None, status=200, **extra: Any):
    """The wheel page."""
    return (
        render_template(
            "wheel/page.html",
            case=case,
            wheel=wheel,
            view=pages.wheel_view(case, wheel),
            form=form,
            **extra,
        ),
        status,
    )


# The personal calendar feed ------------------------------------------------------------------


@bp.post("/profil/kalender")
@login_required
def create_feed():
    """Make a new feed URL (an older one stops working) and show it, once."""
    user = current_user._get_current_object()
    raw = feeds.create_feed(user)
    audit.record("calendar_feed_created", user, actor=user)
    db.session.commit()
    url = url_for("wheel.calendar_feed", token=raw, _external=True)
    return render_template("wheel/feed_created.html", url=url, days=feeds.feed_days())


@bp.post("/profil/kalender/tilbagekald")
@login_required
def revoke_feed():
    """Stop the user's feed: calendars subscribed to it get nothing more."""
    user = current_user._get_current_object()
    if feeds.revoke_feeds(user):
        audit.record("calendar_feed_revoked", user, actor=user)
        flash(_("Din kalender-adresse virker ikke længere."), "success")
    db.session.commit()
    return redirect(url_for("auth.profile") + "#kalender")


@bp.get("/kalender/<token>.ics")
@limit_refused_tokens("CALENDAR_FEED_RATE_LIMIT", "20 per minute")
def calendar_feed(token: str):
    """A user's own meetings as iCalendar, for calendar apps (the token is the credential;
    no session, no login; unknown, revoked, expired or deactivated: 404, and too many of
    those from one address: 429)."""
    feed = feeds.feed_for(token)
    if feed is None:
        abort(404)
    user = feed.user
    rows = feeds.own_meetings(user)
    body = calendar.feed_calendar(rows)
    feed.last_used_at = utcnow()
    audit.record(
        "calendar_feed_read",
        user,
        actor=user,
        case_ids=sorted({m.case_id for m in rows}),
        meeting_ids=[m.id for m in rows],
    )
    db.session.commit()
    return Response(body, mimetype="text/calendar")

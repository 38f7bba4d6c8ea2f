"""The family's own page, opened with a personal link: no staff login.

Every route here finds the link by its token first. An unknown, expired or revoked token
gets one kind page (404) with nothing about any case, and counts towards the rate limit of
guesses; a usable link protected by a one-time code shows the code page until the code is
typed in this browser. The session cookie holds only the CSRF token and which links had
their code typed, when. The plan shown is the family's plan's own selection
(app/word/services.family_plan_context): no amounts, no internal notes, no funding split.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from app.database import utcnow
from app.extensions import db, limit_refused_tokens
from app.family import contact
from app.familylink import codes, services
from app.goals import readings
from app.models import FamilyLink
from app.wheel import pages as wheel_pages
from app.wheel import services as wheel_services
from app.word.services import family_plan_context

bp = Blueprint("familypage", __name__, template_folder="templates")

BASE = "/familie/<token>"
SESSION_KEY = "family_codes"  # link id -> when its code was typed (ISO time)
CODE_HOURS = 12  # how long a typed code lasts in this browser (the product's default)


limited = limit_refused_tokens("FAMILY_LINK_RATE_LIMIT", "20 per minute")


@bp.after_request
def _private(response):
    """Never cached, never indexed; the address (with its token) goes to no other site."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: HTTPS form posts need a same-site Referer for the CSRF
    # check, and no other site ever sees the address.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _gone():
    """The one kind page for every link that does not work (404, nothing about any case)."""
    return render_template("familylink/family_gone.html"), 404


def _code_ok(link: FamilyLink) -> bool:
    """True when the link needs no code, or its code was typed in this browser lately."""
    if not link.code_required:
        return True
    typed = (session.get(SESSION_KEY) or {}).get(str(link.id))
    try:
        when = datetime.fromisoformat(typed) if typed else None
    except ValueError:
        when = None
    return when is not None and utcnow() - when < timedelta(hours=CODE_HOURS)


def _link(token: str, family_only: bool = False) -> tuple[FamilyLink | None, object | None]:
    """(the link, None) when it may be used now; (None, the answer to give) otherwise.

    ``family_only``: what only the family does (answers, acceptance); a partner's link,
    which reads the family's plan, gets 403."""
    link, _why = services.find(token)
    if link is None:
        return None, _gone()
    if not _code_ok(link):
        return None, redirect(url_for("familypage.code", token=token))
    if family_only and link.for_partner:
        abort(403)
    return link, None


@bp.get(BASE)
@limited
def show(token: str):
    """The family's plan, the next meeting, who to call; the ruler per goal; acceptance."""
    link, answer = _link(token)
    if link is None:
        return answer
    return _page(link, token)


def _page(link: FamilyLink, token: str, failed: dict | None = None, status: int = 200):
    """Render the family page (``failed``: a refused answer with what was typed)."""
    case = link.case
    services.mark_opened(link)
    plan = family_plan_context(case)
    wheel = wheel_services.wheel_of(case)
    mine = {}
    for key, rows in readings.readings_by_goal(case).items():
        own = [r for r in rows if r.family_member_id == link.family_member_id]
        if own:
            mine[key] = own[-1]
    return (
        render_template(
            "familylink/family_page.html",
            token=token,
            link=link,
            member=link.holder,
            plan=plan,
            goals=[g for g in plan["maal"].get("goals") or [] if g.get("key")],
            contact=contact.shown(contact.agreement_of(case)),
            mine=mine,
            accepted=services.accepted_current(link),
            failed=failed,
            # The year wheel handed to the parents [Sammen om familien, "… med et årshjul"].
            wheel_view=wheel_pages.wheel_view(case, wheel)
            if wheel.version or wheel.meetings
            else None,
        ),
        status,
    )


def _waiting_for_code(token: str) -> tuple[FamilyLink | None, object | None]:
    """(the link, None) when it works and still waits for its code in this browser; else
    (None, the kind page or the way on to the family page)."""
    link, _why = services.find(token)
    if link is None:
        return None, _gone()
    if _code_ok(link):
        return None, redirect(url_for("familypage.show", token=token))
    return link, None


def _code_page(token: str, *, sent: bool, error: str | None, status: int = 200):
    """The page that sends and takes the one-time code."""
    page = render_template("familylink/family_code.html", token=token, sent=sent, error=error)
    return page, status


@bp.get(BASE + "/kode")
@limited
def code(token: str):
    """Ask for the one-time code (send it, then type it)."""
    link, answered = _waiting_for_code(token)
    if link is None:
        return answered
    sent = link.code_hash is not None and link.code_expires_at is not None
    return _code_page(token, sent=sent, error=None)


@bp.post(BASE + "/kode/send")
@limited
def send_code(token: str):
    """Send a new code to the family member's e-mail."""
    link, answered = _waiting_for_code(token)
    if link is None:
        return answered
    if link.holder is None or not link.holder.email:
        error = _(
            "Vi kan ikke sende en kode, fordi vi ikke har din e-mail. "
            "Ring til din familiekoordinator."
        )
        return _code_page(token, sent=False, error=error, status=422)
    try:
        services.send_code(link)
    except codes.CodeNotSent:
        error = _(
            "Vi kunne ikke sende koden lige nu. Prøv igen om lidt, "
            "eller ring til din familiekoordinator."
        )
        return _code_page(token, sent=False, error=error, status=503)
    flash(_("Vi har sendt en kode til din e-mail. Den virker i 10 minutter."), "success")
    return redirect(url_for("familypage.code", token=token))


CODE_MESSAGES = {
    "none": lambda: _("Bed om en kode først."),
    "wrong": lambda: _("Koden er forkert. Prøv igen."),
    "expired": lambda: _("Koden er udløbet. Bed om en ny kode."),
    "used_up": lambda: _("Du har prøvet for mange gange. Bed om en ny kode."),
}


@bp.post(BASE + "/kode")
@limited
def check_code(token: str):
    """Check the typed code; right, and this browser may open the page for a while."""
    link, answered = _waiting_for_code(token)
    if link is None:
        return answered
    result = services.check_code(link, request.form.get("code", ""))
    if result == "ok":
        verified = dict(session.get(SESSION_KEY) or {})
        verified[str(link.id)] = utcnow().isoformat()
        session[SESSION_KEY] = verified
        return redirect(url_for("familypage.show", token=token))
    # After a wrong code the field stays; otherwise a new code must be asked for first.
    return _code_page(token, sent=result == "wrong", error=CODE_MESSAGES[result](), status=422)


@bp.post(BASE + "/svar")
@limited
def answer(token: str):
    """The family's "hvordan går det?" on one goal: the ruler and a comment."""
    link, refused = _link(token, family_only=True)
    if link is None:
        return refused
    typed = {name: request.form.get(name, "") for name in ("goal", "value", "note")}
    value = typed["value"]
    try:
        services.answer(link, typed["goal"], int(value) if value.isdigit() else None, typed["note"])
    except readings.ReadingError as error:
        db.session.rollback()
        return _page(link, token, {"typed": typed, "errors": error.errors}, 422)
    flash(_("Tak for dit svar. Din familiekoordinator kan se det."), "success")
    return redirect(url_for("familypage.show", token=token) + f"#maal-{typed['goal']}")


@bp.post(BASE + "/accepter")
@limited
def accept(token: str):
    """The family member confirms the plan as it is now."""
    link, refused = _link(token, family_only=True)
    if link is None:
        return refused
    services.accept_plan(link)
    flash(_("Tak. Vi har skrevet, at du har sagt ja til planen."), "success")
    return redirect(url_for("familypage.show", token=token) + "#accept")

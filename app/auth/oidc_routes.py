"""Sign-in with the municipality's account (OpenID Connect): start and callback.

The protocol is app/auth/oidc_client.py's (Authlib), the claim mapping app/auth/oidc_claims.py's
and the account rules app/auth/oidc_users.py's; these views only tie them to the request.
Both routes answer 404 unless ENINDGANG_SIGN_IN turns OIDC on.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app import audit
from app.auth import methods, oidc_client, oidc_users
from app.auth.oidc_claims import identity_from_claims
from app.auth.oidc_client import SignInFailed
from app.auth.session_loader import open_login
from app.extensions import db
from app.web.urls import safe_next_url

bp = Blueprint("oidc", __name__, template_folder="templates")

#: Session key: where to go after the sign-in (a local path, checked when stored).
_NEXT = "oidc_next"
_FAILED = (
    400,
    _l("Login mislykkedes"),
    _l(
        "Login med kommunens konto kunne ikke gennemføres. Prøv igen. Sker det igen, så "
        "kontakt kommunens it-afdeling."
    ),
)
#: Each problem's HTTP status, heading and message; any other reason is _FAILED.
_PROBLEMS = {
    oidc_users.NO_ROLE: (
        403,
        _l("Du har ikke adgang til enindgang"),
        _l(
            "Din konto hos kommunen er ikke tildelt en rolle i enindgang. Kontakt kommunens "
            "it-afdeling eller enindgangs administrator, hvis du skal bruge enindgang."
        ),
    ),
    oidc_users.DEACTIVATED: (
        403,
        _l("Din bruger er deaktiveret"),
        _l(
            "Din bruger i enindgang er deaktiveret. Kontakt enindgangs administrator, hvis du "
            "skal have adgang igen."
        ),
    ),
    oidc_users.OTHER_ACCOUNT: (
        403,
        _l("Login mislykkedes"),
        _l(
            "Din e-mailadresse hører til en anden konto i enindgang. Kontakt enindgangs "
            "administrator."
        ),
    ),
    "provider_unreachable": (
        503,
        _l("Kommunens login svarer ikke"),
        _l("Kommunens login kan ikke nås lige nu. Prøv igen om lidt."),
    ),
}


@bp.get("/login/oidc")
def start():
    """Send the browser to the identity provider (authorization code flow with PKCE)."""
    methods.require_oidc()
    if current_user.is_authenticated:
        return redirect(url_for("cases.my_cases"))
    try:
        response = oidc_client.authorization_redirect(url_for("oidc.callback", _external=True))
    except SignInFailed as failure:
        return _problem(failure.reason)
    next_url = safe_next_url(request.args.get("next"))
    if next_url:
        session[_NEXT] = next_url
    return response


@bp.get("/login/oidc/callback")
def callback():
    """The provider sends the browser back here with a code: check everything, then find,
    create or update the account and log it in, or show why not."""
    methods.require_oidc()
    if current_user.is_authenticated:
        return redirect(url_for("cases.my_cases"))
    next_url = session.pop(_NEXT, None)
    try:
        claims, id_token = oidc_client.finish()
        identity = identity_from_claims(claims, oidc_client.settings(), oidc_users.departments())
    except SignInFailed as failure:
        return _problem(failure.reason)
    except ValueError:  # a valid token without the e-mail claim: the provider's set-up
        return _problem("claims")
    outcome = oidc_users.sign_in(identity)
    if outcome.refused:
        db.session.commit()  # the refusal's audit event
        return _render(outcome.refused)
    open_login(outcome.user, id_token)
    audit.record("login", actor=outcome.user, method="oidc")
    db.session.commit()
    return redirect(safe_next_url(next_url) or url_for("cases.my_cases"))


def _problem(reason: str):
    """Audit a sign-in that did not complete and say so."""
    audit.record("login_failed", actor=None, method="oidc", reason=reason)
    db.session.commit()
    return _render(reason)


def _render(reason: str):
    """The page that says why the sign-in did not complete, with the way back."""
    status, heading, message = _PROBLEMS.get(reason, _FAILED)
    page = render_template(
        "auth/oidc_problem.html", reason=reason, heading=heading, message=message
    )
    return page, status

"""Login and logout pages, and the page where a user edits their own name and phone."""

from __future__ import annotations

import hashlib

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit
from app.auth import methods, oidc_client, services
from app.auth import profile as profiles
from app.auth.forms import LoginForm, ProfileForm
from app.auth.session_loader import close_login, open_login
from app.database import utcnow
from app.extensions import db, limiter
from app.web.urls import safe_next_url
from app.wheel import sections as wheel_sections

bp = Blueprint("auth", __name__, template_folder="templates")


def _login_limit() -> str:
    """The configured limit of failed logins per client address."""
    return current_app.config["LOGIN_RATE_LIMIT"]


def _email_key() -> str:
    """Rate-limit key per attempted e-mail, so one account cannot be tried from many hosts."""
    email = services.normalize_email(request.form.get("email", ""))
    return "login-email:" + hashlib.sha256(email.encode("utf-8")).hexdigest()


def _failed(response) -> bool:
    """Only failed attempts count towards the limit (success redirects; 404: passwords are
    off, nothing was tried)."""
    return response.status_code not in (302, 404)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit("20 per minute", key_func=_email_key, methods=["POST"], deduct_when=_failed)
def login():
    """Show the login page (the municipality's account and/or the password form) and log the
    user in with a password where passwords are on."""
    if request.method == "POST":
        methods.require_local()  # OIDC only: the password form is gone
    if current_user.is_authenticated:
        return redirect(url_for("cases.my_cases"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            open_login(user)
            audit.record("login", actor=user)
            db.session.commit()
            return redirect(safe_next_url(request.args.get("next")) or url_for("cases.my_cases"))
        # One message whether the e-mail exists or not.
        audit.record("login_failed", actor=None)
        db.session.commit()
        form.password.errors.append(_("E-mail eller adgangskode er forkert."))
    return render_template(
        "auth/login.html",
        form=form,
        local=methods.local_on(),
        oidc=methods.oidc_on(),
        next_url=safe_next_url(request.args.get("next")),
    )


@bp.post("/logout")
@login_required
def logout():
    """End the login session on the server and in the browser; after an OIDC sign-in, also
    at the identity provider where it offers that (RP-initiated logout)."""
    user = current_user._get_current_object()
    id_token = close_login()
    audit.record("logout", actor=user, provider=bool(id_token))
    db.session.commit()
    flash(_("Du er logget ud."), "success")
    target = url_for("auth.login")
    if id_token and methods.oidc_on():
        target = oidc_client.logout_url(id_token, url_for("auth.login", _external=True)) or target
    response = redirect(target)
    # Text kept in this browser while typing (autosave.js) belongs to the one logging out:
    # the browser wipes the site's storage (the script wipes it too, on the logout click).
    response.headers["Clear-Site-Data"] = '"storage"'
    return response


@bp.route("/profil", methods=["GET", "POST"])
@login_required
def profile():
    """The user's own name and phone number (the family's plan shows the phone)."""
    user = current_user._get_current_object()
    form = ProfileForm(obj=user) if request.method == "GET" else ProfileForm()
    if form.validate_on_submit():
        changed = profiles.update_own_profile(user, form.name.data, form.phone.data)
        db.session.commit()
        flash(_("Dine oplysninger er gemt.") if changed else _("Intet er ændret."), "success")
        return redirect(url_for("auth.profile"))
    status = 422 if form.errors else 200
    feeds = wheel_sections.profile_section(user)  # the personal calendar feed
    return (
        render_template(
            "auth/profile.html",
            form=form,
            user=user,
            feeds=feeds,
            tokens=services.tokens_of(user),
            token_days=services.token_days(),
            now=utcnow(),
        ),
        status,
    )


@bp.post("/profil/api-noegler")
@login_required
def create_token():
    """Make a personal API token with a name; it is shown once (only its hash is kept)."""
    user = current_user._get_current_object()
    name = " ".join((request.form.get("name") or "").split())[:100]
    if not name:
        flash(_("Skriv, hvad nøglen skal bruges til, så du kan kende den igen."), "error")
        return redirect(url_for("auth.profile") + "#api-noegler")
    raw = services.create_token(user, name)
    audit.record("api_token_created", user, actor=user)
    db.session.commit()
    return render_template("auth/token_created.html", token=raw, name=name)


@bp.post("/profil/api-noegler/tilbagekald")
@login_required
def revoke_token():
    """Revoke one of the user's own tokens (the form names it; another's is not found)."""
    user = current_user._get_current_object()
    raw_id = request.form.get("token_id", "")
    token = services.own_token(user, int(raw_id)) if raw_id.isdigit() and len(raw_id) < 10 else None
    if token is None:
        flash(_("Nøglen findes ikke blandt dine API-nøgler."), "error")
    elif token.revoked_at is None:
        services.revoke_token(token)
        audit.record("api_token_revoked", user, actor=user, token_id=token.id)
        flash(_("API-nøglen »%(name)s« virker ikke længere.", name=token.name), "success")
    db.session.commit()
    return redirect(url_for("auth.profile") + "#api-noegler")

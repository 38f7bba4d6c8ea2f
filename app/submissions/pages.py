"""One editing flow for filled forms: a case's forms and the municipality's documents.

The two blueprints (`submissions.routes` for /sager/<id>/formularer, `municipal_documents.routes`
for /dokumenter) resolve their target here and share the pages below."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import audit
from app.authz import (
    Action,
    can,
    can_adapt_forms,
    can_read_municipal_documents,
    get_case_for,
)
from app.database import utcnow
from app.docgen.pdf import configured_soffice
from app.extensions import db
from app.formatting import format_time
from app.forms.definitions import current_version
from app.goals import progress as goal_progress
from app.goals.sheet import GOALS_FORM
from app.models import Case, FormVersion, Submission
from app.submissions import editing, services
from app.web.i18n import current_locale, current_zone


@dataclass
class Target:
    """One form page's subject: a case's form, or a municipal document (case is None)."""

    form_name: str
    version: FormVersion
    submission: Submission | None
    case: Case | None
    can_edit: bool

    def url(self, view: str, **extra) -> str:
        """The URL of one of this target's pages (edit, history, revision, restore, upgrade)."""
        if self.case is not None:
            return url_for(
                f"submissions.case_{view}", case_id=self.case.id, form_name=self.form_name, **extra
            )
        if self.submission is None:
            return url_for("municipal_documents.new_document", form_name=self.form_name)
        return url_for(
            f"municipal_documents.document_{view}",
            form_name=self.form_name,
            doc_id=self.submission.id,
            **extra,
        )

    def posted(self) -> editing.Posted:
        """This request's post to the target's form page."""
        return editing.Posted(
            self.form_name, self.version, self.submission, self.case, request.form
        )

    def autosave_url(self) -> str | None:
        """Where the page autosaves to (None: a new municipal document, saved by hand first)."""
        if self.case is None and self.submission is None:
            return None
        return self.url("autosave")


def case_target(case_id: int, form_name: str, action: Action = Action.VIEW_CONTENT) -> Target:
    """The target for a case's form, checking access and that the form is a case form."""
    case = get_case_for(current_user, case_id, action)
    submission = services.find_case_submission(case, form_name)
    version = submission.definition if submission else current_version(form_name)
    if version is None or version.scope != "case":
        abort(404)
    return Target(
        form_name, version, submission, case, can(current_user, Action.EDIT_CONTENT, case)
    )


def document_target(form_name: str, doc_id: int | None) -> Target:
    """The target for a municipal document (doc_id None: a new one)."""
    if not can_read_municipal_documents(current_user):
        abort(403)
    submission = None
    if doc_id is not None:
        submission = db.session.get(Submission, doc_id)
        if (
            submission is None
            or submission.case_id is not None
            or submission.form_name != form_name
        ):
            abort(404)
    version = submission.definition if submission else current_version(form_name)
    if version is None or version.scope != "municipality":
        abort(404)
    return Target(form_name, version, submission, None, can_adapt_forms(current_user))


def edit_page(target: Target, start: dict | None = None):
    """Show or save a form page; a new one shows `start` (a starting point's data) if given."""
    failed_reading = None
    if request.method == "POST" and not target.can_edit:
        abort(403)
    if request.method == "POST" and _is_reading(target):
        # A progress reading posted from the SMARTE page's own form (goals.progress).
        posted = goal_progress.add_from_form(current_user, target.case, request.form)
        if posted.saved is not None:
            db.session.commit()
            flash(_("Målingen er gemt."), "success")
            return redirect(target.url("edit") + f"#fremskridt-{posted.goal}")
        db.session.rollback()
        failed_reading = posted
        page = editing.show(target.version, target.submission, target.case, current_locale())
        status = 422
    elif request.method == "POST":
        page = editing.submit(current_user, target.posted(), locale=current_locale())
        if page.saved is not None:
            db.session.commit()
            target.submission = page.saved
            flash(
                _("Formularen er gemt som endelig.")
                if page.saved.status == "final"
                else _("Kladden er gemt."),
                "success",
            )
            return redirect(target.url("edit"))
        if page.kept_draft is not None:
            db.session.commit()  # the failed final save's text, kept as the draft
            target.submission = page.kept_draft
        else:
            db.session.rollback()
        status = 409 if page.conflicted else (422 if page.summary else 200)
    else:
        page = editing.show(
            target.version, target.submission, target.case, current_locale(), start=start
        )
        status = 200
        _audit_read(target)
    newest = current_version(target.form_name)
    return render_template(
        "submissions/edit.html",
        page=page,
        target=target,
        progress=(
            goal_progress.panel(target.case, current_user, failed_reading)
            if target.case is not None and target.form_name == GOALS_FORM
            else None
        ),
        newest=newest,
        locale=current_locale(),
        pdf_downloads=configured_soffice(current_app.config) is not None,
    ), status


def autosave_page(target: Target):
    """Quietly store the posted form as the draft (JSON for autosave.js); 409 when someone
    saved a newer version or the submission is final, 422 when a value cannot be stored."""
    if not target.can_edit or target.autosave_url() is None:
        abort(403 if not target.can_edit else 404)
    result = editing.autosave(current_user, target.posted())
    if result.outcome != "saved":
        db.session.rollback()
        return jsonify(_autosave_refusal(result)), 422 if result.outcome == "invalid" else 409
    db.session.commit()
    saved = result.saved
    return jsonify(
        outcome="saved",
        version=saved.version,
        saved_at=saved.updated_at.isoformat(),
        message=_("Gemt kl. %(time)s", time=_local_time(saved.updated_at)),
    )


def _autosave_refusal(result: editing.Autosave) -> dict:
    """The JSON of an autosave that stored nothing: why, in words for the status line."""
    current = result.current
    messages = {
        "conflict": _(
            "Ikke gemt: en anden har gemt formularen, mens du skrev. Din tekst er bevaret. "
            "Tryk »Gem kladde« for at se begge udgaver."
        ),
        "final": _(
            "Formularen er endelig: dine ændringer gemmes, når du trykker på en af knapperne."
        ),
        "invalid": _(
            "Ikke gemt automatisk: et felt har en værdi, der ikke kan gemmes. "
            "Din tekst er bevaret. Tryk »Gem kladde« for at se hvilket."
        ),
    }
    return {
        "outcome": result.outcome,
        "message": messages[result.outcome],
        "version": current.version if current else None,
        "errors": result.errors,
    }


def _local_time(moment) -> str:
    """A time of day in the page's language and the configured zone ("10.32")."""
    return format_time(moment or utcnow(), locale=current_locale(), zone=current_zone())


def _is_reading(target: Target) -> bool:
    """True when the post is a progress reading from the SMARTE page's own form."""
    return (
        target.case is not None
        and target.form_name == GOALS_FORM
        and goal_progress.READING_BUTTON in request.form
    )


def _audit_read(target: Target, **details) -> None:
    """A case's form shown to someone is a read of family content (municipal ones are not)."""
    if target.case is not None:
        submission_id = target.submission.id if target.submission else None
        audit.read(
            target.case, "form", form=target.form_name, submission_id=submission_id, **details
        )


def history_page(target: Target):
    """The list of saved revisions."""
    if target.submission is None:
        abort(404)
    return render_template(
        "submissions/history.html", target=target, revisions=target.submission.revisions
    )


def revision_page(target: Target, version: int):
    """One saved revision, read-only."""
    revision = target.submission and services.get_revision(target.submission, version)
    if not revision:
        abort(404)
    values = editing.readable(revision.definition, revision.data, target.case, current_locale())
    _audit_read(target, revision=version)
    return render_template(
        "submissions/revision.html", target=target, revision=revision, values=values
    )


def restore_page(target: Target, version: int):
    """Make an older revision the newest again."""
    if not target.can_edit or target.submission is None:
        abort(403 if target.submission else 404)
    base = request.form.get("_version", "")
    try:
        services.restore(
            current_user, target.submission, version, int(base) if base.isdigit() else -1
        )
    except services.ConflictError:
        # Someone saved meanwhile: the history as it is now, saying so (409); nothing restored.
        db.session.rollback()
        db.session.refresh(target.submission)
        return render_template(
            "submissions/history.html",
            target=target,
            revisions=target.submission.revisions,
            conflict=True,
        ), 409
    except LookupError:
        abort(404)
    db.session.commit()
    flash(_("Version %(version)s er gendannet som kladde.", version=version), "success")
    return redirect(target.url("edit"))


def upgrade_page(target: Target):
    """Preview and confirm moving a submission to the newest form version."""
    if target.submission is None:
        abort(404)
    newest, _kept, dropped = services.upgrade_preview(target.submission)
    if request.method == "POST":
        if not target.can_edit:
            abort(403)
        base = request.form.get("_version", "")
        try:
            services.upgrade(current_user, target.submission, int(base) if base.isdigit() else -1)
        except services.ConflictError:
            db.session.rollback()
            flash(_("Nogen har gemt formularen i mellemtiden. Prøv igen."), "error")
            return redirect(target.url("upgrade"))
        db.session.commit()
        flash(_("Formularen bruger nu den nyeste version."), "success")
        return redirect(target.url("edit"))
    return render_template(
        "submissions/upgrade.html", target=target, newest=newest, dropped=dropped
    )

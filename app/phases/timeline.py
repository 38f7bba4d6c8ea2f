"""A case-flow template read as a timeline: what a coordinator sees instead of a disabled form."""

from __future__ import annotations

from flask import abort, current_app, render_template

from app.docgen.pdf import configured_soffice
from app.formengine.describe import display_values
from app.forms.definitions import definition_of
from app.phases import flow
from app.phases.flow import FLOW_FORM
from app.submissions import services
from app.submissions.pages import Target
from app.vocabularies.services import load_vocabularies
from app.web.i18n import current_locale


def timeline_page(target: Target, version: str | None = None):
    """The document (or one saved ``version`` of it) as an ordered list of its phases."""
    if target.form_name != FLOW_FORM or target.submission is None:
        abort(404)
    revision = None
    if version:
        if not version.isdigit():
            abort(404)
        revision = services.get_revision(target.submission, int(version))
        if revision is None:
            abort(404)
    form_version = revision.definition if revision else target.submission.definition
    data = revision.data if revision else target.submission.data
    definition, locale = definition_of(form_version), current_locale()
    vocabularies = load_vocabularies()
    shown = display_values(definition, data or {}, vocabularies=vocabularies, locale=locale)
    about = [
        (spec.label.get(locale), flow.text_of(shown.get(spec.name)))
        for spec in definition.input_fields()
        if spec.name not in (flow.PHASES, "title") and flow.text_of(shown.get(spec.name))
    ]
    return render_template(
        "phases/timeline.html",
        target=target,
        revision=revision,
        status=revision.status if revision else target.submission.status,
        about=about,
        steps=flow.steps(definition, data, vocabularies=vocabularies, locale=locale),
        pdf_downloads=configured_soffice(current_app.config) is not None,
    )

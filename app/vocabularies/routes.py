"""Pages for the municipality's shared lists (thin views; the services do the work).

The editor is a table posted as a whole: "Tilføj række" and "Fjern" are submit buttons, so
rows can be added and removed without JavaScript, and every typed value comes back.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.authz import can_adapt_forms
from app.extensions import db
from app.formengine.law import BY_KEY as LAW_BY_KEY
from app.formengine.rows import pressed_button, remove_row
from app.vocabularies import editor as services
from app.vocabularies.services import (
    USAGE_FINDERS,
    VocabularyError,
    get_vocabulary,
    is_customised,
    load_vocabularies,
    reset_vocabulary,
    save_vocabulary,
    vocabulary_names,
)
from app.web.forms import BaseForm

bp = Blueprint("vocabularies", __name__, url_prefix="/lister", template_folder="templates")

TITLES = {
    "departments": _l("Afdelinger"),
    "roles": _l("Roller i kerneteamet"),
    "paragraphs": _l("Lovparagraffer"),
    "interventions": _l("Indsatser"),
    "authority_levels": _l("Beslutningsniveauer"),
    "meeting_types": _l("Mødetyper"),
}
DESCRIPTIONS = {
    "departments": _l(
        "De forvaltninger og afdelinger, der deltager i kerneteamet og betaler "
        "en andel af indsatserne."
    ),
    "roles": _l("De roller, som kerneteamets medlemmer kan have."),
    "paragraphs": _l(
        "Lovgrundlaget for indsatser: barnets lov med Servicelovens tidligere nummer ved "
        "siden af, og de paragraffer fra skole, STU, beskæftigelse og voksenområdet, som en "
        "fælles plan spænder over. Hvert punkt har en kilde; »Ubekræftet« betyder, at nummeret "
        "ikke er fundet i kilden. Bemærkningen er en hjælp til administratorer."
    ),
    "interventions": _l("Almindelige indsatser, der kan vælges i planer og finansiering."),
    "authority_levels": _l("Hvem der kan træffe beslutninger: fra rådgiver til visitationsudvalg."),
    "meeting_types": _l(
        "De slags møder, en sags møder planlægges som: udredning, analyse, status, netværk, "
        "opfølgning og børnesamtale."
    ),
}


@bp.record_once
def _take_usage_finders(state) -> None:
    """create_app hands over the features' answers to "where is this key used?"; this
    package may not import those features (they import it)."""
    state.app.extensions[USAGE_FINDERS] = tuple(state.options["usage_finders"])


class ResetForm(BaseForm):
    """Confirm going back to the default list (CSRF only)."""


@bp.before_request
@login_required
def _only_adapters():
    """Every page here is for leaders and administrators."""
    if not can_adapt_forms(current_user):
        abort(403)


def _title(name: str) -> str:
    """The list's name as people know it."""
    return str(TITLES.get(name, name))


@bp.get("")
def index():
    """Every shared list with its size and whether it is the municipality's own."""
    vocabularies = load_vocabularies()
    lists = [
        (name, _title(name), len(vocabularies[name]), is_customised(name))
        for name in vocabulary_names()
    ]
    unconfirmed = {
        name: sum(1 for item in items if item.get("confirmed") is False)
        for name, items in vocabularies.items()
    }
    return render_template(
        "vocabularies/index.html", lists=lists, descriptions=DESCRIPTIONS, unconfirmed=unconfirmed
    )


@bp.route("/<name>", methods=["GET", "POST"])
def edit(name: str):
    """Edit one list; add/remove rows re-show the table, save stores it."""
    stored = get_vocabulary(name)
    if stored is None:
        abort(404)
    summary: list[services.SummaryItem] = []
    focus, changed, status = None, False, 200
    if request.method == "GET":
        rows = services.rows_from_items(stored)
    else:
        rows = services.rows_from_form(request.form, {item["value"] for item in stored})
        button = pressed_button(request.form)
        if button and button.action == "add":
            rows.append(services.Row())
            focus, changed = f"rows-{len(rows) - 1}-value", True
        elif button:
            rows, changed = remove_row(rows, button.row), True
        else:
            try:
                save_vocabulary(current_user, name, services.items_of(rows))
            except VocabularyError as error:
                db.session.rollback()
                rows, summary = services.place_errors(rows, error.errors, stored)
                status = 422
            else:
                db.session.commit()
                flash(_("Listen »%(title)s« er gemt.", title=_title(name)), "success")
                return redirect(url_for("vocabularies.edit", name=name))
    return render_template(
        "vocabularies/edit.html",
        name=name,
        title=_title(name),
        description=DESCRIPTIONS.get(name),
        rows=rows,
        summary=summary,
        focus=focus,
        changed=changed,
        customised=is_customised(name),
        with_note=name == "paragraphs",
        long_text=name == "paragraphs",
        # The built-in facts behind each key (source, confirmed, retired), for the marker.
        law=LAW_BY_KEY if name == "paragraphs" else {},
    ), status


@bp.route("/<name>/gendan", methods=["GET", "POST"])
def reset(name: str):
    """Confirm, then go back to the built-in default list."""
    if get_vocabulary(name) is None:
        abort(404)
    form, errors = ResetForm(), []
    if form.validate_on_submit():
        try:
            reset_vocabulary(current_user, name)
        except VocabularyError as error:
            db.session.rollback()
            errors = [m for messages in error.errors.values() for m in messages]
        else:
            db.session.commit()
            flash(_("Standardlisten for »%(title)s« er gendannet.", title=_title(name)), "success")
            return redirect(url_for("vocabularies.edit", name=name))
    gone, back = services.reset_preview(name)
    return render_template(
        "vocabularies/reset.html",
        form=form,
        name=name,
        title=_title(name),
        customised=is_customised(name),
        gone=gone,
        back=back,
        errors=errors,
    ), 422 if errors else 200

"""The app's own accessibility statement (tilgængelighedserklæring), linked from every page.

Danish public-sector websites must publish one (lov om tilgængelighed af offentlige organers
websteder og mobilapplikationer). A municipality normally makes its statement in
Digitaliseringsstyrelsen's WAS tool and sets the link in its settings; this page is what the
footer shows until then, and says what the app itself has been tested for.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from app.web.page_context import municipality_settings

bp = Blueprint("accessibility", __name__)


@bp.get("/tilgaengelighed")
def statement():
    """The statement: open to everyone, signed in or not (no family content)."""
    settings = municipality_settings()
    own = settings.accessibility_statement_url if settings else None
    return render_template("accessibility.html", own_statement=own)

"""The audit trail pages (/revision): leaders and administrators read, filter and export."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, stream_with_context
from flask_login import current_user, login_required

from app import audit
from app.audittrail import services
from app.authz import can_read_audit_trail
from app.web.i18n import current_zone

bp = Blueprint("audittrail", __name__, template_folder="templates")


def _allowed() -> None:
    """Only leaders and administrators read the trail (403 for others)."""
    if not can_read_audit_trail(current_user):
        abort(403)


@bp.get("/revision")
@login_required
def trail():
    """Who did what, when and from where, newest first, filtered; never any content."""
    _allowed()
    filters = services.parse_filters(request.args)
    page = services.trail_page(filters, current_zone())
    return render_template("audittrail/trail.html", page=page, filters=filters, args=request.args)


@bp.get("/revision.csv")
@login_required
def trail_csv():
    """The filtered trail as CSV (UTF-8 with BOM for Excel; no cell can become a formula)."""
    _allowed()
    filters = services.parse_filters(request.args)
    audit.export(None, "audit_trail", "csv")  # reading the trail is itself in the trail
    lines = services.csv_lines(filters, current_zone())
    body = stream_with_context(("\ufeff" if n == 0 else "") + line for n, line in enumerate(lines))
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="revisionsspor.csv"'},
    )

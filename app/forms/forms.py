"""Forms of the form designer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length

from app.forms.services import normalise_source
from app.web.forms import BaseForm


def _strip(value: str | None) -> str:
    """Strip whitespace around a one-line text."""
    return (value or "").strip()


class EditorForm(FlaskForm):
    """The YAML editor. Not a BaseForm: the YAML must stay exactly as typed (no stripping)."""

    source = TextAreaField(_l("YAML-definition"), filters=[normalise_source])
    base = HiddenField()  # the version the editor started from, to notice others' publishing
    note = StringField(
        _l("Note til versionen"),
        filters=[_strip],
        validators=[Length(max=500, message=_l("Noten må højst have 500 tegn."))],
        description=_l("Hvad er ændret, og hvorfor? Vises i versionslisten."),
    )


class ImportForm(BaseForm):
    """Upload a YAML file."""

    file = FileField(
        _l("YAML-fil"), description=_l("En .yaml- eller .yml-fil i UTF-8, højst 256 kB.")
    )


class ConfirmForm(BaseForm):
    """A button that confirms a consequential action (CSRF only)."""

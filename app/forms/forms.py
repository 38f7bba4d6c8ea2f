"""Forms of the form designer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.formengine.fieldbase import wtforms_choices
from app.formengine.schema import NAME_PATTERN
from app.forms import definitions as registry
from app.forms.roundtrip import slug
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


class StartForm(BaseForm):
    """A new form's title, technical name and use, before the visual editor opens."""

    title = StringField(
        _l("Formularens titel"),
        validators=[
            DataRequired(message=_l("Skriv formularens titel.")),
            Length(max=200, message=_l("Titlen må højst have 200 tegn.")),
        ],
        description=_l("Som den, der udfylder, ser den, fx »Samtale med barnet«."),
    )
    name = StringField(
        _l("Teknisk navn (valgfrit)"),
        validators=[
            Optional(),
            Length(max=64, message=_l("Navnet må højst have 64 tegn.")),
            Regexp(
                NAME_PATTERN,
                message=_l("Brug små bogstaver a–z, tal og _, og begynd med et bogstav."),
            ),
        ],
        description=_l(
            "Bruges i data, Word-skabeloner og API. Tomt: dannes af titlen. Kan ikke ændres, "
            "når formularen er udgivet."
        ),
    )
    scope = RadioField(
        _l("Formularen bruges til"),
        choices=wtforms_choices(
            [("case", _l("En sag (udfyldes for en familie)")),
             ("municipality", _l("Kommunen (én fælles udfyldning)"))]
        ),
        default="case",
    )  # fmt: skip

    def validate(self, extra_validators=None) -> bool:
        """Valid fields, and a name (typed, or made from the title) no form has yet."""
        if not super().validate(extra_validators):
            return False
        self.name.data = self.name.data or slug(self.title.data or "", "formular")
        if registry.current_version(self.name.data) is not None:
            self.name.errors = [
                _l("Der findes allerede en formular med navnet %(name)s.", name=self.name.data)
            ]
            return False
        return True

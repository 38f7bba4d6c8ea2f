"""The form of the page "Hvem må bevilge?": intervention, paragraph, size and start date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Optional, ValidationError

from app.formatting import NotADate, NotANumber, parse_date, parse_number
from app.formengine.vocabularies import item_label
from app.municipal_documents.measures import MEASURES
from app.vocabularies.services import load_vocabularies
from app.web.forms import BaseForm
from app.web.i18n import current_locale

# The size fields, in the order the page shows them (each one a measure key).
SIZE_LABELS = {
    "kr_per_year": _l("Kr. om året"),
    "kr_one_off": _l("Kr. som engangsbeløb"),
    "hours_per_week": _l("Timer om ugen"),
    "hours_per_month": _l("Timer om måneden"),
    "days_per_month": _l("Døgn pr. måned"),
    "months": _l("Varighed i måneder"),
}


def _size_number(_form, field) -> None:
    """A size is a number of 0 or more, as people type it in the page's language."""
    text = (field.data or "").strip()
    if not text:
        return
    try:
        number = parse_number(text, locale=current_locale())
    except NotANumber:
        raise ValidationError(_l("Skriv et tal, fx 18.500 eller 2,5.")) from None
    if not number.is_finite() or number < 0:
        raise ValidationError(_l("Skriv et tal på 0 eller derover."))


def _a_date(_form, field) -> None:
    """The start date is a real day (ISO as the date picker sends it, or Danish 1.3.2026)."""
    try:
        parse_date(field.data or "")
    except NotADate:
        raise ValidationError(_l("Skriv en dato, fx 2026-03-01.")) from None


def _size_field(name: str) -> StringField:
    """One optional size input."""
    return StringField(SIZE_LABELS[name], validators=[Optional(), _size_number])


class GrantQueryForm(BaseForm):
    """What is asked at a meeting: which intervention, under which paragraph, how much, from
    when. Only the intervention is required; without the size the answer says what it
    depends on."""

    intervention = SelectField(
        _l("Indsats"),
        validators=[DataRequired(_l("Vælg indsatsen."))],
        validate_choice=False,  # checked in validate_intervention, in our own words
    )
    paragraph = SelectField(_l("Paragraf"), validate_choice=False)
    kr_per_year = _size_field("kr_per_year")
    kr_one_off = _size_field("kr_one_off")
    hours_per_week = _size_field("hours_per_week")
    hours_per_month = _size_field("hours_per_month")
    days_per_month = _size_field("days_per_month")
    months = _size_field("months")
    on = StringField(
        _l("Bevillingens startdato"),
        validators=[DataRequired(_l("Angiv en dato, fx 2026-03-01.")), _a_date],
        description=_l("Svaret gives efter den plan, der gælder på denne dato."),
        default=lambda: date.today().isoformat(),
    )
    submit = SubmitField(_l("Hvem må bevilge?"))

    def fill_choices(self) -> None:
        """The intervention and paragraph lists, in the page's language."""
        vocab = load_vocabularies()
        locale = current_locale()
        self.intervention.choices = [("", str(_l("Vælg indsats")))] + [
            (i["value"], item_label(i, locale)) for i in vocab["interventions"]
        ]
        self.paragraph.choices = [("", str(_l("Ingen bestemt paragraf")))] + [
            (i["value"], item_label(i, locale)) for i in vocab["paragraphs"]
        ]

    def validate_intervention(self, field) -> None:
        """Only an intervention from the list."""
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Vælg en indsats fra listen."))

    def validate_paragraph(self, field) -> None:
        """Only a paragraph from the list (or none)."""
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Vælg en paragraf fra listen."))

    def measures(self) -> dict[str, Decimal | None]:
        """The sizes typed, under the measure keys (call after validate())."""
        locale = current_locale()
        found: dict[str, Decimal | None] = {}
        for name in MEASURES:
            text = (getattr(self, name).data or "").strip()
            found[name] = parse_number(text, locale=locale) if text else None
        return found

    def start(self) -> date:
        """The date the plan is looked up for (call after validate())."""
        return parse_date(self.on.data)

"""Forms for cases. The services check the values (same rules for web and API); these forms
carry CSRF, keep what was typed and show the services' messages on their fields."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from app.cases.services import REFERENCE_MAX, TITLE_MAX
from app.web.forms import BaseForm

REFERENCE_HINT = _l("Kommunens sagsnummer, fx 27.15.00-G01-123-26. Ikke CPR-nummer.")
TITLE_HINT = _l(
    "Et kort navn, som kerneteamet genkender sagen på. Skriv ikke diagnoser, fulde navne "
    "eller CPR-numre."
)


class CreateCaseForm(BaseForm):
    """Sagsnummer and title of a new case."""

    reference = StringField(
        _l("Sagsnummer"),
        validators=[DataRequired(_l("Angiv et sagsnummer.")), Length(max=REFERENCE_MAX)],
        description=REFERENCE_HINT,
    )
    title = StringField(
        _l("Titel"),
        validators=[DataRequired(_l("Angiv en titel.")), Length(max=TITLE_MAX)],
        description=TITLE_HINT,
    )
    submit = SubmitField(_l("Opret sag"))


class EditCaseForm(BaseForm):
    """The case's facts; choices are filled by the view, values checked by cases.facts."""

    reference = StringField(_l("Sagsnummer"), description=REFERENCE_HINT)
    title = StringField(_l("Titel"), description=TITLE_HINT)
    neutral_title = StringField(
        _l("Neutral titel til økonomimedarbejdere"),
        description=_l("Det eneste navn, controllere ser på sagen. Tomt: »Sag« og sagsnummeret."),
    )
    flow_document_id = SelectField(
        _l("Sagsforløb"),
        validate_choice=False,
        description=_l("Den model for sagsforløbet, sagen følger (fra Dokumenter)."),
    )
    paragraphs = SelectMultipleField(_l("Lovparagraffer"), validate_choice=False)
    birth_month = SelectField(_l("Barnets fødselsmåned"), validate_choice=False)
    birth_year = StringField(
        _l("Barnets fødselsår"),
        description=_l("Kun måned og år, så overgangene ved 16 og 18 år kan planlægges."),
    )
    referred_on = StringField(
        _l("Henvisningsdato"),
        description=_l(
            "Den dag, sagen blev henvist til en familiekoordinator. Skriv dd-mm-åååå. "
            "Ledernes tal for tiden fra henvisning til plan regner herfra."
        ),
    )


class CoordinatorForm(BaseForm):
    """Hand the case to another family coordinator, with a note for them."""

    coordinator_id = SelectField(_l("Ny familiekoordinator"), validate_choice=False)
    note = TextAreaField(
        _l("Overdragelsesnotat"),
        description=_l("Hvad den nye koordinator skal vide. Ingen CPR-numre."),
    )


class StatusForm(BaseForm):
    """Close, reopen or hand over the case: the reason (and for a handover, its date)."""

    note = TextAreaField(_l("Begrundelse"))
    effective_on = StringField(_l("Dato for overdragelsen"), description=_l("dd-mm-åååå"))

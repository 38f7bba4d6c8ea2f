"""The staff's forms: the contact agreement and a new family link (checked by the services)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from app.family.contact import TEXT_FIELDS, channel_choices, coordinator_choices
from app.web.forms import BaseForm


class ContactAgreementForm(BaseForm):
    """How and how often the family wants contact, who coordinates, when, and notes."""

    channels = SelectMultipleField(
        _l("Sådan vil familien kontaktes"), choices=channel_choices, validate_choice=False
    )
    frequency = StringField(
        _l("Hvor ofte"),
        description=_l("Fx »hver 14. dag« eller »kun når der er nyt«."),
        render_kw={"maxlength": TEXT_FIELDS["frequency"]},
    )
    coordinated_by = SelectField(
        _l("Hvem koordinerer kontakten"), choices=coordinator_choices, validate_choice=False
    )
    best_times = StringField(
        _l("Bedste tidspunkter"),
        description=_l("Fx »hverdage kl. 9–14«."),
        render_kw={"maxlength": TEXT_FIELDS["best_times"]},
    )
    notes = TextAreaField(
        _l("Noter"),
        description=_l(
            "Det familien vil have, vi husker. Familien kan se teksten. Ikke CPR-nummer."
        ),
        render_kw={"maxlength": TEXT_FIELDS["notes"], "rows": 4},
    )
    version = HiddenField()


class NewLinkForm(BaseForm):
    """Who the link is for, how long it works, and whether it asks for a code by e-mail."""

    member = SelectField(_l("Hvem er linket til"), choices=[], validate_choice=False)
    days = SelectField(_l("Linket virker i"), choices=[], validate_choice=False)
    with_code = BooleanField(
        _l("Kræv en engangskode sendt til personens e-mail"),
        description=_l(
            "Koden virker i 10 minutter; efter 5 forkerte forsøg skal der sendes en ny."
        ),
    )

"""The cadence-decision form: CSRF, keeps what was typed; the service checks the values."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Optional

from app.web.forms import BaseForm


def unit_choices():
    """The cadence's units as (value, translated label)."""
    return [("weeks", _l("uger")), ("months", _l("måneder"))]


class CadenceDecisionForm(BaseForm):
    """How often the case is followed up after § 95's first follow-up, and why."""

    interval_count = IntegerField(_l("Interval"), validators=[Optional()])
    interval_unit = SelectField(_l("Enhed"), choices=unit_choices)
    decided_on = DateField(_l("Besluttet den"), validators=[Optional()])
    justification = TextAreaField(
        _l("Begrundelse"),
        description=_l(
            "Hvorfor denne kadence passer til sagen, og hvordan barnets ønsker er indgået. "
            "Beslutningen forklares for barnet og forældrene."
        ),
    )
    submit = SubmitField(_l("Registrér beslutningen"))

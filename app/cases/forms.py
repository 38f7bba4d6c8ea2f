"""Forms for cases."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.cases.services import REFERENCE_MAX, TITLE_MAX
from app.web.forms import BaseForm


class CreateCaseForm(BaseForm):
    """Sagsnummer and title of a new case."""

    reference = StringField(
        _l("Sagsnummer"),
        validators=[DataRequired(_l("Angiv et sagsnummer.")), Length(max=REFERENCE_MAX)],
        description=_l("Kommunens sagsnummer, fx 27.15.00-G01-123-26. Ikke CPR-nummer."),
    )
    title = StringField(
        _l("Titel"),
        validators=[DataRequired(_l("Angiv en titel.")), Length(max=TITLE_MAX)],
        description=_l("Et kort navn, som kerneteamet genkender sagen på."),
    )
    submit = SubmitField(_l("Opret sag"))

"""Forms for logging in."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length

from app.web.forms import BaseForm


class LoginForm(BaseForm):
    """E-mail and password."""

    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(_l("Skriv din e-mailadresse.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Adgangskode"),
        validators=[DataRequired(_l("Skriv din adgangskode.")), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Log ind"))

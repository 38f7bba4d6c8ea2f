"""Forms for logging in and for a user's own details (name and phone)."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, ValidationError

from app.auth.profile import clean_name, clean_phone
from app.auth.services import UserError
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


def checked_by(clean):
    """A WTForms validator that runs one of app.auth.profile's cleaners."""

    def check(form, field):
        try:
            clean(field.data)
        except UserError as error:
            raise ValidationError(str(error)) from None

    return check


class ProfileForm(BaseForm):
    """The user's own name and phone number."""

    name = StringField(
        _l("Navn"), validators=[checked_by(clean_name)], render_kw={"autocomplete": "name"}
    )
    phone = StringField(
        _l("Telefon"),
        validators=[checked_by(clean_phone)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
        description=_l("Står i familiens plan, så familien kan ringe til dig. Fx 12 34 56 78."),
    )
    submit = SubmitField(_l("Gem"))

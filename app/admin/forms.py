"""Forms for user administration."""

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from app.admin.services import check_caseload_threshold
from app.auth.forms import checked_by
from app.auth.profile import PHONE_MAX, clean_phone
from app.auth.services import MIN_PASSWORD_LENGTH
from app.models.settings import CASELOAD_THRESHOLD_MAX, CASELOAD_THRESHOLD_MIN
from app.web.forms import BaseForm


def role_choices():
    """Roles as (value, translated label)."""
    return [
        ("coordinator", _l("Familiekoordinator / rådgiver")),
        ("leader", _l("Leder")),
        ("controller", _l("Controller")),
        ("member", _l("Fagperson (deltager i sager)")),
        ("admin", _l("Administrator")),
    ]


_password_rules = [
    DataRequired(_l("Angiv en adgangskode.")),
    Length(
        min=MIN_PASSWORD_LENGTH,
        max=1024,
        message=_l("Adgangskoden skal have mindst %(n)d tegn.", n=MIN_PASSWORD_LENGTH),
    ),
]


class CreateUserForm(BaseForm):
    """A new user account."""

    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Angiv en e-mailadresse.")),
            Email(_l("Angiv en gyldig e-mailadresse."), check_deliverability=False),
            Length(max=254),
        ],
    )
    name = StringField(_l("Navn"), validators=[DataRequired(_l("Angiv et navn.")), Length(max=200)])
    role = SelectField(_l("Rolle"), choices=role_choices)
    password = PasswordField(
        _l("Adgangskode"),
        validators=_password_rules,
        render_kw={"autocomplete": "new-password"},
        description=_l("Mindst %(n)d tegn.", n=MIN_PASSWORD_LENGTH),
    )
    submit = SubmitField(_l("Opret bruger"))


def password_optional(form: CreateUserForm) -> None:
    """Both sign-in methods on: an empty password makes a user who signs in only with the
    municipality's account (as `enindgang users create --no-password`); a typed one must
    still be long enough."""
    field = form.password
    field.validators = [Optional(), *_password_rules[1:]]
    field.flags.required = False
    field.description = _l(
        "Mindst %(n)d tegn. Lad feltet stå tomt, hvis brugeren kun skal logge ind med "
        "kommunens konto.",
        n=MIN_PASSWORD_LENGTH,
    )


class RoleForm(BaseForm):
    """Change a user's role."""

    role = SelectField(_l("Rolle"), choices=role_choices)
    submit = SubmitField(_l("Skift rolle"))


class PasswordForm(BaseForm):
    """Reset a user's password."""

    password = PasswordField(
        _l("Ny adgangskode"), validators=_password_rules, render_kw={"autocomplete": "new-password"}
    )
    submit = SubmitField(_l("Nulstil adgangskode"))


class PhoneForm(BaseForm):
    """Set a user's phone number (empty removes it)."""

    phone = StringField(
        _l("Telefon"),
        validators=[checked_by(clean_phone)],
        render_kw={"maxlength": PHONE_MAX, "inputmode": "tel"},
    )
    submit = SubmitField(_l("Gem telefon"))


class ActiveForm(BaseForm):
    """Deactivate or reactivate a user (a button)."""

    active = HiddenField()
    submit = SubmitField(_l("Gem"))


def _web_address(form, field) -> None:
    """An https:// (or http://) address with a host, nothing else (no javascript: links)."""
    text = (field.data or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.netloc or any(c.isspace() for c in text):
        raise ValidationError(_l("Skriv en hel webadresse, der begynder med https://."))


class SettingsForm(BaseForm):
    """The municipality's name and logo."""

    name = StringField(
        _l("Kommunens navn"),
        validators=[DataRequired(_l("Angiv kommunens navn.")), Length(max=200)],
        description=_l("Vises i sidehovedet og på Word-dokumenter."),
    )
    logo = FileField(
        _l("Logo"), description=_l("PNG eller JPEG, højst 1 MB. Bruges på Word-dokumenter.")
    )
    remove_logo = BooleanField(_l("Fjern logo"))
    accessibility_statement_url = StringField(
        _l("Link til kommunens tilgængelighedserklæring"),
        validators=[Optional(), Length(max=500), _web_address],
        description=_l(
            "Fx kommunens erklæring lavet i Digitaliseringsstyrelsens WAS-værktøj. "
            "Lad feltet stå tomt for at bruge enindgangs egen side."
        ),
    )
    submit = SubmitField(_l("Gem indstillinger"))


def _threshold_in_range(form, field) -> None:
    """Empty (the product default) or a whole number in the allowed range."""
    if (field.data or "").strip():
        try:
            check_caseload_threshold(field.data)
        except ValueError:
            raise ValidationError(
                _l(
                    "Skriv et helt tal fra %(low)s til %(high)s, eller lad feltet stå tomt.",
                    low=CASELOAD_THRESHOLD_MIN,
                    high=CASELOAD_THRESHOLD_MAX,
                )
            ) from None


class CaseloadForm(BaseForm):
    """The municipality's caseload threshold for the leaders' dashboard."""

    threshold = StringField(
        _l("Sagstal pr. familiekoordinator"),
        validators=[_threshold_in_range],
        render_kw={"inputmode": "numeric", "maxlength": 3},
    )
    submit = SubmitField(_l("Gem sagstal"))

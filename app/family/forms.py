"""The form for adding or changing a family member (checked by family.services)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TextAreaField

from app.family.services import EMAIL_MAX, NAME_MAX, NOTES_MAX, PHONE_MAX, relation_choices
from app.web.forms import BaseForm


class FamilyMemberForm(BaseForm):
    """Name, relation and how to reach a family member; never a CPR number."""

    name = StringField(_l("Navn"), render_kw={"maxlength": NAME_MAX, "autocomplete": "off"})
    relation = SelectField(_l("Hvem i familien"), choices=relation_choices)
    phone = StringField(
        _l("Telefon"), render_kw={"maxlength": PHONE_MAX, "inputmode": "tel", "autocomplete": "off"}
    )
    email = StringField(_l("E-mail"), render_kw={"maxlength": EMAIL_MAX, "autocomplete": "off"})
    notes = TextAreaField(
        _l("Noter om kontakt"),
        description=_l(
            "Fx bedste tid at ringe, tolk, eller hvem der har forældremyndighed. Ikke CPR-nummer."
        ),
        render_kw={"maxlength": NOTES_MAX, "rows": 3},
    )
    submit = SubmitField(_l("Gem"))

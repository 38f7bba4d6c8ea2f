"""The meeting page's form: planning and minutes in one form (checked by meetings.checks).

Dates and times are plain text inputs of type date/time, parsed by the service, so a typo
comes back with a Danish message and exactly what was typed.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from app.goals.readings import NOTE_MAX
from app.meetings.checks import AGENDA_MAX, DECISIONS_MAX, MINUTES_MAX, NAME_MAX, PLACE_MAX
from app.web.forms import BaseForm

BLANK_ROWS = 2  # empty rows offered for new externals and agreements


class ExternalForm(Form):
    """An external partner: name, organisation, role."""

    name = StringField(_l("Navn"), render_kw={"maxlength": NAME_MAX})
    organisation = StringField(_l("Organisation"), render_kw={"maxlength": NAME_MAX})
    role = StringField(_l("Rolle"), render_kw={"maxlength": NAME_MAX})


class AgreementForm(Form):
    """An agreement: what, who, by when, done."""

    what = StringField(_l("Hvad"), render_kw={"maxlength": 500})
    who = StringField(_l("Hvem"), render_kw={"maxlength": NAME_MAX})
    by_when = StringField(_l("Senest"), render_kw={"type": "date"})
    done = BooleanField(_l("Udført"))


def scale_choices() -> list[tuple[str, str]]:
    """No reading, or a value on the ruler from 1 to 10."""
    return [("", "–")] + [(str(n), str(n)) for n in range(1, 11)]


class ReadingForm(Form):
    """A reading of one goal taken at the meeting."""

    goal_key = HiddenField()
    value = SelectField(_l("Måling (1–10)"), choices=scale_choices)
    who = SelectField(_l("Hvem giver målingen"), choices=[], validate_choice=False)
    note = StringField(_l("Note"), render_kw={"maxlength": NOTE_MAX})


class MeetingForm(BaseForm):
    """Plan a meeting and, once held, record it."""

    class Meta(BaseForm.Meta):
        """Rows (FieldList, FormField) take no filters; their cells are cleaned by the service."""

        def bind_field(self, form, unbound_field, options):
            """Bind rows as they are, every other field with the strip filter."""
            if unbound_field.field_class in (FieldList, FormField):
                return unbound_field.bind(form=form, **options)
            return super().bind_field(form, unbound_field, options)

    kind = SelectField(_l("Mødetype"), choices=[], validate_choice=False)
    starts_on = StringField(_l("Dato"), render_kw={"type": "date"})
    starts_time = StringField(_l("Klokken"), render_kw={"type": "time"})
    place = StringField(_l("Sted"), render_kw={"maxlength": PLACE_MAX})
    team = SelectMultipleField(_l("Fra kerneteamet"), choices=[], validate_choice=False)
    family = SelectMultipleField(_l("Fra familien"), choices=[], validate_choice=False)
    externals = FieldList(FormField(ExternalForm), min_entries=BLANK_ROWS)
    agenda = TextAreaField(_l("Dagsorden"), render_kw={"maxlength": AGENDA_MAX, "rows": 5})
    agenda_by_family = BooleanField(_l("Familien har været med til at sætte dagsordenen"))
    held_on = StringField(_l("Holdt den"), render_kw={"type": "date"})
    held_time = StringField(_l("Klokken"), render_kw={"type": "time"})
    minutes = TextAreaField(_l("Referat"), render_kw={"maxlength": MINUTES_MAX, "rows": 10})
    minute_taker = SelectField(_l("Referent"), choices=[], validate_choice=False)
    decisions = TextAreaField(_l("Beslutninger"), render_kw={"maxlength": DECISIONS_MAX, "rows": 4})
    agreements = FieldList(FormField(AgreementForm), min_entries=BLANK_ROWS)
    readings = FieldList(FormField(ReadingForm))
    next_on = StringField(_l("Næste møde"), render_kw={"type": "date"})
    next_time = StringField(_l("Klokken"), render_kw={"type": "time"})
    version = HiddenField()

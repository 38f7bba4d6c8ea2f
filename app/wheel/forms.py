"""The wheel's form: the first month and the activities as rows (checked by the service)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField, HiddenField, SelectField, StringField

from app.meetings.forms import MeetingForm
from app.web.forms import BaseForm

BLANK_ROWS = 3  # empty rows offered for new activities
PURPOSE_MAX, WHO_MAX = 300, 200


class ActivityForm(Form):
    """One activity: month, kind, what and why, who takes part."""

    month = SelectField(_l("Måned"), choices=[], validate_choice=False)
    kind = SelectField(_l("Slags"), choices=[], validate_choice=False)
    purpose = StringField(_l("Hvad og hvorfor"), render_kw={"maxlength": PURPOSE_MAX})
    who = StringField(_l("Hvem deltager"), render_kw={"maxlength": WHO_MAX})


class WheelForm(BaseForm):
    """The year wheel of a case."""

    # Rows take no filters (their cells are cleaned by the service), as on the meeting form.
    Meta = MeetingForm.Meta

    start_month = StringField(_l("Første måned"), render_kw={"type": "month"})
    activities = FieldList(FormField(ActivityForm), min_entries=BLANK_ROWS)
    version = HiddenField()

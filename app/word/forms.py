"""The upload form of the template pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

from app.web.forms import BaseForm


class TemplateUploadForm(BaseForm):
    """A Word template (.docx) for one form or one of the plans."""

    file = FileField(
        _l("Word-skabelon (.docx)"),
        validators=[FileRequired(_l("Vælg en Word-fil (.docx)."))],
        description=_l(
            "Højst 5 MB. Skabelonen kontrolleres og prøveudfyldes med eksempeldata, før den "
            "tages i brug."
        ),
    )
    submit = SubmitField(_l("Upload og tag i brug"))

"""Base form class: strips whitespace and control characters from text input (Indico's habit)."""

from __future__ import annotations

from flask_wtf import FlaskForm

from app.text import clean_text


def _strip(value):
    """Strip whitespace and control characters from strings; leave other values alone."""
    return clean_text(value).strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    """A CSRF-protected form whose text fields arrive stripped."""

    class Meta:
        """Apply the strip filter to every field."""

        def bind_field(self, form, unbound_field, options):
            """Add the strip filter to each field's filters."""
            filters = list(unbound_field.kwargs.get("filters", []) or [])
            filters.append(_strip)
            return unbound_field.bind(form=form, filters=filters, **options)

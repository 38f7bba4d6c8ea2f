"""Word documents of forms and the two plans: context, templates, downloads, Flettefelter."""

"""Word documents of forms and the joint plan: context, templates, downloads, Flettefelter."""

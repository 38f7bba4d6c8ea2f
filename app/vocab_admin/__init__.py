"""The municipality's shared lists ("Lister"): departments, roles, paragraphs and more."""

"""Shared vocabularies (departments, roles, paragraphs, interventions, authority levels)."""

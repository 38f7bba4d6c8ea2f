"""Fixtures for the form features: small definitions published through the registry."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.forms import definitions as definitions

GOALS_V1 = """
name: test_goals
title: {da: Mål for familien, en: Goals for the family}
scope: case
sections:
  - name: main
    title: Mål
    fields:
      - name: wishes
        type: textarea
        label: Familiens ønsker
        required: true
      - name: department
        type: select
        label: Ansvarlig afdeling
        choices_from: departments
      - name: goals
        type: repeat
        label: Mål
        fields:
          - {name: title, type: text, label: Mål, required: true}
          - {name: deadline, type: date, label: Frist}
"""

# Version 2 adds "Barnets egne ord" and drops nothing.
GOALS_V2 = GOALS_V1.replace(
    "      - name: department",
    "      - name: own_words\n        type: textarea\n        label: Barnets egne ord\n"
    "      - name: department",
)

MUNICIPAL = """
name: test_flow
title: {da: Sagsforløb, en: Case flow}
scope: municipality
sections:
  - name: main
    title: Forløb
    fields:
      - {name: title, type: text, label: Titel, required: true}
      - name: phases
        type: repeat
        label: Faser
        default:
          - {name: Henvendelse}
          - {name: Forberedelse}
        fields:
          - {name: name, type: text, label: Fase, required: true}
"""


@pytest.fixture
def publish(app, make_user):
    """publish(yaml, user=None) → the stored FormVersion, committed."""

    def factory(source: str, user=None):
        version = definitions.publish(user or make_user("admin"), source)
        db.session.commit()
        return version

    return factory


@pytest.fixture
def goals_form(publish):
    """A small case form, version 1."""
    return publish(GOALS_V1)

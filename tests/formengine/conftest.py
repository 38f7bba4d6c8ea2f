"""Fixtures for the form engine: the rich definition, vocabularies and a core team."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from app.formengine import DEFAULT_VOCABULARIES, FormDefinition, load_file

DEFINITIONS = Path(__file__).parent / "definitions"
TEMPLATES = Path(__file__).parents[2] / "app" / "formengine" / "templates"
PEOPLE = [{"value": "anna", "label": "Anna Holm"}, {"value": "bo", "label": "Bo Dahl"}]


@pytest.fixture(scope="session")
def rich() -> FormDefinition:
    """A definition with every field type and every cross-field rule."""
    return load_file(DEFINITIONS / "rich.yaml")


@pytest.fixture(scope="session")
def vocab() -> dict:
    """The built-in vocabularies."""
    return DEFAULT_VOCABULARIES


@pytest.fixture(scope="session")
def people() -> list[dict[str, str]]:
    """A core team of two."""
    return PEOPLE


@pytest.fixture(scope="session")
def jinja() -> Environment:
    """A Jinja environment like Flask's, with a gettext stand-in for ``_``."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    # Flask-Babel's way ("newstyle"): values are escaped unless they are markup (a row number).
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda text: text, lambda one, many, n: one if n == 1 else many, newstyle=True
    )
    return env


def complete_data() -> dict:
    """A valid final submission for the rich definition, as the API would send it."""
    return {
        "child_name": "Sofie Jensen",
        "reference": "AB-1234",
        "own_words": "Jeg kan godt lide at tegne.\nOg at svømme.",
        "age": 7,
        "hours": 12.5,
        "annual_cost": 1234.5,
        "share": 50,
        "start": "2026-01-01",
        "end": "2026-11-23",
        "consent": False,
        "consent_note": "Forældrene vil tale med deres advokat først.",
        "status": "closed",
        "closing_reason": "Familien er flyttet",
        "department": "ppr",
        "paragraphs": ["bl_86", "bl_87_88"],
        "topics": ["school", "leisure"],
        "wellbeing": 7,
        "wellbeing_comment": "Bedre end sidst",
        "coordinator": "anna",
        "goals": [
            {
                "title": "Sofie går i skole fire dage om ugen",
                "responsible": "bo",
                "kind": "family",
                "note": "Forældrene følger hende",
                "from": "2026-01-05",
                "to": "2026-06-30",
                "done": False,
                "progress": 4,
                "tags": ["a", "b"],
                "count": 4,
                "budget": 2500,
                "rate": 0.75,
                "subgoals": [
                    {
                        "text": "Står selv op kl. 7",
                        "begin": "2026-01-05",
                        "deadline": "2026-02-01",
                        "who": "family",
                        "how": "Med vækkeur",
                    },
                    {
                        "text": "Cykler selv",
                        "begin": None,
                        "deadline": "2026-03-01",
                        "who": "child",
                    },
                ],
            }
        ],
        "funding": [
            {"department": "boern_familie", "share": 33.33},
            {"department": "skole_dagtilbud", "share": 33.33},
            {"department": "sundhed", "share": 33.34},
        ],
    }

"""The one CPR check (app/cpr.py): what looks like a CPR number and what does not."""

from __future__ import annotations

import pytest

from app.cpr import looks_like_cpr


@pytest.mark.parametrize(
    "text",
    [
        "010203-1234",
        "0102031234",
        "010203 1234",
        "Familien 311299-0001",
        "sag 290200-4321 ny",  # 29 February is a possible birthday
        "SAG-010203-1234",
    ],
)
def test_cpr_like_numbers_are_found(text):
    """Ten digits (6+4, with or without a hyphen or space) that start with a date."""
    assert looks_like_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "27.15.00-G01-123-26",  # a KLE-style case number
        "SAG-2026-001",
        "3213031234",  # day 32
        "0113031234",  # month 13
        "3102031234",  # 31 February
        "010203-12345",  # eleven digits: not a CPR number
        "12345678901",
        "Familien Berg",
        "",
        None,
        1020301234,  # not text
    ],
)
def test_other_text_is_not_taken_for_a_cpr_number(text):
    """Case numbers, impossible dates and longer runs of digits pass."""
    assert not looks_like_cpr(text)

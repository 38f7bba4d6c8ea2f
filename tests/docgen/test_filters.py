"""Danish formatting filters: dates, money, numbers, percentages, yes/no, empty values."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.docgen.environment import EmptyUndefined, finalize, make_environment
from app.docgen.filters import dato, default_tom, ja_nej, kort_dato, kr, procent, tal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 23), "23. november 2026"),
        ("2026-11-23", "23. november 2026"),
        (date(2027, 1, 1), "1. januar 2027"),
        (date(2026, 3, 9), "9. marts 2026"),
        (datetime(2026, 5, 4, 9, 5), "4. maj 2026 kl. 09.05"),
        ("2026-05-04T14:30:00", "4. maj 2026 kl. 14.30"),
        (None, ""),
        ("", ""),
    ],
)
def test_dato(value: object, expected: str) -> None:
    """Long Danish dates from dates, datetimes and ISO strings."""
    assert dato(value) == expected


def test_kort_dato() -> None:
    """Short dates are dd.mm.yyyy with leading zeros."""
    assert kort_dato(date(2026, 11, 23)) == "23.11.2026"
    assert kort_dato("2026-03-05") == "05.03.2026"
    assert kort_dato(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234.5, "1.234,50 kr."),
        (0, "0,00 kr."),
        (1234567, "1.234.567,00 kr."),
        (Decimal("0.005"), "0,01 kr."),
        (-1500.25, "-1.500,25 kr."),
        (-0.001, "0,00 kr."),
        ("1234.5", "1.234,50 kr."),
        ("1.234,50", "1.234,50 kr."),
        (None, ""),
    ],
)
def test_kr(value: object, expected: str) -> None:
    """Money with thousands dots, decimal comma, two decimals, half-up rounding."""
    assert kr(value) == expected


def test_tal_and_procent() -> None:
    """Numbers keep their decimals unless asked; percentages get a spaced %."""
    assert tal(1234) == "1.234"
    assert tal(1234.5) == "1.234,5"
    assert tal(3.0) == "3"
    assert tal(2.345, 2) == "2,35"
    assert tal(1_000_000) == "1.000.000"
    assert procent(12.5) == "12,5 %"
    assert procent(100) == "100 %"
    assert procent(None) == ""


def test_ja_nej_and_default_tom() -> None:
    """Yes/no for booleans and their text forms; missing stays empty."""
    assert (ja_nej(True), ja_nej(False), ja_nej(None), ja_nej("ja"), ja_nej("false")) == (
        "Ja",
        "Nej",
        "",
        "Ja",
        "Nej",
    )
    assert default_tom(None) == ""
    assert default_tom(EmptyUndefined(name="x")) == ""
    assert default_tom(0) == 0


@pytest.mark.parametrize("bad", ["abc", [1], object()])
def test_wrong_type_raises_danish_message(bad: object) -> None:
    """A filter used on the wrong kind of field says so in Danish."""
    with pytest.raises(ValueError, match="er ikke et tal"):
        kr(bad)


def test_bad_date_raises() -> None:
    """A text that is not a date is reported, not silently printed."""
    with pytest.raises(ValueError, match="er ikke en dato"):
        dato("i morgen")


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_kr_round_trips(amount: Decimal) -> None:
    """Reading the Danish text back gives the amount: no digit is lost or moved."""
    text = kr(amount)
    assert text.endswith(" kr.")
    back = Decimal(text[:-4].replace(".", "").replace(",", "."))
    assert back == amount


def test_finalize_formats_bare_values() -> None:
    """Values printed without a filter still look Danish and never say None."""
    env = make_environment()
    out = env.from_string(
        "{{ a }}|{{ b }}|{{ c }}|{{ d }}|{{ e }}|{{ missing }}|{{ missing.deep.er }}"
    ).render(a=None, b=True, c=date(2026, 11, 23), d=1234.5, e=Decimal("2.50"))
    assert out == "|Ja|23. november 2026|1.234,5|2,5||"
    assert finalize(float("nan")) == "nan"


def test_documents_keep_every_decimal_the_field_holds() -> None:
    """One number format: a document prints 1234.567 in full, where a page rounds to 2."""
    assert tal(1234.567) == "1.234,567"
    assert procent(33.333) == "33,333 %"
    assert finalize(1234.567) == "1.234,567"
    assert kr(1234.567) == "1.234,57 kr."  # money is always kroner and øre
    assert tal("1.500") == "1.500"  # Danish text: a thousands dot, not a decimal

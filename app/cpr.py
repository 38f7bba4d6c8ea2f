"""The one CPR check: does a text hold something that looks like a Danish CPR number?

A CPR number is DDMMYY-SSSS: a date of birth and four digits. Since 2007 the last digit need
not satisfy the modulus 11 check, so only the date can be checked: a run of ten digits (with or
without a hyphen or a space after the sixth) whose first six are a possible day and month is
taken as a CPR number. Case numbers such as 27.15.00-G01-123-26 do not look like one.

Used wherever people type identifiers or titles that must never hold a CPR number (a case's
number, its titles). This module must not import Flask: plain text in, a boolean out.
"""

from __future__ import annotations

import calendar
import re

# Ten digits not part of a longer run, optionally split 6+4 by a hyphen or a space.
_CANDIDATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?!\d)")


def _possible_birth_date(day: int, month: int) -> bool:
    """True when day and month can be a date in some year (29 February included)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def looks_like_cpr(text: object) -> bool:
    """True when ``text`` contains a run that looks like a CPR number (DDMMYY-SSSS)."""
    if not isinstance(text, str):
        return False
    return any(
        _possible_birth_date(int(m.group(1)), int(m.group(2))) for m in _CANDIDATE.finditer(text)
    )

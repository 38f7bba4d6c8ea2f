"""Sample funding lines in the built-in vocabularies, and small helpers for the funding tests."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

D = Decimal
YEAR = 2026


def api_lines() -> list[dict]:
    """Three lines as the API takes them (built-in departments, interventions, paragraphs)."""
    return [
        {
            "intervention": "aflastning",
            "paragraph": "bl_90",
            "description": "Weekendaflastning hver 3. weekend",
            "annual_cost": 120000,
            "start": "2026-01-01",
            "end": "2026-12-31",
            "authority_level": "teamleder",
            "shares": {"boernehandicap": 60, "ppr": 40},
            "notes": "Aftalt på analysemødet",
        },
        {
            "intervention": "ledsagelse",
            "paragraph": "bl_89",
            "description": "Ledsager til fritidsaktiviteter",
            "annual_cost": "50000.50",
            "start": "2025-07-15",
            "end": None,
            "shares": {"boernehandicap": 33.33, "skole_dagtilbud": 33.33, "fritid": 33.34},
        },
        {
            "intervention": "praktisk_hjaelp",
            "paragraph": "bl_90",
            "description": "Praktisk hjælp i hjemmet",
            "annual_cost": 36000,
            "start": "2026-03-10",
            "end": "2027-02-28",
            "shares": {"voksenhandicap": 100},
        },
    ]


def put(api, case_id: int, lines: list[dict], version: int | None = None, **kwargs):
    """PUT a case's funding through the API."""
    return api.put(f"/cases/{case_id}/funding", json={"version": version, "lines": lines}, **kwargs)


def upload(api, case_id: int, data: bytes, name: str = "finansiering.xlsx", **fields):
    """POST a workbook to the case's funding.xlsx as multipart field ``file``."""
    form = {"file": (io.BytesIO(data), name), **fields}
    return api.post(f"/cases/{case_id}/funding.xlsx", data=form)


def book(data: bytes, **kwargs):
    """Open workbook bytes with openpyxl."""
    return load_workbook(io.BytesIO(data), **kwargs)


def saved(wb) -> bytes:
    """Save an openpyxl workbook to bytes."""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

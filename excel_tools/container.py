"""Checks on the uploaded bytes before openpyxl sees them.

An .xlsx file is a zip archive. Before parsing we refuse what is too big, what is not a zip
(old .xls, encrypted files, garbage), macro content (.xlsm, vbaProject.bin, Excel 4 macro
sheets, ActiveX) and zip bombs. Python's zipfile never returns more bytes for a member than
the central directory declares, so checking the declared sizes bounds what openpyxl can unpack.
"""

from __future__ import annotations

import io
import zipfile

from app.formatting import format_number

from .messages import N_, Message
from .model import CellProblem

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 1_000
# Worksheet XML of a real workbook compresses 10–50×; 200× on a large member is a bomb.
MAX_RATIO = 200
RATIO_MIN_SIZE = 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")
OTHER_SUFFIXES = (".xls", ".csv", ".ods", ".numbers")
MACRO_PARTS = ("vbaproject.bin", "/macrosheets/", "/activex/", "vbadata.xml")
MACRO_CONTENT_TYPES = (b"macroenabled", b"vbaproject", b"ms-office.activex", b"macrosheet")
XLSX_MAIN_TYPES = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)

MSG_NOT_XLSX = N_(
    "Filen er ikke et Excel-regneark (.xlsx). Gem regnearket som »Excel-projektmappe (.xlsx)« "
    "og prøv igen."
)
MSG_MACRO = N_(
    "Filen indeholder makroer (.xlsm). Af sikkerhedshensyn modtager enindgang kun regneark uden "
    "makroer: gem som »Excel-projektmappe (.xlsx)« og prøv igen."
)
MSG_OLE = N_(
    "Filen er i det gamle .xls-format eller beskyttet med en adgangskode. Gem den som "
    "»Excel-projektmappe (.xlsx)« uden adgangskode og prøv igen."
)
MSG_DTD = N_(
    "Filen indeholder XML-definitioner (DOCTYPE/ENTITY), som Excel aldrig selv skriver, og "
    "bliver afvist. Gem regnearket igen som »Excel-projektmappe (.xlsx)«."
)
MSG_BOMB = N_(
    "Filen fylder urimeligt meget, når den pakkes ud, og bliver afvist (mulig zip-bombe). "
    "Hent et nyt regneark og overfør dine ændringer."
)


def _size(size: int) -> str:
    """File size for a message: MB with one decimal, or whole kB below 1 MB."""
    if size >= 1024 * 1024:
        return f"{format_number(round(size / (1024 * 1024), 1), places=None)} MB"
    return f"{max(1, round(size / 1024))} kB"


def _problem(message: Message) -> list[CellProblem]:
    """A single whole-file problem."""
    return [CellProblem(None, None, message)]


def check_container(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES,
    filename: str | None = None,
) -> list[CellProblem]:
    """Problems with the file as a whole (empty list when openpyxl may safely open it)."""
    if not isinstance(data, bytes | bytearray | memoryview) or len(data) == 0:
        return _problem(N_("Filen er tom."))
    if len(data) > max_bytes:
        return _problem(
            N_(
                "Filen er for stor (%(size)s); den må højst fylde %(limit)s.",
                size=_size(len(data)),
                limit=_size(max_bytes),
            )
        )
    name = (filename or "").lower()
    if name.endswith(MACRO_SUFFIXES):
        return _problem(MSG_MACRO)
    data = bytes(data)
    if data.startswith(OLE_MAGIC):
        return _problem(MSG_OLE)
    if name.endswith(OTHER_SUFFIXES) or not data.startswith(ZIP_MAGIC):
        return _problem(MSG_NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _check_members(archive, max_unpacked_bytes)
    except Exception:  # BadZipFile, zlib.error, NotImplementedError...: all mean "damaged"
        return _problem(MSG_NOT_XLSX)


def _check_members(archive: zipfile.ZipFile, max_unpacked_bytes: int) -> list[CellProblem]:
    """Member-level checks: count, sizes, ratio, encryption, macro parts, content types."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return _problem(MSG_BOMB)
    total = 0
    for info in members:
        lowered = "/" + info.filename.lower()
        if any(part in lowered for part in MACRO_PARTS):
            return _problem(MSG_MACRO)
        if info.flag_bits & 0x1:
            return _problem(MSG_OLE)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > max_unpacked_bytes or (info.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO):
            return _problem(MSG_BOMB)
    try:
        content_types = archive.read("[Content_Types].xml")
    except KeyError:
        return _problem(MSG_NOT_XLSX)
    lowered_types = content_types.lower()
    if any(marker in lowered_types for marker in MACRO_CONTENT_TYPES):
        return _problem(MSG_MACRO)
    if not any(main in content_types for main in XLSX_MAIN_TYPES):
        return _problem(MSG_NOT_XLSX)
    if any(_declares_dtd(archive, info) for info in members):
        return _problem(MSG_DTD)
    return []


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when an XML part has a DOCTYPE or ENTITY declaration (entity-expansion attacks).

    The parsers openpyxl uses limit entity amplification themselves; this refuses the file
    before any parser sees it. The sizes were checked above, so the scan is bounded.
    """
    if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
        return False
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(64 * 1024):
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                return True
            tail = window[-16:]  # a marker split across two chunks is still found
    return False

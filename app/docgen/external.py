"""External references in a .docx: linked images, attached templates, OLE links, frames and
fetching field codes make Word or LibreOffice fetch a URL when the file is opened or
converted: a request from the server's network (SSRF) on every PDF.

``external_references`` lists them (the template upload refuses a file that has any);
``strip_external`` removes them from a rendered file before it is converted to PDF, as a
second line. Hyperlinks stay: they are followed only when a reader clicks them.
"""

from __future__ import annotations

import io
import re
import zipfile

#: Where strip_external points a disarmed reference (nothing to fetch).
DEFUSED = "about:blank"
_REL = re.compile(r"<Relationship\b[^>]*>", re.S)
_EXTERNAL = re.compile(r'TargetMode\s*=\s*"External"')
_TYPE = re.compile(r'Type\s*=\s*"([^"]+)"')
_TARGET = re.compile(r'Target\s*=\s*"([^"]*)"')
# Field codes that fetch when a document is updated or converted.
_FETCHING_FIELD = re.compile(
    r"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDEAUTO|DDE|IMPORT)\b\s+[^<]*?(?:https?|file|\\\\)",
    re.I,
)


def _is_hyperlink(relationship: str) -> bool:
    """True for a clickable link (not fetched on open or conversion)."""
    found = _TYPE.search(relationship)
    return bool(found and found.group(1).endswith("/hyperlink"))


def external_references(data: bytes) -> list[str]:
    """Where the file would fetch something from outside: "part: target" each."""
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                text = archive.read(name).decode("utf-8", "replace")
                for relationship in _REL.findall(text):
                    if _EXTERNAL.search(relationship) and not _is_hyperlink(relationship):
                        target = _TARGET.search(relationship)
                        where = target.group(1) if target else ""
                        if where != DEFUSED:
                            found.append(f"{name}: {where}")
            elif name.startswith("word/") and name.endswith(".xml"):
                text = archive.read(name).decode("utf-8", "replace")
                found += [f"{name}: {m.group(1)}" for m in _FETCHING_FIELD.finditer(text)]
    return found


def strip_external(data: bytes) -> bytes:
    """The same .docx without external relationships other than hyperlinks (pointing them
    at nothing), so no converter fetches anything; unchanged bytes when there are none."""
    if not external_references(data):
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".rels"):
                text = content.decode("utf-8")

                def defuse(match: re.Match[str]) -> str:
                    relationship = match.group(0)
                    if _EXTERNAL.search(relationship) and not _is_hyperlink(relationship):
                        return _TARGET.sub(f'Target="{DEFUSED}"', relationship)
                    return relationship

                content = _REL.sub(defuse, text).encode("utf-8")
            elif info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = content.decode("utf-8")
                content = _FETCHING_FIELD.sub("REF enindgang_removed ", text).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()

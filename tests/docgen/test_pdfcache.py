"""The PDF cache (app/docgen/pdfcache.py): keyed by the document, not the file; bounded in
bytes and in age; off at 0."""

from __future__ import annotations

import io
import zipfile

from app.docgen.pdfcache import PdfCache, content_key


def docx(parts: dict[str, bytes], when=(2026, 11, 30, 9, 0, 0)) -> bytes:
    """A zip with ``parts`` stamped ``when`` (a rendering stamps the time it ran)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return out.getvalue()


PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>Emma</w:document>"}


def test_two_renderings_of_the_same_document_share_a_key():
    first = docx(PARTS)
    later = docx(PARTS, when=(2026, 11, 30, 9, 5, 2))
    assert first != later  # the files differ (their timestamps) …
    assert content_key(first) == content_key(later)  # … the documents do not


def test_any_change_of_content_or_part_names_changes_the_key():
    base = content_key(docx(PARTS))
    changed = dict(PARTS, **{"word/document.xml": b"<w:document>Emil</w:document>"})
    renamed = {"word/other.xml" if k == "word/document.xml" else k: v for k, v in PARTS.items()}
    # Moving bytes between a name and its data must not collide either.
    shifted = {"[Content_Types].xml": b"<Types/>w", "ord/document.xml": PARTS["word/document.xml"]}
    keys = {
        base,
        content_key(docx(changed)),
        content_key(docx(renamed)),
        content_key(docx(shifted)),
    }
    assert len(keys) == 4


def test_the_least_recently_used_go_when_the_bytes_run_out():
    cache = PdfCache(max_bytes=30, max_age=60)
    cache.put("a", b"%PDF" + b"a" * 6)
    cache.put("b", b"%PDF" + b"b" * 6)
    cache.put("c", b"%PDF" + b"c" * 6)
    assert cache.get("a") is not None  # a is now the most recent
    cache.put("d", b"%PDF" + b"d" * 6)  # 40 bytes: b goes
    assert cache.get("b") is None and cache.get("a") and cache.get("c") and cache.get("d")
    cache.put("huge", b"%PDF" + b"x" * 40)  # larger than the budget: not kept, nothing lost
    assert cache.get("huge") is None and len(cache) == 3


def test_pdfs_are_forgotten_after_max_age_even_when_read():
    now = [1000.0]
    cache = PdfCache(max_bytes=1000, max_age=600, clock=lambda: now[0])
    cache.put("old", b"%PDF old")
    now[0] += 300
    cache.put("young", b"%PDF young")
    assert cache.get("old") == b"%PDF old"  # read: the most recent, but no younger
    now[0] += 301
    assert cache.get("old") is None and cache.get("young") == b"%PDF young"
    now[0] += 300
    assert cache.get("young") is None and len(cache) == 0


def test_zero_turns_the_cache_off():
    for cache in (PdfCache(max_bytes=0, max_age=600), PdfCache(max_bytes=1000, max_age=0)):
        cache.put("a", b"%PDF")
        assert not cache.enabled and cache.get("a") is None and len(cache) == 0

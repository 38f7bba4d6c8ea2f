"""External references: a template that links an image (or fetches with a field) is refused
at upload; a rendered file is stripped of them before PDF conversion, so LibreOffice never
fetches a URL from the server's network."""

from __future__ import annotations

import http.server
import io
import re
import threading
import zipfile

import pytest

from app.docgen.external import external_references, strip_external
from app.word.store import container_problems
from tests.docgen.helpers import make_docx
from tests.tools import require_soffice

IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
DRAWING = (
    '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    'wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><wp:docPr id="9" name="x"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
    'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://'
    'schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="x"/>'
    "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip "
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'r:link="rIdLinked"/></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext '
    'cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
)


def linked(url: str, *, hyperlink: str | None = None) -> bytes:
    """A .docx whose body shows an image linked (not embedded) from ``url``."""
    source = zipfile.ZipFile(io.BytesIO(make_docx("Før billedet")))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename).decode("utf-8", "replace")
            if info.filename == "word/_rels/document.xml.rels":
                extra = f'<Relationship Id="rIdLinked" Type="{IMAGE}" Target="{url}" TargetMode="External"/>'
                if hyperlink:
                    extra += f'<Relationship Id="rIdLink" Type="{LINK}" Target="{hyperlink}" TargetMode="External"/>'
                content = content.replace("</Relationships>", extra + "</Relationships>")
            if info.filename == "word/document.xml":
                content = re.sub(r"(<w:p\b[^>]*>)", r"\1" + DRAWING, content, count=1)
            target.writestr(info, content.encode("utf-8"))
    return out.getvalue()


def test_external_images_and_fetching_fields_are_found_and_hyperlinks_are_not():
    """A linked image and an INCLUDEPICTURE field are external references; a link is not."""
    data = linked("http://10.0.0.1/logo.png", hyperlink="https://www.kommune.dk")
    found = external_references(data)
    assert found == ["word/_rels/document.xml.rels: http://10.0.0.1/logo.png"]
    field = make_docx('INCLUDEPICTURE "http://10.0.0.1/x.png"')
    assert external_references(field) == ["word/document.xml: INCLUDEPICTURE"]
    assert external_references(make_docx("Helt almindelig tekst")) == []


def test_a_template_that_links_an_image_is_refused_at_upload():
    """The upload says what fetches and how to fix it."""
    (problem,) = container_problems(linked("http://10.0.0.1/logo.png"), "skabelon.docx")
    assert problem.code == "external" and "10.0.0.1/logo.png" in problem.message


def test_strip_external_keeps_hyperlinks_and_disarms_the_rest():
    """After stripping no external reference is left; the hyperlink's target is untouched."""
    stripped = strip_external(linked("http://10.0.0.1/logo.png", hyperlink="https://k.dk"))
    assert external_references(stripped) == []
    rels = zipfile.ZipFile(io.BytesIO(stripped)).read("word/_rels/document.xml.rels").decode()
    assert "10.0.0.1" not in rels and 'Target="https://k.dk"' in rels


@pytest.mark.libreoffice
def test_the_pdf_conversion_never_fetches_a_linked_image(app):
    """A local server counts requests; converting a file that links an image from it to PDF
    through the app's path makes none."""
    from app.word import pdfs, services

    soffice = require_soffice()
    hits: list[str] = []

    class Counter(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):  # quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/logo.png"
        document = services.RenderedDocument(linked(url), "a.docx", "a.docx", services.DOCX_MIME)
        app.config["ENINDGANG_SOFFICE"] = soffice
        with app.test_request_context():
            converted = pdfs.as_pdf(document, None)
        assert converted.content.startswith(b"%PDF")
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []

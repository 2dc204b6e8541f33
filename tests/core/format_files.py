"""Files of each archive format, made from nothing for the tests (and the benchmarks).

The PDF writer is a few lines of PDF syntax by hand (Helvetica, one content stream a page,
an Info dictionary): tests/core may not import Qt, and a reader tested on files its own
library wrote could miss what other writers do. WARCs are written with warcio, MHTML with the
standard ``email`` package, DOCX with zipfile.
"""

from __future__ import annotations

import gzip
import io
import quopri
import textwrap
import zipfile
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path

ARTICLE = [
    "Qingdao port handled 3.2 million containers in the first quarter, the port authority "
    "said on Monday, as trade with members of the Shanghai Cooperation Organization rose "
    "sharply over the same period last year.",
    "The demonstration zone for local economic and trade cooperation opened two new "
    "logistics centres in March, and officials expect freight trains to Central Asia to "
    "double by the end of the year.",
    "Exporters of machinery and farm produce reported shorter customs clearance times, "
    "which the zone credits to a single window for documents shared with partner countries.",
]


def article_html(title: str, paragraphs: list[str], *, head: str = "", chrome: bool = True
                 ) -> str:
    nav = ('<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
           '<li><a href="/biz">Business</a></li></ul></nav>') if chrome else ""
    footer = "<footer>Copyright 2025 Example News. All rights reserved.</footer>" if chrome else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title} | Example "
            f"News</title>{head}</head><body>{nav}<article><h1>{title}</h1>{body}</article>"
            f"{footer}</body></html>")


# -- PDF ------------------------------------------------------------------------------------
def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_bytes(pages: list[list[str]], *, title: str | None = None,
              created: str | None = "D:20240301090000Z", modified: str | None = None,
              header: str | None = None, columns: int = 1, width: int = 80) -> bytes:
    """A PDF whose page i shows the paragraphs ``pages[i]`` (wrapped at ``width``), with an
    optional running header and a page number footer. ``columns=2`` sets the paragraphs in
    two columns (the second column drawn after the first, as writers do)."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below
    pages_obj = add("")
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for number, paragraphs in enumerate(pages, 1):
        ops = ["BT /F1 10 Tf 14 TL"]
        if header:
            ops.append(f"1 0 0 1 72 760 Tm {_pdf_string(header)} Tj")
        col_width = width // columns
        lines_per_col: list[list[str]] = [[] for _ in range(columns)]
        per_col = -(-len(paragraphs) // columns)
        for i, para in enumerate(paragraphs):
            col = lines_per_col[min(i // per_col, columns - 1)] if per_col else lines_per_col[0]
            col.extend(textwrap.wrap(para, col_width))
            col.append("")
        for c, lines in enumerate(lines_per_col):
            ops.append(f"1 0 0 1 {72 + c * 260} 730 Tm")
            for line in lines:
                ops.append(f"{_pdf_string(line)} Tj T*" if line else "T*")
        ops.append(f"1 0 0 1 300 40 Tm {_pdf_string(str(number))} Tj")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 612 792] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> "
                        f"/Contents {content} 0 R >>"))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}]"
                              f" /Count {len(kids)} >>").encode()
    info_items = [f"/Producer {_pdf_string('scoda tests')}"]
    if title:
        info_items.append(f"/Title {_pdf_string(title)}")
    if created:
        info_items.append(f"/CreationDate ({created})")
    if modified:
        info_items.append(f"/ModDate ({modified})")
    info = add("<< " + " ".join(info_items) + " >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A page with only a drawn rectangle: what a scan looks like to a text extractor."""
    data = pdf_bytes([[]], created=None)
    return data.replace(b"BT /F1 10 Tf 14 TL", b"0 0 300 300 re f BT /F1 10 Tf 14 TL")


# -- WARC -----------------------------------------------------------------------------------
def chunked(data: bytes, size: int = 100) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size])
             for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def write_warc(path: Path, records: list[dict], *, compress: bool = True) -> Path:
    """A WARC with one record per dict: ``type`` (response, resource, request, revisit,
    warcinfo), ``url``, ``date``, ``body`` (bytes), ``headers`` (HTTP headers), ``status``,
    ``id`` (a fixed WARC-Record-ID uuid; else a new one)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for rec in records:
            kind = rec.get("type", "response")
            warc_headers = {"WARC-Date": rec.get("date", "2025-03-10T08:00:00Z")}
            if "id" in rec:  # a record copied from another archive keeps its id
                warc_headers["WARC-Record-ID"] = f"<urn:uuid:{rec['id']}>"
            if kind == "warcinfo":
                writer.write_record(writer.create_warcinfo_record(
                    path.name, {"software": "scoda tests"}))
                continue
            if kind == "revisit":
                writer.write_record(writer.create_revisit_record(
                    rec["url"], digest="sha1:AAAA", refers_to_uri=rec["url"],
                    refers_to_date="2025-03-10T08:00:00Z",
                    warc_headers_dict=warc_headers))
                continue
            http = None
            if kind in ("response", "request"):
                status = rec.get("status", "200 OK") if kind == "response" else "GET / HTTP/1.1"
                http = StatusAndHeaders(status, rec.get("headers", []),
                                        protocol="HTTP/1.1" if kind == "response" else "",
                                        is_http_request=kind == "request")
            record = writer.create_warc_record(
                rec["url"], kind, payload=io.BytesIO(rec.get("body", b"")),
                http_headers=http, warc_headers_dict=warc_headers,
                warc_content_type=rec.get("content_type", ""))
            writer.write_record(record)
    return path


# -- MHTML ----------------------------------------------------------------------------------
def mhtml_bytes(html: str, *, url: str, date: str, chrome_header: bool = True) -> bytes:
    """An MHTML file as Chrome saves it: multipart/related, the page quoted-printable, one
    image part, ``Snapshot-Content-Location`` (or only the part's Content-Location)."""
    msg = MIMEMultipart("related", type="text/html")
    msg["From"] = "<Saved by Blink>"
    if chrome_header:
        msg["Snapshot-Content-Location"] = url
    msg["Subject"] = "saved page"
    msg["Date"] = date
    page = MIMENonMultipart("text", "html", charset="utf-8")
    page["Content-Transfer-Encoding"] = "quoted-printable"
    page["Content-Location"] = url
    page.set_payload(quopri.encodestring(html.encode("utf-8")).decode("ascii"))
    msg.attach(page)
    img = MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "png")  # base64-encoded
    img["Content-Location"] = url.rsplit("/", 1)[0] + "/logo.png"
    msg.attach(img)
    return msg.as_bytes()


# -- DOCX -----------------------------------------------------------------------------------
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _wp(text: str, style: str | None = None) -> str:
    from xml.sax.saxutils import escape

    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def docx_bytes(paragraphs: list[str], *, heading: str | None = None,
               table: list[list[str]] | None = None, title: str | None = None,
               created: str | None = "2024-11-05T09:30:00Z",
               modified: str | None = "2024-11-06T16:45:00Z") -> bytes:
    """A minimal but valid .docx: a heading, paragraphs, a table after the first paragraph,
    and core properties."""
    from xml.sax.saxutils import escape

    body = [_wp(heading, "Title")] if heading else []
    for i, para in enumerate(paragraphs):
        body.append(_wp(para))
        if i == 0 and table:
            rows = "".join("<w:tr>" + "".join(f"<w:tc>{_wp(c)}</w:tc>" for c in row) + "</w:tr>"
                           for row in table)
            body.append(f"<w:tbl>{rows}</w:tbl>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}>'
                f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>")
    props = []
    if title:
        props.append(f"<dc:title>{escape(title)}</dc:title>")
    if created:
        props.append(f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>')
    if modified:
        props.append(f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}'
                     "</dcterms:modified>")
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
            'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + "".join(props) + "</cp:coreProperties>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
             '.org/package/2006/content-types"><Default Extension="xml" ContentType="'
             'application/xml"/><Override PartName="/word/document.xml" ContentType="'
             'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
             '"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("word/document.xml", document)
        zf.writestr("docProps/core.xml", core)
    return out.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no time stamp: the same page gives the same bytes (and record offsets)."""
    return gzip.compress(data, mtime=0)


__all__ = ["ARTICLE", "article_html", "chunked", "docx_bytes", "gzip_bytes",
           "image_only_pdf", "mhtml_bytes", "pdf_bytes", "write_warc"]

"""Word files (.docx) with the standard zipfile and lxml: paragraphs and tables in order.

Why not python-docx: reading needs only ``word/document.xml`` and ``docProps/core.xml``, and
python-docx does not give paragraphs and tables interleaved in document order without walking
the same XML by hand; lxml is already in the bundle, so this adds nothing to it. A table
becomes one line per row, its cells joined by " | ". Title and dates come from the core
properties (dc:title, dcterms:created, dcterms:modified) when the text gives none.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from scoda_desktop.core.documents import Document
from scoda_desktop.core.ingest.formats.paged import Block, Paged, paged_document
from scoda_desktop.core.ingest.formats.web import iso_from_warc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
         "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
_MAX_XML = 200 * 1024 * 1024  # an unpacked document.xml past this is a zip bomb, not a memo


class DocxError(Exception):
    """Why a .docx gives no document."""


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _blocks(body) -> list[Block]:
    out: list[Block] = []
    for child in body:
        if child.tag == f"{W}p":
            for line in _paragraph_text(child).split("\n"):
                out.append(Block(line))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [" ".join(" ".join(_paragraph_text(p) for p in tc.iter(f"{W}p")).split())
                         for tc in row.iter(f"{W}tc")]
                if any(cells):
                    out.append(Block(" | ".join(cells)))
        elif child.tag == f"{W}sdt":  # a content control (a cover page, a table of contents)
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_blocks(content))
    return out


def _core(zf: zipfile.ZipFile, etree) -> dict[str, str]:
    try:
        root = etree.fromstring(zf.read("docProps/core.xml"))
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
        return {}  # damaged properties: the text still counts, without title and dates
    out = {}
    for key, tag in (("title", "dc:title"), ("creator", "dc:creator"),
                     ("created", "dcterms:created"), ("modified", "dcterms:modified")):
        node = root.find(tag, _CORE)
        if node is not None and (node.text or "").strip():
            out[key] = node.text.strip()
    return out


def read_docx(path: str, data: bytes) -> Document:
    """One .docx (bytes under the size cap) to a Document, or DocxError with the reason."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > _MAX_XML:
                raise DocxError("too large once unpacked")
            if zf.getinfo("word/document.xml").flag_bits & 0x1:
                raise DocxError("encrypted")
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(zf.read("word/document.xml"), parser)
            core = _core(zf, etree)
    except KeyError:
        raise DocxError("damaged Word file (no word/document.xml)") from None
    except zipfile.BadZipFile:
        # a password-protected .docx is an OLE container, not a zip
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise DocxError("encrypted (or an old .doc file renamed)") from None
        raise DocxError("damaged Word file (not a zip archive)") from None
    except (etree.XMLSyntaxError, ValueError, OSError, zlib.error, EOFError) as exc:
        # zlib.error / EOFError: a damaged compressed member (found by the property test)
        raise DocxError(f"damaged Word file ({type(exc).__name__})") from exc
    body = root.find(f"{W}body")
    blocks = _blocks(body) if body is not None else []
    if not any(b.text.strip() for b in blocks):
        raise DocxError("empty document")
    paged = Paged([blocks], title=core.get("title"), date=iso_from_warc(core.get("created")),
                  captured=iso_from_warc(core.get("modified") or core.get("created")),
                  author=core.get("creator"))
    doc = paged_document(path, data, paged)
    doc.pages = []  # Word has no fixed pages: the page of a match is not known
    return doc

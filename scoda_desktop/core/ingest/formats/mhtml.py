"""MHTML (.mhtml, .mht): a page a browser saved as one file, read with the ``email`` package.

An MHTML file is a MIME message (RFC 2557): the page is the ``text/html`` part (the root of
the multipart/related), images and style sheets are the other parts and are ignored. Chrome
writes the page's address as ``Snapshot-Content-Location``, others as the HTML part's
``Content-Location``; the ``Date`` header is when it was saved.
"""

from __future__ import annotations

import email
from email import policy

from scoda_desktop.core.documents import Document
from scoda_desktop.core.ingest.formats.web import decode_page, iso_from_http


class MhtmlError(Exception):
    """Why an MHTML file gives no document."""


def _html_part(message):
    start = message.get_param("start", header="content-type")
    parts = [p for p in message.walk() if not p.is_multipart()]
    if start:
        for part in parts:
            if part.get("Content-ID", "").strip() == start.strip():
                return part
    for part in parts:
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            return part
    return None


def _header(message, name: str) -> str:
    """A header as text ("" when absent); a header with stray 8-bit bytes comes back from
    ``email`` as a Header object, not a str."""
    return str(message.get(name) or "").strip()


def read_mhtml(path: str, data: bytes) -> Document:
    """One MHTML file to a Document cleaned by the HTML path, with its url and save time."""
    try:
        return _read(path, data)
    except MhtmlError:
        raise
    except Exception as exc:  # noqa: BLE001 - the email parser's odd corners on damage
        raise MhtmlError(f"damaged MHTML file ({type(exc).__name__})") from exc


def _read(path: str, data: bytes) -> Document:
    from scoda_desktop.core.ingest.reader import clean_text

    message = email.message_from_bytes(data, policy=policy.compat32)
    if not message.is_multipart() and message.get_content_type() != "text/html":
        raise MhtmlError("not an MHTML page (no multipart message)")
    part = _html_part(message)
    if part is None:
        raise MhtmlError("no HTML part in the MHTML file")
    payload = part.get_payload(decode=True) or b""
    if not payload.strip():
        raise MhtmlError("empty HTML part")
    markup = decode_page(payload, part.get_content_charset())
    from scoda_desktop.core.ingest.formats.web import page_url

    url = (_header(message, "Snapshot-Content-Location")
           or _header(part, "Content-Location") or page_url(markup) or None)
    doc = clean_text(markup, path=path, html=True, url=url)
    doc.url = url
    doc.captured = iso_from_http(_header(message, "Date"))
    return doc

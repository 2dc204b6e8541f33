"""Web archives (WARC, ISO 28500, and the older ARC) read record by record with warcio.

Why warcio: it is the reference reader of the web-archiving community (Webrecorder, pywb),
Apache-2.0, pure Python (300 KB in the bundle, no compiled part to build), reads ARC as well as
WARC, gives each record's byte offset, and undoes chunked transfer and gzip/deflate content
encoding (brotli too, with the ``brotli`` package installed). FastWARC parses faster, but the
parsing is a small part of an import (cleaning and extraction are the rest) and it reads no ARC.

A file is streamed, never read whole: each record is read up to the size cap, and only
``response``/``resource`` records with an HTML or plain-text payload become documents. The
rest (images, scripts, style sheets, robots.txt, requests, revisits, errors) are skipped and
counted by reason. ``ArchiveReader.end`` is the byte offset up to which the file was read, so a
sync can read only the records a growing archive gained since.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from scoda_desktop.core.documents import Document
from scoda_desktop.core.ingest.formats.web import (
    DecodeError,
    charset_of,
    decode_page,
    iso_from_warc,
)

# warcio logs odd records it still reads; the user gets our reasons instead.
logging.getLogger("warcio").setLevel(logging.ERROR)

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_READ = 1 << 16
# Types a server sends when it does not say (the page is sniffed from its first bytes).
_UNTYPED = ("", "application/octet-stream", "unknown/unknown", "application/unknown")
_HTML_START = re.compile(
    rb"\s*(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
# Plain-text files every site has that are not articles.
_SITE_FILES = {"robots.txt", "ads.txt", "app-ads.txt", "humans.txt", "security.txt",
               "llms.txt"}


@dataclass(slots=True)
class Page:
    """One article record: the decoded payload and where it came from."""

    offset: int  # byte offset of the record in the file (of the decompressed stream for a
    # file gzipped whole; see ArchiveReader)
    url: str | None
    captured: str | None
    record_id: str
    text: str
    html: bool
    size: int  # payload bytes


@dataclass(slots=True)
class Skip:
    """A record that is not a document; ``reason`` is counted, not listed."""

    offset: int
    reason: str


class DamagedError(Exception):
    """The file stops being a readable archive here (cut short, or bytes that are no record)."""


def _damage(end: int, exc: BaseException) -> str:
    detail = re.sub(r"[^\x20-\x7e]+", " ", str(exc) or type(exc).__name__)
    detail = " ".join(detail.split())
    if len(detail) > 80:
        detail = detail[:77] + "..."
    return f"damaged archive after byte {end}: {detail}"


class _Brotli:
    """warcio's "br" content decoder for brotli >= 1.0 (the C ``Decompressor``): warcio
    sets an ``unused_data`` attribute on it, which that type refuses, so every br-encoded
    response failed."""

    unused_data = None

    def __init__(self) -> None:
        import brotli

        self._d = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        return self._d.process(data)

    def flush(self) -> bytes:
        return b""


def _iterator_class():
    """warcio's ArchiveIterator, quiet: it writes a warning to stderr for each record with a
    wrong Content-Length (our caller reports damage once, in the sync report)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import BufferedReader

    try:
        import brotli  # noqa: F401 - only whether it is there
    except ImportError:
        pass
    else:
        BufferedReader.DECOMPRESSORS["br"] = _Brotli

    class QuietIterator(ArchiveIterator):
        INC_RECORD = ""

    return QuietIterator


class ArchiveReader:
    """Iterate the records of one WARC/ARC file from byte ``start``: ``Page`` or ``Skip``.

    After the iteration, ``end`` is where the next record would begin (the file's size when
    read to the end) and ``damaged`` says why reading stopped early, if it did (the pages
    before it are still yielded). ``gzip_whole`` is True for a file gzipped as one stream
    instead of record by record: warcio refuses those, so they are read through Python's gzip
    and their offsets are offsets of the decompressed stream.
    """

    def __init__(self, path: str, start: int = 0, *, max_bytes: int,
                 gzip_whole: bool = False) -> None:
        self.path = path
        self.start = start
        self.max_bytes = max_bytes
        self.gzip_whole = gzip_whole
        self.end = start
        self.records = 0
        self.damaged: str | None = None

    def __iter__(self) -> Iterator[Page | Skip]:
        from warcio.exceptions import ArchiveLoadFailed

        try:
            yield from self._read(skip=0)
            return
        except (PermissionError, FileNotFoundError, IsADirectoryError) as exc:
            self.damaged = f"unreadable: {exc.strerror or exc}"
            return
        except ArchiveLoadFailed as exc:
            if "non-chunked" not in str(exc) or self.gzip_whole:
                self.damaged = _damage(self.end, exc)
                return
        except Exception as exc:  # noqa: BLE001 - zlib.error, EOFError, odd headers
            self.damaged = _damage(self.end, exc)
            return
        # a file gzipped whole: again through Python's gzip, skipping the records already given
        done = self.records
        self.gzip_whole, self.end, self.records = True, self.start, 0
        try:
            yield from self._read(skip=done)
        except Exception as exc:  # noqa: BLE001 - as above
            self.damaged = _damage(self.end, exc)

    def _read(self, skip: int) -> Iterator[Page | Skip]:
        # ARC parsing only for ARC files: in a WARC, a line of garbage would read as an ARC
        # record header instead of showing the damage
        arc = self.path.lower().endswith((".arc", ".arc.gz"))
        with open(self.path, "rb") as raw:
            fh = gzip.GzipFile(fileobj=raw) if self.gzip_whole else raw
            if self.start:
                fh.seek(self.start)
            it = _iterator_class()(fh, arc2warc=arc)
            for record in it:
                offset = it.offset
                if not arc and record.format != "warc":  # warcio guessed ARC: not a record
                    raise DamagedError(f"no WARC record at byte {offset}")
                self.records += 1
                item = None if self.records <= skip else self._item(record, offset)
                it.read_to_end()
                self.end = it.offset
                if item is not None:
                    yield item
            # warcio ends quietly at a record cut short; bytes left over after the last whole
            # record mean the file was truncated (a download or a crawl that stopped)
            if not self.gzip_whole and self.end < os.fstat(raw.fileno()).st_size:
                raise DamagedError("the file ends inside a record (truncated)")

    def _item(self, record, offset: int) -> Page | Skip:
        kind = record.rec_type
        if kind == "revisit":
            return Skip(offset, "revisit record (a capture of unchanged content)")
        if kind not in ("response", "resource"):
            return Skip(offset, f"{kind} record")
        url = record.rec_headers.get_header("WARC-Target-URI")
        scheme = urlsplit(url or "").scheme.lower()
        if scheme not in ("http", "https", "ftp", ""):
            # the crawler's own notes: wget's metadata://.../wget.log, dns:, urn:pageinfo
            return Skip(offset, f"crawler record ({scheme}:)")
        name = urlsplit(url or "").path.lower().rsplit("/", 1)[-1]
        if name in _SITE_FILES or (name.startswith("sitemap") and name.endswith(".txt")):
            return Skip(offset, "robots.txt" if name == "robots.txt" else "site file (not an "
                        "article)")
        http = record.http_headers
        if kind == "response" and http is not None:
            status = (http.get_statuscode() or "").strip()
            if not status.startswith("2"):
                return Skip(offset, f"HTTP status {status or 'missing'}")
            ctype = http.get_header("Content-Type")
        else:
            ctype = record.rec_headers.get_header("Content-Type")
        mime = (ctype or "").split(";")[0].strip().lower()
        if mime not in HTML_TYPES + TEXT_TYPES + _UNTYPED:
            return Skip(offset, f"not an article ({mime or 'no content type'})")
        length = int(record.rec_headers.get_header("Content-Length") or 0)
        if length > self.max_bytes:
            return Skip(offset, f"too large (over the {self.max_bytes >> 20} MB limit)")
        try:
            data = _read_capped(record.content_stream(), self.max_bytes)
        except Exception as exc:  # noqa: BLE001 - a bad gzip/br body spoils one record only
            return Skip(offset, f"content encoding could not be undone ({type(exc).__name__})")
        if data is None:
            return Skip(offset, f"too large (over the {self.max_bytes >> 20} MB limit)")
        if mime in _UNTYPED:  # no or a generic type: an HTML page says so in its first bytes
            if not _HTML_START.match(data[:1024]):
                return Skip(offset, f"not an article ({mime or 'no content type'})")
            mime = "text/html"
        if not data.strip():
            return Skip(offset, "empty record")
        try:
            text = decode_page(data, charset_of(ctype))
        except DecodeError:
            return Skip(offset, "not text (binary payload)")
        record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
        digest = hashlib.sha256(data).hexdigest()
        return Page(offset=offset, url=url,
                    captured=iso_from_warc(record.rec_headers.get_header("WARC-Date")),
                    record_id=record_id or f"{digest}@{offset}", text=text,
                    html=mime in HTML_TYPES, size=len(data))


def _read_capped(stream, max_bytes: int) -> bytes | None:
    """The decoded payload, or None past ``max_bytes`` (a gzip bomb stays a skipped record)."""
    parts, total = [], 0
    while True:
        block = stream.read(_READ)
        if not block:
            return b"".join(parts)
        total += len(block)
        if total > max_bytes:
            return None
        parts.append(block)


def record_id_hash(page: Page) -> str:
    """The document id of a record: its WARC-Record-ID (unique per capture) with its payload
    and its byte offset. Two captures of a page stay two documents (grouped as
    near-duplicates); the same record read again, also from a moved or copied file, is the
    same document; a record that moved inside a rewritten archive is filed again, so the
    offset ``show`` gives is never stale."""
    key = f"{page.record_id}\n{page.offset}\n{page.text}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def page_document(path: str, page: Page, mtime: float = 0.0) -> Document:
    """A record's payload through the same cleaner as a .html/.txt file, with provenance."""
    from scoda_desktop.core.ingest.reader import clean_text, document_id

    doc = clean_text(page.text, path=path, html=page.html, url=page.url or None)
    doc.sha256 = record_id_hash(page)
    doc.id = document_id(doc.sha256)
    doc.url = page.url or doc.url
    doc.captured = page.captured
    doc.record = page.offset
    doc.size, doc.mtime = page.size, mtime
    return doc


def archive_documents(path: str | os.PathLike, *, max_bytes: int
                      ) -> Iterator[Document | Skip | str]:
    """Every article of an archive as a Document (the ``clean`` command: no index); a
    ``Skip`` per record that is not one, and a ``str`` reason if the file is damaged."""
    path = os.path.abspath(path)
    reader = ArchiveReader(path, max_bytes=max_bytes)
    for item in reader:
        yield page_document(path, item) if isinstance(item, Page) else item
    if reader.damaged:
        yield reader.damaged
